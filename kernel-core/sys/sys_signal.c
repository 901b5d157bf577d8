/*
 * Signal state: rt_sigaction and rt_sigprocmask record what the guest asks
 * (man 2 rt_sigaction, sigprocmask). Delivery arrives with processes.
 */
#include <string.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>


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
	old = current->sighand->action[sig - 1];
	if (a[1]) {
		if (copy_from_user(&act, a[1], sizeof(act)))
			return -EFAULT;
		act.sa_mask &= ~SIG_UNBLOCKABLE;
	}
	if (a[2] && copy_to_user(a[2], &old, sizeof(old)))
		return -EFAULT;
	if (a[1]) {
		current->sighand->action[sig - 1] = act;
		/* Ignoring a pending signal discards it, in every thread (sigaction(2)). */
		if (act.sa_handler == LINUX_SIG_IGN ||
		    (act.sa_handler == LINUX_SIG_DFL && (SIG_DEFAULT_IGNORE & SIGBIT(sig)))) {
			for (struct task *t = task_first(); t; t = task_next(t))
				if (t->tgid == current->tgid)
					t->sigpending &= ~SIGBIT(sig);
		}
	}
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
		current->sigmask = set & ~SIG_UNBLOCKABLE;
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
		if (t->tid != t->tgid)
			continue;
		if (pid > 0 ? t->tgid != pid :
		    pid == 0 ? t->pgid != current->pgid :
		    pid == -1 ? (t->tgid == 1 || t == current) :
		    t->pgid != -pid)
			continue;
		found = true;	/* a zombie exists too: the signal just goes nowhere */
		if (sig && t->state != TASK_DEAD)
			send_signal(t, sig);
	}
	return found ? 0 : -ESRCH;
}


SYSCALL_DEFINE(rt_sigreturn)
{
	return signal_return(current);
}

SYSCALL_DEFINE(rt_sigsuspend)
{
	linux_sigset_t set;

	if (a[1] != sizeof(linux_sigset_t))
		return -EINVAL;
	if (!current->restart_valid) {
		if (copy_from_user(&set, a[0], sizeof(set)))
			return -EFAULT;
		current->saved_sigmask = current->sigmask;
		current->sigmask = set & ~SIG_UNBLOCKABLE;
		current->restore_sigmask = true;
	}
	if (signal_pending(current))
		return -ERESTARTNOHAND;
	return sched_wait(NULL);
}

SYSCALL_DEFINE(rt_sigpending)
{
	linux_sigset_t set = current->sigpending;

	if (a[1] > sizeof(linux_sigset_t))
		return -EINVAL;
	return copy_to_user(a[0], &set, a[1]) ? -EFAULT : 0;
}

SYSCALL_DEFINE(sigaltstack)
{
	struct linux_stack ss, old = current->altstack;
	struct linux_regs *regs = cpu->regs(current->cpu);
	bool on = regs && old.ss_size && regs->rsp > old.ss_sp &&
		  regs->rsp <= old.ss_sp + old.ss_size;

	if (!old.ss_size)
		old.ss_flags = LINUX_SS_DISABLE;
	else if (on)
		old.ss_flags = LINUX_SS_ONSTACK;
	if (a[0]) {
		if (copy_from_user(&ss, a[0], sizeof(ss)))
			return -EFAULT;
		if (on)
			return -EPERM;
		if ((ss.ss_flags & ~(LINUX_SS_AUTODISARM | LINUX_SS_ONSTACK | LINUX_SS_DISABLE)) ||
		    (ss.ss_flags & LINUX_SS_ONSTACK && ss.ss_flags & LINUX_SS_DISABLE))
			return -EINVAL;
	}
	if (a[1] && copy_to_user(a[1], &old, sizeof(old)))
		return -EFAULT;
	if (a[0]) {
		if (ss.ss_flags & LINUX_SS_DISABLE) {
			memset(&current->altstack, 0, sizeof(current->altstack));
		} else {
			if (ss.ss_size < LINUX_MINSIGSTKSZ)
				return -ENOMEM;
			current->altstack = ss;
			current->altstack.ss_flags = 0;
		}
	}
	return 0;
}

static long thread_kill(int tgid, int tid, int sig)
{
	struct task *t;
	struct linux_siginfo info;

	if (sig < 0 || sig > LINUX_NSIG || tid <= 0)
		return -EINVAL;
	t = task_find(tid);
	if (!t || (tgid > 0 && t->tgid != tgid))
		return -ESRCH;
	if (!sig)
		return 0;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = LINUX_SI_TKILL;
	info.kill.pid = current->tgid;
	info.kill.uid = current->cred.uid;
	send_signal_info(t, sig, &info);
	return 0;
}

SYSCALL_DEFINE(tkill)
{
	return thread_kill(-1, (int)a[0], (int)a[1]);
}

SYSCALL_DEFINE(tgkill)
{
	if ((int)a[0] <= 0)
		return -EINVAL;
	return thread_kill((int)a[0], (int)a[1], (int)a[2]);
}
