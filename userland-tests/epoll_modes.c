/*
 * epoll readiness on pipes and eventfds: level-triggered events repeat
 * until the data is read; EPOLLET reports once per change (a new write
 * reports again); EPOLLONESHOT reports once until EPOLL_CTL_MOD re-arms it;
 * EPOLLHUP and EPOLLERR come whether asked or not; EPOLLRDHUP is never set
 * for a pipe; data.u64 comes back as given; only the events asked for are
 * reported; maxevents limits one call and the rest come in the next.
 */
#include "guest.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int ep;

static int add(int fd, unsigned events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* One wait with timeout 0: the number of events; the first in *ev. */
static int wait1(struct epoll_event *ev)
{
	struct epoll_event out[8];
	int n = epoll_wait(ep, out, 8, 0);

	if (n > 0)
		*ev = out[0];
	return n;
}

int main(void)
{
	struct epoll_event ev, out[8];
	int p[2], q[2], efd;
	char buf[16];
	uint64_t one = 1;

	alarm(10);
	ep = MUST(epoll_create1(0));
	MUST(pipe(p));
	MUST(pipe(q));

	/* level-triggered */
	CHECK_EQ(add(p[0], EPOLLIN | EPOLLRDHUP, 0x1122334455667788ULL), 0);
	CHECK_EQ(wait1(&ev), 0);
	MUST(write(p[1], "ab", 2));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLIN);
	CHECK(ev.data.u64 == 0x1122334455667788ULL);
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(read(p[0], buf, 1), 1);
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(read(p[0], buf, 1), 1);
	CHECK_EQ(wait1(&ev), 0);

	/* edge-triggered */
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 2;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	CHECK_EQ(wait1(&ev), 0);
	MUST(write(p[1], "cd", 2));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLIN);
	CHECK_EQ(ev.data.u64, 2);
	CHECK_EQ(wait1(&ev), 0);
	CHECK_EQ(read(p[0], buf, 2), 2);
	CHECK_EQ(wait1(&ev), 0);
	MUST(write(p[1], "e", 1));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(wait1(&ev), 0);
	CHECK_EQ(read(p[0], buf, 1), 1);

	/* one-shot: disabled after one report until MOD */
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 3;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	MUST(write(p[1], "f", 1));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.data.u64, 3);
	CHECK_EQ(wait1(&ev), 0);
	MUST(write(p[1], "g", 1));
	CHECK_EQ(wait1(&ev), 0);
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 4;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.data.u64, 4);
	CHECK_EQ(wait1(&ev), 0);
	CHECK_EQ(read(p[0], buf, 2), 2);

	/* only what was asked: the write end asked for EPOLLIN sees nothing */
	CHECK_EQ(add(p[1], EPOLLIN, 5), 0);
	CHECK_EQ(wait1(&ev), 0);
	ev.events = EPOLLOUT;
	ev.data.u64 = 5;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev), 0);
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLOUT);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL), 0);

	/* HUP and ERR always: reader of a pipe with no writer, writer with no reader */
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 6;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	CHECK_EQ(wait1(&ev), 0);
	MUST(close(p[1]));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLHUP);
	CHECK_EQ(add(q[1], 0, 7), 0);
	CHECK_EQ(wait1(&ev), 0);
	MUST(close(q[0]));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLERR);
	CHECK_EQ(ev.data.u64, 7);
	MUST(close(q[1]));
	MUST(close(p[0]));
	CHECK_EQ(wait1(&ev), 0);

	/* eventfd: readable with a count, writable below the maximum */
	efd = MUST(eventfd(0, EFD_NONBLOCK));
	CHECK_EQ(add(efd, EPOLLIN | EPOLLOUT | EPOLLET, 8), 0);
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLOUT);
	CHECK_EQ(wait1(&ev), 0);
	MUST(write(efd, &one, 8));
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLIN | EPOLLOUT);
	CHECK_EQ(wait1(&ev), 0);
	MUST(write(efd, &one, 8));	/* every write is an edge */
	CHECK_EQ(wait1(&ev), 1);
	CHECK_EQ(ev.events, EPOLLIN | EPOLLOUT);

	/* maxevents: three ready fds come one at a time, each once */
	{
		int r[3][2], seen = 0;

		for (int i = 0; i < 3; i++) {
			MUST(pipe(r[i]));
			MUST(write(r[i][1], "x", 1));
			CHECK_EQ(add(r[i][0], EPOLLIN | EPOLLET, 100 + i), 0);
		}
		CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), 0);
		for (int i = 0; i < 3; i++) {
			CHECK_EQ(epoll_wait(ep, out, 1, 0), 1);
			seen |= 1 << (out[0].data.u64 - 100);
		}
		CHECK_EQ(seen, 7);
		CHECK_EQ(epoll_wait(ep, out, 8, 0), 0);
	}
	return report();
}
