/*
 * Signal state across execve (execve(2)): caught signals go back to
 * SIG_DFL, ignored ones stay ignored, and the blocked mask is kept. The
 * exec'd image (this program with "child") checks and reports through its
 * exit status.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

static void handler(int sig)
{
	(void)sig;
}

static int child_main(void)
{
	struct sigaction sa;
	sigset_t mask;

	CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_EQ(sigaction(SIGUSR2, NULL, &sa), 0);
	CHECK(sa.sa_handler == SIG_IGN);
	CHECK_EQ(sigaction(SIGTERM, NULL, &sa), 0);
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	CHECK_EQ(sigismember(&mask, SIGHUP), 1);
	CHECK_EQ(sigismember(&mask, SIGUSR1), 0);
	return guest_failures ? report() : 0;
}

int main(int argc, char **argv)
{
	char *cargv[] = { argv[0], "child", NULL };
	struct sigaction sa;
	sigset_t mask;
	int status = -1;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child_main();

	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = handler;
		if (sigaction(SIGUSR1, &sa, NULL) || sigaction(SIGTERM, &sa, NULL))
			_exit(125);
		sa.sa_handler = SIG_IGN;
		if (sigaction(SIGUSR2, &sa, NULL))
			_exit(125);
		sigemptyset(&mask);
		sigaddset(&mask, SIGHUP);
		if (sigprocmask(SIG_BLOCK, &mask, NULL))
			_exit(125);
		execv(argv[0], cargv);
		_exit(127);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	return report();
}
