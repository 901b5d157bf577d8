/*
 * PR_SET_CHILD_SUBREAPER: an orphan goes to its nearest subreaper ancestor
 * rather than to init, which then reaps it; the flag reads back with
 * PR_GET_CHILD_SUBREAPER and is not inherited by a forked child.
 */
#include "guest.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* The subreaper: starts A, A starts B and exits; B must come to us. */
static int subreaper(void)
{
	int flag = -1, st = -1, p[2];
	pid_t me = getpid(), a, b = 0;

	alarm(10);
	CHECK_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_CHILD_SUBREAPER, &flag, 0, 0, 0), 0);
	CHECK_EQ(flag, 1);
	MUST(pipe(p));
	a = fork();
	if (a == 0) {
		int f = -1;
		pid_t pb;

		prctl(PR_GET_CHILD_SUBREAPER, &f, 0, 0, 0);
		pb = fork();
		if (pb == 0) {
			/* Wait to be orphaned, then report the new parent. */
			int i;

			for (i = 0; i < 1000 && getppid() != me; i++)
				usleep(5000);
			_exit(getppid() == me ? 7 : 8);
		}
		write(p[1], &pb, sizeof(pb));
		_exit(f == 0 ? 0 : 1);
	}
	CHECK_EQ(read(p[0], &b, sizeof(b)), (long)sizeof(b));
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK_EQ(st, 0);
	CHECK_EQ(waitpid(b, &st, 0), b);	/* B is ours now */
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
	CHECK_ERR(prctl(PR_GET_CHILD_SUBREAPER, (int *)1, 0, 0, 0), EFAULT);
	CHECK_EQ(prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_CHILD_SUBREAPER, &flag, 0, 0, 0), 0);
	CHECK_EQ(flag, 0);
	return report();
}

int main(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(subreaper());
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	return report();
}
