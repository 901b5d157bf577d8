/*
 * Who may read and follow another process's /proc/PID/cwd (a magic link):
 * Linux asks ptrace_may_access() in read mode. A process of the same user
 * (all of its ids equal the caller's fs ids) that is dumpable: yes. Another
 * user: EACCES, for readlink and for open through the link alike, unless
 * the caller has CAP_SYS_PTRACE (root here). A process that changed its
 * ids stops being dumpable, so even its own user is refused until it sets
 * PR_SET_DUMPABLE again. get_robust_list(2) of another user's thread is
 * EPERM by the same rule.
 *
 * The target is a child that becomes uid/gid 4242 and sits in a directory
 * of the test's own; the probes are children that become 4242 or 4343.
 */
#include "guest.h"
#include <sys/prctl.h>
#include <sys/wait.h>

#define D "proc_link_access.d"

/* In a child with ids id: what readlink and open of path give, as a code. */
static int probe(int id, const char *path)
{
	int fds[2], code = -1;
	pid_t pid;

	if (pipe(fds))
		return -2;
	pid = fork();
	if (pid == 0) {
		char buf[4096];
		int r = 0;

		close(fds[0]);
		if (setresgid(id, id, id) || setresuid(id, id, id))
			r = 100;
		else if (readlink(path, buf, sizeof(buf)) >= 0)
			r |= 1;
		else if (errno == EACCES)
			r |= 2;
		if (r != 100) {
			int fd = open(path, O_RDONLY | O_DIRECTORY);

			if (fd >= 0)
				r |= 4;
			else if (errno == EACCES)
				r |= 8;
		}
		if (write(fds[1], &r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &code, sizeof(code)) != sizeof(code))
		code = -3;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return code;
}

/* get_robust_list of pid, in a child with ids id: 0 or the errno. */
static int robust_probe(int id, pid_t target)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		void *head;
		size_t len;

		if (setresgid(id, id, id) || setresuid(id, id, id))
			_exit(100);
		if (syscall(SYS_get_robust_list, target, &head, &len) == 0)
			_exit(0);
		_exit(errno == EPERM ? 1 : 99);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

int main(void)
{
	int go[2], ready[2];
	char path[64], cwd[4096], link[4096];
	long n;
	pid_t target;
	char c = 0;

	rmdir(D);
	MUST(mkdir(D, 0755));
	MUST(pipe(go));
	MUST(pipe(ready));
	target = fork();
	if (target == 0) {
		/* the target: 4242, in D, dumpable again after the id change when told */
		close(go[1]);
		close(ready[0]);
		if (chdir(D) || setresgid(4242, 4242, 4242) || setresuid(4242, 4242, 4242))
			_exit(1);
		for (int round = 0; round < 2; round++) {
			if (round == 1)
				prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
			if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	MUST(target);
	close(go[0]);
	close(ready[1]);
	snprintf(path, sizeof(path), "/proc/%d/cwd", (int)target);
	CHECK(getcwd(cwd, sizeof(cwd) - sizeof(D) - 1) != NULL);
	strcat(cwd, strcmp(cwd, "/") ? "/" D : D);

	/* round 0: the target changed its ids, so it is not dumpable */
	CHECK_EQ(read(ready[0], &c, 1), 1);
	n = readlink(path, link, sizeof(link) - 1);	/* root: CAP_SYS_PTRACE */
	CHECK(n > 0);
	if (n > 0) {
		link[n] = '\0';
		CHECK_STR(link, cwd);
	}
	CHECK_EQ(probe(4242, path), 2 | 8);	/* same user, not dumpable */
	CHECK_EQ(probe(4343, path), 2 | 8);	/* another user */
	CHECK_EQ(robust_probe(4343, target), 1);
	CHECK_EQ(write(go[1], &c, 1), 1);

	/* round 1: dumpable again, so its own user may look */
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(probe(4242, path), 1 | 4);
	CHECK_EQ(probe(4343, path), 2 | 8);
	CHECK_EQ(robust_probe(4242, target), 0);
	CHECK_EQ(robust_probe(4343, target), 1);
	CHECK_EQ(write(go[1], &c, 1), 1);

	CHECK_EQ(waitpid(target, NULL, 0), target);
	CHECK_OK(rmdir(D));
	return report();
}
