/*
 * Scheduling knobs: nice values (getpriority(2)), policies and priorities
 * (sched_setscheduler(2)), CPU affinity (sched_setaffinity(2)), getcpu and
 * sched_yield. umk stores what the guest asks for and reports it back, as
 * Linux would; its own scheduling of guest threads does not change.
 */
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_resource.h>

#define RR_INTERVAL_NS 100000000LL	/* SCHED_RR time slice: 100 ms */
#define MAX_RT_PRIO 99
/* sched_getaffinity copies at most this much of its mask (64 CPUs). */
#define CPUMASK_SIZE 8

SYSCALL_DEFINE(sched_yield) { return 0; }

/* --- nice -------------------------------------------------------------- */

/* The caller may change t at all: same user, or CAP_SYS_NICE. */
static bool same_owner(const struct task *t)
{
	const struct cred *c = &current->cred;

	return t->cred.uid == c->euid || t->cred.euid == c->euid || capable(CAP_SYS_NICE);
}

/* Lowering t's nice to nice is allowed by RLIMIT_NICE or CAP_SYS_NICE. */
static bool can_nice(const struct task *t, int nice)
{
	return t->rlim[LINUX_RLIMIT_NICE].rlim_cur >= (uint64_t)(20 - nice) ||
	       capable(CAP_SYS_NICE);
}

/* Does t match which/who (who already defaulted)? */
static bool prio_match(const struct task *t, int which, int who)
{
	if (t->state == TASK_DEAD)
		return false;
	switch (which) {
	case LINUX_PRIO_PROCESS:
		return t->tid == who;
	case LINUX_PRIO_PGRP:
		return t->pgid == who;
	default:
		return t->cred.uid == (uint32_t)who;
	}
}

static long prio_who(int which, int who)
{
	if (which < LINUX_PRIO_PROCESS || which > LINUX_PRIO_USER)
		return -EINVAL;
	if (who)
		return who;
	if (which == LINUX_PRIO_PROCESS)
		return current->tid;
	return which == LINUX_PRIO_PGRP ? current->pgid : (long)current->cred.uid;
}

SYSCALL_DEFINE(getpriority)
{
	int which = (int)a[0];
	long who = prio_who(which, (int)a[1]);
	long best = -ESRCH;

	if (who == -EINVAL)
		return who;
	for (struct task *t = task_first(); t; t = task_next(t))
		if (prio_match(t, which, (int)who) && 20 - t->ident.nice > best)
			best = 20 - t->ident.nice;
	return best;
}

SYSCALL_DEFINE(setpriority)
{
	int which = (int)a[0], nice = (int)a[2];
	long who = prio_who(which, (int)a[1]);
	long err = -ESRCH;

	if (who == -EINVAL)
		return who;
	nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	for (struct task *t = task_first(); t; t = task_next(t)) {
		if (!prio_match(t, which, (int)who))
			continue;
		if (!same_owner(t)) {
			err = -EPERM;
			continue;
		}
		if (nice < t->ident.nice && !can_nice(t, nice)) {
			err = -EACCES;
			continue;
		}
		if (err == -ESRCH)
			err = 0;
		t->ident.nice = nice;
	}
	return err;
}

/* --- policies ------------------------------------------------------------ */

static bool rt_policy(int policy)
{
	return policy == LINUX_SCHED_FIFO || policy == LINUX_SCHED_RR;
}

