/*
 * wait4 and waitid options: with no children both fail ECHILD; a pid that
 * is not our child (our own, a sibling's) is ECHILD; unknown option bits are
 * EINVAL; WNOHANG returns 0 while the child runs (it blocks reading a pipe
 * until we write); waitid fills si_signo, si_code CLD_EXITED, si_pid,
 * si_uid and si_status; WNOWAIT leaves the zombie to be waited for again.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
	siginfo_t si;
	int p[2], status, i;
	pid_t pid, sib;
	char c;

	/* No children at all. */
	CHECK_ERR(waitpid(-1, &status, 0), ECHILD);
	CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
	CHECK_ERR(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	CHECK_ERR(waitpid(getpid(), &status, 0), ECHILD);

	/* Bad options, checked before anything else. */
	CHECK_ERR(waitpid(-1, &status, 0x40000), EINVAL);
	CHECK_ERR(waitpid(-1, &status, WNOWAIT), EINVAL);
	CHECK_ERR(waitid(P_ALL, 0, &si, 0), EINVAL);
	CHECK_ERR(waitid(P_ALL, 0, &si, WNOHANG), EINVAL);

	/* A child that blocks until we write to the pipe, then exits 9. */
	MUST(pipe(p));
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 && c == 'x' ? 9 : 1);
	}
	close(p[0]);

	status = -1;
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), 0);
	memset(&si, 0xff, sizeof(si));
	CHECK_EQ(waitid(P_PID, pid, &si, WEXITED | WNOHANG), 0);
	CHECK_EQ(si.si_pid, 0);

	/* A sibling that is not the first child's parent cannot wait for it. */
	sib = MUST(fork());
	if (sib == 0)
		_exit(waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD ? 0 : 1);
	status = -1;
	CHECK_EQ(waitpid(sib, &status, 0), sib);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Let the first child go; wait for it without reaping it. */
	CHECK_EQ(write(p[1], "x", 1), 1);
	close(p[1]);
	for (i = 0; i < 2; i++) {
		memset(&si, 0, sizeof(si));
		CHECK_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
		CHECK_EQ(si.si_signo, SIGCHLD);
		CHECK_EQ(si.si_code, CLD_EXITED);
		CHECK_EQ(si.si_pid, pid);
		CHECK_EQ(si.si_uid, getuid());
		CHECK_EQ(si.si_status, 9);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 9);

	/* Now it is gone. */
	CHECK_ERR(waitid(P_PID, pid, &si, WEXITED), ECHILD);
	CHECK_ERR(waitpid(-1, &status, 0), ECHILD);
	return report();
}
