/*
 * SIGCHLD (sigaction(2), wait(2)): with SIGCHLD blocked, a child's exit
 * leaves it pending (the handler does not run); sigsuspend() with an empty
 * mask runs the SA_SIGINFO handler, which sees si_signo SIGCHLD, the
 * child's pid and uid, si_code CLD_EXITED and si_status the exit code, or
 * CLD_KILLED and the signal number for a child killed by SIGKILL; then
 * sigsuspend returns EINTR with the old mask back, and the child is reaped.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

static volatile int hits;
static volatile int got_signo, got_code, got_status;
static volatile pid_t got_pid;
static volatile uid_t got_uid;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_status = si->si_status;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
}

static void reset(void)
{
	hits = 0;
	got_signo = got_code = got_status = -1;
	got_pid = -1;
	got_uid = -1;
}

static int pending_chld(void)
{
	sigset_t p;

	sigemptyset(&p);
	sigpending(&p);
	return sigismember(&p, SIGCHLD);
}

static int blocked_chld(void)
{
	sigset_t m;

	sigemptyset(&m);
	sigprocmask(SIG_BLOCK, NULL, &m);
	return sigismember(&m, SIGCHLD);
}

/* Waits (bounded) in sigsuspend for the handler; returns sigsuspend tries. */
static int suspend_until_handled(void)
{
	sigset_t empty;
	int n = 0;

	sigemptyset(&empty);
	while (!hits && n < 10) {
		errno = 0;
		if (sigsuspend(&empty) != -1 || errno != EINTR)
			return -1;
		n++;
	}
	return n;
}

int main(void)
{
	struct sigaction sa;
	siginfo_t wi;
	sigset_t block;
	int status;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGCHLD, &sa, NULL));
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	MUST(sigprocmask(SIG_BLOCK, &block, NULL));

	/* A child exiting 3. */
	reset();
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0)
		_exit(3);
	/* Wait until it is a zombie, without reaping it. */
	memset(&wi, 0, sizeof(wi));
	CHECK_EQ(waitid(P_PID, pid, &wi, WEXITED | WNOWAIT), 0);
	CHECK_EQ(hits, 0);
	CHECK_EQ(pending_chld(), 1);
	CHECK_EQ(suspend_until_handled(), 1);
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_signo, SIGCHLD);
	CHECK_EQ(got_code, CLD_EXITED);
	CHECK_EQ(got_status, 3);
	CHECK_EQ(got_pid, pid);
	CHECK_EQ(got_uid, getuid());
	CHECK_EQ(blocked_chld(), 1);
	CHECK_EQ(pending_chld(), 0);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 3);

	/* A child killed by SIGKILL. */
	reset();
	pid = MUST(fork());
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_EQ(kill(pid, SIGKILL), 0);
	memset(&wi, 0, sizeof(wi));
	CHECK_EQ(waitid(P_PID, pid, &wi, WEXITED | WNOWAIT), 0);
	CHECK_EQ(wi.si_code, CLD_KILLED);
	CHECK_EQ(hits, 0);
	CHECK_EQ(pending_chld(), 1);
	CHECK_EQ(suspend_until_handled(), 1);
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_signo, SIGCHLD);
	CHECK_EQ(got_code, CLD_KILLED);
	CHECK_EQ(got_status, SIGKILL);
	CHECK_EQ(got_pid, pid);
	CHECK_EQ(blocked_chld(), 1);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);

	/* Unblocked: the handler runs while we wait, and wait is restarted. */
	reset();
	MUST(sigprocmask(SIG_UNBLOCK, &block, NULL));
	pid = MUST(fork());
	if (pid == 0)
		_exit(5);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 5);
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_code, CLD_EXITED);
	CHECK_EQ(got_status, 5);
	CHECK_EQ(got_pid, pid);
	return report();
}
