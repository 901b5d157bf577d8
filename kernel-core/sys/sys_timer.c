/*
 * Process timers: alarm, getitimer, setitimer (alarm(2), setitimer(2)) and
 * the POSIX timers timer_create .. timer_delete (timer_create(2)). Handlers
 * decode and check arguments; the timers live in kern/timer.c.
 *
 * Partial: ITIMER_VIRTUAL and ITIMER_PROF are stored and read back but never
 * fire (no CPU-time accounting); POSIX timers run on CLOCK_REALTIME,
 * CLOCK_MONOTONIC and CLOCK_BOOTTIME only, and a CLOCK_REALTIME timer does
 * not follow a step of the real-time clock.
 */
#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/timer.h>
#include <umk/uaccess.h>
#include <uapi/linux_signal.h>
#include <uapi/linux_time.h>

#define USEC_PER_SEC 1000000LL
/* Beyond this many seconds a time is clamped rather than overflowing. */
#define MAX_SEC (INT64_MAX / NSEC_PER_SEC / 2)

struct linux_itimerval {
	struct linux_timeval it_interval;
	struct linux_timeval it_value;
};

struct linux_itimerspec {
	struct linux_timespec it_interval;
	struct linux_timespec it_value;
};

static int64_t sec_ns(int64_t sec, int64_t sub_ns)
{
	return (sec > MAX_SEC ? MAX_SEC : sec) * NSEC_PER_SEC + sub_ns;
}

/* A valid timeval as ns, or -EINVAL (negative or unnormalized). */
static int64_t tv_to_ns(const struct linux_timeval *tv)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= USEC_PER_SEC)
		return -EINVAL;
	return sec_ns(tv->tv_sec, tv->tv_usec * 1000);
}

static int64_t ts_to_ns(const struct linux_timespec *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return sec_ns(ts->tv_sec, ts->tv_nsec);
}

/* Reported times truncate to the unit, as Linux does. */
static struct linux_timeval ns_to_tv(int64_t ns)
{
	return (struct linux_timeval){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
}

static struct linux_timespec ns_to_ts(int64_t ns)
{
	return (struct linux_timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

static long put_itimerval(uaddr_t u, int64_t value, int64_t interval)
{
	struct linux_itimerval v = { ns_to_tv(interval), ns_to_tv(value) };

	return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
}

static long put_itimerspec(uaddr_t u, int64_t value, int64_t interval)
{
	struct linux_itimerspec v = { ns_to_ts(interval), ns_to_ts(value) };

	return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(getitimer)
{
	int64_t value, interval;
	int err = itimer_get(current, (int)a[0], &value, &interval);

	if (err)
		return err;
	return put_itimerval(a[1], value, interval);
}

SYSCALL_DEFINE(setitimer)
{
	struct linux_itimerval v = { { 0, 0 }, { 0, 0 } };
	int64_t value, interval, old_value, old_interval;
	int err;

	/* A NULL new value disarms, as Linux still allows (setitimer(2)). */
	if (a[1] && copy_from_user(&v, a[1], sizeof(v)))
		return -EFAULT;
	value = tv_to_ns(&v.it_value);
	interval = tv_to_ns(&v.it_interval);
	if (value < 0 || interval < 0)
		return -EINVAL;
	err = itimer_set(current, (int)a[0], value, interval, &old_value, &old_interval);
	if (err)
		return err;
	return a[2] ? put_itimerval(a[2], old_value, old_interval) : 0;
}

SYSCALL_DEFINE(alarm)
{
	uint32_t seconds = (uint32_t)a[0];
	int64_t old_value, old_interval;

	itimer_set(current, ITIMER_REAL_, (int64_t)seconds * NSEC_PER_SEC, 0,
		   &old_value, &old_interval);
	/*
	 * The seconds left, rounded up: a pending alarm never reads 0, which
	 * means none (alarm(2)). Linux 6.x rounds 1.2 s left up to 2 too.
	 */
	return (old_value + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
}

/* --- POSIX timers --------------------------------------------------------- */

static long check_clock(int clk)
{
	switch (clk) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_BOOTTIME:
		return 0;
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_MONOTONIC_COARSE:
		/* Clocks with no timers here (the CPU clocks: not yet). */
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}

/* Decode a guest sigevent into spec: 0, -EFAULT or -EINVAL. */
static long sigevent_decode(uaddr_t u, struct ptimer_spec *spec)
{
	struct linux_sigevent ev;

	if (!u) {
		/* No sigevent: SIGALRM, with the timer id as si_value. */
		spec->notify = LINUX_SIGEV_SIGNAL;
		spec->signo = LINUX_SIGALRM;
		spec->value_is_id = true;
		return 0;
	}
	if (copy_from_user(&ev, u, sizeof(ev)))
		return -EFAULT;
	spec->notify = ev.sigev_notify;
	spec->signo = ev.sigev_signo;
	spec->value = ev.sigev_value;
	switch (ev.sigev_notify) {
	case LINUX_SIGEV_SIGNAL | LINUX_SIGEV_THREAD_ID: {
		struct task *t = task_find(ev.sigev_notify_thread_id);

		if (!t || t->tgid != current->tgid)
			return -EINVAL;
		spec->target_tid = t->tid;
	}
		/* fall through */
	case LINUX_SIGEV_SIGNAL:
	case LINUX_SIGEV_THREAD:
		/* SIGEV_THREAD is the C library's job; the kernel just signals. */
		if (ev.sigev_signo <= 0 || ev.sigev_signo > LINUX_NSIG)
			return -EINVAL;
		return 0;
	case LINUX_SIGEV_NONE:
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE(timer_create)
{
	struct ptimer_spec spec = { .clock = (int)a[0] };
	long err = check_clock(spec.clock);
	int32_t id;

	if (err)
		return err;
	err = sigevent_decode(a[1], &spec);
	if (err)
		return err;
	id = ptimer_create(current, &spec);
	if (id < 0)
		return id;
	if (copy_to_user(a[2], &id, sizeof(id))) {
		ptimer_delete(current, id);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE(timer_settime)
{
	struct linux_itimerspec v;
	int64_t value, interval, old_value, old_interval;
	int err;

	if (!a[2])
		return -EINVAL;
	if (copy_from_user(&v, a[2], sizeof(v)))
		return -EFAULT;
	value = ts_to_ns(&v.it_value);
	interval = ts_to_ns(&v.it_interval);
	if (value < 0 || interval < 0)
		return -EINVAL;
	/* Flags other than TIMER_ABSTIME are ignored, as by Linux. */
	err = ptimer_set(current, (int)a[0], a[1] & LINUX_TIMER_ABSTIME, value, interval,
			 &old_value, &old_interval);
	if (err)
		return err;
	return a[3] ? put_itimerspec(a[3], old_value, old_interval) : 0;
}

SYSCALL_DEFINE(timer_gettime)
{
	int64_t value, interval;
	int err = ptimer_get(current, (int)a[0], &value, &interval);

	if (err)
		return err;
	return put_itimerspec(a[1], value, interval);
}

SYSCALL_DEFINE(timer_getoverrun)
{
	return ptimer_getoverrun(current, (int)a[0]);
}

SYSCALL_DEFINE(timer_delete)
{
	return ptimer_delete(current, (int)a[0]);
}
