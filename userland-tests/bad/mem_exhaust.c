/*
 * Exhausting guest RAM, run as init under umk with a small --mem. A child
 * maps and touches anonymous memory 1 MiB at a time, first with
 * MAP_POPULATE, then by touching pages, until mmap fails (ENOMEM) or the
 * child is killed (the guest's OOM killer: SIGKILL); either is fine, and
 * init must survive and be able to run another process afterwards. The
 * host never sees more than --mem of guest RAM. Prints "oom survived".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK (1UL << 20)
#define MAX_CHUNKS 8192	/* 8 GiB: far beyond any --mem used here */

static void hog(int populate)
{
	unsigned long n;

	for (n = 0; n < MAX_CHUNKS; n++) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | (populate ? MAP_POPULATE : 0), -1, 0);

		if (p == MAP_FAILED)
			_exit(errno == ENOMEM ? 10 : 11);
		for (unsigned long i = 0; i < CHUNK; i += 4096)
			p[i] = 1;
	}
	_exit(12);	/* never ran out */
}

static int run(int populate)
{
	int status;
	pid_t p = fork();

	if (p < 0)
		return -1;
	if (p == 0)
		hog(populate);
	if (waitpid(p, &status, 0) != p)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 10)
		return 0;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return 0;
	fprintf(stderr, "hog (populate %d): status %#x\n", populate, status);
	return -1;
}

int main(void)
{
	int status, bad = 0;
	pid_t p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int round = 0; round < 2; round++) {
		bad |= run(1) < 0;
		bad |= run(0) < 0;
	}
	p = fork();
	if (p == 0) {
		execl("/bin/busybox", "echo", "still", "serving", (char *)NULL);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &status, 0) != p || !WIFEXITED(status) || WEXITSTATUS(status))
		bad = 1;
	if (bad)
		return 1;
	printf("oom survived\n");
	return 0;
}
