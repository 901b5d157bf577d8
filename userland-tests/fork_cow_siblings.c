/*
 * Copy-on-write with several children: when one child ends (exits, or
 * execs), the pages the parent still shares with another child stay
 * shared copy-on-write, so what the parent writes afterwards is never seen
 * by the child that lives on, nor what that child writes by the parent;
 * the pages only the parent still holds are written in place.
 */
#include "guest.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGES 64
#define PG 4096

static unsigned char data[PAGES * PG];	/* bss */
static unsigned char *heap, *late;

/* 1 if every byte of p is v. */
static int all(const unsigned char *p, long n, unsigned char v)
{
	for (long i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	int to_a[2], from_a[2], st;
	pid_t a, b;
	char c;

	if (argc > 1 && strcmp(argv[1], "--exit") == 0)
		return 0;	/* the child that execs */
	heap = malloc(PAGES * PG);
	CHECK(heap != NULL);
	if (!heap)
		return report();
	memset(data, 1, sizeof(data));
	memset(heap, 2, PAGES * PG);
	MUST(pipe(to_a));
	MUST(pipe(from_a));

	a = fork();
	if (a == 0) {
		/* child A: lives on, then reports what it sees and writes its own */
		int ok;

		if (read(to_a[0], &c, 1) != 1)
			_exit(2);
		ok = all(data, sizeof(data), 1) && all(heap, PAGES * PG, 2);
		memset(data, 7, sizeof(data));
		if (write(from_a[1], &ok, sizeof(ok)) != sizeof(ok))
			_exit(2);
		if (read(to_a[0], &c, 1) != 1)
			_exit(2);
		_exit(all(data, sizeof(data), 7) ? 0 : 3);
	}
	MUST(a);

	/* memory A never shared: after B is gone, the parent's alone again */
	late = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(late != MAP_FAILED);
	if (late == MAP_FAILED)
		return report();
	memset(late, 6, PAGES * PG);

	/* child B ends at once, one by exit, then one by exec */
	b = fork();
	if (b == 0)
		_exit(0);
	MUST(b);
	CHECK_EQ(waitpid(b, &st, 0), b);
	b = fork();
	if (b == 0) {
		execl("/proc/self/exe", "fork_cow_siblings", "--exit", (char *)NULL);
		_exit(1);
	}
	MUST(b);
	CHECK_EQ(waitpid(b, &st, 0), b);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* the parent writes what it holds alone, then what it still shares with A */
	memset(late, 8, PAGES * PG);
	memset(data, 3, sizeof(data));
	memset(heap, 4, PAGES * PG);
	CHECK_EQ(write(to_a[1], "x", 1), 1);
	{
		int ok = 0;

		CHECK_EQ(read(from_a[0], &ok, sizeof(ok)), (long)sizeof(ok));
		CHECK_EQ(ok, 1);	/* A saw none of the parent's writes */
	}
	CHECK(all(data, sizeof(data), 3));	/* nor the parent A's */
	CHECK(all(heap, PAGES * PG, 4));
	CHECK(all(late, PAGES * PG, 8));
	CHECK_EQ(write(to_a[1], "x", 1), 1);
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* alone now: a last child ends, and the parent's pages are its own */
	b = fork();
	if (b == 0)
		_exit(0);
	MUST(b);
	CHECK_EQ(waitpid(b, &st, 0), b);
	memset(data, 5, sizeof(data));
	CHECK(all(data, sizeof(data), 5));
	return report();
}
