/*
 * A stop signal stops every thread of a process (signal(7)): a child whose
 * two threads each write their letter to a pipe every 10 ms is stopped
 * with SIGSTOP; while it is reported stopped no byte comes; after SIGCONT
 * both letters come again.
 */
#include "guest.h"
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static int fds[2];

static void msleep(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void *writer(void *arg)
{
	for (;;) {
		write(fds[1], arg, 1);
		msleep(10);
	}
	return NULL;
}

/* Drain the pipe; return a bit mask of the letters seen (1 a, 2 b). */
static int drain(void)
{
	char buf[256];
	int seen = 0, n;

	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		for (int i = 0; i < n; i++)
			seen |= buf[i] == 'a' ? 1 : buf[i] == 'b' ? 2 : 4;
	return seen;
}

/* Both letters arrive within 5 s. */
static int both_write(void)
{
	int seen = 0;

	for (int i = 0; i < 500 && seen != 3; i++) {
		seen |= drain();
		msleep(10);
	}
	return seen == 3;
}

int main(void)
{
	int status;
	pid_t pid;

	MUST(pipe(fds));
	MUST(fcntl(fds[0], F_SETFL, O_NONBLOCK));
	pid = MUST(fork());
	if (pid == 0) {
		pthread_t th;

		pthread_create(&th, NULL, writer, "b");
		writer("a");
	}
	CHECK(both_write());
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	drain();
	msleep(200);
	CHECK_EQ(drain(), 0);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK(both_write());
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return report();
}
