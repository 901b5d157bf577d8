/* thread_create: pthread_create + pthread_join of an empty thread; ns per round. */
#include <pthread.h>
#include <stdio.h>

#include "bench.h"

static void *nothing(void *arg)
{
	return arg;
}

int main(void)
{
	int n = 300;
	long long t0 = now_ns();

	for (int i = 0; i < n; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL))
			return 1;
	}
	printf("thread_create %.1f\n", (double)(now_ns() - t0) / n);
	return 0;
}