static long prio_max(int policy)
{
	switch (policy) {
	case LINUX_SCHED_FIFO:
	case LINUX_SCHED_RR:
		return MAX_RT_PRIO;
	case LINUX_SCHED_NORMAL:
	case LINUX_SCHED_BATCH:
	case LINUX_SCHED_IDLE:
	case LINUX_SCHED_DEADLINE:
	case LINUX_SCHED_EXT:
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE(sched_get_priority_max) { return prio_max((int)a[0]); }

SYSCALL_DEFINE(sched_get_priority_min)
{
	long r = prio_max((int)a[0]);

	return r > 0 ? 1 : r;
}

/* The task a sched_* call names: pid 0 is the caller; negative -EINVAL. */
static struct task *sched_target(int pid, long *err)
{
	struct task *t = pid ? task_find(pid) : current;

	*err = pid < 0 ? -EINVAL : t ? 0 : -ESRCH;
	return *err ? NULL : t;
}

/* sched_setscheduler with policy -1: keep the policy (sched_setparam). */
static long set_scheduler(int pid, int policy, uaddr_t uparam)
{
	struct linux_sched_param sp;
	struct task *t;
	bool reset;
	long err;

	if (pid < 0 || !uparam)
		return -EINVAL;
	if (copy_from_user(&sp, uparam, sizeof(sp)))
		return -EFAULT;
	t = sched_target(pid, &err);
	if (!t)
		return err;
	if (policy < 0) {
		policy = t->ident.policy & ~LINUX_SCHED_RESET_ON_FORK;
		reset = t->ident.policy & LINUX_SCHED_RESET_ON_FORK;
	} else {
		reset = policy & LINUX_SCHED_RESET_ON_FORK;
		policy &= ~LINUX_SCHED_RESET_ON_FORK;
	}
	/* SCHED_DEADLINE needs sched_setattr's parameters. */
	if (prio_max(policy) < 0 || policy == LINUX_SCHED_DEADLINE)
		return -EINVAL;
	if (sp.sched_priority < 0 || sp.sched_priority > prio_max(policy) ||
	    (rt_policy(policy) && sp.sched_priority == 0))
		return -EINVAL;
	if (!capable(CAP_SYS_NICE)) {
		uint64_t rtprio = t->rlim[LINUX_RLIMIT_RTPRIO].rlim_cur;
		int cur = t->ident.policy & ~LINUX_SCHED_RESET_ON_FORK;

		if (rt_policy(policy)) {
			if (policy != cur && !rtprio)
				return -EPERM;
			if (sp.sched_priority > t->ident.rt_priority &&
			    (uint64_t)sp.sched_priority > rtprio)
				return -EPERM;
		}
		/* SCHED_IDLE counts as nice 20: leaving it takes RLIMIT_NICE. */
		if (cur == LINUX_SCHED_IDLE && policy != LINUX_SCHED_IDLE &&
		    !can_nice(t, t->ident.nice))
			return -EPERM;
		if (!same_owner(t))
			return -EPERM;
		if ((t->ident.policy & LINUX_SCHED_RESET_ON_FORK) && !reset)
			return -EPERM;
	}
	t->ident.policy = policy | (reset ? LINUX_SCHED_RESET_ON_FORK : 0);
	t->ident.rt_priority = sp.sched_priority;
	return 0;
}

SYSCALL_DEFINE(sched_setscheduler)
{
	if ((int)a[1] < 0)
		return -EINVAL;
	return set_scheduler((int)a[0], (int)a[1], a[2]);
}

SYSCALL_DEFINE(sched_setparam)
{
	return set_scheduler((int)a[0], -1, a[1]);
}

SYSCALL_DEFINE(sched_getscheduler)
{
	long err;
	struct task *t = sched_target((int)a[0], &err);

	return t ? t->ident.policy : err;
}

SYSCALL_DEFINE(sched_getparam)
{
	struct linux_sched_param sp;
	struct task *t;
	long err;

	if (!a[1])
		return -EINVAL;
	t = sched_target((int)a[0], &err);
	if (!t)
		return err;
	sp.sched_priority = t->ident.rt_priority;
	return copy_to_user(a[1], &sp, sizeof(sp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(sched_rr_get_interval)
{
	struct linux_timespec ts = { 0, 0 };
	long err;
	struct task *t = sched_target((int)a[0], &err);

	if (!t)
		return err;
	if ((t->ident.policy & ~LINUX_SCHED_RESET_ON_FORK) == LINUX_SCHED_RR)
		ts.tv_nsec = RR_INTERVAL_NS;
	return copy_to_user(a[1], &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* --- affinity ------------------------------------------------------------ */

static uint64_t online_mask(void)
{
	int n = guest_ncpus();

	return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

/* Affinity calls name any thread; a negative pid is nobody (ESRCH). */
static struct task *affinity_target(int pid)
{
	return pid < 0 ? NULL : pid ? task_find(pid) : current;
}

SYSCALL_DEFINE(sched_getaffinity)
{
	uint64_t len = a[1];
	struct task *t;
	uint8_t buf[CPUMASK_SIZE];
	size_t n;

	if (len * 8 < (uint64_t)guest_ncpus() || (len & (sizeof(long) - 1)))
		return -EINVAL;
	t = affinity_target((int)a[0]);
	if (!t)
		return -ESRCH;
	n = len < CPUMASK_SIZE ? len : CPUMASK_SIZE;
	memcpy(buf, &t->ident.affinity, sizeof(buf));
	return copy_to_user(a[2], buf, n) ? -EFAULT : (long)n;
}

SYSCALL_DEFINE(sched_setaffinity)
{
	uint64_t len = a[1], mask = 0;
	struct task *t;

	if (copy_from_user(&mask, a[2], len < sizeof(mask) ? len : sizeof(mask)))
		return -EFAULT;
	t = affinity_target((int)a[0]);
	if (!t)
		return -ESRCH;
	if (!same_owner(t))
		return -EPERM;
	mask &= online_mask();
	if (!mask)
		return -EINVAL;
	t->ident.affinity = mask;
	return 0;
}

SYSCALL_DEFINE(getcpu)
{
	uint64_t m = current->ident.affinity & online_mask();
	uint32_t cpu_nr = 0, node = 0;

	while (m && !(m & 1)) {
		m >>= 1;
		cpu_nr++;
	}
	if (a[0] && copy_to_user(a[0], &cpu_nr, sizeof(cpu_nr)))
		return -EFAULT;
	if (a[1] && copy_to_user(a[1], &node, sizeof(node)))
		return -EFAULT;
	return 0;
}
