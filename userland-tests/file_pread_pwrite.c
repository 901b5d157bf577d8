/*
 * pread64/pwrite64 use the given offset and leave the file offset alone;
 * a negative offset is EINVAL; pread past the end returns 0.
 */
#include "guest.h"

#define F "file_pread_pwrite.tmp"

int main(void)
{
	char buf[32];
	int fd;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(lseek(fd, 3, SEEK_SET), 3);

	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, 4, 5), 4);
	CHECK_STR(buf, "5678");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);

	CHECK_EQ(pwrite(fd, "ab", 2, 1), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 3), 3);
	CHECK_STR(buf, "345");

	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 10);
	CHECK_STR(buf, "0ab3456789");

	CHECK_EQ(pread(fd, buf, sizeof(buf), 10), 0);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 1000), 0);
	CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERR(pwrite(fd, buf, 1, -1), EINVAL);

	/* pwrite past the end extends the file with a hole. */
	CHECK_EQ(pwrite(fd, "Z", 1, 20), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 21);
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 9), 12);
	CHECK(memcmp(buf, "9\0\0\0\0\0\0\0\0\0\0Z", 12) == 0);

	CHECK_EQ(close(fd), 0);
	CHECK_ERR(pread(fd, buf, 1, 0), EBADF);
	CHECK_EQ(unlink(F), 0);
	return report();
}
