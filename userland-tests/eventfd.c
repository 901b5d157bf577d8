/*
 * eventfd(2): a read takes the whole counter (one with EFD_SEMAPHORE) and
 * is EAGAIN at zero when non-blocking; writes add; reads and writes move
 * exactly 8 bytes (shorter is EINVAL, as is writing ~0); the counter stops
 * below ~0 (EAGAIN); poll reports POLLIN with a count and POLLOUT while
 * one more can be added; flags show in F_GETFL/F_GETFD, bad ones EINVAL.
 */
#include "guest.h"

#include <poll.h>
#include <sys/eventfd.h>

static short revents(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM };

	if (poll(&pfd, 1, 0) < 0)
		return -1;
	return pfd.revents;
}

int main(void)
{
	uint64_t v;
	char buf[16];
	struct stat st;
	int e, s;

	e = MUST(eventfd(3, EFD_NONBLOCK));
	CHECK_EQ(read(e, &v, sizeof(v)), 8);
	CHECK_EQ(v, 3);
	CHECK_ERR(read(e, &v, sizeof(v)), EAGAIN);
	CHECK_EQ(revents(e), POLLOUT);

	v = 5;
	CHECK_EQ(write(e, &v, sizeof(v)), 8);
	v = 7;
	CHECK_EQ(write(e, &v, sizeof(v)), 8);
	CHECK_EQ(revents(e), POLLIN | POLLOUT);
	v = 0;
	CHECK_EQ(read(e, buf, sizeof(buf)), 8);	/* a larger buffer still gets 8 */
	memcpy(&v, buf, sizeof(v));
	CHECK_EQ(v, 12);

	/* Sizes and the forbidden value. */
	CHECK_ERR(read(e, &v, 7), EINVAL);
	CHECK_ERR(write(e, &v, 7), EINVAL);
	v = ~0ULL;
	CHECK_ERR(write(e, &v, sizeof(v)), EINVAL);
	v = 0;
	CHECK_EQ(write(e, &v, sizeof(v)), 8);	/* adding zero is fine */
	CHECK_ERR(read(e, &v, sizeof(v)), EAGAIN);

	/* The ceiling: ~0 - 1 is the largest count. */
	v = ~0ULL - 1;
	CHECK_EQ(write(e, &v, sizeof(v)), 8);
	CHECK_EQ(revents(e), POLLIN);
	v = 1;
	CHECK_ERR(write(e, &v, sizeof(v)), EAGAIN);
	CHECK_EQ(read(e, &v, sizeof(v)), 8);
	CHECK(v == ~0ULL - 1);

	/* Files: O_RDWR, O_NONBLOCK kept, close-on-exec in the fd. */
	CHECK_EQ(fcntl(e, F_GETFL), O_RDWR | O_NONBLOCK);
	CHECK_EQ(fcntl(e, F_GETFD), 0);
	CHECK_EQ(fstat(e, &st), 0);
	CHECK_EQ(st.st_mode, 0600);
	CHECK_EQ(st.st_size, 0);
	CHECK_ERR(pread(e, &v, sizeof(v), 0), ESPIPE);
	CHECK_EQ(lseek(e, 0, SEEK_SET), 0);
	CHECK_ERR(fcntl(e, F_GETPIPE_SZ), EBADF);
	close(e);

	/* Semaphore mode. */
	s = MUST(eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC));
	CHECK_EQ(fcntl(s, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(s, F_GETFL), O_RDWR | O_NONBLOCK);
	CHECK_EQ(read(s, &v, sizeof(v)), 8);
	CHECK_EQ(v, 1);
	CHECK_EQ(read(s, &v, sizeof(v)), 8);
	CHECK_EQ(v, 1);
	CHECK_ERR(read(s, &v, sizeof(v)), EAGAIN);
	close(s);

	/* Flags and the raw syscalls: the initial value is 32 bits. */
	CHECK_ERR(eventfd(0, O_RDWR), EINVAL);
	CHECK_ERR(syscall(SYS_eventfd2, 0, 0x10), EINVAL);
	e = MUST(syscall(SYS_eventfd2, 0x100000005ULL, EFD_NONBLOCK));
	CHECK_EQ(read(e, &v, sizeof(v)), 8);
	CHECK_EQ(v, 5);
	close(e);
	e = MUST(syscall(SYS_eventfd, 9));
	CHECK_EQ(fcntl(e, F_GETFL), O_RDWR);
	CHECK_EQ(read(e, &v, sizeof(v)), 8);
	CHECK_EQ(v, 9);
	close(e);
	return report();
}
