/*
 * Extended attributes: the checks Linux makes before a file system is
 * asked (the name, the flags, the value's size, the file, user.* only on
 * regular files and directories), and a fresh file listing none. Whether
 * the file system keeps attributes is its own business (ext4 does, umk's
 * file systems do not yet): a set either works, and then the attribute
 * reads back, lists and goes, or is EOPNOTSUPP and nothing changes.
 */
#include <sys/xattr.h>

#include "guest.h"

#define F "xattr_basic.tmp"
#define L "xattr_basic.lnk"
#define P "xattr_basic.fifo"

/* A call's result, or -errno. */
static long xr(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	char name[300], buf[64];
	static char big[65537];
	long r;
	int fd, kept;

	unlink(F);
	unlink(L);
	unlink(P);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(symlink(F, L));
	MUST(mkfifo(P, 0644));

	/* a fresh file has none */
	CHECK_EQ(listxattr(F, NULL, 0), 0);
	CHECK_EQ(flistxattr(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(llistxattr(L, buf, sizeof(buf)), 0);
	CHECK_ERR(listxattr("xattr_basic.missing", NULL, 0), ENOENT);
	CHECK_ERR(flistxattr(-1, NULL, 0), EBADF);

	/* the checks before the file system */
	CHECK_ERR(setxattr(F, "user.a", "v", 1, 4), EINVAL);
	CHECK_ERR(getxattr(F, "", buf, sizeof(buf)), ERANGE);
	memset(name, 'n', sizeof(name));
	memcpy(name, "user.", 5);
	name[256] = '\0';
	CHECK_ERR(getxattr(F, name, buf, sizeof(buf)), ERANGE);
	CHECK_ERR(setxattr(F, name, "v", 1, 0), ERANGE);
	CHECK_ERR(setxattr(F, "user.a", big, sizeof(big), 0), E2BIG);
	CHECK_ERR(setxattr(F, "user.a", (void *)8, 10, 0), EFAULT);
	CHECK_ERR(getxattr(F, (char *)8, buf, sizeof(buf)), EFAULT);
	CHECK_ERR(fgetxattr(-1, "user.a", buf, sizeof(buf)), EBADF);
	CHECK_ERR(getxattr("xattr_basic.missing", "user.a", buf, sizeof(buf)), ENOENT);
	/* user.* is for regular files and directories */
	CHECK_ERR(lsetxattr(L, "user.a", "v", 1, 0), EPERM);
	CHECK_ERR(lgetxattr(L, "user.a", buf, sizeof(buf)), ENODATA);
	CHECK_ERR(setxattr(P, "user.a", "v", 1, 0), EPERM);

	/* what the file system says: the same checks either way */
	r = xr(getxattr(F, "user.none", buf, sizeof(buf)));
	CHECK(r == -ENODATA || r == -EOPNOTSUPP);
	r = xr(setxattr(F, "user.a", "value", 5, XATTR_CREATE));
	CHECK(r == 0 || r == -EOPNOTSUPP);
	kept = r == 0;
	CHECK_EQ(xr(getxattr(F, "user.a", buf, sizeof(buf))), kept ? 5 : -EOPNOTSUPP);
	CHECK(!kept || memcmp(buf, "value", 5) == 0);
	CHECK_EQ(xr(fsetxattr(fd, "user.a", "x", 1, XATTR_CREATE)), kept ? -EEXIST : -EOPNOTSUPP);
	CHECK_EQ(xr(listxattr(F, buf, sizeof(buf))), kept ? 7 : 0);
	CHECK_EQ(xr(removexattr(F, "user.a")), kept ? 0 : -EOPNOTSUPP);
	CHECK_EQ(xr(removexattr(F, "user.a")), kept ? -ENODATA : -EOPNOTSUPP);
	CHECK_EQ(listxattr(F, NULL, 0), 0);

	close(fd);
	CHECK_OK(unlink(F));
	CHECK_OK(unlink(L));
	CHECK_OK(unlink(P));
	return report();
}
