/*
 * MAP_SHARED|MAP_ANONYMOUS memory stays shared across fork even for pages
 * neither side touched before the fork: the child writes pages the parent
 * never touched and the parent sees them; the parent writes one the child
 * then reads; a page touched before the fork is shared too, and a child's
 * munmap leaves the parent's mapping alone. A private mapping beside it is
 * copied, not shared.
 */
#include "guest.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGES 8

int main(void)
{
	char *sh, *priv;
	int status, pfd[2];
	pid_t pid;
	char c;

	sh = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(sh == MAP_FAILED ? -1 : 0);
	MUST(priv == MAP_FAILED ? -1 : 0);
	MUST(pipe(pfd));
	sh[4096] = 'a';	/* page 1 touched before the fork */
	pid = MUST(fork());
	if (pid == 0) {
		sh[0] = 'c';		/* never touched by anyone before */
		sh[7 * 4096 + 100] = 'd';
		sh[4096] = 'e';
		priv[0] = 'p';
		if (read(pfd[0], &c, 1) != 1)	/* the parent wrote page 3 */
			_exit(10);
		if (sh[3 * 4096] != 'f')
			_exit(11);
		munmap(sh, PAGES * 4096);
		_exit(0);
	}
	sh[3 * 4096] = 'f';
	MUST(write(pfd[1], "x", 1));
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(sh[0], 'c');
	CHECK_EQ(sh[7 * 4096 + 100], 'd');
	CHECK_EQ(sh[4096], 'e');
	CHECK_EQ(sh[2 * 4096], 0);
	CHECK_EQ(priv[0], 0);
	CHECK_EQ(munmap(sh, PAGES * 4096), 0);
	return report();
}
