/*
 * fcntl record locks (POSIX): F_GETLK from another process sees the
 * holder's type, range, and pid; ranges split on a partial unlock and
 * merge when adjacent; l_whence SEEK_CUR and SEEK_END and a negative
 * l_len; read locks share, write locks exclude (F_SETLK: EAGAIN); the
 * holder's own locks never get in its way; any close of an fd of the file
 * releases the process's locks; F_SETLKW waits for the unlock; two
 * processes waiting for each other get EDEADLK; bad input fails as Linux.
 */
#include "guest.h"
#include <sys/wait.h>

#define NAME "lock_posix.tmp"

static int lk(int fd, int cmd, int type, int whence, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* In a child: what F_GETLK says of [start, start+len) for a write lock. */
static void probe(const char *what, off_t start, off_t len, pid_t holder)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(NAME, O_RDWR);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start,
				    .l_len = len };

		if (fcntl(fd, F_GETLK, &fl) < 0)
			printf("%s: error %d\n", what, errno);
		else if (fl.l_type == F_UNLCK)
			printf("%s: unlocked\n", what);
		else
			printf("%s: type %d start %lld len %lld holder %d\n", what, fl.l_type,
			       (long long)fl.l_start, (long long)fl.l_len, fl.l_pid == holder);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(void)
{
	pid_t me = getpid(), pid;
	int fd, fd2, ro, p[2], q[2], status;
	struct flock fl;
	char c;

	alarm(20);
	fd = MUST(open(NAME, O_RDWR | O_CREAT | O_TRUNC, 0600));
	MUST(write(fd, "0123456789", 10));

	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 100), 0);
	probe("whole", 0, 0, me);
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 40, 20), 0);
	probe("hole", 45, 5, me);
	probe("left", 30, 20, me);
	probe("right", 50, 0, me);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 40, 20), 0);	/* merges again */
	probe("merged", 45, 5, me);
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 10, 10), 0);	/* a read lock inside */
	probe("inner", 0, 0, me);
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	probe("none", 0, 0, me);

	/* whence: SEEK_CUR at 4, SEEK_END at 10, negative length */
	MUST(lseek(fd, 4, SEEK_SET));
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_CUR, 1, 2), 0);	/* 5-6 */
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_END, 0, -3), 0);	/* 7-9 */
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_END, 5, 0), 0);	/* 15- */
	probe("cur", 0, 0, me);
	probe("end", 7, 0, me);
	probe("after", 10, 5, me);
	probe("eof", 12, 0, me);
	/* F_GETLK in the holder sees no conflict with itself */
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
	CHECK_EQ(fcntl(fd, F_GETLK, &fl), 0);
	CHECK_EQ(fl.l_type, F_UNLCK);

	/* another process: read locks share, write locks conflict */
	MUST(pipe(p));
	MUST(pipe(q));
	pid = MUST(fork());
	if (pid == 0) {
		int f = open(NAME, O_RDWR);

		printf("child: read %d\n", lk(f, F_SETLK, F_RDLCK, SEEK_SET, 5, 2));
		printf("child: write %d\n",
		       lk(f, F_SETLK, F_WRLCK, SEEK_SET, 5, 2) == -1 && errno == EAGAIN);
		printf("child: write beside %d\n", lk(f, F_SETLK, F_WRLCK, SEEK_SET, 11, 3));
		write(p[1], "1", 1);
		/* F_SETLKW: until the parent closes an fd of the file */
		printf("child: waited %d\n", lk(f, F_SETLKW, F_WRLCK, SEEK_SET, 0, 0));
		write(p[1], "2", 1);
		read(q[0], &c, 1);
		_exit(0);
	}
	MUST(read(p[0], &c, 1));
	fd2 = MUST(open(NAME, O_RDONLY));
	CHECK_ERR(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 12, 1), EAGAIN);
	usleep(50000);
	MUST(close(fd2));	/* drops all of this process's locks on the file */
	MUST(read(p[0], &c, 1));
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EAGAIN);
	MUST(write(q[1], "x", 1));
	MUST(waitpid(pid, &status, 0));
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0), 0);	/* free with the child gone */
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);

	/* EDEADLK: the child holds B and waits for A, which we hold; we ask for B */
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), 0);
	pid = MUST(fork());
	if (pid == 0) {
		int f = open(NAME, O_RDWR);

		lk(f, F_SETLK, F_WRLCK, SEEK_SET, 1, 1);
		write(p[1], "1", 1);
		printf("child: got A %d\n", lk(f, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1));
		_exit(0);
	}
	MUST(read(p[0], &c, 1));
	usleep(100000);	/* let the child block */
	CHECK_ERR(lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1), EDEADLK);
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1), 0);
	MUST(waitpid(pid, &status, 0));

	/* bad input */
	ro = MUST(open(NAME, O_RDONLY));
	CHECK_ERR(lk(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
	CHECK_ERR(lk(-1, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF);
	CHECK_ERR(lk(fd, F_SETLK, 3, SEEK_SET, 0, 1), EINVAL);
	CHECK_ERR(lk(fd, F_GETLK, F_UNLCK, SEEK_SET, 0, 1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, 3, 0, 1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, -1, 1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, -1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0x7fffffffffffffffLL, 2), EOVERFLOW);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_END, 0x7fffffffffffffffLL, 1), EOVERFLOW);
	CHECK_ERR(fcntl(fd, F_SETLK, NULL), EFAULT);
	CHECK_ERR(fcntl(fd, F_GETLK, (void *)8), EFAULT);
	unlink(NAME);
	return report();
}
