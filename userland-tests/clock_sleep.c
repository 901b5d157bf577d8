/*
 * clock_nanosleep: relative and TIMER_ABSTIME sleeps on REALTIME,
 * MONOTONIC and BOOTTIME last at least as asked; a deadline in the past
 * returns at once; a signal ends a relative sleep with EINTR and the time
 * left; sleeping on the process CPU clock waits for a spinning thread to
 * use that much; the thread CPU clock and the coarse and raw clocks are
 * EOPNOTSUPP, unknown clocks and bad times EINVAL, bad pointers EFAULT.
 */
#include "guest.h"
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#define MS 1000000LL

static long long now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct timespec ts_of(long long ns)
{
	struct timespec ts = { ns / 1000000000LL, ns % 1000000000LL };

	return ts;
}

static long nsleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
	return syscall(SYS_clock_nanosleep, clk, flags, req, rem);
}

static volatile int stop;

static void *spinner(void *arg)
{
	long long wall = now_ns(CLOCK_MONOTONIC);
	volatile unsigned long x = 1;

	(void)arg;
	while (!stop && now_ns(CLOCK_MONOTONIC) - wall < 10000 * MS)
		for (int i = 0; i < 100000; i++)
			x = x * 6364136223846793005UL + 1;
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME };
	struct timespec req = ts_of(20 * MS), rem, past = { 1, 0 };
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	long long t0, cpu0;
	pthread_t th;
	unsigned i;

	for (i = 0; i < 3; i++) {
		struct timespec abs;

		t0 = now_ns(CLOCK_MONOTONIC);
		CHECK_EQ(nsleep(clocks[i], 0, &req, NULL), 0);
		CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 20 * MS);
		abs = ts_of(now_ns(clocks[i]) + 20 * MS);
		CHECK_EQ(nsleep(clocks[i], TIMER_ABSTIME, &abs, NULL), 0);
		CHECK(now_ns(clocks[i]) >= abs.tv_sec * 1000000000LL + abs.tv_nsec);
		t0 = now_ns(CLOCK_MONOTONIC);
		CHECK_EQ(nsleep(clocks[i], TIMER_ABSTIME, &past, NULL), 0);
		CHECK(now_ns(CLOCK_MONOTONIC) - t0 < 1000 * MS);
	}
	CHECK_EQ(nsleep(CLOCK_MONOTONIC, 0x4 | TIMER_ABSTIME, &past, NULL), 0);

	/* A signal ends a relative sleep early, with the time left. */
	signal(SIGALRM, on_alarm);
	req = ts_of(5000 * MS);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_ERR(nsleep(CLOCK_MONOTONIC, 0, &req, &rem), EINTR);
	CHECK(rem.tv_sec >= 2 && rem.tv_sec < 5);
	rem.tv_sec = 77;
	req = ts_of(now_ns(CLOCK_MONOTONIC) + 5000 * MS);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_ERR(nsleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, &rem), EINTR);
	CHECK_EQ(rem.tv_sec, 77);	/* untouched for an absolute sleep */

	/* The process CPU clock advances while another thread spins. */
	cpu0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	MUST(-pthread_create(&th, NULL, spinner, NULL));
	req = ts_of(30 * MS);
	CHECK_EQ(nsleep(CLOCK_PROCESS_CPUTIME_ID, 0, &req, NULL), 0);
	CHECK(now_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 >= 30 * MS);
	stop = 1;
	pthread_join(th, NULL);

	req = ts_of(MS);
	CHECK_ERR(nsleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL), EOPNOTSUPP);
	CHECK_ERR(nsleep(CLOCK_MONOTONIC_RAW, 0, &req, NULL), EOPNOTSUPP);
	CHECK_ERR(nsleep(CLOCK_REALTIME_COARSE, 0, &req, NULL), EOPNOTSUPP);
	CHECK_ERR(nsleep(CLOCK_MONOTONIC_COARSE, 0, &req, NULL), EOPNOTSUPP);
	CHECK_ERR(nsleep((~(clockid_t)0 << 3) | 4 | 2, 0, &req, NULL), EINVAL);
	CHECK_ERR(nsleep(10, 0, &req, NULL), EINVAL);
	CHECK_ERR(nsleep(100, 0, &req, NULL), EINVAL);
	req.tv_nsec = 1000000000;
	CHECK_ERR(nsleep(CLOCK_MONOTONIC, 0, &req, NULL), EINVAL);
	req.tv_nsec = -1;
	CHECK_ERR(nsleep(CLOCK_MONOTONIC, 0, &req, NULL), EINVAL);
	req = ts_of(MS);
	req.tv_sec = -1;
	CHECK_ERR(nsleep(CLOCK_MONOTONIC, 0, &req, NULL), EINVAL);
	CHECK_ERR(nsleep(CLOCK_MONOTONIC, 0, (void *)1, NULL), EFAULT);
	return report();
}
