/*
 * Process identity and lifetime syscalls that need no other process yet:
 * exit, exit_group, getpid and friends, set_tid_address, arch_prctl,
 * set_robust_list.
 */
#include <string.h>

#include <host/host.h>
#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

SYSCALL_DEFINE(exit)
{
	thread_exit(current, ((int)a[0] & 0xff) << 8);
	return 0;
}

SYSCALL_DEFINE(exit_group)
{
	task_exit(current, ((int)a[0] & 0xff) << 8);
	return 0;
}

SYSCALL_DEFINE(getpid) { return current->tgid; }
SYSCALL_DEFINE(getppid) { return current->ppid; }
SYSCALL_DEFINE(gettid) { return current->tid; }

SYSCALL_DEFINE(set_tid_address)
{
	current->clear_child_tid = a[0];
	return current->tid;
}

SYSCALL_DEFINE(arch_prctl)
{
	struct linux_regs *regs = cpu->regs(current->cpu);
	uint64_t v;

	if (!regs)
		return -EIO;
	switch (a[0]) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (a[1] >= TASK_SIZE_MAX)	/* any user address, even above umk's mappings */
			return -EPERM;
		if (a[0] == ARCH_SET_FS)
			regs->fs_base = a[1];
		else
			regs->gs_base = a[1];
		cpu->regs_changed(current->cpu);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		v = a[0] == ARCH_GET_FS ? regs->fs_base : regs->gs_base;
		return copy_to_user(a[1], &v, sizeof(v)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
