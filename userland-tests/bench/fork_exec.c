/*
 * fork_exec: fork, execve of this program (which exits at once when given
 * an argument), waitpid; ns per round.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "child", NULL };
	char *env[] = { NULL };
	int n = 200;
	long long t0;

	if (argc > 1)
		return 0;
	t0 = now_ns();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		int status;

		if (pid < 0)
			return 1;
		if (pid == 0) {
			execve(argv[0], args, env);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || status != 0)
			return 1;
	}
	printf("fork_exec %.1f\n", (double)(now_ns() - t0) / n);
	return 0;
}
