/*
 * EPOLLEXCLUSIVE and several waiters: with nobody waiting, one write to an
 * eventfd watched exclusively by two epoll fds makes both ready; threads
 * blocked in epoll_wait on one level-triggered epoll fd all see an event
 * that stays ready; with EPOLLET only one of two blocked threads gets it
 * and the other times out.
 */
#include "guest.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int ep;

static void *waiter(void *arg)
{
	struct epoll_event ev;
	long *ret = arg;

	*ret = epoll_wait(ep, &ev, 1, (int)*ret);
	return NULL;
}

static int run_two(int timeout_ms, int efd)
{
	pthread_t t[2];
	long ret[2] = { timeout_ms, timeout_ms };
	uint64_t one = 1;

	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, waiter, &ret[i]))
			_exit(2);
	usleep(100000);
	if (write(efd, &one, 8) != 8)
		_exit(2);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	return (int)(ret[0] + ret[1]);
}

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };
	int e1, e2, efd;
	uint64_t one = 1, v;

	alarm(20);
	efd = MUST(eventfd(0, EFD_NONBLOCK));
	e1 = MUST(epoll_create1(0));
	e2 = MUST(epoll_create1(0));
	CHECK_EQ(epoll_ctl(e1, EPOLL_CTL_ADD, efd, &ev), 0);
	CHECK_EQ(epoll_ctl(e2, EPOLL_CTL_ADD, efd, &ev), 0);
	CHECK_EQ(epoll_wait(e1, &ev, 1, 0), 0);
	MUST(write(efd, &one, 8));
	CHECK_EQ(epoll_wait(e1, &ev, 1, 0), 1);
	CHECK_EQ(ev.events, EPOLLIN);
	CHECK_EQ(epoll_wait(e2, &ev, 1, 0), 1);
	MUST(read(efd, &v, 8));

	/* level-triggered: both blocked threads get it */
	ep = MUST(epoll_create1(0));
	ev.events = EPOLLIN;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
	CHECK_EQ(run_two(5000, efd), 2);
	MUST(read(efd, &v, 8));
	/* edge-triggered: one of them */
	ev.events = EPOLLIN | EPOLLET;
	MUST(epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
	CHECK_EQ(run_two(300, efd), 1);
	return report();
}
