/*
 * O_TMPFILE: the checks Linux makes before the file system is asked (it
 * needs write access and no O_CREAT: EINVAL; a directory: ENOTDIR, ENOENT),
 * then either an unnamed file is made (ext4, tmpfs on Linux) or the file
 * system cannot (EOPNOTSUPP, as umk answers): the same checks either way.
 */
#include "guest.h"

#define F "file_tmpfile.f"

/* A call's result, or -errno. */
static long xr(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	long fd;

	unlink(F);
	close(MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0644)));

	CHECK_ERR(open(".", O_TMPFILE | O_RDONLY, 0600), EINVAL);
	CHECK_ERR(open(".", O_TMPFILE | O_RDWR | O_CREAT, 0600), EINVAL);
	CHECK_ERR(open(F, O_TMPFILE | O_RDWR, 0600), ENOTDIR);
	CHECK_ERR(open("file_tmpfile.missing", O_TMPFILE | O_RDWR, 0600), ENOENT);

	fd = xr(open(".", O_TMPFILE | O_RDWR, 0600));
	CHECK(fd >= 0 || fd == -EOPNOTSUPP);
	CHECK_EQ(fd >= 0 ? xr(write((int)fd, "data", 4)) : 4, 4);
	if (fd >= 0)
		close((int)fd);

	CHECK_OK(unlink(F));
	return report();
}
