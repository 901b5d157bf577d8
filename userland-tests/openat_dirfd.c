/*
 * The *at calls resolve relative paths from dirfd and ignore it for
 * absolute paths; a dirfd that is not a directory is ENOTDIR, a closed one
 * EBADF; AT_FDCWD means the cwd.
 */
#include "guest.h"

#define D "openat_dirfd.d"

int main(void)
{
	char buf[16];
	struct stat st;
	int dfd, fd, ffd;

	unlink(D "/sub/f");
	rmdir(D "/sub");
	unlink(D "/g");
	rmdir(D);
	MUST(mkdir(D, 0755));
	dfd = MUST(open(D, O_RDONLY | O_DIRECTORY));

	CHECK_EQ(mkdirat(dfd, "sub", 0755), 0);
	CHECK_EQ(stat(D "/sub", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_ERR(mkdirat(dfd, "sub", 0755), EEXIST);

	fd = openat(dfd, "sub/f", O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "at", 2), 2);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(D "/sub/f", &st), 0);
	CHECK_EQ(st.st_size, 2);

	fd = openat(AT_FDCWD, D "/sub/f", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 2);
	CHECK_STR(buf, "at");
	CHECK_EQ(close(fd), 0);

	/* Absolute paths ignore dirfd, even a bad one. */
	fd = openat(dfd, "/dev/null", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	fd = openat(-1, "/dev/null", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);

	/* A file as dirfd, a closed dirfd. */
	ffd = openat(dfd, "sub/f", O_RDONLY);
	CHECK(ffd >= 0);
	CHECK_ERR(openat(ffd, "x", O_RDONLY), ENOTDIR);
	CHECK_ERR(mkdirat(ffd, "x", 0755), ENOTDIR);
	CHECK_ERR(unlinkat(ffd, "x", 0), ENOTDIR);
	CHECK_ERR(fstatat(ffd, "x", &st, 0), ENOTDIR);
	CHECK_ERR(openat(-1, "x", O_RDONLY), EBADF);
	CHECK_ERR(openat(555555, "x", O_RDONLY), EBADF);
	CHECK_EQ(close(ffd), 0);

	/* ".." from dirfd. */
	fd = openat(dfd, "sub/../sub/./f", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(fstatat(dfd, "..", &st, 0), 0);
	{
		struct stat cwd;
		CHECK_EQ(stat(".", &cwd), 0);
		CHECK_EQ(st.st_ino, cwd.st_ino);
	}

	/* unlinkat and faccessat relative to dirfd. */
	CHECK_EQ(faccessat(dfd, "sub/f", F_OK, 0), 0);
	CHECK_EQ(unlinkat(dfd, "sub/f", 0), 0);
	CHECK_ERR(faccessat(dfd, "sub/f", F_OK, 0), ENOENT);
	CHECK_ERR(unlinkat(dfd, "sub", 0), EISDIR);
	CHECK_EQ(unlinkat(dfd, "sub", AT_REMOVEDIR), 0);

	/* The directory fd stays usable after its path is removed. */
	CHECK_EQ(close(dfd), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
