/*
 * epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait,
 * epoll_pwait2 (epoll_create(2), epoll_ctl(2), epoll_wait(2)). The
 * instances are fs/eventpoll.c. A wait keeps its deadline in
 * current->restart across the re-runs; a signal ends it with EINTR,
 * never a restart. epoll_pwait's mask is in force during the wait and
 * stays for the handler when the wait ends with EINTR (as sigsuspend).
 */
#include <umk/errno.h>
#include <umk/eventpoll.h>
#include <umk/kernel.h>
#include <umk/poll.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

#define EP_MAX_EVENTS (0x7fffffff / (int)sizeof(struct linux_epoll_event))
/* x86-64 access_ok: the whole array below the top of user space */
#define USER_TOP ((1ULL << 47) - PAGE_SIZE)

static long do_epoll_create(unsigned flags)
{
	return fd_install_or_put(epoll_file_create(), flags & LINUX_EPOLL_CLOEXEC);
}

SYSCALL_DEFINE(epoll_create)
{
	if ((int)a[0] <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

SYSCALL_DEFINE(epoll_create1)
{
	int flags = (int)a[0];

	if (flags & ~LINUX_EPOLL_CLOEXEC)
		return -EINVAL;
	return do_epoll_create((unsigned)flags);
}

/* An fd as fdget sees it: O_PATH files do not count. */
static struct file *lookup(int fd)
{
	struct file *f = fd_lookup(fd);

	return f && !(f->f_flags & LINUX_O_PATH) ? f : NULL;
}

SYSCALL_DEFINE(epoll_ctl)
{
	int epfd = (int)a[0], op = (int)a[1], fd = (int)a[2];
	struct linux_epoll_event ev = { 0, 0 };
	struct file *ef, *tf;

	/* Linux's order: the event, the two fds, pollable, an epoll file. */
	if (op != LINUX_EPOLL_CTL_DEL && copy_from_user(&ev, a[3], sizeof(ev)))
		return -EFAULT;
	ef = lookup(epfd);
	tf = lookup(fd);
	if (!ef || !tf)
		return -EBADF;
	if (!tf->fops || !tf->fops->poll)
		return -EPERM;
	if (ef == tf || !is_epoll_file(ef))
		return -EINVAL;
	return epoll_ctl_file(ef, op, fd, tf, &ev);
}

static bool timed_out(void)
{
	int64_t d = current->restart.deadline_ns;

	return d >= 0 && ktime_mono_ns() >= d;
}

/* timeout_ns < 0: none. */
static long do_epoll_wait(int epfd, uaddr_t events, int maxevents, int64_t timeout_ns)
{
	struct file *ef;
	int64_t d;
	long n, r;

	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (events > USER_TOP ||
	    (uint64_t)maxevents * sizeof(struct linux_epoll_event) > USER_TOP - events)
		return -EFAULT;
	ef = lookup(epfd);
	if (!ef)
		return -EBADF;
	if (!is_epoll_file(ef))
		return -EINVAL;
	if (!current->restart_valid)
		current->restart.deadline_ns = timeout_ns < 0 ? -1 : ktime_mono_ns() + timeout_ns;
	n = epoll_collect(ef, events, maxevents);
	if (n)
		return n;
	if (timeout_ns == 0 || timed_out())
		return 0;
	if (signal_pending(current))
		return -EINTR;
	d = current->restart.deadline_ns;
	r = d < 0 ? sched_wait(epoll_waitq(ef)) : sched_wait_until(epoll_waitq(ef), d);
	return r == -ERESTARTSYS ? -EINTR : r;
}

SYSCALL_DEFINE(epoll_wait)
{
	int ms = (int)a[3];

	return do_epoll_wait((int)a[0], a[1], (int)a[2], ms < 0 ? -1 : (int64_t)ms * 1000000);
}

/*
 * The wait with a temporary signal mask (NULL: none). The mask is set on
 * the first run and put back when the call ends, unless it ends with EINTR:
 * then signal delivery puts it back after the handler is set up.
 */
static long pwait(const uint64_t *a, int64_t timeout_ns)
{
	uaddr_t umask = a[4];
	long r;

	if (umask && !current->restart_valid) {
		linux_sigset_t set;

		if (a[5] != sizeof(linux_sigset_t))
			return -EINVAL;
		if (copy_from_user(&set, umask, sizeof(set)))
			return -EFAULT;
		current->saved_sigmask = current->sigmask;
		current->sigmask = set & ~SIG_UNBLOCKABLE;
		current->restore_sigmask = true;
	}
	r = do_epoll_wait((int)a[0], a[1], (int)a[2], timeout_ns);
	if (umask && r != -ERESTART_WAIT && r != -EINTR) {
		current->sigmask = current->saved_sigmask;
		current->restore_sigmask = false;
	}
	return r;
}

SYSCALL_DEFINE(epoll_pwait)
{
	int ms = (int)a[3];

	return pwait(a, ms < 0 ? -1 : (int64_t)ms * 1000000);
}

SYSCALL_DEFINE(epoll_pwait2)
{
	int64_t ns = -1;

	if (a[3] && !current->restart_valid) {
		long err = timespec_from_user(a[3], &ns);

		if (err)
			return err;
	}
	return pwait(a, ns);
}
