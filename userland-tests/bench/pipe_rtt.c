/*
 * pipe_rtt: one byte there and back between two processes over two pipes,
 * in ns per round trip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(void)
{
	int there[2], back[2], n = 5000;
	char c = 'x';
	long long t0;
	pid_t pid;

	if (pipe(there) || pipe(back))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	for (int i = 0; i < 100; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			return 1;
	t0 = now_ns();
	for (int i = 0; i < n; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			return 1;
	printf("pipe_rtt %.1f\n", (double)(now_ns() - t0) / n);
	close(there[1]);
	waitpid(pid, NULL, 0);
	return 0;
}
