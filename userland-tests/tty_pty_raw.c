/*
 * A pty slave in non-canonical mode: VMIN/VTIME (VMIN 0 VTIME 0 returns
 * at once; VMIN 0 VTIME 2 times out with 0; VMIN 3 waits for three
 * bytes), ISIG off makes ^C data, echo of control characters in raw mode
 * (ECHOCTL), ^S/^Q stopping output (IXON), TCFLSH dropping typed input,
 * and what switching back to canonical mode does with pending bytes.
 */
#include "guest.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>

static int master, slave;

static long long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* What the master has within 200 ms, as a count and escaped text. */
static void show_master(const char *what)
{
	char buf[256];
	struct pollfd p = { .fd = master, .events = POLLIN };
	ssize_t n = 0;

	if (poll(&p, 1, 200) == 1)
		n = read(master, buf, sizeof(buf));
	printf("%s: master got %zd \"", what, n);
	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c < 32 || c >= 127)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

static void set_cc(int vmin, int vtime)
{
	struct termios t;

	MUST(tcgetattr(slave, &t));
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = (cc_t)vtime;
	MUST(tcsetattr(slave, TCSANOW, &t));
}

int main(void)
{
	struct termios t;
	struct timespec t0;
	char buf[64];
	long long ms;
	int n;

	master = MUST(posix_openpt(O_RDWR | O_NOCTTY));
	MUST(grantpt(master));
	MUST(unlockpt(master));
	slave = MUST(open(ptsname(master), O_RDWR | O_NOCTTY));

	MUST(tcgetattr(slave, &t));
	t.c_lflag &= ~(tcflag_t)(ICANON | ISIG);
	MUST(tcsetattr(slave, TCSANOW, &t));

	set_cc(0, 0);
	CHECK_EQ(read(slave, buf, sizeof(buf)), 0);

	set_cc(0, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ(read(slave, buf, sizeof(buf)), 0);
	ms = ms_since(&t0);
	CHECK(ms >= 150 && ms < 2000);

	set_cc(3, 0);
	MUST(write(master, "\003\001x", 3));
	show_master("raw echo");
	CHECK_EQ(read(slave, buf, sizeof(buf)), 3);
	CHECK(buf[0] == 3 && buf[1] == 1 && buf[2] == 'x');

	/* VMIN 3 with one byte there: poll says not ready */
	MUST(write(master, "y", 1));
	show_master("one byte");
	{
		struct pollfd p = { .fd = slave, .events = POLLIN };

		CHECK_EQ(poll(&p, 1, 50), 0);
		MUST(write(master, "zz", 2));
		CHECK_EQ(poll(&p, 1, 1000), 1);
	}
	show_master("two more");
	CHECK_EQ(read(slave, buf, sizeof(buf)), 3);

	/* TCFLSH drops what was typed */
	MUST(write(master, "gone", 4));
	show_master("typed");
	CHECK_OK(ioctl(slave, FIONREAD, &n));
	CHECK_EQ(n, 4);
	CHECK_OK(tcflush(slave, TCIFLUSH));
	CHECK_OK(ioctl(slave, FIONREAD, &n));
	CHECK_EQ(n, 0);

	/* ^S stops the slave's output, ^Q lets it go */
	MUST(write(master, "\023", 1));
	usleep(50000);
	{
		int fl = fcntl(slave, F_GETFL);

		fcntl(slave, F_SETFL, fl | O_NONBLOCK);
		CHECK_ERR(write(slave, "out", 3), EAGAIN);
		fcntl(slave, F_SETFL, fl);
	}
	show_master("stopped");
	MUST(write(master, "\021", 1));
	usleep(50000);
	CHECK_EQ(write(slave, "out", 3), 3);
	show_master("started");

	/* back to canonical: pending raw bytes become a line */
	set_cc(1, 0);
	MUST(write(master, "ab", 2));
	show_master("pending");
	t.c_lflag |= ICANON;
	MUST(tcsetattr(slave, TCSANOW, &t));
	{
		struct pollfd p = { .fd = slave, .events = POLLIN };

		printf("canonical with pending bytes: poll %d\n", poll(&p, 1, 100));
	}
	close(slave);
	close(master);
	return report();
}
