/*
 * Standard input at its end: reads return 0 at once, again and again, and
 * poll says readable. The runner gives a test /dev/null as its standard
 * input natively and a console whose host input is /dev/null under umk,
 * which must behave the same: a finished input, not a reader that blocks.
 */
#include "guest.h"
#include <poll.h>

int main(void)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };
	char buf[16];

	CHECK_EQ(read(0, buf, sizeof(buf)), 0);
	CHECK_EQ(read(0, buf, sizeof(buf)), 0);
	CHECK_EQ(poll(&p, 1, 1000), 1);
	CHECK(p.revents & POLLIN);
	CHECK_EQ(read(0, buf, 1), 0);
	return report();
}
