/*
 * O_NONBLOCK pipes (pipe(7)): reading an empty pipe that still has a
 * writer is EAGAIN, with no writer 0; the capacity is 65536 bytes counted
 * in 16 pages, so a full pipe refuses even one byte until a whole page is
 * read; a write of at most PIPE_BUF bytes goes in whole or fails EAGAIN
 * without writing anything, while a larger one writes what fits.
 */
#include "guest.h"

#include <signal.h>
#include <sys/ioctl.h>

static char chunk[4096];

/* Bytes waiting in the pipe. */
static int queued(int fd)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

int main(void)
{
	static char big[100000], sink[100000];
	char buf[8];
	long total, r;
	int p[2];

	signal(SIGPIPE, SIG_IGN);
	memset(chunk, 'c', sizeof(chunk));
	MUST(pipe2(p, O_NONBLOCK));

	CHECK_ERR(read(p[0], buf, sizeof(buf)), EAGAIN);

	/* Fill it page by page: 65536 bytes, then EAGAIN. */
	total = 0;
	while ((r = write(p[1], chunk, sizeof(chunk))) > 0)
		total += r;
	CHECK(r == -1 && errno == EAGAIN);
	CHECK_EQ(total, 65536);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);

	/* One byte read frees no page: still full. */
	CHECK_EQ(read(p[0], buf, 1), 1);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);
	CHECK_EQ(queued(p[0]), 65535);
	/* The rest of the first page frees it. */
	CHECK_EQ(read(p[0], sink, 4095), 4095);
	CHECK_EQ(write(p[1], chunk, sizeof(chunk)), 4096);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);
	CHECK_EQ(read(p[0], sink, sizeof(sink)), 65536);
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);

	/*
	 * PIPE_BUF atomicity: 65436 bytes fill 15 pages and 3996 bytes of a
	 * 16th. A 4096-byte write does not fit and writes nothing; 100 bytes
	 * still fit in the last page; then nothing more.
	 */
	CHECK_EQ(write(p[1], big, 65436), 65436);
	CHECK_ERR(write(p[1], chunk, 4096), EAGAIN);
	CHECK_EQ(queued(p[0]), 65436);
	CHECK_ERR(write(p[1], chunk, 101), EAGAIN);
	CHECK_EQ(queued(p[0]), 65436);
	CHECK_EQ(write(p[1], chunk, 100), 100);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);
	CHECK_EQ(read(p[0], sink, sizeof(sink)), 65536);

	/* A write larger than PIPE_BUF writes what fits and says how much. */
	CHECK_EQ(write(p[1], big, sizeof(big)), 65536);
	CHECK_ERR(write(p[1], big, sizeof(big)), EAGAIN);
	CHECK_EQ(read(p[0], sink, sizeof(sink)), 65536);

	/* Without a writer an empty pipe reads as end of file, not EAGAIN. */
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(close(p[1]), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 2);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ(close(p[0]), 0);

	/* Without a reader a non-blocking write is EPIPE, not EAGAIN. */
	MUST(pipe2(p, O_NONBLOCK));
	CHECK_EQ(close(p[0]), 0);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	CHECK_EQ(close(p[1]), 0);

	/* O_NONBLOCK set later with F_SETFL works the same way. */
	MUST(pipe(p));
	CHECK_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);
	CHECK_EQ(fcntl(p[0], F_SETFL, 0), 0);
	close(p[0]);
	close(p[1]);
	return report();
}
