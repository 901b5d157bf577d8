/*
 * writev gathers and readv scatters in iovec order, moving the offset by the
 * total; zero-length iovecs are skipped; a bad iovcnt is EINVAL.
 */
#include "guest.h"
#include <limits.h>
#include <sys/uio.h>

#define F "readv_writev.tmp"

int main(void)
{
	char a[4], b[1], c[8];
	struct iovec iov[4];
	char all[32];
	int fd;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));

	iov[0] = (struct iovec){ "one-", 4 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "two-", 4 };
	iov[3] = (struct iovec){ "three", 5 };
	CHECK_EQ(writev(fd, iov, 4), 13);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 13);
	memset(all, 0, sizeof(all));
	CHECK_EQ(pread(fd, all, sizeof(all), 0), 13);
	CHECK_STR(all, "one-two-three");

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(c, 0, sizeof(c));
	iov[0] = (struct iovec){ a, sizeof(a) };
	iov[1] = (struct iovec){ b, 0 };
	iov[2] = (struct iovec){ b, sizeof(b) };
	iov[3] = (struct iovec){ c, sizeof(c) };
	/* Only 13 bytes are there: c gets the last 8. */
	CHECK_EQ(readv(fd, iov, 4), 13);
	CHECK(memcmp(a, "one-", 4) == 0);
	CHECK(memcmp(b, "t", 1) == 0);
	CHECK(memcmp(c, "wo-three", 8) == 0);
	CHECK_EQ(readv(fd, iov, 4), 0);

	/* A short file fills the first iovecs and stops. */
	CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);
	memset(a, 0, sizeof(a));
	CHECK_EQ(readv(fd, iov, 4), 3);
	CHECK(memcmp(a, "ree", 3) == 0);

	CHECK_EQ(writev(fd, iov, 0), 0);
	CHECK_ERR(writev(fd, iov, -1), EINVAL);
	CHECK_ERR(readv(fd, iov, IOV_MAX + 1), EINVAL);
	CHECK_ERR(writev(-1, iov, 1), EBADF);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
