/*
 * null_syscall: the cost of the cheapest syscall, getppid, in ns per call
 * (raw syscall, so no libc caching). Optional argv[1]: iterations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 200000;
	long long t0, t1;

	if (n <= 0)
		n = 200000;
	for (i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	t1 = now_ns();
	printf("null_syscall %.1f\n", (double)(t1 - t0) / n);
	return 0;
}
