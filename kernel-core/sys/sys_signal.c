/*
 * Signal state: rt_sigaction and rt_sigprocmask record what the guest asks
 * (man 2 rt_sigaction, sigprocmask). Delivery arrives with processes.
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>

#define UNBLOCKABLE ((1ULL << (LINUX_SIGKILL - 1)) | (1ULL << (LINUX_SIGSTOP - 1)))

SYSCALL_DEFINE(rt_sigaction)
{
	int sig = (int)a[0];
	struct linux_sigaction act, old;

	if (a[3] != sizeof(linux_sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > LINUX_NSIG)
		return -EINVAL;
	if (a[1] && (sig == LINUX_SIGKILL || sig == LINUX_SIGSTOP))
		return -EINVAL;
	old = current->sigaction[sig - 1];
	if (a[1]) {
		if (copy_from_user(&act, a[1], sizeof(act)))
			return -EFAULT;
		act.sa_mask &= ~UNBLOCKABLE;
	}
	if (a[2] && copy_to_user(a[2], &old, sizeof(old)))
		return -EFAULT;
	if (a[1])
		current->sigaction[sig - 1] = act;
	return 0;
}

SYSCALL_DEFINE(rt_sigprocmask)
{
	int how = (int)a[0];
	linux_sigset_t set, old = current->sigmask;

	if (a[3] != sizeof(linux_sigset_t))
		return -EINVAL;
	if (a[1]) {
		if (copy_from_user(&set, a[1], sizeof(set)))
			return -EFAULT;
		switch (how) {
		case LINUX_SIG_BLOCK:
			set = old | set;
			break;
		case LINUX_SIG_UNBLOCK:
			set = old & ~set;
			break;
		case LINUX_SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
	}
	if (a[2] && copy_to_user(a[2], &old, sizeof(old)))
		return -EFAULT;
	if (a[1])
		current->sigmask = set & ~UNBLOCKABLE;
	return 0;
}
