/*
 * timerfd's bad inputs: unknown clocks and flags (EINVAL), a bad fd
 * (EBADF) or one that is not a timerfd (EINVAL), unknown settime flags and
 * unnormalized times (EINVAL), bad pointers (EFAULT), a read shorter than
 * 8 bytes (EINVAL); writes fail with EINVAL and lseek changes nothing.
 */
#include "guest.h"
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void)
{
	struct itimerspec set = { { 0, 0 }, { 100, 0 } }, bad;
	uint64_t n;
	void *unmapped;
	int fd, p[2];

	alarm(10);
	unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(munmap(unmapped, 4096));
	MUST(pipe(p));
	CHECK_ERR(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC_RAW, 0), EINVAL);
	CHECK_ERR(timerfd_create(-1, 0), EINVAL);
	CHECK_ERR(timerfd_create(100, 0), EINVAL);
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC, TFD_TIMER_ABSTIME), EINVAL);
	fd = MUST(timerfd_create(CLOCK_MONOTONIC, 0));

	CHECK_ERR(timerfd_settime(-1, 0, &set, NULL), EBADF);
	CHECK_ERR(timerfd_settime(p[0], 0, &set, NULL), EINVAL);
	CHECK_ERR(timerfd_settime(fd, 4, &set, NULL), EINVAL);
	CHECK_ERR(timerfd_settime(fd, 0, NULL, NULL), EFAULT);
	CHECK_ERR(timerfd_settime(fd, 0, unmapped, NULL), EFAULT);
	/* the new value is read first, then checked, then the fd */
	CHECK_ERR(timerfd_settime(-1, 0, unmapped, NULL), EFAULT);
	CHECK_ERR(timerfd_settime(-1, 4, &set, NULL), EINVAL);
	bad = set;
	bad.it_value.tv_nsec = 1000000000;
	CHECK_ERR(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	bad = set;
	bad.it_interval.tv_nsec = -1;
	CHECK_ERR(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	bad = set;
	bad.it_value.tv_sec = -1;
	CHECK_ERR(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	/* a bad old pointer: the timer is set all the same */
	CHECK_ERR(timerfd_settime(fd, 0, &set, unmapped), EFAULT);
	CHECK_EQ(timerfd_gettime(fd, &bad), 0);
	CHECK(bad.it_value.tv_sec >= 98 && bad.it_value.tv_sec <= 100);

	CHECK_ERR(timerfd_gettime(-1, &bad), EBADF);
	CHECK_ERR(timerfd_gettime(p[0], &bad), EINVAL);
	CHECK_ERR(timerfd_gettime(fd, NULL), EFAULT);
	CHECK_ERR(timerfd_gettime(fd, unmapped), EFAULT);

	CHECK_ERR(read(fd, &n, 7), EINVAL);
	CHECK_ERR(read(fd, &n, 0), EINVAL);
	CHECK_ERR(write(fd, &n, 8), EINVAL);
	CHECK_ERR(pread(fd, &n, 8, 0), ESPIPE);
	CHECK_EQ(lseek(fd, 10, SEEK_SET), 0);
	return report();
}
