/*
 * execve of a "#!" script runs its interpreter with the script's path as
 * the next argument and the caller's arguments after it: a "#!/bin/sh"
 * script sees $0, $# and $@ as given and its exit status is the process's;
 * a "#!/bin/sh -e" line passes "-e" on, so the script stops at its first
 * failing command. Output comes back through a pipe on the child's stdout.
 */
#include "guest.h"
#include <sys/wait.h>

#define PLAIN "./proc_exec_script.sh"
#define DASHE "./proc_exec_script_e.sh"

static void make_script(const char *path, const char *text)
{
	int fd;

	unlink(path);
	fd = MUST(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755));
	MUST(write(fd, text, strlen(text)));
	close(fd);
}

/*
 * run: execve argv[0] in a child with stdout on a pipe; the output (at most
 * size - 1 bytes, NUL-terminated) goes to out; returns the wait status.
 */
static int run(char **argv, char *out, size_t size)
{
	char *envp[] = { "PATH=/bin:/usr/bin", "SCRIPT_VAR=from env", NULL };
	size_t len = 0;
	int p[2], status = -1;
	ssize_t n;
	pid_t pid;

	MUST(pipe(p));
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		close(p[0]);
		if (dup2(p[1], 1) != 1)
			_exit(126);
		close(p[1]);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(p[1]);
	while (len < size - 1 && (n = read(p[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(p[0]);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	return status;
}

int main(void)
{
	char *plain[] = { PLAIN, "one", "two words", NULL };
	char *dashe[] = { DASHE, NULL };
	char out[512];
	int status;

	make_script(PLAIN, "#!/bin/sh\n"
			   "echo \"script $0 has $# args\"\n"
			   "for a in \"$@\"; do echo \"arg [$a]\"; done\n"
			   "echo \"var [$SCRIPT_VAR]\"\n"
			   "exit 5\n");
	make_script(DASHE, "#!/bin/sh -e\n"
			   "echo before\n"
			   "false\n"
			   "echo after\n");

	status = run(plain, out, sizeof(out));
	printf("%s", out);
	CHECK_STR(out, "script " PLAIN " has 2 args\n"
		       "arg [one]\n"
		       "arg [two words]\n"
		       "var [from env]\n");
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 5);

	status = run(dashe, out, sizeof(out));
	printf("%s", out);
	CHECK_STR(out, "before\n");
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);

	CHECK_EQ(unlink(PLAIN), 0);
	CHECK_EQ(unlink(DASHE), 0);
	return report();
}
