/*
 * rt_sigtimedwait(2) is never restarted: a caught signal outside the set
 * ends it with EINTR even when its handler has SA_RESTART (musl's
 * sigtimedwait() would call it again, so the raw syscall is used). The
 * wait is 2 s, the signal comes at 300 ms (then every second, to end a
 * wait that was wrongly restarted).
 */
#include "guest.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	/* Restarted over and over instead: end the test (bounded). */
	if (++hits >= 4) {
		(void)!write(1, "FAIL: not interrupted\n", 22);
		_exit(1);
	}
}

int main(void)
{
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct itimerval it = { { 1, 0 }, { 0, 300000 } };
	struct timespec ts = { 2, 0 };
	struct sigaction sa;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	MUST(sigprocmask(SIG_BLOCK, &set, NULL));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	MUST(sigaction(SIGALRM, &sa, NULL));
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8), EINTR);
	MUST(setitimer(ITIMER_REAL, &off, NULL));
	CHECK_EQ(hits, 1);
	/* No timeout at all: the same. */
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, NULL, NULL, 8), EINTR);
	MUST(setitimer(ITIMER_REAL, &off, NULL));
	CHECK_EQ(hits, 2);
	return report();
}
