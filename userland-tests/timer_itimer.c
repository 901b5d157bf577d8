/*
 * setitimer(2)/getitimer(2): bad `which` or timeval is EINVAL; the value
 * counts down and the interval reads back as set; a periodic ITIMER_REAL
 * fires SIGALRM repeatedly until disarmed; a one-shot reads 0 once expired;
 * ITIMER_VIRTUAL and ITIMER_PROF are accepted and read back.
 */
#include "guest.h"
#include <signal.h>
#include <sys/time.h>

static volatile int count;

static void on_alarm(int sig)
{
	(void)sig;
	count++;
}

static long us(struct timeval tv)
{
	return tv.tv_sec * 1000000L + tv.tv_usec;
}

int main(void)
{
	struct itimerval v, o;
	sigset_t block, old;

	CHECK_ERR(syscall(SYS_getitimer, 3, &o), EINVAL);
	CHECK_ERR(syscall(SYS_getitimer, -1, &o), EINVAL);
	memset(&v, 0, sizeof(v));
	CHECK_ERR(syscall(SYS_setitimer, 3, &v, NULL), EINVAL);
	v.it_value.tv_usec = 1000000;
	CHECK_ERR(syscall(SYS_setitimer, ITIMER_REAL, &v, NULL), EINVAL);
	v.it_value.tv_usec = -1;
	CHECK_ERR(syscall(SYS_setitimer, ITIMER_REAL, &v, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_getitimer, ITIMER_REAL, (void *)8), EFAULT);

	/* Nothing armed: zeros. */
	memset(&o, 0xff, sizeof(o));
	CHECK_EQ(getitimer(ITIMER_REAL, &o), 0);
	CHECK_EQ(us(o.it_value), 0);
	CHECK_EQ(us(o.it_interval), 0);

	/* Value counts down, interval reads back; the old value is returned. */
	signal(SIGALRM, on_alarm);
	v = (struct itimerval){ { 0, 500000 }, { 2, 0 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &v, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_REAL, &o), 0);
	CHECK(us(o.it_value) > 1000000 && us(o.it_value) <= 2000000);
	CHECK_EQ(us(o.it_interval), 500000);
	memset(&v, 0, sizeof(v));
	CHECK_EQ(setitimer(ITIMER_REAL, &v, &o), 0);
	CHECK(us(o.it_value) > 1000000 && us(o.it_value) <= 2000000);
	CHECK_EQ(us(o.it_interval), 500000);
	CHECK_EQ(getitimer(ITIMER_REAL, &o), 0);
	CHECK_EQ(us(o.it_value), 0);

	/* Periodic: five expiries, then disarmed. */
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	MUST(sigprocmask(SIG_BLOCK, &block, &old));
	v = (struct itimerval){ { 0, 20000 }, { 0, 20000 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &v, NULL), 0);
	while (count < 5)
		sigsuspend(&old);
	memset(&v, 0, sizeof(v));
	CHECK_EQ(setitimer(ITIMER_REAL, &v, NULL), 0);
	MUST(sigprocmask(SIG_SETMASK, &old, NULL));
	usleep(50000);
	printf("handler ran %d times\n", count);

	/* One-shot: reads 0 after it fired. */
	count = 0;
	MUST(sigprocmask(SIG_BLOCK, &block, &old));
	v = (struct itimerval){ { 0, 0 }, { 0, 10000 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &v, NULL), 0);
	while (!count)
		sigsuspend(&old);
	MUST(sigprocmask(SIG_SETMASK, &old, NULL));
	CHECK_EQ(getitimer(ITIMER_REAL, &o), 0);
	CHECK_EQ(us(o.it_value), 0);

	/* ITIMER_VIRTUAL / ITIMER_PROF: accepted, interval reads back. */
	signal(SIGVTALRM, SIG_IGN);
	signal(SIGPROF, SIG_IGN);
	v = (struct itimerval){ { 3, 0 }, { 100, 0 } };
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &v, NULL), 0);
	CHECK_EQ(setitimer(ITIMER_PROF, &v, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_VIRTUAL, &o), 0);
	/* Linux rounds CPU timers up to its tick: allow a second over. */
	CHECK(us(o.it_value) > 99000000 && us(o.it_value) <= 101000000);
	CHECK_EQ(us(o.it_interval), 3000000);
	memset(&v, 0, sizeof(v));
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &v, &o), 0);
	CHECK_EQ(us(o.it_interval), 3000000);
	CHECK_EQ(setitimer(ITIMER_PROF, &v, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_PROF, &o), 0);
	CHECK_EQ(us(o.it_value), 0);
	return report();
}
