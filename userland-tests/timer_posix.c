/*
 * POSIX timers (timer_create(2), timer_settime(2), timer_getoverrun(2)):
 * bad clock, notify, signal, thread or id is EINVAL; an expiry sends the
 * chosen signal with SI_TIMER, the timer id and sigev_value (SIGALRM and
 * the id when no sigevent is given), to a chosen thread with SIGEV_THREAD_ID;
 * TIMER_ABSTIME works on MONOTONIC and REALTIME; gettime counts down
 * (SIGEV_NONE too, which never signals); expiries while the signal is
 * blocked become overruns; deleted timers are gone.
 * Raw syscalls: the kernel timer id is an int.
 */
#include "guest.h"
#include <signal.h>
#include <time.h>

static volatile int count, code, tid_seen, overrun;
static volatile long value;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	count++;
	code = si->si_code;
	tid_seen = si->si_timerid;
	overrun = si->si_overrun;
	value = (long)si->si_value.sival_ptr;
}

static int create(int clk, struct sigevent *ev)
{
	int id = -1;

	if (syscall(SYS_timer_create, clk, ev, &id) < 0)
		return -1;
	return id;
}

static long arm(int id, int flags, long sec, long nsec, long isec, long insec)
{
	struct itimerspec v = { { isec, insec }, { sec, nsec } };

	return syscall(SYS_timer_settime, id, flags, &v, NULL);
}

static long ns(struct timespec ts)
{
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Wait (signal blocked outside the wait) until the handler ran n times. */
static void wait_for(int n, const sigset_t *old)
{
	while (count < n)
		sigsuspend(old);
}

static struct sigevent sig_event(int signo, long val)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = signo;
	ev.sigev_value.sival_ptr = (void *)val;
	return ev;
}

