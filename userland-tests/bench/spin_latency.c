/*
 * spin_latency: how late a 1 ms sleep wakes while CPU-bound threads (one
 * per online CPU) spin in the same process: the mean oversleep in ns. It
 * measures that a computing guest is preempted and that timers and other
 * threads keep making progress (issue 3, scheduling).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#include "bench.h"

static atomic_int stop;

static void *spin(void *arg)
{
	volatile unsigned long x = 0;

	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		x++;
	return arg;
}

int main(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_t th[64];
	int n = 100, nth = ncpu > 0 && ncpu < 64 ? (int)ncpu : 2;
	long long late = 0;
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < nth; i++)
		if (pthread_create(&th[i], NULL, spin, NULL))
			return 1;
	for (int i = 0; i < n; i++) {
		long long t0 = now_ns();

		nanosleep(&ms, NULL);
		late += now_ns() - t0 - 1000000;
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	printf("spin_latency %.1f\n", (double)late / n);
	return 0;
}
