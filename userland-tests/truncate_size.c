/*
 * truncate_size: truncate and ftruncate shrink and grow a file; bytes cut
 * off come back as zeros; negative sizes, directories and files not open
 * for writing are refused as Linux does.
 */
#include "guest.h"

#define F "truncate_size.tmp"

int main(void)
{
	char buf[16];
	struct stat st;
	int fd, ro;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "0123456789", 10));

	CHECK_EQ(ftruncate(fd, 4), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);	/* the offset stays */
	CHECK_EQ(truncate(F, 8), 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 8);
	CHECK(memcmp(buf, "0123\0\0\0\0", 8) == 0);
	CHECK_EQ(ftruncate(fd, 100000), 0);
	CHECK_EQ(pread(fd, buf, 4, 99996), 4);
	CHECK(memcmp(buf, "\0\0\0\0", 4) == 0);
	CHECK_EQ(ftruncate(fd, 0), 0);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 0);

	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(truncate(F, -1), EINVAL);
	CHECK_ERR(truncate(".", 0), EISDIR);
	CHECK_ERR(truncate("truncate_size.missing", 0), ENOENT);
	CHECK_ERR(truncate("/dev/null", 0), EINVAL);
	CHECK_ERR(ftruncate(-1, 0), EBADF);
	ro = MUST(open(F, O_RDONLY));
	CHECK_ERR(ftruncate(ro, 0), EINVAL);
	CHECK_EQ(close(ro), 0);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
