/*
 * O_TRUNC empties an existing regular file opened for writing (with or
 * without O_CREAT); without it the size is kept; on /dev/null it is ignored.
 * (O_RDONLY|O_TRUNC is unspecified, so it is not tested.)
 */
#include "guest.h"

#define F "file_trunc.tmp"

int main(void)
{
	struct stat st;
	char buf[16];
	int fd;

	unlink(F);
	fd = MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(fd, "some data", 9), 9);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_size, 9);

	/* Opening without O_TRUNC keeps the size. */
	fd = open(F, O_WRONLY);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "S", 1), 1);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_size, 9);

	fd = open(F, O_RDWR | O_TRUNC);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, "new", 3), 3);
	CHECK_EQ(close(fd), 0);

	/* O_CREAT|O_TRUNC on an existing file truncates it too. */
	fd = open(F, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(close(fd), 0);

	fd = open("/dev/null", O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(unlink(F), 0);
	return report();
}
