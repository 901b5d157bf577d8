/*
 * mkdir, rmdir, unlink and unlinkat fail with the errno Linux gives:
 * EEXIST, ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, EINVAL, ENAMETOOLONG.
 */
#include "guest.h"

#define D "dir_errnos.d"

int main(void)
{
	char longname[300];
	struct stat st;

	unlink(D "/f");
	rmdir(D "/sub");
	rmdir(D "/t");
	rmdir(D);
	MUST(mkdir(D, 0755));
	MUST(close(MUST(open(D "/f", O_WRONLY | O_CREAT | O_EXCL, 0644))));

	/* mkdir */
	CHECK_ERR(mkdir(D, 0755), EEXIST);
	CHECK_ERR(mkdir(D "/f", 0755), EEXIST);
	CHECK_ERR(mkdir(D "/missing/x", 0755), ENOENT);
	CHECK_ERR(mkdir(D "/f/x", 0755), ENOTDIR);
	CHECK_ERR(mkdir("", 0755), ENOENT);
	CHECK_EQ(mkdir(D "/t/", 0755), 0);
	CHECK_EQ(stat(D "/t", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	CHECK_ERR(mkdir(longname, 0755), ENAMETOOLONG);
	CHECK_ERR(open(longname, O_RDONLY), ENAMETOOLONG);

	/* rmdir */
	CHECK_ERR(rmdir(D "/missing"), ENOENT);
	CHECK_ERR(rmdir(D "/f"), ENOTDIR);
	CHECK_ERR(rmdir(D "/f/x"), ENOTDIR);
	CHECK_ERR(rmdir(D), ENOTEMPTY);
	CHECK_ERR(rmdir(D "/."), EINVAL);
	CHECK_ERR(rmdir(D "/t/.."), ENOTEMPTY);
	CHECK_EQ(rmdir(D "/t/"), 0);
	CHECK_ERR(rmdir(D "/t"), ENOENT);

	/* unlink */
	CHECK_ERR(unlink(D), EISDIR);
	CHECK_ERR(unlink(D "/missing"), ENOENT);
	CHECK_ERR(unlink(D "/f/x"), ENOTDIR);
	CHECK_ERR(unlink(D "/f/"), ENOTDIR);
	CHECK_ERR(unlinkat(AT_FDCWD, D "/f", AT_REMOVEDIR), ENOTDIR);
	CHECK_ERR(unlinkat(AT_FDCWD, D "/f", 0x1), EINVAL);
	CHECK_EQ(mkdir(D "/sub", 0755), 0);
	CHECK_ERR(unlinkat(AT_FDCWD, D "/sub", 0), EISDIR);
	CHECK_EQ(unlinkat(AT_FDCWD, D "/sub", AT_REMOVEDIR), 0);
	CHECK_EQ(unlinkat(AT_FDCWD, D "/f", 0), 0);
	CHECK_ERR(stat(D "/f", &st), ENOENT);

	CHECK_EQ(rmdir(D), 0);
	CHECK_ERR(stat(D, &st), ENOENT);
	return report();
}
