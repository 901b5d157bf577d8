/*
 * Signal syscalls (man 2 of each): dispositions and masks (rt_sigaction,
 * rt_sigprocmask, sigaltstack), waiting (rt_sigsuspend, pause,
 * rt_sigtimedwait, rt_sigpending), sending (kill, tkill, tgkill,
 * rt_sigqueueinfo, rt_tgsigqueueinfo) and rt_sigreturn. Queues, delivery
 * and permission live in kern/signal.c and kern/sigframe.c.
 */
#include <string.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>

/* sa_flags bits Linux keeps; the others read back as 0 (sigaction(2)). */
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_KNOWN (LINUX_SA_NOCLDSTOP | LINUX_SA_NOCLDWAIT | LINUX_SA_SIGINFO | \
		  LINUX_SA_ONSTACK | LINUX_SA_RESTART | LINUX_SA_NODEFER | \
		  LINUX_SA_RESETHAND | SA_EXPOSE_TAGBITS | LINUX_SA_RESTORER)

SYSCALL_DEFINE(rt_sigaction)
{
	int sig = (int)a[0];
	struct linux_sigaction act, old;
	struct linux_sigaction *ka;

	if (a[3] != sizeof(linux_sigset_t))
		return -EINVAL;
	if (a[1] && copy_from_user(&act, a[1], sizeof(act)))
		return -EFAULT;
	if (!SIG_VALID(sig) || (a[1] && (SIG_UNBLOCKABLE & SIGBIT(sig))))
		return -EINVAL;
	ka = &current->sighand->action[sig - 1];
	old = *ka;
	old.sa_flags &= SA_KNOWN;
	if (a[1]) {
		act.sa_flags &= SA_KNOWN;
		act.sa_mask &= ~SIG_UNBLOCKABLE;
		*ka = act;
		/* Ignoring a pending signal discards it, in every thread (sigaction(2)). */
		if (act.sa_handler == LINUX_SIG_IGN ||
		    (act.sa_handler == LINUX_SIG_DFL && (SIG_DEFAULT_IGNORE & SIGBIT(sig))))
			signal_discard(current, sig);
	}
	if (a[2] && copy_to_user(a[2], &old, sizeof(old)))
		return -EFAULT;
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
		current->sigmask = set & ~SIG_UNBLOCKABLE;
	}
	if (a[2] && copy_to_user(a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
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

SYSCALL_DEFINE(pause)
{
	if (signal_pending(current))
		return -ERESTARTNOHAND;
	return sched_wait(NULL);
}

SYSCALL_DEFINE(rt_sigpending)
{
	/* Only the pending signals that are blocked (sigpending(2)). */
	linux_sigset_t set = signal_pending_set(current) & current->sigmask;

	if (a[1] > sizeof(linux_sigset_t))
		return -EINVAL;
	return copy_to_user(a[0], &set, a[1]) ? -EFAULT : 0;
}

/* Leave rt_sigtimedwait: the mask it had before, and ret. */
static long sigwait_end(long ret)
{
	current->sigmask = current->real_blocked;
	current->sigwaiting = false;
	return ret;
}

/*
 * rt_sigtimedwait(set, info, timeout, sigsetsize): while it waits, the
 * signals of set are unblocked so that they wake it, and it takes one
 * before any handler can run.
 */
SYSCALL_DEFINE(rt_sigtimedwait)
{
	struct linux_siginfo info;
	linux_sigset_t set;
	int sig;

	if (a[3] != sizeof(linux_sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, a[0], sizeof(set)))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (!current->restart_valid || !current->sigwaiting) {
		int64_t ns = -1;

		if (a[2]) {
			long err = timespec_from_user(a[2], &ns);

			if (err)
				return err;
		}
		current->restart.deadline_ns = ns < 0 ? -1 : ktime_mono_ns() + ns;
		current->real_blocked = current->sigmask;
		current->sigwaiting = true;
	}
	sig = dequeue_signal(current, set, &info);
	if (sig) {
		sigwait_end(0);
		if (a[1] && copy_to_user(a[1], &info, sizeof(info)))
			return -EFAULT;
		return sig;
	}
	if (current->restart.deadline_ns >= 0 && ktime_mono_ns() >= current->restart.deadline_ns)
		return sigwait_end(-EAGAIN);
	current->sigmask = current->real_blocked & ~set;
	/*
	 * Another signal (or a stop): the wait ends with EINTR and is never
	 * restarted, as on Linux (musl's sigtimedwait calls it again itself).
	 */
	if (signal_pending(current))
		return sigwait_end(-EINTR);
	if (current->restart.deadline_ns < 0)
		return sched_wait(NULL);
	return sched_wait_until(NULL, current->restart.deadline_ns);
}

SYSCALL_DEFINE(sigaltstack)
{
	struct linux_regs *regs = cpu->regs(current->cpu);
	uint64_t sp = regs ? regs->rsp : 0;
	struct linux_stack ss, old;
	int err;

	altstack_get(current, sp, &old);
	if (a[0] && copy_from_user(&ss, a[0], sizeof(ss)))
		return -EFAULT;
	if (a[0]) {
		err = altstack_set(current, sp, &ss);
		if (err)
			return err;
	}
	if (a[1] && copy_to_user(a[1], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* --- sending ------------------------------------------------------------------- */

/* The task with id tid, a zombie process included (it can still be signalled). */
static struct task *find_tid(int tid)
{
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->tid == tid && (t->state != TASK_DEAD || t->tid == t->tgid))
			return t;
	return NULL;
}

/* Send to the process of t (Linux's group_send_sig_info). */
static long group_send(struct task *t, int sig, const struct linux_siginfo *info)
{
	long err;

	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	err = kill_permission(t, sig);
	if (err || !sig || t->state == TASK_DEAD)
		return err;
	return send_signal_info(t, sig, info);
}

static void user_info(struct linux_siginfo *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->kill.pid = current->tgid;
	info->kill.uid = current->cred.uid;
}

/* A process by pid (any of its threads' ids), or -ESRCH. */
static long send_pid(int pid, int sig, const struct linux_siginfo *info)
{
	struct task *t = find_tid(pid);

	return t ? group_send(t, sig, info) : -ESRCH;
}

/*
 * kill(2): pid > 0 one process, 0 the caller's group, -1 everyone but init
 * and the caller, < -1 the group -pid.
 */
SYSCALL_DEFINE(kill)
{
	int pid = (int)a[0], sig = (int)a[1];
	struct linux_siginfo info;
	struct task *t, *next;
	long err, ret = -ESRCH;
	bool any = false;
	int pgid;

	user_info(&info, sig, LINUX_SI_USER);
	if (pid > 0)
		return send_pid(pid, sig, &info);
	if (pid == INT32_MIN)
		return -ESRCH;
	if (pid == -1) {
		/* As Linux: success if there was anyone, unless a non-EPERM error. */
		ret = 0;
		for (t = task_first(); t; t = next) {
			next = task_next(t);
			if (t->tid != t->tgid || t->tgid <= 1 || t->tgid == current->tgid)
				continue;
			any = true;
			err = group_send(t, sig, &info);
			if (err != -EPERM)
				ret = err;
		}
		return any ? ret : -ESRCH;
	}
	pgid = pid == 0 ? current->pgid : -pid;
	for (t = task_first(); t; t = next) {
		next = task_next(t);
		if (t->tid != t->tgid || t->pgid != pgid)
			continue;
		err = group_send(t, sig, &info);
		any |= !err;
		ret = err;
	}
	return any ? 0 : ret;
}

/* Send to the thread tid (of process tgid if > 0): Linux's do_send_specific. */
static long thread_send(int tgid, int tid, int sig, const struct linux_siginfo *info)
{
	struct task *t = find_tid(tid);
	long err;

	if (!t || (tgid > 0 && t->tgid != tgid))
		return -ESRCH;
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	err = kill_permission(t, sig);
	if (err || !sig || t->state == TASK_DEAD)
		return err;
	return send_thread_signal_info(t, sig, info);
}

SYSCALL_DEFINE(tkill)
{
	struct linux_siginfo info;

	if ((int)a[0] <= 0)
		return -EINVAL;
	user_info(&info, (int)a[1], LINUX_SI_TKILL);
	return thread_send(-1, (int)a[0], (int)a[1], &info);
}

SYSCALL_DEFINE(tgkill)
{
	struct linux_siginfo info;

	if ((int)a[0] <= 0 || (int)a[1] <= 0)
		return -EINVAL;
	user_info(&info, (int)a[2], LINUX_SI_TKILL);
	return thread_send((int)a[0], (int)a[1], (int)a[2], &info);
}

/*
 * The siginfo of rt_sigqueueinfo and rt_tgsigqueueinfo. Nobody may pass
 * for the kernel or for kill()/tkill() (si_code >= 0 or SI_TKILL) except
 * towards itself (rt_sigqueueinfo(2)).
 */
static long may_queue(const struct linux_siginfo *info, int target)
{
	if ((info->si_code >= 0 || info->si_code == LINUX_SI_TKILL) && target != current->tid)
		return -EPERM;
	return 0;
}

SYSCALL_DEFINE(rt_sigqueueinfo)
{
	struct linux_siginfo info;
	int pid = (int)a[0], sig = (int)a[1];
	long err;

	if (copy_from_user(&info, a[2], sizeof(info)))
		return -EFAULT;
	info.si_signo = sig;
	err = may_queue(&info, pid);
	if (err)
		return err;
	return pid > 0 ? send_pid(pid, sig, &info) : -ESRCH;
}

SYSCALL_DEFINE(rt_tgsigqueueinfo)
{
	struct linux_siginfo info;
	int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
	long err;

	if (copy_from_user(&info, a[3], sizeof(info)))
		return -EFAULT;
	info.si_signo = sig;
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	err = may_queue(&info, tid);
	if (err)
		return err;
	return thread_send(tgid, tid, sig, &info);
}
