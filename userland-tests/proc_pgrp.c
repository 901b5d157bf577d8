/*
 * Process groups and sessions: a child starts in its parent's group and
 * session; setpgid(0, 0) makes it a group leader, which may then not setsid
 * (EPERM); setsid in a non-leader returns its pid and makes it leader of a
 * new session and group, after which it may not change group (EPERM); a
 * parent can move its child into a new group and signal that group with
 * kill(-pgid); pids that no longer exist are ESRCH and a negative pgid is
 * EINVAL.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

/* exited: wait for pid; its exit status, or -1 if it did not exit. */
static int exited(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	pid_t pgid = getpgid(0), sid = getsid(0), pid;
	int status;

	CHECK(pgid >= 0);
	CHECK(sid >= 0);
	CHECK_EQ(getpgrp(), pgid);

	/* setpgid(0, 0): a new group led by the child. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		CHECK_EQ(getpgid(0), pgid);
		CHECK_EQ(getsid(0), sid);
		CHECK_EQ(setpgid(0, 0), 0);
		CHECK_EQ(getpgid(0), getpid());
		CHECK_EQ(getpgrp(), getpid());
		CHECK_EQ(getsid(0), sid);
		CHECK_ERR(setsid(), EPERM);
		_exit(guest_failures ? 1 : 0);
	}
	CHECK_EQ(exited(pid), 0);

	/* setsid: a new session and group, both led by the child. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		CHECK_EQ(setsid(), getpid());
		CHECK_EQ(getsid(0), getpid());
		CHECK_EQ(getpgid(0), getpid());
		CHECK_ERR(setsid(), EPERM);
		CHECK_ERR(setpgid(0, 0), EPERM);
		CHECK_ERR(setpgid(0, pgid), EPERM);
		_exit(guest_failures ? 1 : 0);
	}
	CHECK_EQ(exited(pid), 0);

	/* The parent moves a live child into its own group, then kills it. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_EQ(setpgid(pid, pid), 0);
	CHECK_EQ(getpgid(pid), pid);
	CHECK_EQ(getsid(pid), sid);
	CHECK_EQ(getpgid(0), pgid);
	CHECK_EQ(kill(-pid, SIGTERM), 0);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

	/* pid is reaped now: nothing by that number exists. */
	CHECK_ERR(getpgid(pid), ESRCH);
	CHECK_ERR(getsid(pid), ESRCH);
	CHECK_ERR(setpgid(pid, 0), ESRCH);
	CHECK_ERR(kill(-pid, 0), ESRCH);
	CHECK_ERR(setpgid(0, -1), EINVAL);
	CHECK_EQ(getpgid(0), pgid);
	CHECK_EQ(getsid(0), sid);
	return report();
}
