/*
 * vfork: the child runs in the parent's memory, so a global it sets before
 * _exit is seen by the parent, which was suspended until then (the child's
 * write is already there when vfork returns); the child has its own pid and
 * the parent reaps it with status 3.
 */
#include "guest.h"
#include <sys/wait.h>

static volatile int shared;
static volatile pid_t child_pid;

int main(void)
{
	pid_t parent = getpid(), pid;
	int status = -1;

	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		child_pid = getpid();
		shared = 77;
		_exit(3);
	}
	/* No synchronisation: vfork returned only after the child exited. */
	CHECK(pid > 0);
	CHECK_EQ(shared, 77);
	CHECK_EQ(child_pid, pid);
	CHECK(pid != parent);
	CHECK_EQ(getpid(), parent);

	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 3);
	CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
	return report();
}
