/*
 * flock(2): shared locks coexist, an exclusive one excludes every other
 * open file (LOCK_NB: EWOULDBLOCK), even in the same process; locks belong
 * to the open file, so a dup or a fork child shares it and unlocking
 * through either releases it; the lock goes at the last close of the open
 * file, not at the first; a lock can be converted; a blocked LOCK_EX
 * waits until the holder unlocks; a signal interrupts the wait (EINTR
 * without SA_RESTART); bad operations are EINVAL and bad fds EBADF.
 */
#include "guest.h"
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>

#define NAME "flock_basic.tmp"

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	int a, b, c, d, p[2], status;
	char x;
	pid_t pid;

	alarm(20);
	a = MUST(open(NAME, O_RDWR | O_CREAT | O_TRUNC, 0600));
	b = MUST(open(NAME, O_RDONLY));
	c = MUST(open(NAME, O_WRONLY));

	CHECK_EQ(flock(a, LOCK_SH), 0);
	CHECK_EQ(flock(b, LOCK_SH | LOCK_NB), 0);
	CHECK_ERR(flock(c, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_EQ(flock(a, LOCK_UN), 0);
	CHECK_ERR(flock(c, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_EQ(flock(b, LOCK_UN), 0);
	CHECK_EQ(flock(c, LOCK_EX | LOCK_NB), 0);
	CHECK_EQ(flock(c, LOCK_EX | LOCK_NB), 0);	/* again: no change */
	CHECK_ERR(flock(a, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	/* converting to shared lets other shared locks in */
	CHECK_EQ(flock(c, LOCK_SH | LOCK_NB), 0);
	CHECK_EQ(flock(a, LOCK_SH | LOCK_NB), 0);
	CHECK_ERR(flock(c, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_EQ(flock(a, LOCK_UN), 0);
	CHECK_EQ(flock(c, LOCK_EX | LOCK_NB), 0);
	/* unlocking what is not locked is fine */
	CHECK_EQ(flock(b, LOCK_UN), 0);

	/* a dup shares the lock; it goes at the last close */
	d = MUST(dup(c));
	MUST(close(c));
	CHECK_ERR(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	MUST(close(d));
	CHECK_EQ(flock(a, LOCK_EX | LOCK_NB), 0);

	/* a fork child shares the open file and its lock */
	MUST(pipe(p));
	pid = MUST(fork());
	if (pid == 0) {
		int e = open(NAME, O_RDONLY);

		printf("child: own file %d\n", flock(e, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK);
		printf("child: shared file %d\n", flock(a, LOCK_EX | LOCK_NB));
		/* a blocking wait, until the parent unlocks */
		write(p[1], "r", 1);
		printf("child: waited %d\n", flock(e, LOCK_SH));
		_exit(0);
	}
	MUST(read(p[0], &x, 1));
	usleep(50000);
	CHECK_EQ(flock(a, LOCK_UN), 0);
	MUST(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* a signal ends a blocked wait with EINTR */
	CHECK_EQ(flock(b, LOCK_EX), 0);
	MUST(sigaction(SIGALRM, &sa, NULL));
	pid = MUST(fork());
	if (pid == 0) {
		int e = open(NAME, O_RDONLY);

		alarm(1);
		printf("child: interrupted %d\n", flock(e, LOCK_SH) == -1 && errno == EINTR);
		_exit(0);
	}
	MUST(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* bad input */
	CHECK_ERR(flock(a, 0), EINVAL);
	CHECK_ERR(flock(a, LOCK_NB), EINVAL);
	CHECK_ERR(flock(a, LOCK_SH | LOCK_EX), EINVAL);
	CHECK_ERR(flock(a, 16), EINVAL);
	CHECK_ERR(flock(-1, LOCK_SH), EBADF);
	CHECK_ERR(flock(999, LOCK_UN), EBADF);
	unlink(NAME);
	return report();
}
