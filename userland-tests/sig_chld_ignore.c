/*
 * No zombies (wait(2) NOTES, sigaction(2) SA_NOCLDWAIT): with SIGCHLD set
 * to SIG_IGN, exited children are reaped at once and wait() blocks until
 * they are all gone, then fails ECHILD; with SA_NOCLDWAIT and a handler,
 * the handler still runs (CLD_EXITED) and wait() fails ECHILD likewise.
 * Back to SIG_DFL, a child is a zombie again and is reaped by wait().
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static volatile int hits, code;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	code = si->si_code;
}

static void msleep(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

int main(void)
{
	struct sigaction sa;
	int status, i;
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	for (i = 0; i < 3; i++) {
		pid = MUST(fork());
		if (pid == 0) {
			msleep(50 * i);
			_exit(i);
		}
	}
	CHECK_ERR(wait(&status), ECHILD);
	CHECK_ERR(waitpid(pid, &status, WNOHANG), ECHILD);
	CHECK_ERR(kill(pid, 0), ESRCH);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT;
	MUST(sigaction(SIGCHLD, &sa, NULL));
	pid = MUST(fork());
	if (pid == 0)
		_exit(3);
	while (wait(&status) >= 0 || errno == EINTR)
		;
	i = errno;
	CHECK_EQ(i, ECHILD);
	for (i = 0; i < 500 && !hits; i++)
		msleep(10);
	CHECK_EQ(hits, 1);
	CHECK_EQ(code, CLD_EXITED);

	signal(SIGCHLD, SIG_DFL);
	pid = MUST(fork());
	if (pid == 0)
		_exit(4);
	msleep(50);
	CHECK_EQ(kill(pid, 0), 0);	/* a zombie */
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 4);
	return report();
}
