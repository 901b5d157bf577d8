/*
 * O_TMPFILE: the checks Linux makes before the file system is asked (it
 * needs write access and no O_CREAT: EINVAL; a directory: ENOTDIR, ENOENT),
 * then either an unnamed file is made (ext4 and tmpfs on Linux, tmpfs in
 * umk) or the file system cannot (EOPNOTSUPP: ext2): the same checks
 * either way. Made, it has no link, reads back what was written, and
 * linkat gives it a name (not one made O_EXCL: ENOENT).
 */
#include "guest.h"

#define F "file_tmpfile.f"
#define L "file_tmpfile.linked"

/* A call's result, or -errno. */
static long xr(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	struct stat st = { 0 };
	char buf[4] = { 0 };
	long fd;
	int made;

	unlink(F);
	unlink(L);
	close(MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0644)));

	CHECK_ERR(open(".", O_TMPFILE | O_RDONLY, 0600), EINVAL);
	CHECK_ERR(open(".", O_TMPFILE | O_RDWR | O_CREAT, 0600), EINVAL);
	CHECK_ERR(open(F, O_TMPFILE | O_RDWR, 0600), ENOTDIR);
	CHECK_ERR(open("file_tmpfile.missing", O_TMPFILE | O_RDWR, 0600), ENOENT);

	fd = xr(open(".", O_TMPFILE | O_RDWR, 0600));
	made = fd >= 0;
	CHECK(made || fd == -EOPNOTSUPP);
	CHECK_EQ(made ? xr(write((int)fd, "data", 4)) : 4, 4);
	CHECK_EQ(made ? xr(fstat((int)fd, &st)) : 0, 0);
	CHECK(!made || (st.st_nlink == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600));
	CHECK_EQ(made ? xr(linkat((int)fd, "", AT_FDCWD, L, AT_EMPTY_PATH)) : 0, 0);
	CHECK_EQ(made ? xr(stat(L, &st)) : 0, 0);
	CHECK(!made || (st.st_nlink == 1 && st.st_size == 4));
	CHECK_EQ(made ? xr(pread(MUST(open(L, O_RDONLY)), buf, 4, 0)) : 4, 4);
	CHECK(!made || memcmp(buf, "data", 4) == 0);
	if (made) {
		close((int)fd);
		unlink(L);
	}
	fd = xr(open(".", O_TMPFILE | O_RDWR | O_EXCL, 0600));
	CHECK(made ? fd >= 0 : fd == -EOPNOTSUPP);
	CHECK_EQ(made ? xr(linkat((int)fd, "", AT_FDCWD, L, AT_EMPTY_PATH)) : -ENOENT, -ENOENT);
	if (fd >= 0)
		close((int)fd);

	CHECK_OK(unlink(F));
	return report();
}
