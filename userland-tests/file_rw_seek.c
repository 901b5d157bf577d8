/*
 * write, read and lseek on a regular file: the offset moves with each call,
 * SEEK_SET/CUR/END land where Linux says, a negative result is EINVAL, read
 * at end of file returns 0, and writing past the end leaves a hole of zeros.
 */
#include "guest.h"

#define F "file_rw_seek.tmp"

int main(void)
{
	char buf[64];
	int fd, i, zeros;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));

	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	CHECK_EQ(write(fd, "hello, ", 7), 7);
	CHECK_EQ(write(fd, "world", 5), 5);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK_STR(buf, "hello");
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 7);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK_STR(buf, "world");

	CHECK_EQ(lseek(fd, -5, SEEK_END), 7);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 12);
	CHECK_ERR(lseek(fd, -13, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, 0, 42), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);

	/* Overwrite in the middle. */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "J", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 12);
	CHECK_STR(buf, "Jello, world");

	/* Seeking past the end is allowed; writing there leaves a hole. */
	CHECK_EQ(lseek(fd, 10000, SEEK_SET), 10000);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, "end", 3), 3);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 10003);
	CHECK_EQ(lseek(fd, 5000, SEEK_SET), 5000);
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 64);
	zeros = 0;
	for (i = 0; i < 64; i++)
		zeros += buf[i] == 0;
	CHECK_EQ(zeros, 64);
	CHECK_EQ(lseek(fd, 9998, SEEK_SET), 9998);
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "\0\0end", 5) == 0);

	/* A zero-length read or write is a no-op that succeeds. */
	CHECK_EQ(read(fd, buf, 0), 0);
	CHECK_EQ(write(fd, buf, 0), 0);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
