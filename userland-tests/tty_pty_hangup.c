/*
 * The two ends of a pty going away: after the slave's last close the
 * master still reads what was written, then EIO, and polls POLLHUP; after
 * the master's close the slave's files are hung up (read 0, write EIO,
 * POLLHUP) and its node in /dev/pts is gone. A locked slave cannot be
 * opened (EIO); TIOCGPTN is the number in ptsname; ioctls that are the
 * master's fail on the slave with ENOTTY.
 */
#include "guest.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

static int open_master(char *name, size_t size)
{
	int m = MUST(posix_openpt(O_RDWR | O_NOCTTY));
	unsigned n;

	MUST(grantpt(m));
	MUST(ptsname_r(m, name, size));
	CHECK_OK(ioctl(m, TIOCGPTN, &n));
	CHECK_EQ(atoi(name + strlen("/dev/pts/")), n);
	return m;
}

int main(void)
{
	char name[64], buf[64];
	struct termios t;
	struct pollfd p;
	int m, s, lock;
	ssize_t n;

	/* locked until unlockpt */
	m = open_master(name, sizeof(name));
	CHECK_OK(ioctl(m, TIOCGPTLCK, &lock));
	CHECK_EQ(lock, 1);
	CHECK_ERR(open(name, O_RDWR | O_NOCTTY), EIO);
	MUST(unlockpt(m));
	CHECK_OK(ioctl(m, TIOCGPTLCK, &lock));
	CHECK_EQ(lock, 0);
	s = MUST(open(name, O_RDWR | O_NOCTTY));
	CHECK_ERR(ioctl(s, TIOCGPTN, &lock), ENOTTY);
	CHECK_ERR(ioctl(s, TIOCSPTLCK, &lock), ENOTTY);
	CHECK(isatty(m) && isatty(s));

	/* the slave closes: data first, then EIO and POLLHUP on the master */
	MUST(write(s, "bye\n", 4));
	close(s);
	p.fd = m;
	p.events = POLLIN;
	CHECK_EQ(poll(&p, 1, 1000), 1);
	printf("master revents with data:%s%s\n", (p.revents & POLLIN) ? " IN" : "",
	       (p.revents & POLLHUP) ? " HUP" : "");
	n = read(m, buf, sizeof(buf));
	CHECK_EQ(n, 5);
	CHECK(n == 5 && !memcmp(buf, "bye\r\n", 5));
	CHECK_ERR(read(m, buf, sizeof(buf)), EIO);
	CHECK_EQ(poll(&p, 1, 0), 1);
	printf("master revents after:%s%s\n", (p.revents & POLLIN) ? " IN" : "",
	       (p.revents & POLLHUP) ? " HUP" : "");
	close(m);

	/* the master closes: the slave is hung up and its node goes */
	m = open_master(name, sizeof(name));
	MUST(unlockpt(m));
	s = MUST(open(name, O_RDWR | O_NOCTTY));
	close(m);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);
	CHECK_ERR(write(s, "x", 1), EIO);
	p.fd = s;
	p.events = POLLIN | POLLOUT;
	CHECK_EQ(poll(&p, 1, 0), 1);
	printf("slave revents:%s%s%s%s\n", (p.revents & POLLIN) ? " IN" : "",
	       (p.revents & POLLOUT) ? " OUT" : "", (p.revents & POLLERR) ? " ERR" : "",
	       (p.revents & POLLHUP) ? " HUP" : "");
	CHECK_ERR(tcgetattr(s, &t), EIO);
	CHECK_ERR(open(name, O_RDWR | O_NOCTTY), ENOENT);
	close(s);
	return report();
}
