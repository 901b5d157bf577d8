/*
 * execve with argv NULL or empty: Linux (since 5.18) starts the program
 * with argc 1 and argv[0] "" rather than argc 0, so that programs that
 * take argv[0] for granted do not misread the environment. The test runs
 * itself again that way and the child reports what it got.
 */
#include "guest.h"
#include <sys/wait.h>

static void run(const char *self, char **argv)
{
	char *envp[] = { "EXEC_ARGV_EMPTY=child", NULL };
	int status;
	pid_t pid = MUST(fork());

	if (pid == 0) {
		execve(self, argv, envp);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(int argc, char **argv)
{
	char *empty[] = { NULL };
	const char *e = getenv("EXEC_ARGV_EMPTY");

	if (e && strcmp(e, "child") == 0) {
		printf("child: argc %d, argv[0] [%s], argv[argc] %s\n", argc,
		       argc > 0 ? argv[0] : "(none)", argv[argc] ? "set" : "NULL");
		return 0;
	}
	if (argc < 1 || !argv[0][0])
		return 2;
	run(argv[0], NULL);
	run(argv[0], empty);
	return report();
}
