/*
 * chmod_chown: chmod/fchmod/fchmodat set the permission bits and nothing
 * else; chown with -1 keeps an id; a chown clears set-user-ID on a file;
 * bad flags and fds give EINVAL and EBADF. Run as root (skipped otherwise).
 */
#include "guest.h"

#define F "chmod_chown.tmp"

int main(void)
{
	struct stat st;
	int fd, pfd;

	if (geteuid() != 0) {
		printf("ok 0 checks\n");
		return 0;
	}
	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0600));

	CHECK_EQ(chmod(F, 0754), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0754);
	CHECK_EQ(fchmod(fd, 0640 | S_IFDIR), 0);	/* type bits are ignored */
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0640);
	CHECK_EQ(fchmodat(AT_FDCWD, F, 04755, 0), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 04755);

	CHECK_EQ(chown(F, 123, -1), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_uid, 123);
	CHECK_EQ(st.st_gid, 0);
	CHECK_EQ(st.st_mode & 07777, 0755);	/* set-user-ID dropped */
	CHECK_EQ(fchown(fd, -1, 456), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_uid, 123);
	CHECK_EQ(st.st_gid, 456);
	CHECK_EQ(lchown(F, 0, 0), 0);
	CHECK_EQ(fchownat(AT_FDCWD, F, 7, 8, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_uid, 7);
	CHECK_EQ(st.st_gid, 8);

	CHECK_ERR(chmod("chmod_chown.missing", 0644), ENOENT);
	CHECK_ERR(fchmod(-1, 0644), EBADF);
	CHECK_ERR(fchownat(AT_FDCWD, F, 0, 0, 0x1), EINVAL);
	pfd = MUST(open(F, O_PATH));
	/* raw: musl retries an O_PATH fd through /proc/self/fd */
	CHECK_ERR(syscall(SYS_fchmod, pfd, 0644), EBADF);
	CHECK_EQ(fstat(pfd, &st), 0);
	CHECK_EQ(close(pfd), 0);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
