/*
 * #! scripts whose interpreter is itself a script: Linux follows such a
 * chain through five scripts to a binary and fails a sixth with ELOOP
 * (fs/exec.c allows a few binfmt rewrites). An interpreter line with an
 * argument passes it as one word before the script's path; an empty
 * interpreter line is ENOEXEC; an interpreter that does not exist ENOENT.
 */
#include "guest.h"
#include <sys/wait.h>

static void make(const char *name, const char *text)
{
	int fd;

	unlink(name);
	fd = MUST(open(name, O_WRONLY | O_CREAT | O_TRUNC, 0755));
	MUST(write(fd, text, strlen(text)));
	close(fd);
}

/* execve path in a child; its stdout into out; the exec errno or -status. */
static int run(const char *path, char *out, size_t size)
{
	int p[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	MUST(pipe(p));
	pid = MUST(fork());
	if (pid == 0) {
		char *argv[] = { (char *)path, "arg1", NULL };
		char *envp[] = { "PATH=/bin", NULL };

		dup2(p[1], 1);
		close(p[0]);
		execve(path, argv, envp);
		_exit(errno);
	}
	close(p[1]);
	while ((n = read(p[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = '\0';
	close(p[0]);
	MUST(waitpid(pid, &status, 0));
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
	char name[64], text[128], out[512];
	int depth, i, r;

	for (depth = 1; depth <= 7; depth++) {
		for (i = 0; i < depth; i++) {
			snprintf(name, sizeof(name), "exec_script_nested.%d", i);
			if (i == depth - 1)
				snprintf(text, sizeof(text), "#!/bin/sh\necho \"last of %d: $0 $*\"\n", depth);
			else
				snprintf(text, sizeof(text), "#!./exec_script_nested.%d\n", i + 1);
			make(name, text);
		}
		r = run("./exec_script_nested.0", out, sizeof(out));
		if (r == 0)
			printf("chain of %d: %s", depth, out);
		else
			printf("chain of %d: %s\n", depth, r == ELOOP ? "ELOOP" : strerror(r));
		for (i = 0; i < depth; i++) {
			snprintf(name, sizeof(name), "exec_script_nested.%d", i);
			unlink(name);
		}
	}

	make("exec_script_nested.arg", "#!/bin/echo  one two  \n");
	CHECK_EQ(run("./exec_script_nested.arg", out, sizeof(out)), 0);
	CHECK_STR(out, "one two ./exec_script_nested.arg arg1\n");
	make("exec_script_nested.arg", "#!\n");
	CHECK_EQ(run("./exec_script_nested.arg", out, sizeof(out)), ENOEXEC);
	make("exec_script_nested.arg", "#!   \t\n");
	CHECK_EQ(run("./exec_script_nested.arg", out, sizeof(out)), ENOEXEC);
	make("exec_script_nested.arg", "#!/no/such/interp\n");
	CHECK_EQ(run("./exec_script_nested.arg", out, sizeof(out)), ENOENT);
	CHECK_EQ(unlink("exec_script_nested.arg"), 0);
	return report();
}
