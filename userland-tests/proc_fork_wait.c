/*
 * fork and wait4: fork returns 0 in the child and the child's pid in the
 * parent; the child has a pid of its own, the one the parent was given, and
 * its getppid() is the parent's pid; wait4 returns that pid and reports a
 * normal exit with status 42, after which the child is gone (ECHILD).
 */
#include "guest.h"
#include <sys/resource.h>
#include <sys/wait.h>

#define F "proc_fork_wait.tmp"

int main(void)
{
	pid_t parent = getpid(), pid, ret, seen[3] = { -1, -1, -1 };
	struct rusage ru;
	int status = -1, fd;

	unlink(F);
	fflush(stdout);
	ret = fork();
	if (ret == 0) {
		/* The child: record what it sees, then exit 42. */
		seen[0] = ret;
		seen[1] = getpid();
		seen[2] = getppid();
		fd = open(F, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0 || write(fd, seen, sizeof(seen)) != sizeof(seen))
			_exit(3);
		close(fd);
		_exit(42);
	}
	pid = ret;
	CHECK(pid > 0);
	CHECK(pid != parent);
	CHECK_EQ(getpid(), parent);

	CHECK_EQ(wait4(pid, &status, 0, &ru), pid);
	CHECK(WIFEXITED(status));
	CHECK(!WIFSIGNALED(status));
	CHECK(!WIFSTOPPED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	CHECK_EQ(status, 42 << 8);

	fd = MUST(open(F, O_RDONLY));
	CHECK_EQ(read(fd, seen, sizeof(seen)), sizeof(seen));
	close(fd);
	CHECK_EQ(seen[0], 0);	/* fork returned 0 in the child */
	CHECK_EQ(seen[1], pid);	/* its getpid() is what the parent got */
	CHECK_EQ(seen[2], parent);
	CHECK(seen[1] != parent);

	/* Reaped: there is nothing left to wait for. */
	CHECK_ERR(wait4(pid, &status, 0, NULL), ECHILD);
	CHECK_ERR(wait4(-1, &status, WNOHANG, NULL), ECHILD);

	CHECK_EQ(unlink(F), 0);
	return report();
}
