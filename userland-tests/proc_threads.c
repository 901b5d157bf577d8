/*
 * Threads (clone with CLONE_VM|CLONE_THREAD, futex, set_tid_address):
 * four threads share the address space and the pid but each has its own
 * tid; each counts its own counter to 1e6 while all add to a shared atomic
 * counter and, under a mutex, to a plain one, and join sees every count
 * exact; then two threads bounce a turn variable 1000 times each through a
 * mutex and condition variable.
 */
#include "guest.h"
#include <pthread.h>

#define NTHREADS 4
#define COUNT 1000000
#define LOCKED 20000
#define ROUNDS 1000

struct worker {
	pthread_t thread;
	volatile long own;
	pid_t pid, tid;
};

static struct worker workers[NTHREADS];
static long atomic_total;
static long locked_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *count(void *arg)
{
	struct worker *w = arg;
	long i;

	w->pid = getpid();
	w->tid = gettid();
	for (i = 0; i < COUNT; i++) {
		w->own++;
		__atomic_fetch_add(&atomic_total, 1, __ATOMIC_RELAXED);
	}
	for (i = 0; i < LOCKED; i++) {
		pthread_mutex_lock(&lock);
		locked_total++;
		pthread_mutex_unlock(&lock);
	}
	return w;
}

/* Ping-pong: player n may move when turn == n, then hands over. */
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int turn;
static int moves[2];

static void *play(void *arg)
{
	int me = (int)(long)arg, i;

	for (i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		while (turn != me)
			pthread_cond_wait(&turn_changed, &lock);
		moves[me]++;
		turn = !me;
		pthread_cond_signal(&turn_changed);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t players[2];
	int i, j, distinct = 1;
	void *ret;

	for (i = 0; i < NTHREADS; i++) {
		CHECK_EQ(pthread_create(&workers[i].thread, NULL, count,
					&workers[i]), 0);
		if (guest_failures)
			return report(); /* no thread to join or to count on */
	}
	for (i = 0; i < NTHREADS; i++) {
		ret = NULL;
		CHECK_EQ(pthread_join(workers[i].thread, &ret), 0);
		CHECK(ret == &workers[i]);
		CHECK_EQ(workers[i].own, COUNT);
		CHECK_EQ(workers[i].pid, getpid());
		CHECK(workers[i].tid != gettid());
		for (j = 0; j < i; j++)
			distinct &= workers[i].tid != workers[j].tid;
	}
	CHECK(distinct);
	CHECK_EQ(atomic_total, (long)NTHREADS * COUNT);
	CHECK_EQ(locked_total, (long)NTHREADS * LOCKED);

	for (i = 0; i < 2; i++) {
		CHECK_EQ(pthread_create(&players[i], NULL, play, (void *)(long)i), 0);
		if (guest_failures)
			return report();
	}
	for (i = 0; i < 2; i++)
		CHECK_EQ(pthread_join(players[i], NULL), 0);
	CHECK_EQ(moves[0], ROUNDS);
	CHECK_EQ(moves[1], ROUNDS);
	CHECK_EQ(turn, 0);
	return report();
}
