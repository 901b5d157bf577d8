/*
 * TIOCGPTPEER opens a master's slave without its path: the new fd is the
 * slave: what the master types arrives there.
 */
#include "guest.h"
#include <poll.h>
#include <sys/ioctl.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif

int main(void)
{
	int m, s;
	char buf[16];
	struct pollfd p;

	m = MUST(posix_openpt(O_RDWR | O_NOCTTY));
	MUST(unlockpt(m));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(isatty(s));
	MUST(write(m, "peer\n", 5));
	p.fd = s;
	p.events = POLLIN;
	CHECK_EQ(poll(&p, 1, 1000), 1);
	CHECK_EQ(read(s, buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "peer\n", 5));
	return report();
}
