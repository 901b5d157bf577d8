/*
 * A pty's line discipline in canonical mode, seen from the master: what
 * the slave's reader gets and what is echoed back for erase (^?), kill
 * (^U), word erase (^W), literal next (^V), reprint (^R), end of file
 * (^D), control characters (ECHOCTL), CR to NL (ICRNL), and output
 * processing of what the slave writes (ONLCR). Also FIONREAD, ECHO off,
 * IGNCR and INLCR.
 */
#include "guest.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

static int master, slave;

/* Everything the master can read within a short while, escaped. */
static void show_master(const char *what)
{
	char buf[512], out[2048];
	size_t len = 0, o = 0;
	struct pollfd p = { .fd = master, .events = POLLIN };

	while (len < sizeof(buf) && poll(&p, 1, 200) == 1 && (p.revents & POLLIN)) {
		ssize_t n = read(master, buf + len, sizeof(buf) - len);

		if (n <= 0)
			break;
		len += (size_t)n;
	}
	for (size_t i = 0; i < len && o < sizeof(out) - 5; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\r')
			o += (size_t)sprintf(out + o, "\\r");
		else if (c == '\n')
			o += (size_t)sprintf(out + o, "\\n");
		else if (c == '\b')
			o += (size_t)sprintf(out + o, "\\b");
		else if (c < 32 || c >= 127)
			o += (size_t)sprintf(out + o, "\\%03o", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	printf("%s echo: \"%s\"\n", what, out);
}

/* One read on the slave (it must not block: a line is there), escaped. */
static void show_slave(const char *what)
{
	char buf[256];
	struct pollfd p = { .fd = slave, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, 1000) != 1) {
		printf("%s read: nothing\n", what);
		return;
	}
	n = read(slave, buf, sizeof(buf));
	printf("%s read: %zd \"", what, n);
	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			printf("\\n");
		else if (c < 32 || c >= 127)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

static void type(const char *s)
{
	MUST(write(master, s, strlen(s)));
}

int main(void)
{
	struct termios t;
	int n;

	master = MUST(posix_openpt(O_RDWR | O_NOCTTY));
	MUST(grantpt(master));
	MUST(unlockpt(master));
	slave = MUST(open(ptsname(master), O_RDWR | O_NOCTTY));

	type("abc\177d\n");
	show_master("erase");
	show_slave("erase");

	type("xyz\025ok\n");
	show_master("kill");
	show_slave("kill");

	type("one two\027three\n");
	show_master("werase");
	show_slave("werase");

	type("a\026\003b\n");
	show_master("lnext");
	show_slave("lnext");

	type("ab\022c\n");
	show_master("reprint");
	show_slave("reprint");

	type("\001\033\n");
	show_master("echoctl");
	show_slave("echoctl");

	type("partial\004");
	show_master("eof-mid");
	show_slave("eof-mid");
	type("\004");
	show_slave("eof-start");

	type("cr\r");
	show_master("icrnl");
	show_slave("icrnl");

	type("12\n34\n");
	show_master("two lines");
	CHECK_OK(ioctl(slave, FIONREAD, &n));
	printf("FIONREAD %d\n", n);
	show_slave("line 1");
	show_slave("line 2");

	MUST(write(slave, "out\nx\ty\n", 8));
	show_master("onlcr");

	MUST(tcgetattr(slave, &t));
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_iflag |= IGNCR;
	MUST(tcsetattr(slave, TCSANOW, &t));
	type("quiet\r\n");
	show_master("noecho");
	show_slave("igncr");

	t.c_iflag &= ~(tcflag_t)IGNCR;
	t.c_iflag |= INLCR;
	t.c_iflag &= ~(tcflag_t)ICRNL;
	MUST(tcsetattr(slave, TCSANOW, &t));
	type("nl\ncr\r");
	show_slave("inlcr");

	t.c_lflag |= ECHO | ECHONL;
	t.c_lflag &= ~(tcflag_t)(ECHOE | ECHOKE);
	MUST(tcsetattr(slave, TCSANOW, &t));
	type("ab\177c\025d\r");
	show_master("no echoe");
	show_slave("no echoe");

	close(slave);
	close(master);
	return report();
}
