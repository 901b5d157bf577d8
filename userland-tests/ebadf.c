/*
 * fd-taking syscalls given a negative, closed, or huge fd fail with EBADF.
 */
#include "guest.h"
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <termios.h>

int main(void)
{
	int bad[4] = { -1, -2, 0x7fffffff, 0 };
	char buf[64];
	struct stat st;
	struct iovec iov = { buf, sizeof(buf) };
	struct termios t;
	void *p;
	int i;

	bad[3] = MUST(open("/dev/null", O_RDONLY));
	MUST(close(bad[3]));

	for (i = 0; i < 4; i++) {
		int fd = bad[i];

		CHECK_ERR(read(fd, buf, 1), EBADF);
		CHECK_ERR(write(fd, buf, 1), EBADF);
		CHECK_ERR(pread(fd, buf, 1, 0), EBADF);
		CHECK_ERR(pwrite(fd, buf, 1, 0), EBADF);
		CHECK_ERR(readv(fd, &iov, 1), EBADF);
		CHECK_ERR(writev(fd, &iov, 1), EBADF);
		CHECK_ERR(close(fd), EBADF);
		CHECK_ERR(lseek(fd, 0, SEEK_SET), EBADF);
		CHECK_ERR(syscall(SYS_fstat, fd, &st), EBADF);
		CHECK_ERR(syscall(SYS_dup, fd), EBADF);
		CHECK_ERR(syscall(SYS_dup2, fd, 50), EBADF);
		CHECK_ERR(syscall(SYS_dup3, fd, 50, 0), EBADF);
		CHECK_ERR(fcntl(fd, F_GETFD), EBADF);
		CHECK_ERR(fcntl(fd, F_GETFL), EBADF);
		CHECK_ERR(fchdir(fd), EBADF);
		CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), EBADF);
		CHECK_ERR(ioctl(fd, TCGETS, &t), EBADF);
		CHECK_ERR(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, 0x7ff, buf), EBADF);
		CHECK_ERR(fstatat(fd, "relative", &st, 0), EBADF);
		CHECK_ERR(openat(fd, "relative", O_RDONLY), EBADF);
		CHECK_ERR(mkdirat(fd, "relative", 0755), EBADF);
		CHECK_ERR(unlinkat(fd, "relative", 0), EBADF);
		CHECK_ERR(readlinkat(fd, "relative", buf, sizeof(buf)), EBADF);
		CHECK_ERR(faccessat(fd, "relative", F_OK, 0), EBADF);
		p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
		CHECK(p == MAP_FAILED && errno == EBADF);
	}
	CHECK_ERR(fcntl(50, F_GETFD), EBADF);
	return report();
}
