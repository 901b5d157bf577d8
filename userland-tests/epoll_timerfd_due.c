/*
 * Regression: epoll_wait polling a level-triggered timerfd whose next
 * expiry is already due (so the poll itself runs the expiry) once queued
 * the item twice and looped forever; and a guest looping on syscalls kept
 * the kernel's timers from ever running. A fast periodic timerfd polled in
 * a tight loop must be reported, once per call at most.
 */
#include "guest.h"
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void)
{
	struct itimerspec its = { { 0, 50000 }, { 0, 50000 } };
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 }, out[4];
	int ep, tfd, bad = 0, seen = 0;

	alarm(20);
	ep = MUST(epoll_create1(0));
	tfd = MUST(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev));
	MUST(timerfd_settime(tfd, 0, &its, NULL));
	for (int i = 0; i < 2000; i++) {
		int n = epoll_wait(ep, out, 4, 0);

		if (n < 0 || n > 1)
			bad++;
		if (n == 1)
			seen++;
	}
	CHECK_EQ(bad, 0);
	CHECK(seen > 0);
	return report();
}
