/*
 * execveat(2): AT_EMPTY_PATH runs the file an fd is open on; a path is
 * taken relative to a directory fd; AT_SYMLINK_NOFOLLOW answers ELOOP for a
 * final symlink (and runs a plain file); "" without AT_EMPTY_PATH is
 * ENOENT; an unknown flag EINVAL; a bad fd EBADF; a relative path on a
 * non-directory fd ENOTDIR. The programs run are busybox applets, in children
 * whose output comes back through a pipe.
 */
#include "guest.h"
#include <sys/wait.h>

#define LINK "exec_execveat.link"
#define SCRIPT "exec_execveat.sh"

static char *envp[] = { "PATH=/bin", NULL };

/* In a child: execveat(dfd, path, argv, flags); output into out. */
static int run(int dfd, const char *path, char **argv, int flags, char *out, size_t size)
{
	int p[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	MUST(pipe(p));
	pid = MUST(fork());
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		syscall(SYS_execveat, dfd, path, argv, envp, flags);
		printf("errno %d\n", errno);
		fflush(stdout);
		_exit(99);
	}
	close(p[1]);
	while ((n = read(p[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = '\0';
	close(p[0]);
	MUST(waitpid(pid, &status, 0));
	return status;
}

int main(void)
{
	char *echo[] = { "echo", "via", "fd", NULL };
	char *tru[] = { "true", NULL };
	char out[256];
	int fd, dir, st;

	fd = MUST(open("/bin/busybox", O_RDONLY | O_CLOEXEC));
	dir = MUST(open("/bin", O_RDONLY | O_DIRECTORY));
	unlink(LINK);
	MUST(symlink("/bin/busybox", LINK));

	st = run(fd, "", echo, AT_EMPTY_PATH, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_STR(out, "via fd\n");
	st = run(dir, "busybox", echo, 0, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_STR(out, "via fd\n");
	st = run(AT_FDCWD, LINK, tru, 0, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	st = run(AT_FDCWD, "/bin/busybox", tru, AT_SYMLINK_NOFOLLOW, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	CHECK_ERR(syscall(SYS_execveat, AT_FDCWD, LINK, tru, envp, AT_SYMLINK_NOFOLLOW), ELOOP);
	CHECK_ERR(syscall(SYS_execveat, fd, "", tru, envp, 0), ENOENT);
	CHECK_ERR(syscall(SYS_execveat, fd, "", tru, envp, AT_EMPTY_PATH | 0x4), EINVAL);
	CHECK_ERR(syscall(SYS_execveat, AT_FDCWD, "/bin/busybox", tru, envp, 0x4), EINVAL);
	CHECK_ERR(syscall(SYS_execveat, 999, "", tru, envp, AT_EMPTY_PATH), EBADF);
	CHECK_ERR(syscall(SYS_execveat, 999, "busybox", tru, envp, 0), EBADF);
	CHECK_ERR(syscall(SYS_execveat, fd, "busybox", tru, envp, 0), ENOTDIR);
	CHECK_ERR(syscall(SYS_execveat, dir, "nosuch", tru, envp, 0), ENOENT);
	CHECK_ERR(syscall(SYS_execveat, AT_FDCWD, (char *)1, tru, envp, 0), EFAULT);

	CHECK_EQ(unlink(LINK), 0);
	return report();
}
