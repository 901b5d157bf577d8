/*
 * The memory devices: /dev/null reads EOF and swallows writes, /dev/zero
 * reads zeros, /dev/full reads zeros and refuses writes with ENOSPC,
 * /dev/urandom and /dev/random give bytes; each has its Linux device
 * number; none is a terminal (ENOTTY), and neither is a regular file.
 */
#include "guest.h"
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <termios.h>

#define F "dev_nodes.tmp"

static void check_dev(const char *path, unsigned maj, unsigned min)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(major(st.st_rdev), maj);
	CHECK_EQ(minor(st.st_rdev), min);
}

static long count_nonzero(const unsigned char *p, long n)
{
	long i, c = 0;

	for (i = 0; i < n; i++)
		c += p[i] != 0;
	return c;
}

int main(void)
{
	unsigned char buf[8192];
	struct termios t;
	struct winsize ws;
	int fd;

	check_dev("/dev/null", 1, 3);
	check_dev("/dev/zero", 1, 5);
	check_dev("/dev/full", 1, 7);
	check_dev("/dev/random", 1, 8);
	check_dev("/dev/urandom", 1, 9);
	check_dev("/dev/tty", 5, 0);
	check_dev("/dev/console", 5, 1);

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(pread(fd, buf, 10, 100), 0);
	CHECK_EQ(lseek(fd, 1000, SEEK_SET), 0);
	CHECK_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	CHECK_ERR(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
	CHECK_EQ(close(fd), 0);

	fd = open("/dev/zero", O_RDWR);
	CHECK(fd >= 0);
	memset(buf, 0xff, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(count_nonzero(buf, sizeof(buf)), 0);
	memset(buf, 0xff, sizeof(buf));
	CHECK_EQ(pread(fd, buf, 100, 12345), 100);
	CHECK_EQ(count_nonzero(buf, 100), 0);
	CHECK_EQ(buf[100], 0xff);
	CHECK_EQ(write(fd, buf, 100), 100);
	CHECK_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	CHECK_EQ(close(fd), 0);

	fd = open("/dev/full", O_RDWR);
	CHECK(fd >= 0);
	CHECK_ERR(write(fd, "x", 1), ENOSPC);
	CHECK_ERR(write(fd, buf, sizeof(buf)), ENOSPC);
	memset(buf, 0xff, sizeof(buf));
	CHECK_EQ(read(fd, buf, 64), 64);
	CHECK_EQ(count_nonzero(buf, 64), 0);
	CHECK_EQ(close(fd), 0);

	fd = open("/dev/urandom", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 256), 256);
	CHECK(count_nonzero(buf, 256) > 200);
	CHECK_EQ(close(fd), 0);
	fd = open("/dev/random", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 256), 256);
	CHECK(count_nonzero(buf, 256) > 200);
	CHECK_EQ(close(fd), 0);

	/* A regular file is not a terminal either. */
	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	CHECK_ERR(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
