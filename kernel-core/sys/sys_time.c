/*
 * Clocks and sleeping: clock_gettime, clock_getres, gettimeofday, time,
 * nanosleep, clock_nanosleep (clock_gettime(2), nanosleep(2)).
 * No vDSO is given to the guest, so every clock read comes here.
 */
#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_time.h>

static int64_t boot_mono_ns;

static int clock_read(int clk, int64_t *ns)
{
	switch (clk) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_REALTIME_COARSE:
		*ns = ktime_real_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_MONOTONIC_COARSE:
	case LINUX_CLOCK_BOOTTIME:
		*ns = ktime_mono_ns();
		return 0;
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
		/* Approximation until CPU accounting lands: time since boot. */
		if (!boot_mono_ns)
			boot_mono_ns = ktime_mono_ns();
		*ns = ktime_mono_ns() - boot_mono_ns;
		return 0;
	default:
		return -EINVAL;
	}
}

static struct linux_timespec ns_to_ts(int64_t ns)
{
	return (struct linux_timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

SYSCALL_DEFINE(clock_gettime)
{
	struct linux_timespec ts;
	int64_t ns;
	int err = clock_read((int)a[0], &ns);

	if (err)
		return err;
	ts = ns_to_ts(ns);
	return copy_to_user(a[1], &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(clock_getres)
{
	struct linux_timespec ts = { 0, 1 };
	int64_t ns;
	int clk = (int)a[0];
	int err = clock_read(clk, &ns);

	if (err)
		return err;
	if (clk == LINUX_CLOCK_REALTIME_COARSE || clk == LINUX_CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = 4000000;
	if (a[1] && copy_to_user(a[1], &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(gettimeofday)
{
	int64_t ns = ktime_real_ns();
	struct linux_timeval tv = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 };
	struct linux_timezone tz = { 0, 0 };

	if (a[0] && copy_to_user(a[0], &tv, sizeof(tv)))
		return -EFAULT;
	if (a[1] && copy_to_user(a[1], &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(time)
{
	int64_t sec = ktime_real_ns() / NSEC_PER_SEC;

	if (a[0] && copy_to_user(a[0], &sec, sizeof(sec)))
		return -EFAULT;
	return sec;
}

/*
 * Sleep until the monotonic deadline kept in current->restart. Interrupted
 * by a signal, it writes the time left to urem (if given) and answers
 * -ERESTART_RESTARTBLOCK: a handler then always sees EINTR (nanosleep(2)).
 */
static long sleep_until(uaddr_t urem)
{
	int64_t left = current->restart.deadline_ns - ktime_mono_ns();
	long r;

	if (left <= 0)
		return 0;
	r = sched_wait_until(NULL, current->restart.deadline_ns);
	if (r != -ERESTARTSYS)
		return r;
	if (urem) {
		struct linux_timespec ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

		if (copy_to_user(urem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return -ERESTART_RESTARTBLOCK;
}

long timespec_from_user(uaddr_t ureq, int64_t *ns)
{
	struct linux_timespec ts;

	if (copy_from_user(&ts, ureq, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec > INT64_MAX / NSEC_PER_SEC / 2)
		ts.tv_sec = INT64_MAX / NSEC_PER_SEC / 2;
	*ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE(nanosleep)
{
	if (!current->restart_valid) {
		int64_t ns;
		long err = timespec_from_user(a[0], &ns);

		if (err)
			return err;
		current->restart.deadline_ns = ktime_mono_ns() + ns;
	}
	return sleep_until(a[1]);
}

SYSCALL_DEFINE(clock_nanosleep)
{
	int clk = (int)a[0];
	int flags = (int)a[1];

	if (clk != LINUX_CLOCK_REALTIME && clk != LINUX_CLOCK_MONOTONIC &&
	    clk != LINUX_CLOCK_BOOTTIME) {
		if (clk == LINUX_CLOCK_THREAD_CPUTIME_ID)
			return -EINVAL;
		return clk == LINUX_CLOCK_PROCESS_CPUTIME_ID ? -ENOTSUP : -EINVAL;
	}
	if (!current->restart_valid) {
		int64_t ns;
		long err = timespec_from_user(a[2], &ns);

		if (err)
			return err;
		if (flags & LINUX_TIMER_ABSTIME) {
			int64_t now = clk == LINUX_CLOCK_REALTIME ? ktime_real_ns() : ktime_mono_ns();

			ns -= now;
		}
		current->restart.deadline_ns = ktime_mono_ns() + (ns > 0 ? ns : 0);
	}
	/* An absolute sleep has no time left to report (clock_nanosleep(2)). */
	return sleep_until(flags & LINUX_TIMER_ABSTIME ? 0 : a[3]);
}
