/* fork_exit: fork, _exit in the child, waitpid in the parent; ns per round. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(void)
{
	int n = 300;
	long long t0 = now_ns();

	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid)
			return 1;
	}
	printf("fork_exit %.1f\n", (double)(now_ns() - t0) / n);
	return 0;
}
