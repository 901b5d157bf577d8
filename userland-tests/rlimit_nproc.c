/*
 * RLIMIT_NPROC holds a fork bomb of an unprivileged user: with a limit of
 * 3 and itself counted, a process of a fresh uid forks twice and the third
 * fork fails with EAGAIN; exited but unreaped children still count; once
 * reaped, fork works again. The hard limit cannot be raised without root.
 * Bounded: at most 10 forks, and an alarm ends the child after 20 s.
 */
#include "guest.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define UID 54321
#define TRIES 10

static int bomb(void)
{
	struct rlimit r = { 3, 3 };
	pid_t kids[TRIES];
	int pfd[2], n = 0, err = 0, i;
	char c;

	alarm(20);
	MUST(pipe(pfd));
	CHECK_EQ(setresgid(UID, UID, UID), 0);
	CHECK_EQ(setresuid(UID, UID, UID), 0);
	CHECK_EQ(setrlimit(RLIMIT_NPROC, &r), 0);
	r.rlim_max = 4;
	CHECK_ERR(setrlimit(RLIMIT_NPROC, &r), EPERM);
	for (i = 0; i < TRIES; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			/* Wait until the parent closes the pipe. */
			close(pfd[1]);
			while (read(pfd[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	CHECK_EQ(n, 2);
	CHECK_EQ(err, EAGAIN);
	close(pfd[1]);
	/* Zombies count until reaped. */
	for (i = 0; i < n; i++) {
		siginfo_t si;

		CHECK_EQ(waitid(P_PID, kids[i], &si, WEXITED | WNOWAIT), 0);
	}
	CHECK_ERR(fork(), EAGAIN);
	for (i = 0; i < n; i++)
		CHECK_EQ(waitpid(kids[i], NULL, 0), kids[i]);
	i = fork();
	if (i == 0)
		_exit(0);
	CHECK(i > 0);
	if (i > 0)
		CHECK_EQ(waitpid(i, NULL, 0), i);
	return report();
}

int main(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(bomb());
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return report();
}
