/*
 * An epoll fd inside another: the inner one is readable (EPOLLIN) while it
 * has events, the outer one reports it and wakes when the inner gets one;
 * poll() on an epoll fd says the same; a loop (adding the outer to the
 * inner, or an epoll to itself through a third) fails with ELOOP.
 */
#include "guest.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/wait.h>

int main(void)
{
	struct epoll_event ev, out[4];
	struct pollfd pfd;
	int inner, outer, third, p[2];
	pid_t pid;
	int status;

	alarm(10);
	inner = MUST(epoll_create1(0));
	outer = MUST(epoll_create1(0));
	third = MUST(epoll_create1(0));
	MUST(pipe(p));
	ev.events = EPOLLIN;
	ev.data.u64 = 1;
	CHECK_EQ(epoll_ctl(inner, EPOLL_CTL_ADD, p[0], &ev), 0);
	ev.data.u64 = 2;
	CHECK_EQ(epoll_ctl(outer, EPOLL_CTL_ADD, inner, &ev), 0);

	pfd = (struct pollfd){ .fd = inner, .events = POLLIN | POLLOUT };
	CHECK_EQ(poll(&pfd, 1, 0), 0);
	CHECK_EQ(epoll_wait(outer, out, 4, 0), 0);
	MUST(write(p[1], "x", 1));
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	CHECK_EQ(pfd.revents, POLLIN);
	CHECK_EQ(epoll_wait(outer, out, 4, 0), 1);
	CHECK_EQ(out[0].events, EPOLLIN);
	CHECK_EQ(out[0].data.u64, 2);
	CHECK_EQ(epoll_wait(inner, out, 4, 0), 1);
	CHECK_EQ(out[0].data.u64, 1);
	MUST(read(p[0], out, 1));
	CHECK_EQ(epoll_wait(outer, out, 4, 0), 0);

	/* the outer one sleeps until a child writes into the inner's pipe */
	pid = MUST(fork());
	if (pid == 0) {
		usleep(50000);
		write(p[1], "y", 1);
		_exit(0);
	}
	CHECK_EQ(epoll_wait(outer, out, 4, 5000), 1);
	CHECK_EQ(out[0].data.u64, 2);
	MUST(waitpid(pid, &status, 0));

	/* loops */
	CHECK_ERR(epoll_ctl(inner, EPOLL_CTL_ADD, outer, &ev), ELOOP);
	CHECK_EQ(epoll_ctl(third, EPOLL_CTL_ADD, outer, &ev), 0);
	CHECK_ERR(epoll_ctl(inner, EPOLL_CTL_ADD, third, &ev), ELOOP);
	CHECK_ERR(epoll_ctl(outer, EPOLL_CTL_ADD, third, &ev), ELOOP);
	CHECK_EQ(epoll_wait(third, out, 4, 0), 1);
	/* gone with its last close: no loop any more */
	MUST(close(outer));
	CHECK_EQ(epoll_wait(third, out, 4, 0), 0);
	CHECK_EQ(epoll_ctl(inner, EPOLL_CTL_ADD, third, &ev), 0);
	return report();
}
