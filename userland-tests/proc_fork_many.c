/*
 * Many children: 50 sequential fork/exit/waitpid rounds each report the
 * child's own status; then 20 children exist at once and wait() reaps each
 * exactly once, in whatever order, with the status that child exited with;
 * afterwards wait() finds none (ECHILD).
 */
#include "guest.h"
#include <sys/wait.h>

#define SEQ 50
#define ALIVE 20

int main(void)
{
	pid_t pids[ALIVE], pid;
	int i, j, status, good, reaped[ALIVE] = { 0 };

	good = 0;
	for (i = 0; i < SEQ; i++) {
		fflush(stdout);
		pid = MUST(fork());
		if (pid == 0)
			_exit(i + 1);
		status = -1;
		if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == i + 1)
			good++;
	}
	CHECK_EQ(good, SEQ);

	fflush(stdout);
	for (i = 0; i < ALIVE; i++) {
		pid = MUST(fork());
		if (pid == 0)
			_exit(100 + i);
		pids[i] = pid;
	}
	for (i = 0; i < ALIVE; i++) {
		status = -1;
		pid = wait(&status);
		CHECK(pid > 0);
		for (j = 0; j < ALIVE && pids[j] != pid; j++)
			;
		CHECK(j < ALIVE);
		if (j == ALIVE)
			continue;
		reaped[j]++;
		CHECK(WIFEXITED(status));
		CHECK_EQ(WEXITSTATUS(status), 100 + j);
	}
	good = 0;
	for (i = 0; i < ALIVE; i++)
		good += reaped[i] == 1;
	CHECK_EQ(good, ALIVE);
	CHECK_ERR(wait(&status), ECHILD);
	return report();
}
