/*
 * Process identity and lifetime syscalls that need no other process yet:
 * exit, exit_group, the get*id family, set_tid_address, arch_prctl,
 * set_robust_list, sched_yield, sched_getaffinity, and resource limits.
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
SYSCALL_DEFINE(getuid) { return current->cred.uid; }
SYSCALL_DEFINE(geteuid) { return current->cred.euid; }
SYSCALL_DEFINE(getgid) { return current->cred.gid; }
SYSCALL_DEFINE(getegid) { return current->cred.egid; }

static long put_ids(const uint64_t *a, uint32_t r, uint32_t e, uint32_t s)
{
	if (copy_to_user(a[0], &r, 4) || copy_to_user(a[1], &e, 4) || copy_to_user(a[2], &s, 4))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(getresuid)
{
	return put_ids(a, current->cred.uid, current->cred.euid, current->cred.suid);
}

SYSCALL_DEFINE(getresgid)
{
	return put_ids(a, current->cred.gid, current->cred.egid, current->cred.sgid);
}

SYSCALL_DEFINE(set_tid_address)
{
	current->clear_child_tid = a[0];
	return current->tid;
}

SYSCALL_DEFINE(sched_yield) { return 0; }

SYSCALL_DEFINE(sched_getaffinity)
{
	int pid = (int)a[0];
	uint64_t len = a[1], mask = 0;
	int n = host_ncpus();

	if (pid < 0)
		return -EINVAL;
	if (pid && !task_find(pid))
		return -ESRCH;
	if (len < sizeof(mask) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	for (int i = 0; i < n && i < 64; i++)
		mask |= 1ULL << i;
	if (copy_to_user(a[2], &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
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
		if (a[1] >= TASK_SIZE)
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

static long do_prlimit(int resource, uaddr_t unew, uaddr_t uold)
{
	struct linux_rlimit nl;

	if (resource < 0 || resource >= LINUX_RLIM_NLIMITS)
		return -EINVAL;
	if (unew) {
		if (copy_from_user(&nl, unew, sizeof(nl)))
			return -EFAULT;
		if (nl.rlim_cur > nl.rlim_max)
			return -EINVAL;
		if (nl.rlim_max > current->rlim[resource].rlim_max && current->cred.euid != 0)
			return -EPERM;
		if (resource == LINUX_RLIMIT_NOFILE && nl.rlim_max > 1048576)
			return -EPERM;
	}
	if (uold && copy_to_user(uold, &current->rlim[resource], sizeof(nl)))
		return -EFAULT;
	if (unew)
		current->rlim[resource] = nl;
	return 0;
}

SYSCALL_DEFINE(prlimit64)
{
	int pid = (int)a[0];

	if (pid < 0)
		return -EINVAL;
	if (pid && pid != current->tgid && !task_find(pid))
		return -ESRCH;
	return do_prlimit((int)a[1], a[2], a[3]);
}

SYSCALL_DEFINE(getrlimit)
{
	return do_prlimit((int)a[0], 0, a[1]);
}

SYSCALL_DEFINE(setrlimit)
{
	return do_prlimit((int)a[0], a[1], 0);
}
