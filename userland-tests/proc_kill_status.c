/*
 * Death by signal and kill(2): a child that raises SIGKILL, and one blocked
 * in pause() that its parent sends SIGTERM, are reported as WIFSIGNALED with
 * that signal, not as exits; kill with signal 0 succeeds for a live child and
 * for a zombie, is ESRCH once the child is reaped, and a bad signal number is
 * EINVAL.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
	int status;
	pid_t pid;

	/* Killed by its own SIGKILL. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		raise(SIGKILL);
		_exit(1);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK(!WIFEXITED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	CHECK(!WCOREDUMP(status));

	/* Killed by the parent's SIGTERM while in pause(). */
	pid = MUST(fork());
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_EQ(kill(pid, 0), 0);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
	CHECK_ERR(kill(pid, 0), ESRCH);
	CHECK_ERR(kill(pid, SIGTERM), ESRCH);

	/* A zombie still exists for kill(pid, 0). */
	pid = MUST(fork());
	if (pid == 0)
		_exit(0);
	CHECK_EQ(waitid(P_PID, pid, &(siginfo_t){ 0 }, WEXITED | WNOWAIT), 0);
	CHECK_EQ(kill(pid, 0), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_ERR(kill(pid, 0), ESRCH);

	/* Bad signal numbers, checked even for ourselves. */
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(getpid(), -1), EINVAL);
	CHECK_ERR(kill(getpid(), 1000), EINVAL);
	return report();
}
