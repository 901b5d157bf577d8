/*
 * reaper CMD...: run CMD as a child subreaper, so that any process CMD
 * leaves behind is re-parented here instead of to init. When CMD has
 * exited, print "orphans N": how many processes it left (zombies, or live
 * ones, which are then killed), and exit with CMD's status.
 * test-bad-input uses it to show that umk reaps every host process it
 * started before it exits.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Kill the live children of this process; how many there were. */
static int kill_children(void)
{
	char path[64];
	FILE *f;
	int pid, n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", getpid(), getpid());
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fscanf(f, "%d", &pid) == 1) {
		kill(pid, SIGKILL);
		n++;
	}
	fclose(f);
	while (waitpid(-1, NULL, 0) > 0)
		;
	return n;
}

int main(int argc, char **argv)
{
	int st, orphans = 0, waited = 0;
	pid_t cmd, p;

	if (argc < 2 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		fprintf(stderr, "usage: reaper CMD...\n");
		return 2;
	}
	cmd = fork();
	if (cmd < 0)
		return 2;
	if (cmd == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	while ((p = waitpid(cmd, &st, 0)) < 0 && errno == EINTR)
		;
	if (p != cmd)
		return 2;
	/* whatever is a child of ours now, CMD left behind; live ones get 1 s to go */
	while ((p = waitpid(-1, NULL, WNOHANG)) != -1) {
		if (p > 0) {
			orphans++;
		} else if (++waited > 100) {
			orphans += kill_children();
			break;
		} else {
			usleep(10000);
		}
	}
	printf("orphans %d\n", orphans);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
