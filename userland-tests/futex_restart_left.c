/*
 * A FUTEX_WAIT with a relative timeout that a signal interrupts (futex(2)):
 * with no handler to run (a stop, then SIGCONT) it goes on with the time
 * that was left, not the whole timeout again, and ends with ETIMEDOUT
 * when the first deadline passes; with a handler, even an SA_RESTART one,
 * it fails with EINTR (Linux's -ERESTART_RESTARTBLOCK). The child waits
 * 1 s and is stopped at about 600 ms: a restart with the full timeout
 * would end after 1.6 s; it must end in [1 s, 1.5 s).
 */
#include "guest.h"
#define FUTEX_WAIT_PRIVATE 128 /* FUTEX_WAIT with FUTEX_PRIVATE_FLAG */
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

static int word;
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long wait_1s(void)
{
	struct timespec to = { 1, 0 };

	return syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &to, NULL, 0);
}

int main(void)
{
	struct timespec t600 = { 0, 600000000 };
	struct itimerval it = { { 0, 0 }, { 0, 300000 } };
	struct sigaction sa;
	int status;
	pid_t child;

	fflush(stdout);
	child = MUST(fork());
	if (child == 0) {
		int64_t start = now_ms(), took;
		long r;

		alarm(10);
		r = wait_1s();
		took = now_ms() - start;
		if (r != -1 || errno != ETIMEDOUT)
			_exit(1);
		if (took < 1000)
			_exit(2);
		_exit(took < 1500 ? 0 : 3);
	}
	nanosleep(&t600, NULL);
	CHECK_EQ(kill(child, SIGSTOP), 0);
	CHECK_EQ(waitpid(child, &status, WUNTRACED), child);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(kill(child, SIGCONT), 0);
	CHECK_EQ(waitpid(child, &status, 0), child);
	printf("after stop and continue: exit %d (0: ETIMEDOUT at the first deadline)\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* A handler, SA_RESTART or not: EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	MUST(sigaction(SIGALRM, &sa, NULL));
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERR(wait_1s(), EINTR);
	CHECK_EQ(hits, 1);
	return report();
}
