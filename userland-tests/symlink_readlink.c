/*
 * Symbolic links: readlink returns the target without a NUL and truncates to
 * the buffer; stat follows and lstat does not; dangling links are ENOENT to
 * open; a loop is ELOOP; O_NOFOLLOW on a link is ELOOP; readlink of a
 * non-link is EINVAL; O_CREAT through a dangling link creates its target;
 * a link's own mode cannot change (EOPNOTSUPP, reached through an O_PATH
 * descriptor's /proc/self/fd entry).
 */
#include "guest.h"

#define D "symlink_readlink.d"

int main(void)
{
	char buf[64];
	struct stat st, sl;
	int fd;

	unlink(D "/file");
	unlink(D "/link");
	unlink(D "/dangling");
	unlink(D "/target");
	unlink(D "/loop1");
	unlink(D "/loop2");
	unlink(D "/self");
	unlink(D "/dirlink");
	rmdir(D);
	MUST(mkdir(D, 0755));
	fd = MUST(open(D "/file", O_WRONLY | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "data", 4));
	MUST(close(fd));

	CHECK_EQ(symlink("file", D "/link"), 0);
	CHECK_ERR(symlink("file", D "/link"), EEXIST);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(readlink(D "/link", buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "filex", 5) == 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(readlink(D "/link", buf, 2), 2);
	CHECK(memcmp(buf, "fix", 3) == 0);
	CHECK_EQ(readlinkat(AT_FDCWD, D "/link", buf, sizeof(buf)), 4);
	CHECK_ERR(readlink(D "/file", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(readlink(D "/missing", buf, sizeof(buf)), ENOENT);
	/* Raw: musl hides a zero size behind a dummy buffer. */
	CHECK_ERR(syscall(SYS_readlink, D "/link", buf, 0), EINVAL);
	CHECK_ERR(syscall(SYS_readlinkat, AT_FDCWD, D "/link", buf, -1), EINVAL);

	CHECK_EQ(stat(D "/link", &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(lstat(D "/link", &sl), 0);
	CHECK(S_ISLNK(sl.st_mode));
	CHECK_EQ(sl.st_size, 4);
	CHECK(sl.st_ino != st.st_ino);
	CHECK_EQ(fstatat(AT_FDCWD, D "/link", &sl, AT_SYMLINK_NOFOLLOW), 0);
	CHECK(S_ISLNK(sl.st_mode));

	fd = open(D "/link", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 4);
	CHECK_STR(buf, "data");
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(open(D "/link", O_RDONLY | O_NOFOLLOW), ELOOP);
	/* O_NOFOLLOW only applies to the last component. */
	CHECK_EQ(symlink(".", D "/dirlink"), 0);
	fd = open(D "/dirlink/file", O_RDONLY | O_NOFOLLOW);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);

	/* Dangling: open fails, O_CREAT creates the target. */
	CHECK_EQ(symlink("target", D "/dangling"), 0);
	CHECK_ERR(open(D "/dangling", O_RDONLY), ENOENT);
	CHECK_ERR(stat(D "/dangling", &st), ENOENT);
	CHECK_EQ(lstat(D "/dangling", &st), 0);
	fd = open(D "/dangling", O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(D "/target", &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_ERR(open(D "/dangling", O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);

	/* Loops. */
	CHECK_EQ(symlink("loop2", D "/loop1"), 0);
	CHECK_EQ(symlink("loop1", D "/loop2"), 0);
	CHECK_EQ(symlink("self", D "/self"), 0);
	CHECK_ERR(open(D "/loop1", O_RDONLY), ELOOP);
	CHECK_ERR(stat(D "/self", &st), ELOOP);
	CHECK_ERR(open(D "/self/x", O_RDONLY), ELOOP);
	CHECK_EQ(lstat(D "/loop1", &st), 0);

	/* the link itself, through /proc/self/fd: its mode cannot change */
	{
		char path[64];
		int fd = open(D "/link", O_PATH | O_NOFOLLOW);

		CHECK(fd >= 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		CHECK_ERR(chmod(path, 0600), EOPNOTSUPP);
		CHECK_EQ(lstat(D "/link", &st), 0);
		CHECK_EQ(st.st_mode & 07777, 0777);
		close(fd);
	}

	/* unlink removes the link, not the target. */
	CHECK_EQ(unlink(D "/link"), 0);
	CHECK_EQ(stat(D "/file", &st), 0);
	/* rmdir through a symlink to a directory is ENOTDIR. */
	CHECK_ERR(rmdir(D "/dirlink"), ENOTDIR);

	CHECK_EQ(unlink(D "/dangling"), 0);
	CHECK_EQ(unlink(D "/target"), 0);
	CHECK_EQ(unlink(D "/loop1"), 0);
	CHECK_EQ(unlink(D "/loop2"), 0);
	CHECK_EQ(unlink(D "/self"), 0);
	CHECK_EQ(unlink(D "/dirlink"), 0);
	CHECK_EQ(unlink(D "/file"), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
