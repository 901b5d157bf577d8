/* Shared by the benchmarks: a monotonic clock in nanoseconds. */
#ifndef BENCH_H
#define BENCH_H

#include <time.h>

static inline long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

#endif
