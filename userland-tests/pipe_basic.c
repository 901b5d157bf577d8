/*
 * pipe(2): bytes come out in the order written, a read returns what is
 * there (a short count) rather than waiting for more, reading after the
 * write end is closed drains the pipe and then returns 0, each end refuses
 * the other direction with EBADF, and a write with no reader left fails
 * EPIPE (SIGPIPE is ignored so the test sees the error).
 */
#include "guest.h"

#include <signal.h>
#include <sys/uio.h>

int main(void)
{
	static char big[65536], back[65536];
	char buf[64];
	struct iovec iov[2];
	int p[2], q[2], i, same;

	signal(SIGPIPE, SIG_IGN);
	MUST(pipe(p));

	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(write(p[1], ", world", 7), 7);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, 3), 3);
	CHECK_STR(buf, "hel");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 9);
	CHECK_STR(buf, "lo, world");

	/* Zero-length transfers do nothing, even on an empty pipe. */
	CHECK_EQ(write(p[1], buf, 0), 0);
	CHECK_EQ(read(p[0], buf, 0), 0);

	/* The wrong direction. */
	CHECK_ERR(read(p[1], buf, 1), EBADF);
	CHECK_ERR(write(p[0], "x", 1), EBADF);

	/* writev and readv see one stream. */
	iov[0] = (struct iovec){ "ab", 2 };
	iov[1] = (struct iovec){ "cde", 3 };
	CHECK_EQ(writev(p[1], iov, 2), 5);
	memset(buf, 0, sizeof(buf));
	iov[0] = (struct iovec){ buf, 1 };
	iov[1] = (struct iovec){ buf + 1, 10 };
	CHECK_EQ(readv(p[0], iov, 2), 5);
	CHECK_STR(buf, "abcde");

	/* A write of the whole capacity fits without a reader waiting. */
	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 256);
	CHECK_EQ(write(p[1], big, sizeof(big)), 65536);
	CHECK_EQ(read(p[0], back, 1000), 1000);
	CHECK_EQ(read(p[0], back + 1000, sizeof(back)), 64536);
	same = memcmp(big, back, sizeof(big)) == 0;
	CHECK(same);

	/* End of file once the writer is gone and the data is read. */
	CHECK_EQ(write(p[1], "tail", 4), 4);
	CHECK_EQ(close(p[1]), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 4);
	CHECK_STR(buf, "tail");
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ(close(p[0]), 0);

	/* No reader: EPIPE, except for a zero-length write. */
	MUST(pipe(q));
	CHECK_EQ(close(q[0]), 0);
	CHECK_ERR(write(q[1], "x", 1), EPIPE);
	CHECK_ERR(write(q[1], big, sizeof(big)), EPIPE);
	CHECK_EQ(write(q[1], "x", 0), 0);
	CHECK_EQ(close(q[1]), 0);

	/* The raw syscall fills both fds, read end first. */
	CHECK_EQ(syscall(SYS_pipe, q), 0);
	CHECK(q[1] > q[0]);
	CHECK_EQ(write(q[1], "z", 1), 1);
	CHECK_EQ(read(q[0], buf, 1), 1);
	CHECK_ERR(syscall(SYS_pipe, (int *)8), EFAULT);
	close(q[0]);
	close(q[1]);
	return report();
}
