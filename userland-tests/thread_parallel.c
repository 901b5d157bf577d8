/*
 * Threads of one process really run at the same moment on a machine with
 * two CPUs. Wall or CPU times cannot show it on a busy host (other work
 * takes the CPUs), so each of two spinning threads watches the other's
 * counter: a thread that runs without a break (no gap of more than a few
 * microseconds in its time stamp counter) and still sees the other's
 * counter move saw the two run at once. On one CPU that never happens:
 * the other thread can only run while this one is switched out, which is
 * a gap. The threads spin for at most 2 s, until 2,000 such sightings.
 * Prints "parallel: yes" on any machine with two CPUs that were both free
 * together for a moment.
 */
#include "guest.h"
#include <pthread.h>
#include <time.h>
#include <x86intrin.h>

#define WANT 2000
#define GAP_CYCLES 20000	/* ~10 us at 2 GHz: more means we were switched out */

static volatile unsigned long counter[2];
static volatile long seen[2];
static volatile int stop;

static void *spin(void *arg)
{
	long me = (long)arg, other = 1 - me;
	unsigned long prev = __rdtsc(), last = counter[other];
	long n = 0;

	while (!stop && n < WANT) {
		unsigned long t = __rdtsc(), c = counter[other];

		counter[me]++;
		if (t - prev < GAP_CYCLES && c != last)
			n++;
		last = c;
		prev = t;
	}
	seen[me] = n;
	return NULL;
}

int main(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	pthread_t a, b;

	MUST(-pthread_create(&a, NULL, spin, (void *)0));
	MUST(-pthread_create(&b, NULL, spin, (void *)1));
	for (int i = 0; i < 200 && !(seen[0] || seen[1]); i++)
		nanosleep(&ts, NULL);
	stop = 1;
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("parallel: %s\n", seen[0] >= WANT || seen[1] >= WANT ? "yes" : "no");
	return 0;
}
