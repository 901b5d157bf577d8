/*
 * disk_untar TAR DIR: busybox tar -xf TAR in a new directory under DIR
 * (run-bench makes TAR from /usr/include), then sync; total ns.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	char dir[4096];
	long long t0;
	int status;
	pid_t pid;

	if (argc != 3)
		return 2;
	snprintf(dir, sizeof(dir), "%s/untar", argv[2]);
	t0 = now_ns();
	if (mkdir(dir, 0755)) {
		perror(dir);
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		execl("/bin/busybox", "tar", "-xf", argv[1], "-C", dir, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
		fprintf(stderr, "tar failed (status %d)\n", status);
		return 1;
	}
	sync();
	printf("disk_untar %lld\n", now_ns() - t0);
	return 0;
}
