/*
 * A registered fd that is closed leaves the epoll set only when its open
 * file's last reference goes: with a dup left open its events keep coming
 * (under the closed fd's number), and EPOLL_CTL_DEL on the closed number
 * fails with EBADF; once the dup is closed too, nothing is reported. The
 * same fd number reopened is a new file and can be added again.
 */
#include "guest.h"
#include <sys/epoll.h>
#include <sys/wait.h>

int main(void)
{
	struct epoll_event ev, out[4];
	int ep, p[2], dupfd, fd;

	alarm(10);
	ep = MUST(epoll_create1(0));
	MUST(pipe(p));
	MUST(write(p[1], "x", 1));
	ev.events = EPOLLIN;
	ev.data.u64 = 42;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	dupfd = MUST(dup(p[0]));
	fd = p[0];
	MUST(close(p[0]));
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	CHECK_EQ(out[0].data.u64, 42);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL), EBADF);
	/* the dup is another (file, fd) pair */
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, dupfd, NULL), ENOENT);
	MUST(close(dupfd));
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);

	MUST(pipe(p));
	MUST(write(p[1], "x", 1));
	ev.data.u64 = 43;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	CHECK_EQ(out[0].data.u64, 43);

	/* the epoll fd closed in a forked child stays in the parent */
	if (MUST(fork()) == 0) {
		close(ep);
		_exit(0);
	}
	MUST(wait(NULL));
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	return report();
}
