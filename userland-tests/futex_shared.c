/*
 * Shared futexes meet across processes when the word is the same memory:
 * a MAP_SHARED anonymous page inherited over fork, and a MAP_SHARED file
 * page mapped separately in each process (at different addresses). A
 * private futex op on the same words does not reach them, and a
 * MAP_PRIVATE page after fork is not shared.
 */
#include "guest.h"
#include <limits.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_PRIVATE_FLAG 128
#define NAME "futex_shared.tmp"

static long futex(unsigned *uaddr, int op, unsigned val, long val2, unsigned *uaddr2,
		  unsigned val3)
{
	return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

/* Move the sleeper of w[0] to w[1], waiting (bounded) until it sleeps. */
static int move(unsigned *w)
{
	for (int i = 0; i < 500; i++) {
		long r = futex(&w[0], FUTEX_CMP_REQUEUE, 0, INT_MAX, &w[1], 0);

		if (r != 0)
			return (int)r;
		usleep(2000);
	}
	return 0;
}

/* A child that waits on w[0] and exits 0 if woken by a wake (not EAGAIN...). */
static pid_t waiter(unsigned *w)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(futex(&w[0], FUTEX_WAIT, 0, 0, NULL, 0) == 0 ? 0 : 1);
	return pid;
}

static int status_of(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

int main(void)
{
	unsigned *anon, *file, *priv;
	pid_t pid;
	int fd;

	alarm(20);
	anon = (unsigned *)MUST(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				     -1, 0));
	pid = waiter(anon);
	CHECK_EQ(move(anon), 1);
	CHECK_EQ(futex(&anon[1], FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, NULL, 0), 0);
	CHECK_EQ(futex(&anon[1], FUTEX_WAKE, 1, 0, NULL, 0), 1);
	CHECK_EQ(status_of(pid), 0);

	/* a file page, mapped by the child on its own */
	fd = MUST(open(NAME, O_RDWR | O_CREAT | O_TRUNC, 0600));
	MUST(ftruncate(fd, 8192));
	file = (unsigned *)MUST(mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	pid = fork();
	if (pid == 0) {
		/* a guard page first, so the address differs from the parent's */
		void *guard = mmap(NULL, 4096 * 3, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned *mine = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);

		(void)guard;
		if (mine == MAP_FAILED)
			_exit(3);
		_exit(futex(&mine[10], FUTEX_WAIT, 0, 0, NULL, 0) == 0 ? 0 : 1);
	}
	CHECK_EQ(move(&file[1024 + 10]), 1);
	CHECK_EQ(futex(&file[1024 + 11], FUTEX_WAKE, 1, 0, NULL, 0), 1);
	CHECK_EQ(status_of(pid), 0);

	/* MAP_PRIVATE anonymous memory is the child's own after fork */
	priv = (unsigned *)MUST(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 100000000 };

		_exit(futex(&priv[0], FUTEX_WAIT, 0, (long)&ts, NULL, 0) == -1 &&
		      errno == ETIMEDOUT ? 0 : 1);
	}
	usleep(20000);
	CHECK_EQ(futex(&priv[0], FUTEX_WAKE, 1, 0, NULL, 0), 0);
	CHECK_EQ(status_of(pid), 0);
	unlink(NAME);
	return report();
}
