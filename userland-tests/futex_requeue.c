/*
 * futex with sleeping threads: FUTEX_CMP_REQUEUE moves waiters from one
 * word to another (counting them, so the test knows they sleep) and fails
 * with EAGAIN when the word changed; FUTEX_WAKE wakes at most the number
 * asked; FUTEX_WAKE_OP wakes on the second word only when the comparison
 * of its old value holds, and stores the result of the operation;
 * FUTEX_WAKE_BITSET wakes only waiters whose bitset shares a bit.
 */
#include "guest.h"
#include <limits.h>
#include <pthread.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static unsigned A, B, C;

static long futex(unsigned *uaddr, int op, unsigned val, long val2, unsigned *uaddr2,
		  unsigned val3)
{
	return syscall(SYS_futex, uaddr, op | FUTEX_PRIVATE_FLAG, val, val2, uaddr2, val3);
}

struct waiter {
	pthread_t th;
	unsigned bitset;
	long ret;
};

static void *wait_a(void *arg)
{
	struct waiter *w = arg;

	w->ret = futex(&A, FUTEX_WAIT_BITSET, 0, 0, NULL, w->bitset);
	return NULL;
}

static void start(struct waiter *w, unsigned bitset)
{
	w->bitset = bitset;
	w->ret = -2;
	if (pthread_create(&w->th, NULL, wait_a, w))
		_exit(2);
}

/* Move n sleepers of A to `to`, waiting (bounded) until they all sleep. */
static int move(unsigned *to, int n)
{
	int moved = 0;

	for (int i = 0; i < 500 && moved < n; i++) {
		long r = futex(&A, FUTEX_CMP_REQUEUE, 0, INT_MAX, to, 0);

		if (r < 0)
			return -1;
		moved += (int)r;
		if (moved < n)
			usleep(2000);
	}
	return moved;
}

int main(void)
{
	struct waiter w[4];

	alarm(20);
	/* requeue, then wake one at a time */
	for (int i = 0; i < 3; i++)
		start(&w[i], ~0U);
	CHECK_EQ(move(&B, 3), 3);
	CHECK_EQ(futex(&A, FUTEX_WAKE, INT_MAX, 0, NULL, 0), 0);
	CHECK_ERR(futex(&B, FUTEX_CMP_REQUEUE, 1, 1, &C, 1), EAGAIN);
	CHECK_EQ(futex(&B, FUTEX_WAKE, 1, 0, NULL, 0), 1);
	/* plain REQUEUE: wake none, move one to C */
	CHECK_EQ(futex(&B, FUTEX_REQUEUE, 0, 1, &C, 0), 1);
	CHECK_EQ(futex(&B, FUTEX_WAKE, 5, 0, NULL, 0), 1);
	CHECK_EQ(futex(&C, FUTEX_WAKE, 5, 0, NULL, 0), 1);
	for (int i = 0; i < 3; i++) {
		pthread_join(w[i].th, NULL);
		CHECK_EQ(w[i].ret, 0);
	}

	/* CMP_REQUEUE that wakes one and moves the rest */
	for (int i = 0; i < 3; i++)
		start(&w[i], ~0U);
	CHECK_EQ(move(&B, 3), 3);
	CHECK_EQ(futex(&B, FUTEX_CMP_REQUEUE, 1, INT_MAX, &C, 0), 3);
	CHECK_EQ(futex(&C, FUTEX_WAKE, 5, 0, NULL, 0), 2);
	for (int i = 0; i < 3; i++)
		pthread_join(w[i].th, NULL);

	/* WAKE_OP: two waiters on B, two on C */
	for (int i = 0; i < 2; i++)
		start(&w[i], ~0U);
	CHECK_EQ(move(&B, 2), 2);
	for (int i = 2; i < 4; i++)
		start(&w[i], ~0U);
	CHECK_EQ(move(&C, 2), 2);
	C = 0;
	/* C = 5, old value 0 == 0: one woken on each */
	CHECK_EQ(futex(&B, FUTEX_WAKE_OP, 1, 1, &C, OP(0, 5, 0, 0)), 2);
	CHECK_EQ(C, 5);
	/* C += 1, old value 5 > 7 is false: only B's */
	CHECK_EQ(futex(&B, FUTEX_WAKE_OP, 1, 1, &C, OP(1, 1, 4, 7)), 1);
	CHECK_EQ(C, 6);
	/* C |= 1 << 3 (OPARG_SHIFT), old value 6 != 0 holds */
	CHECK_EQ(futex(&B, FUTEX_WAKE_OP, 1, 1, &C, OP(8 | 2, 3, 1, 0)), 1);
	CHECK_EQ(C, 14);
	for (int i = 0; i < 4; i++) {
		pthread_join(w[i].th, NULL);
		CHECK_EQ(w[i].ret, 0);
	}
	C = 0;

	/* bitsets */
	start(&w[0], 1);
	start(&w[1], 2);
	CHECK_EQ(move(&B, 2), 2);
	CHECK_EQ(futex(&B, FUTEX_WAKE_BITSET, 5, 0, NULL, 4), 0);
	CHECK_EQ(futex(&B, FUTEX_WAKE_BITSET, 5, 0, NULL, 2), 1);
	pthread_join(w[1].th, NULL);
	CHECK_EQ(w[1].ret, 0);
	CHECK_EQ(futex(&B, FUTEX_WAKE_BITSET, 5, 0, NULL, 3), 1);
	pthread_join(w[0].th, NULL);
	CHECK_EQ(w[0].ret, 0);
	return report();
}
