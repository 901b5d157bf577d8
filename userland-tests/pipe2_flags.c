/*
 * pipe2(2) flags and what a pipe looks like: O_CLOEXEC shows in F_GETFD,
 * O_NONBLOCK in F_GETFL of both ends, O_DIRECT only on the write end;
 * other flags are EINVAL. fstat says S_IFIFO, size 0 even with data
 * queued, blksize 4096, one inode shared by both ends and a new one per
 * pipe; lseek, pread and pwrite are ESPIPE; FIONREAD counts queued bytes.
 */
#include "guest.h"

#include <sys/ioctl.h>

int main(void)
{
	struct stat r, w, other;
	char buf[8];
	int p[2], q[2], n;

	/* Close-on-exec. */
	MUST(pipe2(p, O_CLOEXEC));
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	close(p[0]);
	close(p[1]);
	MUST(pipe2(p, 0));
	CHECK_EQ(fcntl(p[0], F_GETFD), 0);
	CHECK_EQ(fcntl(p[1], F_GETFD), 0);
	CHECK_EQ(fcntl(p[0], F_GETFL), O_RDONLY);
	CHECK_EQ(fcntl(p[1], F_GETFL), O_WRONLY);
	close(p[0]);
	close(p[1]);

	/* Status flags. */
	MUST(pipe2(p, O_NONBLOCK));
	CHECK_EQ(fcntl(p[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_EQ(fcntl(p[1], F_GETFL), O_WRONLY | O_NONBLOCK);
	close(p[0]);
	close(p[1]);
	MUST(pipe2(p, O_DIRECT | O_NONBLOCK | O_CLOEXEC));
	CHECK_EQ(fcntl(p[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_EQ(fcntl(p[1], F_GETFL), O_WRONLY | O_NONBLOCK | O_DIRECT);
	close(p[0]);
	close(p[1]);

	/* Anything else is EINVAL. */
	CHECK_ERR(pipe2(p, O_APPEND), EINVAL);
	CHECK_ERR(pipe2(p, O_RDWR), EINVAL);
	CHECK_ERR(pipe2(p, O_CLOEXEC | O_SYNC), EINVAL);
	CHECK_ERR(pipe2(p, 0x80000000), EINVAL);

	/* fstat. */
	MUST(pipe(p));
	MUST(pipe(q));
	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(fstat(p[0], &r), 0);
	CHECK_EQ(fstat(p[1], &w), 0);
	CHECK_EQ(fstat(q[0], &other), 0);
	CHECK(S_ISFIFO(r.st_mode));
	CHECK_EQ(r.st_mode & 07777, 0600);
	CHECK_EQ(r.st_size, 0);
	CHECK_EQ(r.st_blksize, 4096);
	CHECK_EQ(r.st_blocks, 0);
	CHECK_EQ(r.st_nlink, 1);
	CHECK_EQ(r.st_uid, geteuid());
	CHECK_EQ(r.st_rdev, 0);
	CHECK(r.st_ino == w.st_ino && r.st_dev == w.st_dev);
	CHECK(other.st_ino != r.st_ino && other.st_dev == r.st_dev);

	/* No seeking. */
	CHECK_ERR(lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERR(lseek(p[1], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(pwrite(p[1], "x", 1, 0), ESPIPE);

	/* FIONREAD, from either end; other ioctls are ENOTTY. */
	n = -1;
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0);
	CHECK_EQ(n, 5);
	n = -1;
	CHECK_EQ(ioctl(p[1], FIONREAD, &n), 0);
	CHECK_EQ(n, 5);
	n = -1;
	CHECK_EQ(ioctl(q[0], FIONREAD, &n), 0);
	CHECK_EQ(n, 0);
	CHECK_ERR(ioctl(p[0], TIOCGWINSZ, buf), ENOTTY);
	CHECK_EQ(read(p[0], buf, 2), 2);
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0);
	CHECK_EQ(n, 3);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	return report();
}
