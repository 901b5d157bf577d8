/*
 * FIFOs (fifo(7)): mkfifo makes an S_IFIFO node; opening it O_WRONLY|
 * O_NONBLOCK with no reader is ENXIO, O_RDONLY|O_NONBLOCK succeeds at once
 * (and reads end of file, without POLLHUP until a writer has come), O_RDWR
 * never waits; data passes through as through a pipe, and is dropped when
 * the last end closes. Only opens that cannot block are used.
 */
#include "guest.h"

#include <poll.h>
#include <sys/ioctl.h>

#define F "fifo_open.tmp"

static short revents(int fd, short events)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	if (poll(&pfd, 1, 0) < 0)
		return -1;
	return pfd.revents;
}

int main(void)
{
	struct stat st;
	char buf[16];
	int rd, wr, rw, rd2, n;

	unlink(F);
	MUST(mkfifo(F, 0600));
	CHECK_EQ(stat(F, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_size, 0);

	/* No reader: a non-blocking writer is refused. */
	CHECK_ERR(open(F, O_WRONLY | O_NONBLOCK), ENXIO);

	/* A non-blocking reader opens alone, reads EOF, sees no hangup yet. */
	rd = MUST(open(F, O_RDONLY | O_NONBLOCK));
	CHECK_EQ(read(rd, buf, sizeof(buf)), 0);
	CHECK_EQ(revents(rd, POLLIN), 0);

	/* Now a writer may open, and data passes. */
	wr = MUST(open(F, O_WRONLY | O_NONBLOCK));
	CHECK_EQ(revents(wr, POLLOUT), POLLOUT);
	CHECK_EQ(write(wr, "through", 7), 7);
	CHECK_EQ(revents(rd, POLLIN), POLLIN);
	n = -1;
	CHECK_EQ(ioctl(rd, FIONREAD, &n), 0);
	CHECK_EQ(n, 7);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(rd, buf, sizeof(buf)), 7);
	CHECK_STR(buf, "through");
	CHECK_ERR(read(rd, buf, sizeof(buf)), EAGAIN);

	/* The ends are pipe ends: no seeking, the default pipe size. */
	CHECK_ERR(lseek(rd, 0, SEEK_CUR), ESPIPE);
	CHECK_EQ(fcntl(wr, F_GETPIPE_SZ), 65536);
	CHECK_EQ(fstat(wr, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));

	/* The writer has come and gone: hangup. */
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(revents(rd, POLLIN), POLLHUP);
	CHECK_EQ(read(rd, buf, sizeof(buf)), 0);
	CHECK_EQ(close(rd), 0);

	/* O_RDWR opens alone and can talk to itself; a blocking reader then opens at once. */
	rw = MUST(open(F, O_RDWR));
	CHECK_EQ(write(rw, "self", 4), 4);
	rd2 = MUST(open(F, O_RDONLY));
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(rd2, buf, 2), 2);
	CHECK_STR(buf, "se");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(rw, buf, sizeof(buf)), 2);
	CHECK_STR(buf, "lf");
	/* A blocking writer opens at once too, since there are readers. */
	wr = MUST(open(F, O_WRONLY));
	CHECK_EQ(write(wr, "left", 4), 4);
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(close(rd2), 0);
	CHECK_EQ(close(rw), 0);

	/* Everything closed: what was left is gone. */
	rw = MUST(open(F, O_RDWR | O_NONBLOCK));
	CHECK_ERR(read(rw, buf, sizeof(buf)), EAGAIN);
	CHECK_EQ(close(rw), 0);

	CHECK_EQ(unlink(F), 0);
	return report();
}
