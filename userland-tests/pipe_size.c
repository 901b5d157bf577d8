/*
 * F_GETPIPE_SZ and F_SETPIPE_SZ (fcntl(2)): the default is 65536 bytes;
 * a new size is rounded up to a power-of-two number of pages (at least
 * one), sizes past 2^31 are EINVAL, shrinking below the pages in use is
 * EBUSY and keeps the data, the capacity follows the new size, and a file
 * that is not a pipe is EBADF.
 */
#include "guest.h"

static char chunk[4096];

/* How many bytes a non-blocking write end takes, 4096 at a time. */
static long fill(int fd)
{
	long total = 0, r;

	while ((r = write(fd, chunk, sizeof(chunk))) > 0)
		total += r;
	return total;
}

int main(void)
{
	static char sink[1 << 20];
	char buf[16];
	int p[2], fd;

	MUST(pipe2(p, O_NONBLOCK));
	CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536);

	/* Rounding, through either end. */
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 4096);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 4097), 8192);
	CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 20000), 32768);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 1048576), 1048576);
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 1048576);
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, (1UL << 31) + 1), EINVAL);
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, -1), EINVAL);
	/* Only the low 32 bits of the argument count. */
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, (1UL << 32) + 4096), 4096);

	/* The capacity follows. */
	memset(chunk, 'p', sizeof(chunk));
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 16384), 16384);
	CHECK_EQ(fill(p[1]), 16384);
	CHECK_EQ(read(p[0], sink, sizeof(sink)), 16384);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 1048576), 1048576);
	CHECK_EQ(fill(p[1]), 1048576);
	CHECK_EQ(read(p[0], sink, sizeof(sink)), 1048576);

	/* Three pages in use: shrinking to two is EBUSY, to four is fine. */
	CHECK_EQ(write(p[1], chunk, 4096), 4096);
	CHECK_EQ(write(p[1], chunk, 4096), 4096);
	CHECK_EQ(write(p[1], "0123456789", 10), 10);
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 8192), EBUSY);
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 1048576);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 16384), 16384);
	CHECK_EQ(read(p[0], sink, 8192), 8192);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 10);
	CHECK_STR(buf, "0123456789");

	/* Small writes share a page: two of them fit a one-page pipe. */
	CHECK_EQ(write(p[1], "abc", 3), 3);
	CHECK_EQ(write(p[1], "def", 3), 3);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
	CHECK_EQ(write(p[1], "ghi", 3), 3);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 9);
	CHECK_STR(buf, "abcdefghi");
	close(p[0]);
	close(p[1]);

	/* Not a pipe. */
	fd = MUST(open("/dev/null", O_RDWR));
	CHECK_ERR(fcntl(fd, F_GETPIPE_SZ), EBADF);
	CHECK_ERR(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
	close(fd);
	CHECK_ERR(fcntl(-1, F_GETPIPE_SZ), EBADF);
	return report();
}
