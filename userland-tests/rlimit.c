/*
 * Resource limits: getrlimit and prlimit64 agree; soft never exceeds hard;
 * lowering RLIMIT_NOFILE makes the next fd past it fail with EMFILE (and
 * dup2/F_DUPFD beyond it EBADF/EINVAL); soft above hard and unknown
 * resources are EINVAL; an unknown pid is ESRCH.
 */
#include "guest.h"
#include <limits.h>
#include <sys/resource.h>

#define LIMIT 32

int main(void)
{
	struct rlimit r, r2, saved;
	int fds[LIMIT], n = 0, fd, i, bad, highest = -1;

	CHECK_EQ(getrlimit(RLIMIT_STACK, &r), 0);
	CHECK(r.rlim_cur > 0);
	CHECK(r.rlim_cur <= r.rlim_max);
	CHECK_EQ(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &r2), 0);
	CHECK(r2.rlim_cur == r.rlim_cur && r2.rlim_max == r.rlim_max);

	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
	CHECK(saved.rlim_cur >= 64);
	CHECK(saved.rlim_cur <= saved.rlim_max);
	CHECK_EQ(syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &r2), 0);
	CHECK(r2.rlim_cur == saved.rlim_cur && r2.rlim_max == saved.rlim_max);
	CHECK_EQ(syscall(SYS_getrlimit, RLIMIT_NOFILE, &r2), 0);
	CHECK(r2.rlim_cur == saved.rlim_cur);

	/* Lower the soft limit to LIMIT and run into it. */
	r.rlim_cur = LIMIT;
	r.rlim_max = saved.rlim_max;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r2), 0);
	CHECK_EQ(r2.rlim_cur, LIMIT);
	for (i = 0; i < LIMIT; i++) {
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			break;
		fds[n++] = fd;
		if (fd > highest)
			highest = fd;
	}
	CHECK(fd == -1 && errno == EMFILE);
	CHECK_EQ(highest, LIMIT - 1);
	CHECK_ERR(dup(0), EMFILE);
	CHECK_ERR(dup2(0, LIMIT), EBADF);
	CHECK_ERR(fcntl(0, F_DUPFD, LIMIT), EINVAL);
	/* One check, not one per fd: n depends on what was already open. */
	for (i = 0, bad = 0; i < n; i++)
		bad += close(fds[i]) != 0;
	CHECK_EQ(bad, 0);

	/* prlimit64 can set and return the old value in one call. */
	r.rlim_cur = LIMIT + 1;
	CHECK_EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, &r2), 0);
	CHECK_EQ(r2.rlim_cur, LIMIT);
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r2), 0);
	CHECK(r2.rlim_cur == saved.rlim_cur && r2.rlim_max == saved.rlim_max);

	if (saved.rlim_max != RLIM_INFINITY) {
		r.rlim_cur = saved.rlim_max + 1;
		r.rlim_max = saved.rlim_max;
		CHECK_ERR(setrlimit(RLIMIT_NOFILE, &r), EINVAL);
	}
	r.rlim_cur = 100;
	r.rlim_max = 50;
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &r), EINVAL);
	CHECK_ERR(syscall(SYS_prlimit64, 0, 100, NULL, &r2), EINVAL);
	CHECK_ERR(syscall(SYS_getrlimit, 100, &r2), EINVAL);
	CHECK_ERR(syscall(SYS_prlimit64, INT_MAX, RLIMIT_NOFILE, NULL, &r2), ESRCH);
	return report();
}
