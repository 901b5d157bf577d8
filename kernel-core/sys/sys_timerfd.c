/*
 * timerfd_create, timerfd_settime, timerfd_gettime (timerfd_create(2)).
 * The files are fs/timerfd.c; the checks here are in Linux's order.
 */
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/timerfd.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_time.h>
#include <uapi/linux_timerfd.h>

#define MAX_SEC (INT64_MAX / NSEC_PER_SEC / 2)

struct itimerspec_ {
	struct linux_timespec it_interval;
	struct linux_timespec it_value;
};

SYSCALL_DEFINE(timerfd_create)
{
	int clock = (int)a[0], flags = (int)a[1];

	if (flags & ~(LINUX_TFD_CLOEXEC | LINUX_TFD_NONBLOCK))
		return -EINVAL;
	if (clock != LINUX_CLOCK_REALTIME && clock != LINUX_CLOCK_MONOTONIC &&
	    clock != LINUX_CLOCK_BOOTTIME && clock != LINUX_CLOCK_REALTIME_ALARM &&
	    clock != LINUX_CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	/* the alarm clocks need CAP_WAKE_ALARM */
	if ((clock == LINUX_CLOCK_REALTIME_ALARM || clock == LINUX_CLOCK_BOOTTIME_ALARM) &&
	    !capable(CAP_WAKE_ALARM))
		return -EPERM;
	return fd_install_or_put(timerfd_file(clock, (unsigned)flags), flags & LINUX_TFD_CLOEXEC);
}

static bool ts_valid(const struct linux_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

static int64_t ts_ns(const struct linux_timespec *ts)
{
	return (ts->tv_sec > MAX_SEC ? MAX_SEC : ts->tv_sec) * NSEC_PER_SEC + ts->tv_nsec;
}

static long put_its(uaddr_t u, int64_t value, int64_t interval)
{
	struct itimerspec_ v = {
		{ interval / NSEC_PER_SEC, interval % NSEC_PER_SEC },
		{ value / NSEC_PER_SEC, value % NSEC_PER_SEC },
	};

	return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
}

/* The timerfd at fd: the file, or NULL with *err set. */
static struct file *timerfd_at(int fd, long *err)
{
	struct file *f = fd_lookup(fd);

	if (!f || (f->f_flags & LINUX_O_PATH)) {
		*err = -EBADF;
		return NULL;
	}
	if (!is_timerfd(f)) {
		*err = -EINVAL;
		return NULL;
	}
	return f;
}

SYSCALL_DEFINE(timerfd_settime)
{
	int flags = (int)a[1];
	int64_t old_value, old_interval;
	struct itimerspec_ v;
	struct file *f;
	long err;

	if (copy_from_user(&v, a[2], sizeof(v)))
		return -EFAULT;
	if ((flags & ~(LINUX_TFD_TIMER_ABSTIME | LINUX_TFD_TIMER_CANCEL_ON_SET)) ||
	    !ts_valid(&v.it_value) || !ts_valid(&v.it_interval))
		return -EINVAL;
	f = timerfd_at((int)a[0], &err);
	if (!f)
		return err;
	timerfd_set(f, flags & LINUX_TFD_TIMER_ABSTIME, ts_ns(&v.it_value),
		    ts_ns(&v.it_interval), &old_value, &old_interval);
	return a[3] ? put_its(a[3], old_value, old_interval) : 0;
}

SYSCALL_DEFINE(timerfd_gettime)
{
	int64_t value, interval;
	struct file *f;
	long err;

	f = timerfd_at((int)a[0], &err);
	if (!f)
		return err;
	timerfd_get(f, &value, &interval);
	return put_its(a[1], value, interval);
}
