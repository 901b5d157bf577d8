/*
 * Orphans: a grandchild whose parent exits keeps running, is re-parented
 * to the reaper above it (its getppid() changes from the dead parent's pid
 * to the test's), and the test can reap it. In the guest the test is init,
 * the reaper of every orphan; natively it makes itself a child subreaper
 * (prctl, result ignored: umk's init needs none) so that the same holds
 * and nothing is left to the host's init. The grandchild reports through a
 * pipe, whose EOF also says it has exited.
 */
#include "guest.h"
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>

int main(void)
{
	struct timespec ms = { 0, 1000000 };
	pid_t top = getpid(), child, dead, r = 0;
	char msg[32], *good = "adopted by the test\n";
	int p[2], status, i, reaped = 0;
	size_t len = 0;
	ssize_t n;

	(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	MUST(pipe(p));
	fflush(stdout);
	child = MUST(fork());
	if (child == 0) {
		close(p[0]);
		dead = getpid();
		if (fork() != 0)
			_exit(0); /* the parent dies at once (or fails) */
		/* The grandchild: wait at most 2 s to be re-parented. */
		for (i = 0; i < 2000 && getppid() == dead; i++)
			nanosleep(&ms, NULL);
		if (getppid() == top)
			(void)!write(p[1], good, strlen(good));
		else if (getppid() == dead)
			(void)!write(p[1], "still a child\n", 14);
		else
			(void)!write(p[1], "adopted elsewhere\n", 18);
		_exit(5);
	}
	close(p[1]);

	status = -1;
	CHECK_EQ(waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* The orphan outlived its parent and says what it saw, then exits. */
	while (len < sizeof(msg) - 1 &&
	       (n = read(p[0], msg + len, sizeof(msg) - 1 - len)) > 0)
		len += n;
	msg[len] = '\0';
	close(p[0]);
	printf("grandchild: %s", msg);
	CHECK_STR(msg, good);

	/* Its exit status comes to us; then nothing is left. */
	for (i = 0; i < 10 && (r = waitpid(-1, &status, 0)) > 0; i++)
		reaped += WIFEXITED(status) && WEXITSTATUS(status) == 5;
	CHECK(r == -1 && errno == ECHILD);
	CHECK_EQ(reaped, 1);
	CHECK_EQ(i, 1);
	return report();
}
