/*
 * Clocks and sleeping: clock_gettime, clock_getres, gettimeofday, time,
 * nanosleep, clock_nanosleep (clock_gettime(2), nanosleep(2)), and the
 * CPU-time clocks of processes and threads (kern/acct.c).
 * No vDSO is given to the guest, so every clock read comes here.
 */
#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_resource.h>
#include <uapi/linux_time.h>

/* The resolution of the tick-based clocks: Linux's 1/HZ with HZ = 250. */
#define TICK_NS 4000000

/*
 * A CPU-time clock id, either CLOCK_{PROCESS,THREAD}_CPUTIME_ID or one
 * encoding a pid (clock_getcpuclockid(3)): ~pid << 3 | perthread << 2 |
 * which. Finds the task it names: 0, or -EINVAL for a bad id or a task
 * that is gone (or, for a thread clock, not in the caller's process).
 */
static int cpu_clock_target(int clk, struct task **t, bool *thread, int *which)
{
	int pid;

	if (clk == LINUX_CLOCK_PROCESS_CPUTIME_ID || clk == LINUX_CLOCK_THREAD_CPUTIME_ID) {
		*t = current;
		*thread = clk == LINUX_CLOCK_THREAD_CPUTIME_ID;
		*which = LINUX_CPUCLOCK_SCHED;
		return 0;
	}
	*which = clk & 3;
	*thread = clk & LINUX_CPUCLOCK_PERTHREAD;
	pid = ~(clk >> 3);
	if (*which == 3)
		return -EINVAL;
	if (!pid) {
		*t = current;
		return 0;
	}
	*t = task_find(pid);
	if (!*t)
		return -EINVAL;
	if (*thread)
		return (*t)->tgid == current->tgid ? 0 : -EINVAL;
	return *t == current || (*t)->tid == (*t)->tgid ? 0 : -EINVAL;
}

static int cpu_clock_read(int clk, int64_t *ns)
{
	struct cputime ct;
	struct task *t;
	bool thread;
	int which, err = cpu_clock_target(clk, &t, &thread, &which);

	if (err)
		return err;
	if (thread)
		acct_thread(t, &ct);
	else
		acct_process(t, &ct);
	*ns = which == LINUX_CPUCLOCK_VIRT ? ct.utime : which == LINUX_CPUCLOCK_PROF ?
	      ct.utime + ct.stime : ct.sum;
	return 0;
}

static int clock_read(int clk, int64_t *ns)
{
	if (clk < 0)
		return cpu_clock_read(clk, ns);
	switch (clk) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_TAI:	/* no leap-second offset is set: TAI reads as UTC */
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
		return cpu_clock_read(clk, ns);
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
	/* Coarse clocks and the tick-sampled CPU clocks (PROF, VIRT) tick at HZ. */
	if (clk == LINUX_CLOCK_REALTIME_COARSE || clk == LINUX_CLOCK_MONOTONIC_COARSE ||
	    (clk < 0 && (clk & 3) != LINUX_CPUCLOCK_SCHED))
		ts.tv_nsec = TICK_NS;
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

/*
 * Sleep until a process's CPU clock reaches current->restart.deadline_ns.
 * Nothing wakes a sleeper when CPU time passes, so it looks again after
 * the shortest wall time in which the process could use what is left.
 */
static long cpu_sleep_until(int clk, uaddr_t urem)
{
	int64_t now, left, wall;
	long r;
	int err = cpu_clock_read(clk, &now);

	if (err)
		return err;
	left = current->restart.deadline_ns - now;
	if (left <= 0)
		return 0;
	wall = left / guest_ncpus();
	r = sched_wait_until(NULL, ktime_mono_ns() + (wall > 1000000 ? wall : 1000000));
	if (r != -ERESTARTSYS)
		return r;
	if (urem) {
		struct linux_timespec ts = ns_to_ts(left);

		if (copy_to_user(urem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return -ERESTART_RESTARTBLOCK;
}

/* Which clocks clock_nanosleep sleeps on: 0, -EOPNOTSUPP or -EINVAL. */
static int nsleep_clock_ok(int clk)
{
	switch (clk) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_BOOTTIME:
	case LINUX_CLOCK_TAI:
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
		return 0;
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_MONOTONIC_COARSE:
	case 8:	/* the alarm clocks: no RTC to wake the system */
	case 9:
		return -EOPNOTSUPP;
	default:
		if (clk < 0) {
			/* A process's CPU clock, not a thread's (posix_cpu_nsleep) */
			int64_t ns;

			if (clk & LINUX_CPUCLOCK_PERTHREAD)
				return -EINVAL;
			return cpu_clock_read(clk, &ns);
		}
		return -EINVAL;
	}
}

SYSCALL_DEFINE(clock_nanosleep)
{
	int clk = (int)a[0];
	int flags = (int)a[1];
	bool cpu_clock = clk < 0 || clk == LINUX_CLOCK_PROCESS_CPUTIME_ID;
	int err = nsleep_clock_ok(clk);

	if (err)
		return err;
	if (!current->restart_valid) {
		int64_t ns, now;
		long e = timespec_from_user(a[2], &ns);

		if (e)
			return e;
		if (cpu_clock) {
			e = cpu_clock_read(clk, &now);
			if (e)
				return e;
			current->restart.deadline_ns = (flags & LINUX_TIMER_ABSTIME) ? ns : now + ns;
		} else {
			if (flags & LINUX_TIMER_ABSTIME) {
				now = clk == LINUX_CLOCK_REALTIME || clk == LINUX_CLOCK_TAI ?
				      ktime_real_ns() : ktime_mono_ns();
				ns -= now;
			}
			current->restart.deadline_ns = ktime_mono_ns() + (ns > 0 ? ns : 0);
		}
	}
	/* An absolute sleep has no time left to report (clock_nanosleep(2)). */
	if (cpu_clock)
		return cpu_sleep_until(clk, flags & LINUX_TIMER_ABSTIME ? 0 : a[3]);
	return sleep_until(flags & LINUX_TIMER_ABSTIME ? 0 : a[3]);
}
