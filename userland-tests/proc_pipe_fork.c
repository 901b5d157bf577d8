/*
 * A pipe between parent and child: 100 KiB (more than a pipe holds, so the
 * writer must block for the reader) arrive complete and in order, and the
 * reader sees EOF once the last write end is closed; when the last reader
 * has gone, a write fails EPIPE with SIGPIPE ignored and kills the writer
 * with SIGPIPE by default.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

#define TOTAL (100 * 1024)

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/* reader: read fd until EOF; 0 if exactly TOTAL bytes of pattern came. */
static int reader(int fd)
{
	unsigned char buf[4096];
	size_t got = 0;
	ssize_t n, i;
	int bad = 0, reads = 0;

	while ((n = read(fd, buf, sizeof(buf))) > 0 && reads++ < 100000) {
		for (i = 0; i < n; i++)
			bad += buf[i] != pattern(got + i);
		got += n;
	}
	if (n < 0)
		return 10;
	if (got != TOTAL)
		return 11;
	if (bad)
		return 12;
	/* EOF stays EOF. */
	return read(fd, buf, sizeof(buf)) == 0 ? 0 : 13;
}

/* status_of: wait for pid and return its wait status. */
static int status_of(pid_t pid)
{
	int status = -1;

	CHECK_EQ(waitpid(pid, &status, 0), pid);
	return status;
}

int main(void)
{
	static unsigned char data[TOTAL];
	size_t off = 0;
	ssize_t n;
	int p[2], status, i;
	pid_t pid;
	char c;

	for (i = 0; i < TOTAL; i++)
		data[i] = pattern(i);

	/* 1. 100 KiB through the pipe, in writes of odd sizes. */
	MUST(pipe(p));
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		close(p[1]);
		_exit(reader(p[0]));
	}
	close(p[0]);
	while (off < TOTAL) {
		n = write(p[1], data + off, TOTAL - off < 3001 ? TOTAL - off : 3001);
		if (n <= 0)
			break;
		off += n;
	}
	CHECK_EQ(off, TOTAL);
	close(p[1]);
	status = status_of(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);

	/* 2. The only reader reads a little and exits: EPIPE after that. */
	MUST(pipe(p));
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 ? 0 : 1);
	}
	close(p[0]);
	CHECK_EQ(write(p[1], "x", 1), 1);
	status = status_of(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(p[1], "y", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);

	/* 3. Same write with SIGPIPE at its default: the writer dies of it. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		(void)!write(p[1], "z", 1);
		_exit(1);
	}
	status = status_of(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGPIPE);
	close(p[1]);
	return report();
}
