/*
 * A fork bomb, run as init (root) under umk only. Every process forks as
 * fast as it can and each child does the same, until a deadline; failed
 * forks (EAGAIN at threads-max, ENOMEM when guest RAM runs out) are
 * retried. After the deadline every bomb process exits; init reaps them
 * all (orphans come to init), then runs a command to show the system still
 * serves. usage: fork_bomb [SECONDS]; prints the command's output and
 * "bomb over".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bomb(double deadline, volatile long *stats)
{
	char page[4096];

	memset(page, 1, sizeof(page));	/* a private page per process */
	while (now() < deadline) {
		pid_t p = fork();

		if (p > 0) {
			__atomic_add_fetch(&stats[0], 1, __ATOMIC_RELAXED);
		} else if (p < 0) {
			struct timespec ts = { 0, 2000000 };

			__atomic_add_fetch(&stats[errno == EAGAIN ? 1 : 2], 1, __ATOMIC_RELAXED);
			nanosleep(&ts, NULL);
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 5, deadline = now() + secs;
	volatile long *stats;
	int status, reaped = 0;
	pid_t p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	stats = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (stats == MAP_FAILED)
		return 2;
	p = fork();
	if (p < 0)
		return 2;
	if (p == 0)
		bomb(deadline, stats);
	/* Reap until nothing is left, within a bound. */
	while (now() < deadline + 60) {
		pid_t w = waitpid(-1, &status, 0);

		if (w < 0 && errno == ECHILD)
			break;
		if (w > 0)
			reaped++;
	}
	fprintf(stderr, "%ld forks, %ld EAGAIN, %ld other failures, %d reaped by init\n",
		stats[0], stats[1], stats[2], reaped);
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD) {
		printf("children left\n");
		return 1;
	}
	if (stats[1] + stats[2] == 0)
		printf("no fork ever failed: the bomb was not bounded\n");
	p = fork();
	if (p == 0) {
		execl("/bin/busybox", "echo", "still", "serving", (char *)NULL);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &status, 0) != p || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	printf("bomb over\n");
	return 0;
}
