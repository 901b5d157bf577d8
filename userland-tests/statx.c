/*
 * statx (raw syscall: musl 1.2.3 has no wrapper) fills the basic fields it
 * reports in stx_mask, and they agree with fstat; bad flags are EINVAL and
 * AT_EMPTY_PATH reaches the fd itself.
 */
#include "guest.h"

#define F "statx.tmp"

struct lx_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct lx_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t pad0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct lx_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};

#define LX_STATX_TYPE 0x1U
#define LX_STATX_MODE 0x2U
#define LX_STATX_NLINK 0x4U
#define LX_STATX_UID 0x8U
#define LX_STATX_GID 0x10U
#define LX_STATX_INO 0x100U
#define LX_STATX_SIZE 0x200U
#define LX_STATX_BASIC_STATS 0x7ffU

static long sys_statx(int dfd, const char *path, int flags, unsigned mask,
		      struct lx_statx *sx)
{
	return syscall(SYS_statx, dfd, path, flags, mask, sx);
}

int main(void)
{
	const unsigned want = LX_STATX_TYPE | LX_STATX_MODE | LX_STATX_NLINK |
			      LX_STATX_UID | LX_STATX_GID | LX_STATX_INO |
			      LX_STATX_SIZE;
	struct lx_statx sx;
	struct stat st;
	int fd;

	unlink(F);
	umask(022);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0666));
	CHECK_EQ(write(fd, "statx!", 6), 6);
	CHECK_EQ(fstat(fd, &st), 0);

	memset(&sx, 0xff, sizeof(sx));
	CHECK_EQ(sys_statx(AT_FDCWD, F, 0, LX_STATX_BASIC_STATS, &sx), 0);
	CHECK_EQ(sx.stx_mask & want, want);
	CHECK(S_ISREG(sx.stx_mode));
	CHECK_EQ(sx.stx_mode & 07777, 0644);
	CHECK_EQ(sx.stx_mode, st.st_mode);
	CHECK_EQ(sx.stx_size, 6);
	CHECK_EQ(sx.stx_nlink, 1);
	CHECK_EQ(sx.stx_ino, st.st_ino);
	CHECK_EQ(sx.stx_uid, st.st_uid);
	CHECK_EQ(sx.stx_gid, st.st_gid);
	CHECK_EQ(sx.stx_mtime.tv_sec, st.st_mtim.tv_sec);
	CHECK_EQ(sx.stx_mtime.tv_nsec, st.st_mtim.tv_nsec);

	memset(&sx, 0, sizeof(sx));
	CHECK_EQ(sys_statx(fd, "", AT_EMPTY_PATH, LX_STATX_BASIC_STATS, &sx), 0);
	CHECK_EQ(sx.stx_ino, st.st_ino);
	CHECK_EQ(sx.stx_size, 6);

	memset(&sx, 0, sizeof(sx));
	CHECK_EQ(sys_statx(AT_FDCWD, "/dev/null", 0, LX_STATX_BASIC_STATS, &sx), 0);
	CHECK(S_ISCHR(sx.stx_mode));
	CHECK_EQ(sx.stx_rdev_major, 1);
	CHECK_EQ(sx.stx_rdev_minor, 3);

	memset(&sx, 0, sizeof(sx));
	CHECK_EQ(sys_statx(AT_FDCWD, ".", 0, LX_STATX_BASIC_STATS, &sx), 0);
	CHECK(S_ISDIR(sx.stx_mode));

	CHECK_ERR(sys_statx(AT_FDCWD, F, 0x40000000, LX_STATX_BASIC_STATS, &sx), EINVAL);
	/* The reserved mask bit 31 is EINVAL. */
	CHECK_ERR(sys_statx(AT_FDCWD, F, 0, 0x80000000U, &sx), EINVAL);
	CHECK_ERR(sys_statx(AT_FDCWD, "statx.missing", 0, LX_STATX_BASIC_STATS, &sx), ENOENT);
	CHECK_ERR(sys_statx(-1, "rel", 0, LX_STATX_BASIC_STATS, &sx), EBADF);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
