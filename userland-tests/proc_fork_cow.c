/*
 * fork copies the address space: a global, a touched 1 MiB heap buffer and
 * a stack array start out equal in parent and child, and writes made by one
 * side after the fork are invisible to the other, whichever writes first.
 * Results come back as exit statuses; the second child waits for a file the
 * parent creates once it has written (a handshake that needs no pipe).
 */
#include "guest.h"
#include <sys/wait.h>
#include <time.h>

#define GO "proc_fork_cow.go"
#define HEAP (1 << 20)
#define STACK 4096

static int global = 1000;

/* fill: a pattern that differs per byte and per seed. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

/* same: p holds the pattern fill(p, n, seed) wrote. */
static int same(const unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 31 + seed))
			return 0;
	return 1;
}

/* wait_for_go: poll for GO for at most 2 s; 1 when it appeared. */
static int wait_for_go(void)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 2000; i++) {
		if (access(GO, F_OK) == 0)
			return 1;
		nanosleep(&ms, NULL);
	}
	return 0;
}

/* exited: wait for pid and return its exit status, or -1 if not exited. */
static int exited(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	unsigned char stack[STACK];
	unsigned char *heap = malloc(HEAP);
	pid_t pid;

	CHECK(heap != NULL);
	if (!heap)
		return report();
	unlink(GO);
	fill(heap, HEAP, 1);
	fill(stack, STACK, 2);

	/* 1. The child writes; the parent still sees its own values. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		if (global != 1000 || !same(heap, HEAP, 1) ||
		    !same(stack, STACK, 2))
			_exit(10);
		global = 2000;
		fill(heap, HEAP, 3);
		fill(stack, STACK, 4);
		if (global != 2000 || !same(heap, HEAP, 3) ||
		    !same(stack, STACK, 4))
			_exit(11);
		_exit(0);
	}
	CHECK_EQ(exited(pid), 0);
	CHECK_EQ(global, 1000);
	CHECK(same(heap, HEAP, 1));
	CHECK(same(stack, STACK, 2));

	/* 2. The parent writes while the child lives; the child keeps its copy. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		if (!wait_for_go())
			_exit(20);
		if (global != 1000)
			_exit(21);
		if (!same(heap, HEAP, 1))
			_exit(22);
		if (!same(stack, STACK, 2))
			_exit(23);
		_exit(0);
	}
	global = 3000;
	fill(heap, HEAP, 5);
	fill(stack, STACK, 6);
	close(MUST(open(GO, O_WRONLY | O_CREAT, 0644)));
	CHECK_EQ(exited(pid), 0);
	CHECK_EQ(global, 3000);
	CHECK(same(heap, HEAP, 5));
	CHECK(same(stack, STACK, 6));

	CHECK_EQ(unlink(GO), 0);
	free(heap);
	return report();
}
