/*
 * timerfd on CLOCK_MONOTONIC, REALTIME and BOOTTIME: a disarmed timer
 * reads EAGAIN (TFD_NONBLOCK) and gettime says 0; a one-shot relative
 * timer expires once (read returns 1, then nothing); a periodic one counts
 * every expiry; TFD_TIMER_ABSTIME in the past fires at once; settime
 * returns the old setting and clears the count; poll and epoll see POLLIN
 * while the count is not zero; a blocking read waits for the expiry.
 */
#include "guest.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

static long long now_ns(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct itimerspec its(long long value_ns, long long interval_ns)
{
	return (struct itimerspec){
		{ interval_ns / 1000000000LL, interval_ns % 1000000000LL },
		{ value_ns / 1000000000LL, value_ns % 1000000000LL },
	};
}

int main(void)
{
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME };
	struct itimerspec cur, old, set;
	struct epoll_event ev;
	struct pollfd pfd;
	uint64_t n;
	long long t0;
	int fd, ep;

	alarm(20);
	for (unsigned i = 0; i < 3; i++) {
		clockid_t c = clocks[i];

		fd = MUST(timerfd_create(c, TFD_NONBLOCK | TFD_CLOEXEC));
		CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
		CHECK_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR | O_NONBLOCK);
		CHECK_ERR(read(fd, &n, 8), EAGAIN);
		CHECK_EQ(timerfd_gettime(fd, &cur), 0);
		CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
		CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);

		/* one-shot, relative */
		set = its(30000000, 0);
		CHECK_EQ(timerfd_settime(fd, 0, &set, NULL), 0);
		CHECK_EQ(timerfd_gettime(fd, &cur), 0);
		CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
		      cur.it_value.tv_nsec <= 30000000);
		pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
		CHECK_EQ(poll(&pfd, 1, 0), 0);
		CHECK_EQ(poll(&pfd, 1, 5000), 1);
		CHECK_EQ(pfd.revents, POLLIN);
		CHECK_EQ(read(fd, &n, 8), 8);
		CHECK_EQ(n, 1);
		CHECK_ERR(read(fd, &n, 8), EAGAIN);
		CHECK_EQ(timerfd_gettime(fd, &cur), 0);
		CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

		/* absolute, in the past: at once */
		set = its(now_ns(c) - 1000000000LL, 0);
		CHECK_EQ(timerfd_settime(fd, TFD_TIMER_ABSTIME, &set, NULL), 0);
		CHECK_EQ(poll(&pfd, 1, 5000), 1);
		CHECK_EQ(read(fd, &n, 8), 8);
		CHECK_EQ(n, 1);

		/* absolute, 30 ms ahead */
		t0 = now_ns(CLOCK_MONOTONIC);
		set = its(now_ns(c) + 30000000LL, 0);
		CHECK_EQ(timerfd_settime(fd, TFD_TIMER_ABSTIME, &set, NULL), 0);
		CHECK_EQ(poll(&pfd, 1, 5000), 1);
		CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 29000000LL);
		CHECK_EQ(read(fd, &n, 8), 8);
		CHECK_EQ(n, 1);
		MUST(close(fd));
	}

	/* periodic: 10 ms, read after >= 3 periods; settime returns the old one */
	fd = MUST(timerfd_create(CLOCK_MONOTONIC, 0));
	set = its(10000000, 10000000);
	CHECK_EQ(timerfd_settime(fd, 0, &set, NULL), 0);
	usleep(45000);
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK(n >= 3);
	CHECK_EQ(read(fd, &n, 8), 8);	/* blocks for the next one */
	CHECK(n >= 1);
	CHECK_EQ(timerfd_gettime(fd, &cur), 0);
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 10000000);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 10000000);
	usleep(25000);
	set = its(0, 0);
	CHECK_EQ(timerfd_settime(fd, 0, &set, &old), 0);
	CHECK(old.it_interval.tv_nsec == 10000000 && old.it_value.tv_nsec <= 10000000);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK_EQ(poll(&pfd, 1, 50), 0);	/* the count was cleared */

	/* epoll */
	ep = MUST(epoll_create1(0));
	ev.events = EPOLLIN;
	ev.data.u64 = 9;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), 0);
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0);
	set = its(20000000, 0);
	CHECK_EQ(timerfd_settime(fd, 0, &set, NULL), 0);
	CHECK_EQ(epoll_wait(ep, &ev, 1, 5000), 1);
	CHECK_EQ(ev.events, EPOLLIN);
	CHECK_EQ(ev.data.u64, 9);
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK_EQ(n, 1);
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0);
	return report();
}
