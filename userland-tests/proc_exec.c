/*
 * execve in a forked child: the new image (this program again, found through
 * argv[0], with "child" as its first argument) gets exactly the argv and
 * envp it was given, keeps the pid and parent of the process that called
 * execve, and its exit status reaches the parent's waitpid.
 */
#include "guest.h"
#include <sys/wait.h>

#define F "proc_exec.tmp"

extern char **environ;

/* The exec'd image: check what arrived, record pid and ppid, exit 7. */
static int child_main(int argc, char **argv)
{
	pid_t ids[2] = { getpid(), getppid() };
	int n, fd;

	CHECK_EQ(argc, 4);
	if (argc == 4) {
		CHECK_STR(argv[1], "child");
		CHECK_STR(argv[2], "hello world");
		CHECK_STR(argv[3], "");
		CHECK(argv[4] == NULL);
	}
	for (n = 0; environ[n] && n < 100; n++)
		printf("env[%d] = %s\n", n, environ[n]);
	CHECK_EQ(n, 2);
	CHECK_STR(getenv("UMK_EXEC_TEST"), "42");
	CHECK_STR(getenv("SECOND"), "x y");
	CHECK(getenv("PATH") == NULL);

	fd = open(F, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, ids, sizeof(ids)), sizeof(ids));
	close(fd);
	if (guest_failures)
		return report();
	printf("exec'd image ran\n");
	return 7;
}

int main(int argc, char **argv)
{
	char *cargv[] = { argv[0], "child", "hello world", "", NULL };
	char *cenvp[] = { "UMK_EXEC_TEST=42", "SECOND=x y", NULL };
	pid_t parent = getpid(), pid, ids[2] = { 0, 0 };
	int status = -1, fd;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child_main(argc, argv);

	unlink(F);
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		execve(argv[0], cargv, cenvp);
		_exit(127);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);

	fd = open(F, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, ids, sizeof(ids)), sizeof(ids));
	close(fd);
	CHECK_EQ(ids[0], pid);	 /* execve keeps the pid... */
	CHECK_EQ(ids[1], parent); /* ...and the parent */
	unlink(F);
	return report();
}
