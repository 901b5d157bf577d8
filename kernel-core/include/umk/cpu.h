/*
 * The CPU seam: running guest code on host threads.
 *
 * kernel-core defines this interface; arch-um implements it (the ptrace
 * back end today). A cpu_mm is one host address space, a cpu_thread one
 * host thread in it. The kernel resumes threads and then collects one
 * outcome at a time from whichever thread traps next:
 *
 *   CPU_SYSCALL      the thread executed a syscall instruction (not run by
 *                    the host); nr and args are filled in. compat marks a
 *                    non-64-bit entry (int 0x80 and the like).
 *   CPU_FAULT        a synchronous fault: signo (SIGSEGV, SIGBUS, SIGILL,
 *                    SIGFPE, SIGTRAP), si_code and addr from the host.
 *   CPU_SIGNAL       an asynchronous host signal stopped the thread.
 *   CPU_INTERRUPTED  the wait was interrupted by a kernel event (irq, timer);
 *                    no thread is involved.
 *   CPU_EXITED       the host thread is gone (killed behind umk's back).
 *
 * A thread that reported an outcome stays stopped until the kernel resumes
 * it. Its registers may be read and changed while it is stopped.
 */
#ifndef UMK_CPU_H
#define UMK_CPU_H

#include <umk/mm.h>
#include <umk/types.h>
#include <uapi/linux_ptrace.h>

struct cpu_mm;
struct cpu_thread;

enum cpu_outcome {
	CPU_SYSCALL,
	CPU_FAULT,
	CPU_SIGNAL,
	CPU_INTERRUPTED,
	CPU_EXITED,
};

struct cpu_event {
	enum cpu_outcome kind;
	struct cpu_thread *thread;
	/* CPU_SYSCALL */
	uint64_t nr;
	uint64_t args[6];
	bool compat;
	/* CPU_FAULT, CPU_SIGNAL */
	int signo;
	int si_code;
	uint64_t addr;
	/* CPU_EXITED: host wait status */
	int status;
};

struct cpu_ops {
	const char *name;

	/*
	 * Start a new host address space holding nothing the guest can see.
	 * data/data_off: the mm's control page (umk's pointer and its physmem
	 * offset), which the host process maps read-only. Returns 0 with the
	 * stopped main thread, or -errno.
	 */
	int (*mm_create)(struct cpu_mm **mm, struct cpu_thread **main,
			 void *data, uint64_t data_off);
	/* Kill the host process and free everything. */
	void (*mm_destroy)(struct cpu_mm *mm);
	/*
	 * Apply host-mapping changes, running the stub on via (a stopped
	 * thread of mm) or, if NULL or running, on any stopped thread.
	 * 0 or -errno (the mm is then unusable).
	 */
	int (*mm_apply)(struct cpu_mm *mm, struct cpu_thread *via,
			const struct host_map_op *ops, unsigned n);
	/* mm has a stopped thread, so mm_apply can run now. */
	bool (*mm_stopped)(struct cpu_mm *mm);

	/*
	 * A new host thread in mm's process (threads, vfork), created through
	 * the stopped thread via; it starts stopped, registers to be set.
	 */
	int (*thread_create)(struct cpu_mm *mm, struct cpu_thread *via,
			     struct cpu_thread **t);
	/* The guest thread on t is gone: end the host thread (or park it). */
	void (*thread_exit)(struct cpu_thread *t);

	/* Let a stopped thread run guest code until its next outcome. */
	int (*resume)(struct cpu_thread *t);
	/*
	 * Wait for the next outcome. Returns 0, -EAGAIN when the back end took
	 * a host event for itself (or, with block false, none is ready): call
	 * again; or -errno (-ECHILD: nothing runs).
	 */
	int (*wait)(struct cpu_event *ev, bool block);

	/* The stopped thread's registers, fetched on first use. */
	struct linux_regs *(*regs)(struct cpu_thread *t);
	/* The registers were changed: write them back before resuming. */
	void (*regs_changed)(struct cpu_thread *t);
	/*
	 * The thread's FPU/SSE/AVX state in XSAVE layout (what a signal frame
	 * holds): get fills buf (size bytes) and returns the length used;
	 * set loads it back, -EINVAL if the host refuses it. -errno on error.
	 */
	long (*get_fpu)(struct cpu_thread *t, void *buf, size_t size);
	int (*set_fpu)(struct cpu_thread *t, const void *buf, size_t len);
	/* Make a running thread trap soon (CPU_SIGNAL), to deliver a signal. */
	void (*kick)(struct cpu_thread *t);
	/* Give dst the FPU/SSE/AVX state of src (fork, clone). 0 or -errno. */
	int (*copy_fpu)(struct cpu_thread *dst, struct cpu_thread *src);
	/* Set the syscall return value (rax). */
	void (*set_return)(struct cpu_thread *t, uint64_t val);

	/* The kernel object (struct task) bound to a thread. */
	void (*set_owner)(struct cpu_thread *t, void *owner);
	void *(*owner)(struct cpu_thread *t);

	/* Run t only on host CPU nr (placement of guest threads). */
	void (*place)(struct cpu_thread *t, int nr);
	/* Kill every host process of the guest at once (halt, oops). */
	void (*halt)(void);

	/*
	 * CPU time the host thread has used: total, user and system ns.
	 * 0 or -errno (the thread is gone).
	 */
	int (*cputime)(struct cpu_thread *t, int64_t *sum, int64_t *utime, int64_t *stime);

	/* AT_HWCAP and AT_HWCAP2 for the guest's auxiliary vector. */
	void (*hwcap)(uint64_t *hwcap, uint64_t *hwcap2);
};

/* The back end in use, set by arch-um before the kernel boots. */
extern const struct cpu_ops *cpu;

#endif
