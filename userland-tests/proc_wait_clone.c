/*
 * "Clone" children (wait(2), __WCLONE, __WALL): a child whose exit signal
 * is not SIGCHLD is invisible to a plain wait (ECHILD when it is the only
 * child), is found with __WCLONE or __WALL, and an ordinary child is not
 * found with __WCLONE; waitid() follows the same rule.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

/* A fork-like clone whose exit signal is sig; the child exits with code. */
static pid_t spawn(int sig, int code)
{
	long pid = syscall(SYS_clone, sig, 0, 0, 0, 0);

	if (pid == 0)
		syscall(SYS_exit_group, code);
	return (pid_t)pid;
}

int main(void)
{
	siginfo_t si;
	int status;
	pid_t pid, p2;

	signal(SIGUSR2, SIG_IGN);
	pid = MUST(spawn(SIGUSR2, 5));
	CHECK_ERR(waitpid(-1, &status, 0), ECHILD);
	CHECK_ERR(waitpid(pid, &status, 0), ECHILD);
	CHECK_ERR(waitid(P_PID, pid, &si, WEXITED), ECHILD);
	CHECK_EQ(waitpid(pid, &status, __WCLONE), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);

	pid = MUST(spawn(0, 6));
	CHECK_EQ(waitpid(-1, &status, __WALL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 6);

	pid = MUST(spawn(SIGCHLD, 7));
	p2 = MUST(spawn(SIGUSR2, 8));
	CHECK_ERR(waitpid(pid, &status, __WCLONE), ECHILD);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, p2, &si, WEXITED | __WCLONE), 0);
	CHECK_EQ(si.si_status, 8);
	CHECK_EQ(waitpid(-1, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_ERR(waitpid(-1, &status, __WALL), ECHILD);
	return report();
}
