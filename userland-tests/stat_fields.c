/*
 * stat, fstat, lstat and newfstatat agree with each other and with what the
 * test did: file type, permission bits, size, link counts of files and
 * directories, owner, and st_dev/st_ino identity.
 */
#include "guest.h"
#include <time.h>

#define D "stat_fields.d"
#define F "stat_fields.d/f"
#define G "stat_fields.d/g"
#define S "stat_fields.d/sub"

int main(void)
{
	struct stat st, st2, sd, sg;
	time_t now;
	int fd, dfd;

	unlink(F);
	unlink(G);
	rmdir(S);
	rmdir(D);
	umask(0);
	MUST(mkdir(D, 0751));
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0640));
	CHECK_EQ(write(fd, "0123456789abcdef", 16), 16);

	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0640);
	CHECK_EQ(st.st_size, 16);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, geteuid());
	CHECK_EQ(st.st_gid, getegid());
	CHECK(st.st_blksize > 0);
	now = time(NULL);
	CHECK(st.st_mtime >= now - 5 && st.st_mtime <= now + 1);
	CHECK(st.st_ctime >= now - 5 && st.st_ctime <= now + 1);

	CHECK_EQ(stat(F, &st2), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_EQ(st2.st_dev, st.st_dev);
	CHECK_EQ(st2.st_mode, st.st_mode);
	CHECK_EQ(st2.st_size, 16);
	CHECK_EQ(lstat(F, &st2), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_EQ(st2.st_mode, st.st_mode);

	dfd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	CHECK_EQ(fstatat(dfd, "f", &st2, 0), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_EQ(fstatat(fd, "", &st2, AT_EMPTY_PATH), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_ERR(fstatat(dfd, "", &st2, 0), ENOENT);
	CHECK_ERR(fstatat(dfd, "f", &st2, 0x40000000), EINVAL);

	/* Growing the file shows up in every view. */
	CHECK_EQ(pwrite(fd, "z", 1, 99), 1);
	CHECK_EQ(stat(F, &st2), 0);
	CHECK_EQ(st2.st_size, 100);

	/* A directory: type, mode, link count 2, +1 per subdirectory. */
	CHECK_EQ(stat(D, &sd), 0);
	CHECK(S_ISDIR(sd.st_mode));
	CHECK_EQ(sd.st_mode & 07777, 0751);
	CHECK_EQ(sd.st_nlink, 2);
	CHECK_EQ(sd.st_dev, st.st_dev);
	CHECK(sd.st_ino != st.st_ino);
	CHECK_EQ(fstat(dfd, &st2), 0);
	CHECK_EQ(st2.st_ino, sd.st_ino);
	CHECK_EQ(mkdir(S, 0700), 0);
	CHECK_EQ(stat(D, &sd), 0);
	CHECK_EQ(sd.st_nlink, 3);
	CHECK_EQ(stat(D "/.", &st2), 0);
	CHECK_EQ(st2.st_ino, sd.st_ino);
	CHECK_EQ(stat(S "/..", &st2), 0);
	CHECK_EQ(st2.st_ino, sd.st_ino);
	CHECK_EQ(rmdir(S), 0);
	CHECK_EQ(stat(D, &sd), 0);
	CHECK_EQ(sd.st_nlink, 2);

	/* A second file has its own inode on the same device. */
	CHECK_EQ(close(open(G, O_WRONLY | O_CREAT, 0604)), 0);
	CHECK_EQ(stat(G, &sg), 0);
	CHECK(sg.st_ino != st.st_ino);
	CHECK_EQ(sg.st_dev, st.st_dev);
	CHECK_EQ(sg.st_size, 0);
	CHECK_EQ(sg.st_mode & 07777, 0604);

	/* Unlinked but open: nlink drops to 0, fstat still works. */
	CHECK_EQ(unlink(F), 0);
	CHECK_EQ(fstat(fd, &st2), 0);
	CHECK_EQ(st2.st_nlink, 0);
	CHECK_EQ(st2.st_size, 100);
	CHECK_ERR(stat(F, &st2), ENOENT);

	/* Character devices. */
	CHECK_EQ(stat("/dev/null", &st2), 0);
	CHECK(S_ISCHR(st2.st_mode));

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(dfd), 0);
	CHECK_ERR(fstat(fd, &st2), EBADF);
	CHECK_EQ(unlink(G), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
