/*
 * nanosleep and clock_nanosleep sleep at least as long as asked (20 ms
 * here, measured on CLOCK_MONOTONIC), an absolute deadline in the past
 * returns at once, and invalid times or clocks are EINVAL.
 */
#include "guest.h"
#include <time.h>

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	const long long ms20 = 20000000LL;
	struct timespec req = { 0, 20000000L }, rem = { 77, 77 }, abs;
	long long t0, dt;

	t0 = now_ns();
	CHECK_EQ(nanosleep(&req, &rem), 0);
	dt = now_ns() - t0;
	CHECK(dt >= ms20);
	CHECK(dt < 5000000000LL);

	t0 = now_ns();
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), 0);
	dt = now_ns() - t0;
	CHECK(dt >= ms20);
	CHECK(dt < 5000000000LL);

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &abs), 0);
	t0 = abs.tv_sec * 1000000000LL + abs.tv_nsec;
	abs.tv_nsec += 20000000L;
	if (abs.tv_nsec >= 1000000000L) {
		abs.tv_nsec -= 1000000000L;
		abs.tv_sec++;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
	dt = now_ns() - t0;
	CHECK(dt >= ms20);
	CHECK(dt < 5000000000LL);

	/* A deadline in the past, and a zero sleep, return at once. */
	abs.tv_sec -= 10;
	t0 = now_ns();
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
	req.tv_nsec = 0;
	CHECK_EQ(nanosleep(&req, NULL), 0);
	CHECK(now_ns() - t0 < 1000000000LL);

	req.tv_nsec = 1000000000L;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req.tv_nsec = -1;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req.tv_sec = 0;
	/* clock_nanosleep returns the error number instead of setting errno. */
	CHECK_EQ(clock_nanosleep(100, 0, &req, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL), EINVAL);
	return report();
}
