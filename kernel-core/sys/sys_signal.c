/*
 * Signal state: rt_sigaction and rt_sigprocmask record what the guest asks
 * (man 2 rt_sigaction, sigprocmask). Delivery arrives with processes.
 */
#include <umk/errno.h>
#include <umk/kernel.h>
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

/*
 * kill(2): pid > 0 one process, 0 the caller's group, -1 everyone but init
 * and the caller, < -1 the group -pid.
 */
SYSCALL_DEFINE(kill)
{
	int pid = (int)a[0], sig = (int)a[1];
	struct task *t, *next;
	bool found = false;

	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	for (t = task_first(); t; t = next) {
		next = task_next(t);
		if (t->state == TASK_DEAD || t->tid != t->tgid)
			continue;
		if (pid > 0 ? t->tgid != pid :
		    pid == 0 ? t->pgid != current->pgid :
		    pid == -1 ? (t->tgid == 1 || t == current) :
		    t->pgid != -pid)
			continue;
		found = true;
		if (sig)
			send_signal(t, sig);
	}
	return found ? 0 : -ESRCH;
}
