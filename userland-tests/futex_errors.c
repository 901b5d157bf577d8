/*
 * futex in one thread: FUTEX_WAIT fails with EAGAIN when the word differs
 * and times out after its (relative, monotonic) timeout when it does not;
 * FUTEX_WAIT_BITSET's absolute deadline on either clock; a wake with no
 * waiter is 0; unaligned words, bad pointers, bitset 0, bad timeouts and
 * unknown ops fail as Linux says; FUTEX_CMP_REQUEUE checks val3; FUTEX_WAKE_OP
 * applies each operation to the second word and returns 0 with no waiters.
 */
#include "guest.h"
#include <sys/mman.h>
#include <time.h>

/* <linux/futex.h> is not in musl's headers. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))
#define OP_SET 0
#define OP_ADD 1
#define OP_OR 2
#define OP_ANDN 3
#define OP_XOR 4
#define OP_OPARG_SHIFT 8
#define CMP_EQ 0
#define CMP_GT 4

static long futex(void *uaddr, int op, unsigned val, const void *ts_or_val2, void *uaddr2,
		  unsigned val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts_or_val2, uaddr2, val3);
}

static long long now_ns(clockid_t clk)
{
	struct timespec t;

	clock_gettime(clk, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec ns_ts(long long ns)
{
	return (struct timespec){ ns / 1000000000LL, ns % 1000000000LL };
}

/* A wait on a word equal to val must time out after 20 ms of ts (relative or absolute). */
static void check_timeout(unsigned *w, int op, const struct timespec *ts, unsigned bitset)
{
	long long t0 = now_ns(CLOCK_MONOTONIC), dt;

	CHECK_ERR(futex(w, op, *w, ts, NULL, bitset), ETIMEDOUT);
	dt = now_ns(CLOCK_MONOTONIC) - t0;
	CHECK(dt >= 20000000LL);
	CHECK(dt < 5000000000LL);
}

int main(void)
{
	static unsigned word = 1, word2;
	unsigned *shared = (unsigned *)MUST(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
						 MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	struct timespec ts = { 0, 20000000L }, abs;
	char *bytes = (char *)&word;

	/* The word differs: EAGAIN at once, whatever the timeout. */
	CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0), EAGAIN);
	CHECK_ERR(futex(&word, FUTEX_WAIT, 0, &ts, NULL, 0), EAGAIN);
	CHECK_ERR(futex(shared, FUTEX_WAIT, 1, NULL, NULL, 0), EAGAIN);

	/* It matches: the relative timeout runs out. */
	check_timeout(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, &ts, 0);
	check_timeout(shared, FUTEX_WAIT, &ts, 0);
	ts.tv_nsec = 0;
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, NULL, 0), ETIMEDOUT);

	/* FUTEX_WAIT_BITSET: absolute, monotonic or realtime. */
	abs = ns_ts(now_ns(CLOCK_MONOTONIC) + 20000000LL);
	check_timeout(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, &abs, ~0u);
	abs = ns_ts(now_ns(CLOCK_REALTIME) + 20000000LL);
	check_timeout(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, &abs, 1);
	abs = ns_ts(now_ns(CLOCK_MONOTONIC) - 1000000000LL);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 1, &abs, NULL, ~0u), ETIMEDOUT);
	abs = ns_ts(now_ns(CLOCK_REALTIME) - 1000000000LL);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, ~0u),
		  ETIMEDOUT);

	/* Nobody waits: nobody is woken. */
	CHECK_EQ(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0), 0);
	CHECK_EQ(futex(&word, FUTEX_WAKE, 10, NULL, NULL, 0), 0);
	CHECK_EQ(futex(shared, FUTEX_WAKE, 10, NULL, NULL, 0), 0);
	CHECK_EQ(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 2), 0);

	/* Unaligned words. */
	CHECK_ERR(futex(bytes + 1, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0), EINVAL);
	CHECK_ERR(futex(bytes + 2, FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL);
	CHECK_ERR(futex(&word, FUTEX_REQUEUE, 1, 0, bytes + 1, 0), EINVAL);

	/* Bad pointers: the word, the timeout. */
	CHECK_ERR(futex(NULL, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, (void *)8, NULL, 0), EFAULT);
	CHECK_ERR(futex(&word, FUTEX_CMP_REQUEUE, 1, 0, NULL, 1), EFAULT);
	/* A private wake touches no memory: only the range is checked. */
	CHECK_EQ(futex(NULL, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0), 0);

	/* Invalid timeouts and bitsets. */
	ts.tv_nsec = 1000000000L;
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, NULL, 0), EINVAL);
	ts.tv_nsec = 0;
	ts.tv_sec = -1;
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, NULL, 0), EINVAL);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0), EINVAL);
	CHECK_ERR(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL);

	/* Unknown ops, and FUTEX_CLOCK_REALTIME where it does not belong. */
	CHECK_ERR(futex(&word, 99, 1, NULL, NULL, 0), ENOSYS);
	CHECK_ERR(futex(&word, FUTEX_FD, 1, NULL, NULL, 0), ENOSYS);
	CHECK_ERR(futex(&word, FUTEX_WAKE | 0x1000, 1, NULL, NULL, 0), ENOSYS);
	CHECK_ERR(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);

	/* Requeue: val3 must match the word; counts must not be negative. */
	CHECK_ERR(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, &word2, 7), EAGAIN);
	CHECK_EQ(futex(&word, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, (void *)1, &word2, 1), 0);
	CHECK_EQ(futex(&word, FUTEX_REQUEUE, 1, (void *)1, &word2, 0), 0);
	CHECK_ERR(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)-1L, &word2, 7), EINVAL);
	CHECK_ERR(futex(&word, FUTEX_REQUEUE, -1, 0, &word2, 0), EINVAL);

	/* WAKE_OP changes the second word as its op says. */
	word2 = 5;
	CHECK_EQ(futex(&word, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 0, &word2,
		       OP(OP_ADD, 3, CMP_EQ, 5)), 0);
	CHECK_EQ(word2, 8);
	CHECK_EQ(futex(&word, FUTEX_WAKE_OP, 1, (void *)1, &word2, OP(OP_OR, 7, CMP_GT, 0)), 0);
	CHECK_EQ(word2, 15);
	CHECK_EQ(futex(&word, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 0, &word2,
		       OP(OP_ANDN | OP_OPARG_SHIFT, 2, CMP_EQ, 0)), 0);
	CHECK_EQ(word2, 11);
	CHECK_EQ(futex(&word, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 0, &word2,
		       OP(OP_XOR, 0xfff, CMP_EQ, 0)), 0);
	CHECK_EQ(word2, ~11u);
	CHECK_EQ(futex(shared, FUTEX_WAKE_OP, 1, 0, shared, OP(OP_SET, 0x800, CMP_EQ, 0)), 0);
	CHECK_EQ(*shared, 0xfffff800u);
	/* An unknown op leaves the word alone; an unknown comparison does not. */
	CHECK_ERR(futex(&word, FUTEX_WAKE_OP, 1, 0, &word2, OP(7, 1, CMP_EQ, 0)), ENOSYS);
	CHECK_EQ(word2, ~11u);
	CHECK_ERR(futex(&word, FUTEX_WAKE_OP, 1, 0, &word2, OP(OP_SET, 9, 7, 0)), ENOSYS);
	CHECK_EQ(word2, 9);
	CHECK_ERR(futex(&word, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 0, NULL,
			OP(OP_SET, 9, CMP_EQ, 0)), EFAULT);
	return report();
}
