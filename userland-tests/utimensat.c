/*
 * utimensat: explicit times are stored to the nanosecond, UTIME_OMIT keeps
 * one, UTIME_NOW and NULL take the current time; invalid nanoseconds and
 * flags are EINVAL. utimes and futimens go the same way.
 */
#include "guest.h"
#include <sys/time.h>
#include <time.h>

#define F "utimensat.tmp"

int main(void)
{
	struct timespec ts[2];
	struct timeval tv[2];
	struct stat st;
	time_t now;
	int fd;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));

	ts[0] = (struct timespec){ 1000, 111 };
	ts[1] = (struct timespec){ 2000, 222 };
	CHECK_EQ(utimensat(AT_FDCWD, F, ts, 0), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK_EQ(st.st_atim.tv_nsec, 111);
	CHECK_EQ(st.st_mtim.tv_sec, 2000);
	CHECK_EQ(st.st_mtim.tv_nsec, 222);

	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = (struct timespec){ 3000, 0 };
	CHECK_EQ(futimens(fd, ts), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK_EQ(st.st_mtim.tv_sec, 3000);

	now = time(NULL);
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_OMIT;
	CHECK_EQ(utimensat(AT_FDCWD, F, ts, 0), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK(st.st_atime >= now - 5 && st.st_atime <= now + 5);
	CHECK_EQ(st.st_mtim.tv_sec, 3000);
	CHECK_EQ(utimensat(AT_FDCWD, F, NULL, 0), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK(st.st_mtime >= now - 5 && st.st_mtime <= now + 5);

	tv[0] = (struct timeval){ 5, 6 };
	tv[1] = (struct timeval){ 7, 8 };
	CHECK_EQ(utimes(F, tv), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_atim.tv_nsec, 6000);
	CHECK_EQ(st.st_mtim.tv_sec, 7);

	ts[0] = (struct timespec){ 1, 1000000000 };
	ts[1] = (struct timespec){ 1, 0 };
	CHECK_ERR(utimensat(AT_FDCWD, F, ts, 0), EINVAL);
	ts[0].tv_nsec = -1;
	CHECK_ERR(utimensat(AT_FDCWD, F, ts, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, F, NULL, 0x1), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "utimensat.missing", NULL, 0), ENOENT);
	CHECK_ERR(utimensat(AT_FDCWD, NULL, NULL, 0), EFAULT);	/* no path and no fd */

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
