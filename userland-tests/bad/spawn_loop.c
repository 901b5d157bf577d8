/*
 * posix_spawn (vfork + exec) in a loop, then a pause: the harness counts
 * the host threads of umk's stub processes meanwhile. Each vfork child
 * is a host thread in the parent's process until its exec; that thread
 * must end (or be parked for reuse), not pile up one per spawn.
 */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "child", NULL };

	if (argc > 1)
		return 0;
	for (int i = 0; i < 60; i++) {
		pid_t pid;

		if (posix_spawn(&pid, argv[0], NULL, NULL, args, environ) ||
		    waitpid(pid, NULL, 0) != pid)
			return 1;
	}
	printf("spawned\n");
	fflush(stdout);
	sleep(3);
	return 0;
}
