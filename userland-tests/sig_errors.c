/*
 * Bad input to the signal calls (rt_sigaction(2), rt_sigprocmask(2),
 * sigpending(2), sigsuspend(2), sigtimedwait(2), kill(2), tgkill(2),
 * sigaltstack(2)): a wrong sigsetsize is EINVAL, a bad pointer EFAULT, a
 * signal number out of 1..64 EINVAL (kill to a missing pid is ESRCH
 * first), SIGKILL and SIGSTOP cannot be caught, ignored or blocked;
 * kill(pid, 0) probes; unknown sa_flags bits read back as 0. sigtimedwait
 * rejects a bad timeout with EINVAL, times out with EAGAIN, and a caught
 * signal outside its set runs its handler while the wait goes on to its
 * timeout (EAGAIN); pause() returns EINTR after
 * a handler. A new mask from sigprocmask is in force even when storing
 * the old one faults.
 */
#include "guest.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

struct ksa {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct ksa ka, old;
	uint64_t set = 0, oset;
	struct timespec ts;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	sigset_t ss;
	siginfo_t si;
	struct sigaction sa;

	memset(&ka, 0, sizeof(ka));
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 4), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8), EFAULT);
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, (void *)8, 8), EFAULT);
	CHECK_ERR(syscall(SYS_rt_sigaction, 0, &ka, NULL, 8), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, 65, NULL, &old, 8), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGKILL, &ka, NULL, 8), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGSTOP, &ka, NULL, 8), EINVAL);
	CHECK_EQ(syscall(SYS_rt_sigaction, SIGKILL, NULL, &old, 8), 0);
	ka.handler = SIG_IGN;
	ka.flags = 0x00100000 | SA_RESTART;
	CHECK_EQ(syscall(SYS_rt_sigaction, SIGUSR2, &ka, NULL, 8), 0);
	CHECK_EQ(syscall(SYS_rt_sigaction, SIGUSR2, NULL, &old, 8), 0);
	CHECK_EQ(old.flags, SA_RESTART);
	/* The new action is in place even when the old one cannot be stored. */
	ka.flags = 0;
	ka.handler = SIG_DFL;
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR2, &ka, (void *)8, 8), EFAULT);
	CHECK_EQ(syscall(SYS_rt_sigaction, SIGUSR2, NULL, &old, 8), 0);
	CHECK(old.handler == SIG_DFL);

	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 16), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8), EINVAL);
	CHECK_EQ(syscall(SYS_rt_sigprocmask, 7, NULL, &oset, 8), 0);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8), EFAULT);
	set = ~0ULL;
	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, (void *)8, 8), EFAULT);
	CHECK_EQ(syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &oset, 8), 0);
	CHECK_EQ(oset, ~0ULL & ~((1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1))));
	set = 0;
	CHECK_EQ(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8), 0);

	CHECK_ERR(syscall(SYS_rt_sigpending, &set, 9), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigpending, (void *)8, 8), EFAULT);
	CHECK_EQ(syscall(SYS_rt_sigpending, &set, 4), 0);
	CHECK_ERR(syscall(SYS_rt_sigsuspend, &set, 4), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigsuspend, (void *)8, 8), EFAULT);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, NULL, NULL, 4), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, (void *)8, NULL, NULL, 8), EFAULT);
	ts = (struct timespec){ 0, 1000000000 };
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8), EINVAL);
	ts = (struct timespec){ -1, 0 };
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, NULL, (void *)8, 8), EFAULT);
	CHECK_ERR(syscall(SYS_sigaltstack, (void *)8, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_sigaltstack, NULL, (void *)8), EFAULT);

	/* kill and friends. */
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(getpid(), -1), EINVAL);
	CHECK_ERR(kill(0x3fffffff, 65), ESRCH);
	CHECK_ERR(kill(0x3fffffff, 0), ESRCH);
	CHECK_ERR(syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
	CHECK_ERR(syscall(SYS_tkill, gettid(), 65), EINVAL);
	CHECK_EQ(syscall(SYS_tkill, gettid(), 0), 0);
	CHECK_ERR(syscall(SYS_tgkill, 0, gettid(), SIGUSR1), EINVAL);
	CHECK_ERR(syscall(SYS_tgkill, getpid(), -1, SIGUSR1), EINVAL);
	CHECK_ERR(syscall(SYS_tgkill, getpid() + 1, gettid(), 0), ESRCH);
	CHECK_EQ(syscall(SYS_tgkill, getpid(), gettid(), 0), 0);

	/* sigtimedwait: timeout, and EINTR from a caught signal outside the set. */
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR1);
	sigprocmask(SIG_BLOCK, &ss, NULL);
	ts = (struct timespec){ 0, 20000000 };
	CHECK_ERR(sigtimedwait(&ss, &si, &ts), EAGAIN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	MUST(sigaction(SIGALRM, &sa, NULL));	/* no SA_RESTART */
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	ts = (struct timespec){ 0, 300000000 };
	CHECK_ERR(sigtimedwait(&ss, &si, &ts), EAGAIN);
	CHECK_EQ(hits, 1);
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERR(pause(), EINTR);
	CHECK_EQ(hits, 2);
	return report();
}