int main(void)
{
	struct sigaction sa;
	struct sigevent ev;
	struct itimerspec cur;
	struct timespec now;
	sigset_t block, old;
	int id, id2;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO;
	MUST(sigaction(SIGUSR1, &sa, NULL));
	MUST(sigaction(SIGALRM, &sa, NULL));
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGALRM);
	MUST(sigprocmask(SIG_BLOCK, &block, &old));

	/* Errors. */
	ev = sig_event(SIGUSR1, 0);
	CHECK_ERR(create(100, &ev), EINVAL);
	ev.sigev_notify = 99;
	CHECK_ERR(create(CLOCK_MONOTONIC, &ev), EINVAL);
	ev = sig_event(0, 0);
	CHECK_ERR(create(CLOCK_MONOTONIC, &ev), EINVAL);
	ev = sig_event(65, 0);
	CHECK_ERR(create(CLOCK_MONOTONIC, &ev), EINVAL);
	ev = sig_event(SIGUSR1, 0);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_notify_thread_id = 0x7ffffff0;
	CHECK_ERR(create(CLOCK_MONOTONIC, &ev), EINVAL);
	ev = sig_event(SIGUSR1, 0);
	CHECK_ERR(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, (void *)8), EFAULT);
	CHECK_ERR(syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)8, &id), EFAULT);
	CHECK_ERR(arm(12345, 0, 1, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_timer_gettime, 12345, &cur), EINVAL);
	CHECK_ERR(syscall(SYS_timer_getoverrun, 12345), EINVAL);
	CHECK_ERR(syscall(SYS_timer_delete, 12345), EINVAL);

	/* One-shot SIGEV_SIGNAL: SI_TIMER, id, value. */
	ev = sig_event(SIGUSR1, 0x1234);
	id = MUST(create(CLOCK_MONOTONIC, &ev));
	CHECK_ERR(arm(id, 0, 0, 1000000000, 0, 0), EINVAL);
	CHECK_ERR(arm(id, 0, -1, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_timer_settime, id, 0, NULL, NULL), EINVAL);
	CHECK_EQ(arm(id, 0, 0, 10000000, 0, 0), 0);
	wait_for(1, &old);
	CHECK_EQ(code, SI_TIMER);
	CHECK_EQ(tid_seen, id);
	CHECK_EQ(value, 0x1234);
	CHECK_EQ(overrun, 0);
	CHECK_EQ(syscall(SYS_timer_gettime, id, &cur), 0);
	CHECK_EQ(ns(cur.it_value), 0);

	/* gettime counts down; settime returns the old setting. */
	CHECK_EQ(arm(id, 0, 2, 0, 0, 300000000), 0);
	CHECK_EQ(syscall(SYS_timer_gettime, id, &cur), 0);
	CHECK(ns(cur.it_value) > 1000000000L && ns(cur.it_value) <= 2000000000L);
	CHECK_EQ(ns(cur.it_interval), 300000000);
	{
		struct itimerspec zero = { { 0, 0 }, { 0, 0 } };

		CHECK_EQ(syscall(SYS_timer_settime, id, 0, &zero, &cur), 0);
		CHECK(ns(cur.it_value) > 1000000000L && ns(cur.it_value) <= 2000000000L);
		CHECK_EQ(ns(cur.it_interval), 300000000);
	}

	/* TIMER_ABSTIME on MONOTONIC, in the future and in the past. */
	count = 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	CHECK_EQ(arm(id, TIMER_ABSTIME, now.tv_sec, now.tv_nsec, 0, 0), 0);
	wait_for(1, &old);
	CHECK_EQ(arm(id, TIMER_ABSTIME, now.tv_sec + (now.tv_nsec + 20000000) / 1000000000,
		     (now.tv_nsec + 20000000) % 1000000000, 0, 0), 0);
	wait_for(2, &old);
	CHECK_EQ(count, 2);
	CHECK_EQ(syscall(SYS_timer_delete, id), 0);
	CHECK_ERR(syscall(SYS_timer_gettime, id, &cur), EINVAL);

	/* No sigevent: SIGALRM with the id as si_value; REALTIME absolute. */
	count = 0;
	id = MUST(create(CLOCK_REALTIME, NULL));
	clock_gettime(CLOCK_REALTIME, &now);
	now.tv_nsec += 20000000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	CHECK_EQ(arm(id, TIMER_ABSTIME, now.tv_sec, now.tv_nsec, 0, 0), 0);
	wait_for(1, &old);
	CHECK_EQ(code, SI_TIMER);
	CHECK_EQ(value, id);
	CHECK_EQ(syscall(SYS_timer_delete, id), 0);

	/* SIGEV_THREAD_ID to this thread. */
	count = 0;
	ev = sig_event(SIGUSR1, 77);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_notify_thread_id = gettid();
	id = MUST(create(CLOCK_BOOTTIME, &ev));
	CHECK_EQ(arm(id, 0, 0, 5000000, 0, 0), 0);
	wait_for(1, &old);
	CHECK_EQ(code, SI_TIMER);
	CHECK_EQ(value, 77);

	/* Periodic while blocked: one signal, the rest overruns. */
	count = 0;
	CHECK_EQ(arm(id, 0, 0, 5000000, 0, 5000000), 0);
	usleep(200000);
	wait_for(1, &old);
	CHECK(overrun >= 5);
	CHECK(syscall(SYS_timer_getoverrun, id) >= 5);
	CHECK_EQ(arm(id, 0, 0, 0, 0, 0), 0);
	CHECK_EQ(syscall(SYS_timer_getoverrun, id), 0);	/* reset by settime */
	CHECK_EQ(syscall(SYS_timer_delete, id), 0);

	/* SIGEV_NONE: counts down, never signals. */
	count = 0;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_NONE;
	id = MUST(create(CLOCK_MONOTONIC, &ev));
	id2 = MUST(create(CLOCK_MONOTONIC, &ev));
	CHECK(id != id2);
	CHECK_EQ(arm(id, 0, 0, 10000000, 0, 0), 0);
	CHECK_EQ(arm(id2, 0, 5, 0, 0, 0), 0);
	usleep(50000);
	CHECK_EQ(syscall(SYS_timer_gettime, id, &cur), 0);
	CHECK_EQ(ns(cur.it_value), 0);
	CHECK_EQ(syscall(SYS_timer_gettime, id2, &cur), 0);
	CHECK(ns(cur.it_value) > 4000000000L && ns(cur.it_value) <= 5000000000L);
	MUST(sigprocmask(SIG_SETMASK, &old, NULL));
	CHECK_EQ(count, 0);
	CHECK_EQ(syscall(SYS_timer_delete, id), 0);
	CHECK_EQ(syscall(SYS_timer_delete, id2), 0);
	CHECK_ERR(syscall(SYS_timer_delete, id2), EINVAL);
	return report();
}
