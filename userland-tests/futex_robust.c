/*
 * Robust futexes: set_robust_list checks its length (EINVAL) and
 * get_robust_list returns what was set (ESRCH for no such process, EFAULT
 * for bad pointers); when a process dies holding a futex on its robust
 * list (in shared memory), the word gets FUTEX_OWNER_DIED, keeps
 * FUTEX_WAITERS and loses the tid, and a waiter wakes; a word the dead
 * process did not own is left alone; list_op_pending counts too.
 */
#include "guest.h"

/* <linux/futex.h> is not in musl's headers. */
#define FUTEX_WAIT 0
#define FUTEX_WAITERS 0x80000000U
#define FUTEX_OWNER_DIED 0x40000000U
struct robust_list {
	struct robust_list *next;
};
struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};
#include <stddef.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/wait.h>

struct lock {
	struct robust_list next;
	unsigned word;
};

struct shared {
	struct robust_list_head head;
	struct lock l[3];
};

int main(void)
{
	struct robust_list_head *h, mine;
	struct shared *s;
	size_t len = 0;
	int p[2], q[2], status;
	pid_t pid;
	char c;

	alarm(20);
	CHECK_ERR(syscall(SYS_set_robust_list, &mine, sizeof(mine) - 1), EINVAL);
	CHECK_ERR(syscall(SYS_set_robust_list, &mine, sizeof(mine) + 8), EINVAL);
	mine.list.next = &mine.list;
	mine.futex_offset = 0;
	mine.list_op_pending = NULL;
	CHECK_EQ(syscall(SYS_set_robust_list, &mine, sizeof(mine)), 0);
	CHECK_EQ(syscall(SYS_get_robust_list, 0, &h, &len), 0);
	CHECK(h == &mine);
	CHECK_EQ(len, sizeof(mine));
	CHECK_EQ(syscall(SYS_get_robust_list, getpid(), &h, &len), 0);
	CHECK(h == &mine);
	CHECK_ERR(syscall(SYS_get_robust_list, 0, NULL, &len), EFAULT);
	CHECK_ERR(syscall(SYS_get_robust_list, 0, &h, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_get_robust_list, 0x3ffffff0, &h, &len), ESRCH);

	s = (struct shared *)MUST(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	MUST(pipe(p));
	MUST(pipe(q));
	pid = MUST(fork());
	if (pid == 0) {
		unsigned tid = (unsigned)getpid();

		/* head -> l[0] -> l[1] -> head; l[2] is the pending op */
		s->head.futex_offset = offsetof(struct lock, word);
		s->head.list.next = &s->l[0].next;
		s->l[0].next.next = &s->l[1].next;
		s->l[1].next.next = &s->head.list;
		s->head.list_op_pending = &s->l[2].next;
		s->l[0].word = tid;
		s->l[1].word = 12345;	/* someone else's */
		s->l[2].word = tid;
		syscall(SYS_set_robust_list, &s->head, sizeof(s->head));
		write(p[1], "r", 1);
		read(q[0], &c, 1);	/* the parent is about to wait */
		usleep(100000);
		_exit(0);
	}
	MUST(read(p[0], &c, 1));
	__atomic_or_fetch(&s->l[0].word, FUTEX_WAITERS, __ATOMIC_SEQ_CST);
	MUST(write(q[1], "w", 1));
	/* woken by the death, or the word changed before the wait: both end it */
	{
		long r = syscall(SYS_futex, &s->l[0].word, FUTEX_WAIT, FUTEX_WAITERS | pid, &(struct timespec){ 2, 0 },
				 NULL, 0);

		CHECK(r == 0 || errno == EAGAIN);
	}
	MUST(waitpid(pid, &status, 0));
	CHECK_EQ(s->l[0].word, FUTEX_WAITERS | FUTEX_OWNER_DIED);
	CHECK_EQ(s->l[1].word, 12345);
	CHECK_EQ(s->l[2].word, FUTEX_OWNER_DIED);
	return report();
}
