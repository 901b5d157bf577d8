/*
 * Open file description locks (F_OFD_SETLK, F_OFD_SETLKW, F_OFD_GETLK):
 * owned by the open file, so two opens in one process conflict while a
 * dup shares; F_OFD_GETLK reports l_pid -1; they conflict with POSIX
 * locks of the same process; closing another fd of the file does not drop
 * them, the last close of their open file does; l_pid must be 0 (EINVAL).
 */
#include "guest.h"

#define NAME "lock_ofd.tmp"

static int lk(int fd, int cmd, int type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

int main(void)
{
	struct flock fl;
	int a, b, d, e;

	alarm(10);
	a = MUST(open(NAME, O_RDWR | O_CREAT | O_TRUNC, 0600));
	b = MUST(open(NAME, O_RDWR));
	CHECK_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 0, 10), 0);
	CHECK_ERR(lk(b, F_OFD_SETLK, F_RDLCK, 5, 1), EAGAIN);
	CHECK_EQ(lk(b, F_OFD_SETLK, F_RDLCK, 10, 1), 0);
	d = MUST(dup(a));
	CHECK_EQ(lk(d, F_OFD_SETLK, F_WRLCK, 0, 5), 0);

	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 3 };
	CHECK_EQ(fcntl(b, F_OFD_GETLK, &fl), 0);
	CHECK_EQ(fl.l_type, F_WRLCK);
	CHECK_EQ(fl.l_start, 0);
	CHECK_EQ(fl.l_len, 10);
	CHECK_EQ(fl.l_pid, -1);
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	CHECK_ERR(fcntl(b, F_OFD_GETLK, &fl), EINVAL);
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	CHECK_ERR(fcntl(b, F_OFD_SETLK, &fl), EINVAL);

	/* POSIX locks of this process conflict with them */
	CHECK_ERR(lk(b, F_SETLK, F_RDLCK, 0, 1), EAGAIN);
	CHECK_EQ(lk(b, F_SETLK, F_WRLCK, 20, 1), 0);
	CHECK_ERR(lk(a, F_OFD_SETLK, F_RDLCK, 20, 1), EAGAIN);
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 20, .l_len = 1 };
	CHECK_EQ(fcntl(a, F_OFD_GETLK, &fl), 0);
	CHECK_EQ(fl.l_type, F_WRLCK);
	CHECK_EQ(fl.l_pid, getpid());

	/* closing another fd drops the POSIX lock only */
	e = MUST(open(NAME, O_RDONLY));
	MUST(close(e));
	CHECK_EQ(lk(a, F_OFD_SETLK, F_RDLCK, 20, 1), 0);
	CHECK_ERR(lk(b, F_OFD_SETLK, F_RDLCK, 0, 1), EAGAIN);
	MUST(close(a));
	CHECK_ERR(lk(b, F_OFD_SETLK, F_RDLCK, 0, 1), EAGAIN);	/* d still holds it */
	MUST(close(d));
	CHECK_EQ(lk(b, F_OFD_SETLK, F_WRLCK, 0, 0), 0);
	unlink(NAME);
	return report();
}
