/*
 * Boot and the kernel's main loop.
 */
#ifndef UMK_KERNEL_H
#define UMK_KERNEL_H

#include <umk/types.h>

struct task;

struct boot_params {
	uint64_t mem;		/* guest RAM in bytes */
	int physmem_fd;		/* the memfd behind guest RAM, mem bytes long */
	const char *initrd;	/* host path of the cpio archive, or NULL */
	const char *init;	/* init's path in the guest */
	char **init_args;	/* argv[1..] for init, NULL-terminated */
	bool trace;		/* --trace */
};

/*
 * Boot the guest and run it until init exits. Returns umk's exit status:
 * init's, or 128+N if signal N killed it; 1 if the guest could not boot.
 */
int kernel_main(const struct boot_params *bp);

/* Stop every guest process and leave with status (oops and fatal errors). */
_Noreturn void kernel_halt(int status);

/* The trap loop: handle guest traps and events until init is gone. */
void trap_loop(void);

/* Set when init has exited; holds umk's exit status. */
extern bool init_exited;
extern int init_status;

/* Task exit: mark t dead with the given wait status and release its mm. */
void task_exit(struct task *t, int wait_status);

#endif
