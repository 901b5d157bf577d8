/*
 * execveat(2) of a #! script: through AT_EMPTY_PATH its interpreter gets
 * /dev/fd/N as the script's path, through a directory fd /dev/fd/N/NAME,
 * and either way the interpreter can open and run it (as on Linux, this
 * needs the /dev/fd -> /proc/self/fd symlink). The interpreter is busybox
 * sh (dash natively); the output comes back through a pipe.
 */
#include "guest.h"
#include <sys/wait.h>

#define SCRIPT "exec_execveat_script.sh"

static char *envp[] = { "PATH=/bin", NULL };

/* In a child: execveat(dfd, path, argv, flags); its output into out. */
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
	while (got < (ssize_t)size - 1 && (n = read(p[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = '\0';
	close(p[0]);
	MUST(waitpid(pid, &status, 0));
	return status;
}

int main(void)
{
	static const char text[] = "#!/bin/sh\necho \"script $0 $1\"\n";
	char *argv[] = { "ignored", "arg1", NULL };
	char out[256], want[64];
	int sfd, dir, st;

	unlink(SCRIPT);
	sfd = MUST(open(SCRIPT, O_WRONLY | O_CREAT | O_TRUNC, 0755));
	CHECK_EQ(write(sfd, text, strlen(text)), (ssize_t)strlen(text));
	close(sfd);

	/* the script's own fd, at a fixed number */
	sfd = MUST(open(SCRIPT, O_RDONLY));
	MUST(dup2(sfd, 7));
	close(sfd);
	st = run(7, "", argv, AT_EMPTY_PATH, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_STR(out, "script /dev/fd/7 arg1\n");
	close(7);

	/* a relative name under a directory fd */
	dir = MUST(open(".", O_RDONLY | O_DIRECTORY));
	MUST(dup2(dir, 8));
	close(dir);
	st = run(8, SCRIPT, argv, 0, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	snprintf(want, sizeof(want), "script /dev/fd/8/%s arg1\n", SCRIPT);
	CHECK_STR(out, want);
	close(8);

	CHECK_EQ(unlink(SCRIPT), 0);
	return report();
}
