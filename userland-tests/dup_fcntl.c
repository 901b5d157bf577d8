/*
 * dup, dup2, dup3 and fcntl: new fds are the lowest free number, share the
 * file offset, do not share FD_CLOEXEC; dup2 onto itself is a no-op while
 * dup3 onto itself is EINVAL; F_DUPFD honours its minimum; bad fds EBADF.
 */
#include "guest.h"

#define F "dup_fcntl.tmp"

int main(void)
{
	char buf[8];
	int fd, d, d2, lowest;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "abcdef", 6));
	MUST(lseek(fd, 0, SEEK_SET));

	/* The lowest free number is reused. */
	lowest = dup(fd);
	CHECK(lowest > fd);
	CHECK_EQ(close(lowest), 0);
	d = dup(fd);
	CHECK_EQ(d, lowest);

	/* Shared offset. */
	CHECK_EQ(read(d, buf, 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, "cd", 2) == 0);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 4);

	/* Close-on-exec is per fd. */
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_EQ(fcntl(d, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	d2 = dup(d);
	CHECK(d2 >= 0);
	CHECK_EQ(fcntl(d2, F_GETFD), 0);
	CHECK_EQ(close(d2), 0);

	/* Status flags are per open file, shared by dups. */
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
	CHECK(fcntl(d, F_GETFL) & O_APPEND);
	CHECK_EQ(fcntl(fd, F_SETFL, 0), 0);
	CHECK(!(fcntl(d, F_GETFL) & O_APPEND));

	/* dup2 */
	CHECK_EQ(dup2(fd, 100), 100);
	CHECK_EQ(fcntl(100, F_GETFD), 0);
	CHECK_EQ(lseek(100, 0, SEEK_CUR), 4);
	CHECK_EQ(dup2(d, 100), 100); /* closes the old 100 silently */
	CHECK_EQ(fcntl(100, F_GETFD), 0);
	CHECK_EQ(dup2(100, 100), 100);
	CHECK_ERR(dup2(-1, 101), EBADF);
	CHECK_ERR(dup2(fd, -1), EBADF);
	CHECK_ERR(dup2(555555, 100), EBADF);
	CHECK_EQ(close(100), 0);
	CHECK_ERR(dup2(100, 100), EBADF);

	/* dup3 (raw: musl turns dup3 without O_CLOEXEC into dup2) */
	CHECK_EQ(syscall(SYS_dup3, fd, 101, O_CLOEXEC), 101);
	CHECK_EQ(fcntl(101, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(syscall(SYS_dup3, fd, 101, 0), 101);
	CHECK_EQ(fcntl(101, F_GETFD), 0);
	CHECK_ERR(syscall(SYS_dup3, 101, 101, 0), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, 101, 101, O_CLOEXEC), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, fd, 102, O_APPEND), EINVAL);
	CHECK_ERR(fcntl(102, F_GETFD), EBADF);
	CHECK_ERR(syscall(SYS_dup3, -1, 102, 0), EBADF);
	CHECK_EQ(close(101), 0);

	/* Raw dup2 onto itself checks the fd and returns it. */
	CHECK_EQ(syscall(SYS_dup2, fd, fd), fd);
	CHECK_ERR(syscall(SYS_dup2, 555555, 555555), EBADF);

	/* F_DUPFD and F_DUPFD_CLOEXEC return the lowest free fd >= arg. */
	CHECK_EQ(fcntl(fd, F_DUPFD, 200), 200);
	CHECK_EQ(fcntl(fd, F_DUPFD, 200), 201);
	CHECK_EQ(fcntl(200, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 200), 202);
	CHECK_EQ(fcntl(202, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(close(201), 0);
	CHECK_EQ(fcntl(fd, F_DUPFD, 195), 195);
	CHECK_EQ(fcntl(fd, F_DUPFD, 196), 196);
	CHECK_EQ(fcntl(fd, F_DUPFD, 200), 201);
	CHECK_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_EQ(close(195), 0);
	CHECK_EQ(close(196), 0);
	CHECK_EQ(close(200), 0);
	CHECK_EQ(close(201), 0);
	CHECK_EQ(close(202), 0);

	/* Bad fds and commands. */
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(dup(555555), EBADF);
	CHECK_ERR(fcntl(-1, F_GETFD), EBADF);
	CHECK_ERR(fcntl(555555, F_GETFL), EBADF);
	CHECK_ERR(fcntl(fd, 12345), EINVAL);
	CHECK_ERR(close(555555), EBADF);

	CHECK_EQ(close(d), 0);
	CHECK_ERR(close(d), EBADF);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
