/*
 * shell_spawn: busybox sh running 1000 external commands in a loop
 * (/bin/busybox true, a fork and an exec each); ns for the whole loop.
 * Natively and in the guest it is the same busybox binary.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(void)
{
	long long t0 = now_ns();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		execl("/bin/busybox", "sh", "-c",
		      "i=0; while [ $i -lt 1000 ]; do /bin/busybox true; i=$((i+1)); done", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || status != 0)
		return 1;
	printf("shell_spawn %lld\n", now_ns() - t0);
	return 0;
}
