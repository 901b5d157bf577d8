/*
 * rename_errnos: rename(2) moves names and gives Linux's errno for each
 * refused case (ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, EINVAL, EBUSY, EEXIST).
 */
#include "guest.h"

#define D "rename_errnos.d"

static void cleanup(void)
{
	unlink(D "/f");
	unlink(D "/g");
	unlink(D "/h");
	unlink(D "/sub/f");
	rmdir(D "/sub/inner");
	rmdir(D "/sub");
	rmdir(D "/empty");
	rmdir(D "/moved");
	rmdir(D);
}

int main(void)
{
	struct stat st, st2;
	int fd;

	cleanup();
	MUST(mkdir(D, 0755));
	MUST(mkdir(D "/sub", 0755));
	MUST(mkdir(D "/sub/inner", 0755));
	MUST(mkdir(D "/empty", 0755));
	fd = MUST(open(D "/f", O_WRONLY | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "f", 1));
	MUST(close(fd));
	MUST(close(MUST(open(D "/g", O_WRONLY | O_CREAT | O_EXCL, 0644))));

	/* a plain move keeps the inode */
	CHECK_EQ(stat(D "/f", &st), 0);
	CHECK_EQ(rename(D "/f", D "/h"), 0);
	CHECK_EQ(stat(D "/h", &st2), 0);
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_ERR(stat(D "/f", &st2), ENOENT);

	/* replacing a file: the old target is gone */
	CHECK_EQ(rename(D "/h", D "/g"), 0);
	CHECK_EQ(stat(D "/g", &st2), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_EQ(st2.st_size, 1);

	/* same file twice: nothing happens */
	CHECK_EQ(rename(D "/g", D "/g"), 0);

	CHECK_ERR(rename(D "/missing", D "/x"), ENOENT);
	CHECK_ERR(rename(D "/g", D "/missing/x"), ENOENT);
	CHECK_ERR(rename(D "/g", D "/sub"), EISDIR);
	CHECK_ERR(rename(D "/sub", D "/g"), ENOTDIR);
	CHECK_ERR(rename(D "/g/", D "/x"), ENOTDIR);
	CHECK_ERR(rename(D "/empty", D "/sub"), ENOTEMPTY);
	CHECK_ERR(rename(D "/sub", D "/sub/inner/x"), EINVAL);
	CHECK_ERR(rename(D "/sub/.", D "/x"), EBUSY);
	CHECK_ERR(rename(D "/sub/inner", D "/sub/.."), EBUSY);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, D "/g", AT_FDCWD, D "/empty", 0x1),
		  EEXIST);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, D "/g", AT_FDCWD, D "/x", 0x100),
		  EINVAL);

	/* a directory onto an empty directory, and its ".." follows */
	CHECK_EQ(stat(D, &st), 0);
	CHECK_EQ(rename(D "/sub/inner", D "/empty"), 0);
	CHECK_EQ(stat(D "/empty/..", &st2), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_EQ(stat(D "/sub", &st2), 0);
	CHECK_EQ(st2.st_nlink, 2);
	CHECK_EQ(rename(D "/empty", D "/moved/"), 0);
	CHECK_EQ(stat(D "/moved", &st2), 0);
	CHECK(S_ISDIR(st2.st_mode));

	/* renameat relative to a directory fd */
	fd = MUST(open(D, O_RDONLY | O_DIRECTORY));
	CHECK_EQ(renameat(fd, "g", fd, "sub/f"), 0);
	CHECK_EQ(stat(D "/sub/f", &st2), 0);
	CHECK_EQ(close(fd), 0);

	cleanup();
	CHECK_ERR(stat(D, &st), ENOENT);
	return report();
}
