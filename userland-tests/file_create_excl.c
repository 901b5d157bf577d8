/*
 * open(O_CREAT|O_EXCL) creates a file once and then fails with EEXIST; open
 * of a missing file without O_CREAT fails with ENOENT; O_CREAT without
 * O_EXCL opens the existing file rather than replacing it.
 */
#include "guest.h"

#define F "file_create_excl.tmp"

int main(void)
{
	char buf[8];
	struct stat st;
	int fd;

	unlink(F);
	CHECK_ERR(open(F, O_RDONLY), ENOENT);
	CHECK_ERR(open("no_such_dir.tmp/x", O_RDWR | O_CREAT, 0644), ENOENT);

	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0600));
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(close(fd), 0);

	CHECK_ERR(open(F, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	CHECK_ERR(open(F, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0600), EEXIST);

	/* O_CREAT alone keeps the data and the original mode. */
	fd = open(F, O_RDWR | O_CREAT, 0666);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(close(fd), 0);

	/* An empty path is ENOENT, not the cwd. */
	CHECK_ERR(open("", O_RDONLY), ENOENT);

	CHECK_EQ(unlink(F), 0);
	CHECK_ERR(unlink(F), ENOENT);
	return report();
}
