/*
 * A CPU-bound thread does not starve the others: while two threads spin
 * without ever making a syscall, the main thread sleeps 10 ms twenty times
 * and every sleep ends within a bounded time (well under 20x late in
 * total, even on a busy host), and the spinners both make progress. Run
 * under umk with --cpus 1 as well (scripts/test-bad-input), where only
 * preemption can give the sleeper its turn.
 */
#include "guest.h"
#include <pthread.h>
#include <time.h>

static volatile int stop;
static volatile unsigned long spins[2];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *spin(void *arg)
{
	long me = (long)arg;

	while (!stop)
		spins[me]++;
	return NULL;
}

int main(void)
{
	struct timespec ten_ms = { 0, 10 * 1000 * 1000 };
	pthread_t a, b;
	double t0, total;
	unsigned long before[2];

	MUST(-pthread_create(&a, NULL, spin, (void *)0));
	MUST(-pthread_create(&b, NULL, spin, (void *)1));
	t0 = now();
	for (int i = 0; i < 20; i++)
		CHECK_EQ(nanosleep(&ten_ms, NULL), 0);
	total = now() - t0;
	before[0] = spins[0];
	before[1] = spins[1];
	CHECK(total >= 0.2);
	CHECK(total < 4.0);
	for (int i = 0; i < 5; i++)
		nanosleep(&ten_ms, NULL);
	CHECK(spins[0] > before[0] && spins[1] > before[1]);
	stop = 1;
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("sleeps ended while threads spun\n");
	return report();
}
