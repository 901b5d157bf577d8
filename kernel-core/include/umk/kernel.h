/*
 * Boot and the kernel's main loop.
 */
#ifndef UMK_KERNEL_H
#define UMK_KERNEL_H

#include <umk/types.h>
#include <uapi/linux_signal.h>

struct task;

#define BOOT_MAX_DISKS 16

struct boot_params {
	uint64_t mem;		/* guest RAM in bytes */
	int physmem_fd;		/* the memfd behind guest RAM, mem bytes long */
	const char *initrd;	/* host path of the cpio archive, or NULL */
	const char *init;	/* init's path in the guest */
	char **init_args;	/* argv[1..] for init, NULL-terminated */
	bool trace;		/* --trace */
	int cpus;		/* --cpus: host CPUs guest threads may use (0: all) */
	int home_cpu;		/* the host CPU umk runs on */
	/* disk N (ubdN, /dev/ubd<a+N>): host image path (NULL: none) */
	struct { const char *path; bool read_only; } disks[BOOT_MAX_DISKS];
	const char *root;	/* root device (--root, root=); NULL: the default */
	int root_rw;		/* 1 rw, 0 ro, -1 not said (as the root disk) */
};

/* Guest thread placement (kern/fork.c): CPUs in use and umk's own. */
extern int kernel_ncpus, kernel_home_cpu;

/*
 * Boot the guest and run it until init exits. Returns umk's exit status:
 * init's, or 128+N if signal N killed it; 1 if the guest could not boot.
 */
int kernel_main(const struct boot_params *bp);

/* Stop every guest process and leave with status (oops and fatal errors). */
_Noreturn void kernel_halt(int status);
/* Write back every file system, then kernel_halt(status) (sys/sys_reboot.c). */
_Noreturn void kernel_power_off(int status);

/* The trap loop: handle guest traps and events until init is gone. */
void trap_loop(void);

/* Set when init has exited; holds umk's exit status. */
extern bool init_exited;
extern int init_status;

/*
 * Task exit: t becomes a zombie with the given wait status; its memory,
 * files and host process go, its children go to init, and its parent is
 * woken. (kern/exit.c)
 */
void task_exit(struct task *t, int wait_status);
/* exit(2) of one thread: the process ends with its last thread. */
void thread_exit(struct task *t, int wait_status);
/* Free the threads that exited since the last call (trap loop). */
void task_reap_released(void);

/* Let a stopped task run guest code (trap loop). */
void kernel_start_task(struct task *t);

/* Guest threads whose host thread runs right now. */
extern int nr_running;

/*
 * Signals (kern/signal.c). send_signal() queues sig for t with a SI_USER
 * siginfo from current (send_signal_info: with the given one), wakes t if
 * it sleeps, or kicks its host thread if it runs. Init gets no signal it
 * does not handle. Ignored signals are dropped at once.
 */
struct linux_siginfo;
#define SIGBIT(sig) (1ULL << ((sig) - 1))
/* never blocked, never caught */
#define SIG_UNBLOCKABLE (SIGBIT(LINUX_SIGKILL) | SIGBIT(LINUX_SIGSTOP))
/* whose default action is to do nothing */
#define SIG_DEFAULT_IGNORE (SIGBIT(LINUX_SIGCHLD) | SIGBIT(LINUX_SIGCONT) | \
			    SIGBIT(LINUX_SIGURG) | SIGBIT(LINUX_SIGWINCH))
void send_signal(struct task *t, int sig);
void send_signal_info(struct task *t, int sig, const struct linux_siginfo *info);
/* A synchronous fault: delivered even if blocked or ignored (then fatal). */
void force_signal_fault(struct task *t, int sig, int code, uint64_t addr);
/*
 * Take t's lowest pending signal in mask, blocked or not (signalfd):
 * its number with its siginfo in *info, or 0.
 */
int signal_dequeue(struct task *t, linux_sigset_t mask, struct linux_siginfo *info);
/* Is a signal deliverable to t now? */
bool signal_pending(struct task *t);
/*
 * Before t returns to guest code: settle an interrupted syscall and run
 * the default action or set up the handler frame of one pending signal.
 * Returns false if t died.
 */
bool signal_deliver(struct task *t);
/* rt_sigreturn: restore the context saved in the frame at rsp. */
long signal_return(struct task *t);

#endif
