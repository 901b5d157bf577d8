/*
 * Resource limits and usage: getrlimit, setrlimit, prlimit64
 * (getrlimit(2)), getrusage (getrusage(2)), times (times(2)) and sysinfo
 * (sysinfo(2)). Limits are per process: a change reaches every thread.
 * CPU times come from kern/acct.c.
 */
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs.h>
#include <uapi/linux_resource.h>

/* /proc/sys/fs/nr_open: RLIMIT_NOFILE can never go above it. */
#define NR_OPEN 1048576

/*
 * Replace (new) and/or return (old) limit resource of t's process, as
 * do_prlimit() does: 0 or -errno.
 */
static long do_prlimit(struct task *t, unsigned resource, const struct linux_rlimit *nl,
		       struct linux_rlimit *old)
{
	const struct linux_rlimit *cur;

	if (resource >= LINUX_RLIM_NLIMITS)
		return -EINVAL;
	cur = &t->rlim[resource];
	if (nl) {
		if (nl->rlim_cur > nl->rlim_max)
			return -EINVAL;
		if (resource == LINUX_RLIMIT_NOFILE && nl->rlim_max > NR_OPEN)
			return -EPERM;
		if (nl->rlim_max > cur->rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
	}
	if (old)
		*old = *cur;
	if (nl)
		for (struct task *u = task_first(); u; u = task_next(u))
			if (u->tgid == t->tgid)
				u->rlim[resource] = *nl;
	return 0;
}

/* Another process's limits: same real, effective and saved ids, or the capability. */
static bool may_prlimit(struct task *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (t->tgid == current->tgid)
		return true;
	if (c->uid == tc->uid && c->uid == tc->euid && c->uid == tc->suid &&
	    c->gid == tc->gid && c->gid == tc->egid && c->gid == tc->sgid)
		return true;
	return capable(CAP_SYS_RESOURCE);
}

SYSCALL_DEFINE(prlimit64)
{
	int pid = (int)a[0];
	struct linux_rlimit nl, old;
	struct task *t = current;
	long err;

	if (a[2] && copy_from_user(&nl, a[2], sizeof(nl)))
		return -EFAULT;
	if (pid) {
		t = task_find(pid);
		if (!t)
			return -ESRCH;
	}
	if (!may_prlimit(t))
		return -EPERM;
	err = do_prlimit(t, (unsigned)a[1], a[2] ? &nl : NULL, a[3] ? &old : NULL);
	if (err)
		return err;
	if (a[3] && copy_to_user(a[3], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(getrlimit)
{
	struct linux_rlimit old;
	long err = do_prlimit(current, (unsigned)a[0], NULL, &old);

	if (err)
		return err;
	return copy_to_user(a[1], &old, sizeof(old)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(setrlimit)
{
	struct linux_rlimit nl;

	if (copy_from_user(&nl, a[1], sizeof(nl)))
		return -EFAULT;
	return do_prlimit(current, (unsigned)a[0], &nl, NULL);
}

SYSCALL_DEFINE(getrusage)
{
	int who = (int)a[0];
	struct linux_rusage ru;
	struct cputime ct;

	switch (who) {
	case LINUX_RUSAGE_SELF:
		acct_process(current, &ct);
		break;
	case LINUX_RUSAGE_THREAD:
		acct_thread(current, &ct);
		break;
	case LINUX_RUSAGE_CHILDREN:
		ct = task_group_leader(current)->ident.children;
		break;
	default:
		return -EINVAL;
	}
	cputime_to_rusage(&ct, &ru);
	if (who != LINUX_RUSAGE_CHILDREN && current->mm)
		ru.ru_maxrss = (int64_t)(current->mm->rss_pages * (PAGE_SIZE / 1024));
	return copy_to_user(a[1], &ru, sizeof(ru)) ? -EFAULT : 0;
}

static int64_t ns_to_ticks(int64_t ns)
{
	return ns / (NSEC_PER_SEC / LINUX_USER_HZ);
}

SYSCALL_DEFINE(times)
{
	struct linux_tms tms;
	struct cputime self, *ch = &task_group_leader(current)->ident.children;

	if (a[0]) {
		acct_process(current, &self);
		tms.tms_utime = ns_to_ticks(self.utime);
		tms.tms_stime = ns_to_ticks(self.stime);
		tms.tms_cutime = ns_to_ticks(ch->utime);
		tms.tms_cstime = ns_to_ticks(ch->stime);
		if (copy_to_user(a[0], &tms, sizeof(tms)))
			return -EFAULT;
	}
	/* Clock ticks since an arbitrary point: boot. */
	return ns_to_ticks(ktime_mono_ns());
}

SYSCALL_DEFINE(sysinfo)
{
	struct linux_sysinfo si;
	int64_t up = ktime_mono_ns();
	uint64_t cached, dirty, shmem;
	int procs = 0;

	page_cache_stats(&cached, &dirty, &shmem);
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->state != TASK_DEAD)
			procs++;
	memset(&si, 0, sizeof(si));
	si.uptime = up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0);
	si.totalram = frame_total() * PAGE_SIZE;
	si.freeram = frame_free_count() * PAGE_SIZE;
	si.sharedram = shmem * PAGE_SIZE;
	si.procs = (uint16_t)MIN(procs, 0xffff);
	si.mem_unit = 1;
	return copy_to_user(a[0], &si, sizeof(si)) ? -EFAULT : 0;
}
