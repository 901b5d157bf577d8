/*
 * compute: a fixed CPU-bound loop with no syscalls and no memory traffic
 * (200M steps of a 64-bit LCG with an xorshift output); total ns. Each step
 * depends on the last, so the compiler cannot vectorise or shortcut it.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define STEPS 200000000L

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

volatile uint64_t sink;

int main(void)
{
	uint64_t x = 88172645463325252ULL, acc = 0;
	long long t0, t1;
	long i;

	t0 = now_ns();
	for (i = 0; i < STEPS; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		acc += (x ^ (x >> 29)) >> 7;
	}
	t1 = now_ns();
	sink = acc;
	printf("compute %lld\n", t1 - t0);
	return 0;
}
