/*
 * Real-time signals queue (signal(7), "Real-time signals"; sigqueue(3),
 * rt_sigqueueinfo(2)): several of one number queue each with its own
 * si_value, taken in the order sent; lower numbers come first; a standard
 * signal sent three times while blocked is pending once; rt_sigpending
 * shows only pending signals that are blocked; a handler sees si_code
 * SI_QUEUE and the value. rt_sigqueueinfo may pass si_code >= 0 or
 * SI_TKILL only to itself (EPERM towards another process), takes si_signo
 * from its argument, and fails EINVAL for a bad number, EFAULT for a bad
 * siginfo pointer, ESRCH for no such process.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

static volatile int got_code, got_val, hits;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	got_code = si->si_code;
	got_val = si->si_value.sival_int;
}

static long qinfo(pid_t pid, int sig, siginfo_t *si)
{
	return syscall(SYS_rt_sigqueueinfo, pid, sig, si);
}

int main(void)
{
	sigset_t set, pend;
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	struct sigaction sa;
	int i, status;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGUSR1);
	MUST(sigprocmask(SIG_BLOCK, &set, NULL));

	/* Three of SIGRTMIN+1, then two of SIGRTMIN, each with its value. */
	for (i = 0; i < 3; i++)
		CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 10 + i }), 0);
	for (i = 0; i < 2; i++)
		CHECK_EQ(sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 20 + i }), 0);
	/* A standard signal coalesces. */
	for (i = 0; i < 3; i++)
		CHECK_EQ(kill(getpid(), SIGUSR1), 0);

	CHECK_EQ(sigpending(&pend), 0);
	CHECK(sigismember(&pend, SIGRTMIN) && sigismember(&pend, SIGRTMIN + 1));
	CHECK(sigismember(&pend, SIGUSR1));
	CHECK(!sigismember(&pend, SIGUSR2));

	/* SIGUSR1 (lowest) once, then SIGRTMIN x2 in order, then SIGRTMIN+1 x3. */
	CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGUSR1);
	CHECK_EQ(si.si_code, SI_USER);
	for (i = 0; i < 2; i++) {
		memset(&si, 0, sizeof(si));
		CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGRTMIN);
		CHECK_EQ(si.si_code, SI_QUEUE);
		CHECK_EQ(si.si_value.sival_int, 20 + i);
		CHECK_EQ(si.si_signo, SIGRTMIN);
	}
	for (i = 0; i < 3; i++) {
		memset(&si, 0, sizeof(si));
		CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGRTMIN + 1);
		CHECK_EQ(si.si_value.sival_int, 10 + i);
	}
	CHECK_ERR(sigtimedwait(&set, &si, &zero), EAGAIN);
	CHECK_EQ(sigpending(&pend), 0);
	CHECK(!sigismember(&pend, SIGRTMIN) && !sigismember(&pend, SIGUSR1));

	/* A pending signal that is not blocked is not reported by sigpending. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	MUST(sigaction(SIGRTMIN + 2, &sa, NULL));
	CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 2, (union sigval){ .sival_int = 77 }), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_code, SI_QUEUE);
	CHECK_EQ(got_val, 77);

	/* rt_sigqueueinfo towards itself: any si_code, si_signo from the argument. */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_USER;
	si.si_value.sival_int = 5;
	CHECK_EQ(qinfo(getpid(), SIGRTMIN, &si), 0);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGRTMIN);
	CHECK_EQ(si.si_signo, SIGRTMIN);
	CHECK_EQ(si.si_code, SI_USER);

	/* Bad input. */
	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	CHECK_ERR(qinfo(getpid(), SIGRTMAX + 1, &si), EINVAL);
	CHECK_ERR(qinfo(getpid(), -1, &si), EINVAL);
	CHECK_ERR(qinfo(getpid(), SIGRTMIN, (siginfo_t *)8), EFAULT);
	CHECK_EQ(qinfo(getpid(), 0, &si), 0);

	/* Towards another process: si_code >= 0 or SI_TKILL is EPERM. */
	pid = MUST(fork());
	if (pid == 0) {
		pause();
		_exit(0);
	}
	si.si_code = SI_USER;
	CHECK_ERR(qinfo(pid, SIGRTMIN, &si), EPERM);
	si.si_code = SI_KERNEL;
	CHECK_ERR(qinfo(pid, SIGRTMIN, &si), EPERM);
	si.si_code = SI_TKILL;
	CHECK_ERR(qinfo(pid, SIGRTMIN, &si), EPERM);
	CHECK_ERR(syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGRTMIN, &si), EPERM);
	CHECK_ERR(syscall(SYS_rt_tgsigqueueinfo, 0, pid, SIGRTMIN, &si), EINVAL);
	CHECK_ERR(syscall(SYS_rt_tgsigqueueinfo, pid, 0, SIGRTMIN, &si), EINVAL);
	CHECK_ERR(syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGRTMIN, (void *)8), EFAULT);
	si.si_code = SI_QUEUE;
	CHECK_ERR(syscall(SYS_rt_tgsigqueueinfo, pid, pid, 65, &si), EINVAL);
	CHECK_ERR(syscall(SYS_rt_tgsigqueueinfo, pid + 1000000, pid, SIGTERM, &si), ESRCH);
	CHECK_EQ(syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGTERM, &si), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK_ERR(qinfo(pid, SIGRTMIN, &si), ESRCH);
	CHECK_ERR(qinfo(-1, SIGRTMIN, &si), ESRCH);
	return report();
}
