/*
 * Bad arguments to tty ioctls on a pty, answered as Linux does: bad
 * pointers are EFAULT, TCFLSH and TCXONC with an unknown argument EINVAL,
 * an unknown ioctl ENOTTY; termios ioctls on a pipe or /dev/null are
 * ENOTTY; a read into a bad buffer is EFAULT; and a burst larger than the
 * 4096-byte input buffer neither blocks the writer forever nor loses the
 * slave's ability to read afterwards.
 */
#include "guest.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

#define BAD ((void *)8)

int main(void)
{
	struct termios t;
	struct winsize ws;
	char buf[8192];
	int m, s, p[2], null, n;
	ssize_t w, total = 0;

	m = MUST(posix_openpt(O_RDWR | O_NOCTTY));
	MUST(grantpt(m));
	MUST(unlockpt(m));
	s = MUST(open(ptsname(m), O_RDWR | O_NOCTTY));

	CHECK_ERR(ioctl(s, TCGETS, BAD), EFAULT);
	CHECK_ERR(ioctl(s, TCSETS, BAD), EFAULT);
	CHECK_ERR(ioctl(s, TIOCGWINSZ, BAD), EFAULT);
	CHECK_ERR(ioctl(s, TIOCSWINSZ, BAD), EFAULT);
	CHECK_ERR(ioctl(s, FIONREAD, BAD), EFAULT);
	CHECK_ERR(ioctl(m, TIOCGPTN, BAD), EFAULT);
	CHECK_ERR(ioctl(m, TIOCSPTLCK, BAD), EFAULT);
	CHECK_ERR(ioctl(s, TCFLSH, 7), EINVAL);
	CHECK_ERR(ioctl(s, TCXONC, 9), EINVAL);
	CHECK_ERR(ioctl(s, 0x54ff, 0), ENOTTY);
	CHECK_ERR(ioctl(s, TIOCGPGRP, &n), ENOTTY);	/* not our terminal */
	CHECK_ERR(ioctl(s, TIOCGSID, &n), ENOTTY);
	CHECK_ERR(ioctl(s, TIOCNOTTY), ENOTTY);
	CHECK_OK(ioctl(s, TCGETS, &t));
	CHECK_OK(ioctl(m, TIOCGWINSZ, &ws));

	MUST(pipe(p));
	CHECK_ERR(ioctl(p[0], TCGETS, &t), ENOTTY);
	CHECK_ERR(ioctl(p[0], TIOCGPGRP, &n), ENOTTY);
	CHECK_ERR(ioctl(p[0], TIOCSCTTY, 0), ENOTTY);
	null = MUST(open("/dev/null", O_RDWR));
	CHECK_ERR(ioctl(null, TIOCGWINSZ, &ws), ENOTTY);
	CHECK(!isatty(null) && !isatty(p[0]));

	MUST(write(m, "line\n", 5));
	CHECK_ERR(read(s, BAD, 10), EFAULT);

	/* 8 KiB into a 4 KiB buffer, raw: the writer is held back, not lost */
	MUST(tcflush(s, TCIFLUSH));
	cfmakeraw(&t);
	MUST(tcsetattr(s, TCSANOW, &t));
	fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
	memset(buf, 'q', sizeof(buf));
	while ((w = write(m, buf, sizeof(buf))) > 0)
		total += w;
	CHECK(w < 0 && errno == EAGAIN);
	CHECK(total >= 4095 && total < (ssize_t)sizeof(buf) * 4);
	n = 0;
	while (n < 4095) {
		ssize_t r = read(s, buf, sizeof(buf));

		if (r <= 0)
			break;
		n += (int)r;
	}
	CHECK(n >= 4095);
	CHECK_EQ(write(m, "z", 1), 1);
	return report();
}
