/*
 * execve failures return to the caller with Linux's errno: ENOENT for a
 * missing file, ENOTDIR for a path through a regular file, EACCES for a
 * directory and for a file without execute permission, ENOEXEC for an
 * executable file in no known format, and E2BIG for an argument longer than
 * 32 pages (MAX_ARG_STRLEN) or arguments beyond a quarter of an 8 MiB stack
 * limit. The E2BIG cases exec the ENOEXEC file, so a kernel that skipped the
 * size check would say ENOEXEC rather than run anything.
 */
#include "guest.h"
#include <sys/resource.h>

#define NOX "proc_exec_errnos.nox"
#define JUNK "proc_exec_errnos.junk"
#define DIR "proc_exec_errnos.dir"

#define ARGLEN (64 * 1024)
#define NARGS 48 /* 48 * 64 KiB = 3 MiB > 8 MiB / 4 */

static void make_file(const char *path, const char *text, mode_t mode)
{
	int fd;

	unlink(path);
	fd = MUST(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600));
	MUST(write(fd, text, strlen(text)));
	MUST(fchmod(fd, mode));
	close(fd);
}

int main(void)
{
	static char *bigv[NARGS + 2];
	char *argv[] = { "x", NULL }, *envp[] = { NULL };
	char *longv[] = { "x", NULL, NULL };
	struct rlimit stk = { 8 << 20, 8 << 20 };
	char *arg;
	int i;

	make_file(NOX, "#!/bin/sh\nexit 0\n", 0644);
	make_file(JUNK, "this is not a program\n", 0755);
	rmdir(DIR);
	MUST(mkdir(DIR, 0755));

	CHECK_ERR(execve("proc_exec_errnos.missing", argv, envp), ENOENT);
	CHECK_ERR(execve("/no/such/dir/prog", argv, envp), ENOENT);
	CHECK_ERR(execve(JUNK "/prog", argv, envp), ENOTDIR);
	CHECK_ERR(execve(DIR, argv, envp), EACCES);
	CHECK_ERR(execve("/", argv, envp), EACCES);
	CHECK_ERR(execve(NOX, argv, envp), EACCES);
	CHECK_ERR(execve(JUNK, argv, envp), ENOEXEC);
	CHECK_ERR(execve("", argv, envp), ENOENT);

	/* One string over MAX_ARG_STRLEN (32 pages). */
	arg = malloc(4 * ARGLEN + 1);
	CHECK(arg != NULL);
	if (!arg)
		return report();
	memset(arg, 'a', 4 * ARGLEN);
	arg[4 * ARGLEN] = '\0';
	longv[1] = arg;
	CHECK_ERR(execve(JUNK, longv, envp), E2BIG);

	/* 3 MiB of short-enough strings, with the stack limit at 8 MiB. */
	MUST(setrlimit(RLIMIT_STACK, &stk));
	arg[ARGLEN - 1] = '\0';
	bigv[0] = "x";
	for (i = 1; i <= NARGS; i++)
		bigv[i] = arg;
	bigv[NARGS + 1] = NULL;
	CHECK_ERR(execve(JUNK, bigv, envp), E2BIG);
	free(arg);

	CHECK_EQ(unlink(NOX), 0);
	CHECK_EQ(unlink(JUNK), 0);
	CHECK_EQ(rmdir(DIR), 0);
	return report();
}
