/*
 * prctl knobs of privilege: PR_SET_NO_NEW_PRIVS is one-way, inherited by
 * fork and kept across execve, and strict about its arguments;
 * PR_SET_DUMPABLE takes 0 or 1, a uid change makes the process
 * non-dumpable, and execve with equal real and effective ids makes it
 * dumpable again.
 */
#include "guest.h"
#include <sys/prctl.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	int st = -1;
	pid_t pid;

	if (argc > 1) {
		printf("after exec: no_new_privs %d dumpable %d\n",
		       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
		return 0;
	}
	CHECK_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	CHECK_ERR(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);

	CHECK_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	CHECK_ERR(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0), EINVAL);

	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		setresuid(1000, 1000, 1000);
		printf("child: no_new_privs %d dumpable %d\n",
		       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			printf("grandchild: no_new_privs %d dumpable %d\n",
			       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
			       prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
			fflush(stdout);
			_exit(0);
		}
		waitpid(pid, NULL, 0);
		execl(argv[0], argv[0], "exec", (char *)NULL);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	CHECK_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	return report();
}
