/*
 * Clocks: CLOCK_MONOTONIC never goes backwards; tv_nsec is always below one
 * second; CLOCK_REALTIME, gettimeofday and time agree; BOOTTIME is not
 * behind MONOTONIC; resolutions are sane; unknown clocks are EINVAL.
 */
#include "guest.h"
#include <sys/time.h>
#include <time.h>

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	struct timespec a, b, res, boot;
	struct timeval tv;
	long backwards = 0, badnsec = 0, failed = 0, i;
	time_t t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	for (i = 0; i < 20000; i++) {
		/* Alternate libc (maybe vDSO) and raw syscall reads. */
		if (i & 1)
			failed += syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b) != 0;
		else
			failed += clock_gettime(CLOCK_MONOTONIC, &b) != 0;
		backwards += ns(&b) < ns(&a);
		badnsec += b.tv_nsec < 0 || b.tv_nsec >= 1000000000L;
		a = b;
	}
	CHECK_EQ(failed, 0);
	CHECK_EQ(backwards, 0);
	CHECK_EQ(badnsec, 0);

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	CHECK_EQ(clock_gettime(CLOCK_BOOTTIME, &boot), 0);
	CHECK(ns(&boot) >= ns(&a));
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC_COARSE, &b), 0);
	CHECK(b.tv_sec > 0 || b.tv_nsec > 0);

	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &a), 0);
	CHECK_EQ(syscall(SYS_gettimeofday, &tv, NULL), 0);
	t = syscall(SYS_time, NULL);
	CHECK(a.tv_sec > 1600000000); /* after September 2020 */
	CHECK(tv.tv_sec - a.tv_sec >= 0 && tv.tv_sec - a.tv_sec <= 1);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	CHECK(t - a.tv_sec >= 0 && t - a.tv_sec <= 1);
	CHECK_EQ(syscall(SYS_time, &t), t);

	CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
	CHECK_EQ(clock_getres(CLOCK_REALTIME, &res), 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
	CHECK_EQ(syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL), 0);

	CHECK_ERR(syscall(SYS_clock_gettime, 100, &a), EINVAL);
	CHECK_ERR(syscall(SYS_clock_getres, 100, &res), EINVAL);
	return report();
}
