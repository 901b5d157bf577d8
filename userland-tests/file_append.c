/*
 * O_APPEND: every write goes to the end of the file whatever the offset,
 * and (a documented Linux quirk, pwrite(2) BUGS) pwrite appends too.
 * fcntl(F_SETFL) can turn O_APPEND on and off.
 */
#include "guest.h"

#define F "file_append.tmp"

int main(void)
{
	char buf[32];
	int fd;

	unlink(F);
	fd = MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(fd, "start", 5), 5);
	CHECK_EQ(close(fd), 0);

	fd = open(F, O_RDWR | O_APPEND);
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFL) & O_APPEND);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	CHECK_EQ(write(fd, "-a", 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
	CHECK_EQ(write(fd, "-b", 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9);

	/* Reads still honour the offset. */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK_STR(buf, "start");

	CHECK_EQ(pwrite(fd, "-c", 2, 0), 2);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 11);
	CHECK_STR(buf, "start-a-b-c");

	/* Clearing O_APPEND makes writes honour the offset again. */
	CHECK_EQ(fcntl(fd, F_SETFL, 0), 0);
	CHECK(!(fcntl(fd, F_GETFL) & O_APPEND));
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "S", 1), 1);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 11);
	CHECK_STR(buf, "Start-a-b-c");
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
	CHECK(fcntl(fd, F_GETFL) & O_APPEND);
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 12);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
