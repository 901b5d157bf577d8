/*
 * ETXTBSY (Linux keeps a count of writers per inode, negative while the
 * file is executed): execve of a file open for writing fails, and runs
 * once the writer closes it; while a process runs the file, opening it
 * for writing (O_WRONLY, O_RDWR, or O_TRUNC even read-only) and
 * truncate(2) fail, while reading, a second execve and a rename work; when
 * that process is gone the file is writable again. execveat of the
 * writer's own fd (AT_EMPTY_PATH) is ETXTBSY too.
 */
#include "guest.h"
#include <sys/wait.h>

#define COPY "exec_etxtbsy.bin"
#define COPY2 "exec_etxtbsy.bin2"

/* Start "./COPY sh", which forks a subshell: both run until we close *in. */
static pid_t start_shell(int *in)
{
	char *argv[] = { "sh", "-c", "echo up; (read x); exit 0", NULL }, *envp[] = { NULL };
	int to[2], from[2];
	char buf[8];
	pid_t pid;

	MUST(pipe(to));
	MUST(pipe(from));
	pid = MUST(fork());
	if (pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execve("./" COPY, argv, envp);
		_exit(99);
	}
	close(to[0]);
	close(from[1]);
	CHECK_EQ(read(from[0], buf, sizeof(buf)), 3);	/* it has exec'd */
	close(from[0]);
	*in = to[1];
	return pid;
}

int main(void)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };
	char buf[65536];
	int in, out, fd, status;
	ssize_t n;
	pid_t pid;

	in = MUST(open("/bin/busybox", O_RDONLY));
	unlink(COPY);
	unlink(COPY2);
	out = MUST(open(COPY, O_WRONLY | O_CREAT | O_TRUNC, 0755));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		MUST(write(out, buf, (size_t)n));
	close(in);

	/* open for writing: no exec */
	CHECK_ERR(execve("./" COPY, argv, envp), ETXTBSY);
	fd = MUST(open(COPY, O_RDONLY));
	CHECK_ERR(execve("./" COPY, argv, envp), ETXTBSY);	/* one writer is enough */
	close(fd);
	CHECK_ERR(syscall(SYS_execveat, out, "", argv, envp, AT_EMPTY_PATH), ETXTBSY);
	close(out);
	pid = MUST(fork());
	if (pid == 0) {
		execve("./" COPY, argv, envp);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* executed: no writing */
	pid = start_shell(&in);
	CHECK_ERR(open(COPY, O_WRONLY), ETXTBSY);
	CHECK_ERR(open(COPY, O_RDWR), ETXTBSY);
	CHECK_ERR(open(COPY, O_RDONLY | O_TRUNC), ETXTBSY);
	CHECK_ERR(open(COPY, O_WRONLY | O_CREAT, 0755), ETXTBSY);
	CHECK_ERR(truncate(COPY, 0), ETXTBSY);
	fd = open(COPY, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK(memcmp(buf, "\177ELF", 4) == 0);
	close(fd);
	/* the file is still whole: nothing above truncated it */
	{
		struct stat st, bb;

		CHECK_EQ(stat(COPY, &st), 0);
		CHECK_EQ(stat("/bin/busybox", &bb), 0);
		CHECK_EQ(st.st_size, bb.st_size);
	}
	{
		/* a second program runs it too, and a rename keeps it busy */
		int in2;
		pid_t pid2 = start_shell(&in2);

		close(in2);
		CHECK_EQ(waitpid(pid2, &status, 0), pid2);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	CHECK_EQ(rename(COPY, COPY2), 0);
	CHECK_ERR(open(COPY2, O_WRONLY), ETXTBSY);
	CHECK_EQ(rename(COPY2, COPY), 0);
	close(in);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* gone: writable again */
	fd = open(COPY, O_WRONLY);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(truncate(COPY, 0), 0);
	CHECK_EQ(unlink(COPY), 0);
	return report();
}
