/*
 * The access mode an fd was opened with is enforced: write on an O_RDONLY
 * fd and read on an O_WRONLY fd are EBADF; a directory cannot be opened for
 * writing (EISDIR); O_DIRECTORY on a regular file is ENOTDIR; a path through
 * a regular file is ENOTDIR.
 */
#include "guest.h"

#define D "file_access_mode.d"
#define F "file_access_mode.d/f"

int main(void)
{
	char buf[4];
	int fd;

	unlink(F);
	rmdir(D);
	MUST(mkdir(D, 0755));
	fd = MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK_EQ(close(fd), 0);

	fd = open(F, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(write(fd, "y", 1), EBADF);
	CHECK_ERR(pwrite(fd, "y", 1, 0), EBADF);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 1);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(close(fd), 0);

	fd = open(F, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ(close(fd), 0);

	CHECK_ERR(open(D, O_WRONLY), EISDIR);
	CHECK_ERR(open(D, O_RDWR), EISDIR);
	CHECK_ERR(open(D, O_WRONLY | O_CREAT, 0644), EISDIR);
	fd = open(D, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(read(fd, buf, sizeof(buf)), EISDIR);
	CHECK_EQ(close(fd), 0);
	fd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);

	CHECK_ERR(open(F, O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open(F "/x", O_RDONLY), ENOTDIR);
	CHECK_ERR(open(F "/x", O_RDWR | O_CREAT, 0644), ENOTDIR);
	CHECK_ERR(open(F "/", O_RDONLY), ENOTDIR);

	CHECK_EQ(unlink(F), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
