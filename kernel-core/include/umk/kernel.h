/*
 * Boot and the kernel's main loop.
 */
#ifndef UMK_KERNEL_H
#define UMK_KERNEL_H

#include <umk/types.h>
#include <uapi/linux_signal.h>
#include <umk/signal.h>

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
/* The leader of t's thread group (t itself for a process's first thread). */
struct task *task_group_leader(struct task *t);
/*
 * execve's point of no return, with t's new image loaded: every other
 * thread of the process goes; returns the task that runs the image, which
 * is the group leader (with t's state) if t was not it. (kern/exit.c)
 */
struct task *exec_de_thread(struct task *t);
/* Free the threads that exited since the last call (trap loop). */
void task_reap_released(void);

/* Let a stopped task run guest code (trap loop). */
void kernel_start_task(struct task *t);

/* Guest threads whose host thread runs right now. */
extern int nr_running;

/* Signals: umk/signal.h. */

#endif
