/*
 * fork from a multi-threaded process is copy-on-write for every page: while
 * a second thread keeps writing its own page, the main thread forks; then
 * parent and child each write the same 16 pages (each its own pattern) and
 * neither sees the other's writes, and the child sees the thread's page as
 * it was at the fork, frozen, since the thread does not exist in the child.
 */
#include "guest.h"
#include <pthread.h>
#include <sys/wait.h>

#define PAGES 16

static char pages[PAGES][4096] __attribute__((aligned(4096)));
static volatile unsigned long ticker;
static volatile int stop;

static void *tick(void *arg)
{
	while (!stop)
		ticker++;
	return NULL;
}

static int check_pattern(char c)
{
	for (int i = 0; i < PAGES; i++)
		for (int j = 0; j < 4096; j += 512)
			if (pages[i][j] != c + i)
				return 0;
	return 1;
}

int main(void)
{
	int p2c[2], c2p[2], status;
	pthread_t t;
	pid_t pid;
	char c;

	for (int i = 0; i < PAGES; i++)
		memset(pages[i], 'a' + i, sizeof(pages[i]));
	MUST(-pthread_create(&t, NULL, tick, NULL));
	while (ticker < 1000)
		;
	MUST(pipe(p2c));
	MUST(pipe(c2p));
	pid = MUST(fork());
	if (pid == 0) {
		unsigned long frozen = ticker;
		int ok = 1;

		for (int i = 0; i < PAGES; i++)
			memset(pages[i], 'A' + i, sizeof(pages[i]));
		MUST(write(c2p[1], "w", 1));
		MUST(read(p2c[0], &c, 1));	/* the parent has written too */
		ok &= check_pattern('A');
		ok &= ticker == frozen;
		_exit(ok ? 0 : 1);
	}
	MUST(read(c2p[0], &c, 1));
	CHECK(check_pattern('a'));	/* the child's writes are not ours */
	for (int i = 0; i < PAGES; i++)
		memset(pages[i], '0' + i, sizeof(pages[i]));
	MUST(write(p2c[1], "w", 1));
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(check_pattern('0'));
	stop = 1;
	pthread_join(t, NULL);
	CHECK(ticker > 1000);
	return report();
}
