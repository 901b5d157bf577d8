/*
 * poll(2) and select(2) on pipes: an empty pipe is not readable, data makes
 * it readable; the write end is writable while a page is free; when the
 * writer goes the read end reports POLLHUP (with POLLIN while data is
 * left), and when the reader goes the write end reports POLLERR.
 */
#include "guest.h"

#include <poll.h>
#include <sys/select.h>

static short revents(int fd, short events)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	if (poll(&pfd, 1, 0) < 0)
		return -1;
	return pfd.revents;
}

int main(void)
{
	static char chunk[4096];
	struct timeval tv = { 0, 0 };
	struct pollfd two[2];
	char buf[8];
	fd_set rd;
	int p[2], q[2];

	MUST(pipe2(p, O_NONBLOCK));
	CHECK_EQ(revents(p[0], POLLIN), 0);
	CHECK_EQ(revents(p[1], POLLOUT), POLLOUT);
	CHECK_EQ(revents(p[1], POLLOUT | POLLWRNORM), POLLOUT | POLLWRNORM);
	CHECK_EQ(revents(p[0], POLLOUT), 0);

	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(revents(p[0], POLLIN), POLLIN);
	CHECK_EQ(revents(p[0], POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);

	/* Both at once, with a timeout that is not needed. */
	two[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	two[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CHECK_EQ(poll(two, 2, 1000), 2);
	CHECK_EQ(two[0].revents, POLLIN);
	CHECK_EQ(two[1].revents, POLLOUT);

	/* select agrees. */
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(p[0], &rd));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, 0 };
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0);

	/* Full: not writable; a page read makes it writable again. */
	while (write(p[1], chunk, sizeof(chunk)) > 0)
		;
	CHECK_EQ(revents(p[1], POLLOUT), 0);
	CHECK_EQ(poll(two + 1, 1, 10), 0);
	CHECK_EQ(read(p[0], chunk, 100), 100);
	CHECK_EQ(revents(p[1], POLLOUT), 0);
	CHECK_EQ(read(p[0], chunk, 4096 - 100), 4096 - 100);
	CHECK_EQ(revents(p[1], POLLOUT), POLLOUT);

	/* The writer goes: POLLHUP, with POLLIN while data is left. */
	CHECK_EQ(close(p[1]), 0);
	CHECK_EQ(revents(p[0], POLLIN), POLLIN | POLLHUP);
	CHECK_EQ(revents(p[0], 0), POLLHUP);
	while (read(p[0], chunk, sizeof(chunk)) > 0)
		;
	CHECK_EQ(revents(p[0], POLLIN), POLLHUP);
	close(p[0]);

	/* The reader goes: POLLERR on the write end. */
	MUST(pipe(q));
	CHECK_EQ(close(q[0]), 0);
	CHECK_EQ(revents(q[1], POLLOUT), POLLOUT | POLLERR);
	CHECK_EQ(revents(q[1], 0), POLLERR);
	close(q[1]);
	return report();
}
