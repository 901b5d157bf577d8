/*
 * CPU time: after spinning 60 ms of CPU, the process and thread CPU clocks,
 * getrusage (SELF, THREAD) and times() all show it; the clocks never go
 * backwards; a reaped child's time (its own child's included) shows in
 * wait4's rusage, RUSAGE_CHILDREN and tms_cutime; the pid-encoded clock of
 * another process reads, of a thread elsewhere is EINVAL; resolutions of
 * the scheduler clocks are 1 ns; bad arguments EINVAL and EFAULT.
 * Spinning is bounded by 10 s of wall time.
 */
#include "guest.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>

#define MS 1000000LL
#define CPUCLOCK(pid, thread) ((~(clockid_t)(pid) << 3) | ((thread) ? 4 : 0) | 2)

static long long now_ns(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts))
		return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long tv_ns(struct timeval tv)
{
	return tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
}

/* Use amount ns of CPU time; returns 1 if done within 10 s of wall time. */
static int spin(long long amount)
{
	long long start = now_ns(CLOCK_PROCESS_CPUTIME_ID), wall = now_ns(CLOCK_MONOTONIC);
	volatile unsigned long x = 1;

	while (now_ns(CLOCK_PROCESS_CPUTIME_ID) - start < amount) {
		for (int i = 0; i < 200000; i++)
			x = x * 6364136223846793005UL + 1;
		if (now_ns(CLOCK_MONOTONIC) - wall > 10000 * MS)
			return 0;
	}
	return 1;
}

int main(void)
{
	long long p0, t0, p1, t1, last_p = 0, last_t = 0;
	struct rusage ru;
	struct tms tms;
	struct timespec ts;
	int st = -1, back = 0, i, pfd[2];
	pid_t pid;
	char c;

	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	CHECK(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime) == 0);
	p0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	t0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	CHECK(p0 >= 0 && t0 >= 0);
	CHECK_EQ(spin(60 * MS), 1);
	p1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	t1 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	CHECK(p1 - p0 >= 60 * MS);
	CHECK(t1 - t0 >= 50 * MS);
	for (i = 0; i < 500; i++) {
		long long p = now_ns(CLOCK_PROCESS_CPUTIME_ID), t = now_ns(CLOCK_THREAD_CPUTIME_ID);

		back += p < last_p || t < last_t;
		last_p = p;
		last_t = t;
	}
	CHECK_EQ(back, 0);
	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	CHECK(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime) >= 50 * MS);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &ru), 0);
	CHECK(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime) >= 50 * MS);
	CHECK(times(&tms) != (clock_t)-1);
	CHECK(tms.tms_utime + tms.tms_stime >= 4);
	CHECK_EQ(tms.tms_cutime + tms.tms_cstime, 0);

	/* A child that spins, and whose own child spins too. */
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();

		if (g == 0)
			_exit(spin(60 * MS) ? 0 : 1);
		if (waitpid(g, &st, 0) != g || st != 0)
			_exit(2);
		_exit(spin(60 * MS) ? 0 : 1);
	}
	CHECK_EQ(wait4(pid, &st, 0, &ru), pid);
	CHECK_EQ(st, 0);
	CHECK(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime) >= 100 * MS);
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	CHECK(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime) >= 100 * MS);
	CHECK(times(&tms) != (clock_t)-1);
	CHECK(tms.tms_cutime + tms.tms_cstime >= 8);

	/* The pid-encoded clocks. */
	CHECK(now_ns(CPUCLOCK(getpid(), 0)) >= p1);
	CHECK(now_ns(CPUCLOCK(0, 0)) >= p1);
	CHECK(now_ns(CPUCLOCK(0, 1)) >= t1);
	CHECK(now_ns(CPUCLOCK(getpid(), 1)) >= t1);
	MUST(pipe(pfd));
	pid = fork();
	if (pid == 0) {
		close(pfd[1]);
		read(pfd[0], &c, 1);
		_exit(0);
	}
	CHECK_EQ(clock_gettime(CPUCLOCK(pid, 0), &ts), 0);
	CHECK_ERR(syscall(SYS_clock_gettime, CPUCLOCK(pid, 1), &ts), EINVAL);
	close(pfd[1]);
	CHECK_EQ(waitpid(pid, NULL, 0), pid);
	CHECK_ERR(syscall(SYS_clock_gettime, CPUCLOCK(pid, 0), &ts), EINVAL);
	CHECK_ERR(syscall(SYS_clock_gettime, (~(clockid_t)0 << 3) | 3, &ts), EINVAL);

	CHECK_EQ(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 1);
	CHECK_EQ(clock_getres(CLOCK_THREAD_CPUTIME_ID, &ts), 0);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 1);
	CHECK_EQ(clock_getres(CPUCLOCK(0, 0), &ts), 0);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 1);
	CHECK_EQ(clock_getres(CPUCLOCK(0, 0) & ~2, &ts), 0);	/* PROF: a tick */
	CHECK(ts.tv_sec == 0 && ts.tv_nsec > 1);

	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_getrusage, 2, &ru), EINVAL);
	CHECK_ERR(syscall(SYS_getrusage, RUSAGE_SELF, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_times, (void *)1), EFAULT);
	return report();
}
