/*
 * access and faccessat: F_OK tells existence; a bad mode is EINVAL; root
 * passes R_OK/W_OK on anything but X_OK only when some execute bit is set
 * (a Linux rule for privileged callers); faccessat2 checks its flags.
 */
#include "guest.h"

#define D "access.d"

int main(void)
{
	unlink(D "/plain");
	unlink(D "/exec");
	rmdir(D);
	umask(022);
	MUST(mkdir(D, 0755));
	MUST(close(MUST(open(D "/plain", O_WRONLY | O_CREAT | O_EXCL, 0644))));
	MUST(close(MUST(open(D "/exec", O_WRONLY | O_CREAT | O_EXCL, 0700))));

	CHECK_EQ(access(D "/plain", F_OK), 0);
	CHECK_EQ(access(D "/plain", R_OK | W_OK), 0);
	CHECK_ERR(access(D "/missing", F_OK), ENOENT);
	CHECK_ERR(access(D "/plain/x", F_OK), ENOTDIR);
	CHECK_ERR(access(D "/plain", 0x10), EINVAL);
	CHECK_EQ(access(D, X_OK), 0);
	CHECK_EQ(access(D "/exec", R_OK | W_OK | X_OK), 0);
	CHECK_EQ(access("/dev/null", R_OK | W_OK), 0);

	if (geteuid() == 0)
		CHECK_ERR(access(D "/plain", X_OK), EACCES);

	CHECK_EQ(faccessat(AT_FDCWD, D "/plain", R_OK, 0), 0);
	CHECK_EQ(faccessat(AT_FDCWD, D "/plain", R_OK, AT_EACCESS), 0);
	CHECK_ERR(faccessat(AT_FDCWD, D "/plain", R_OK, 0x1), EINVAL);
	CHECK_ERR(syscall(SYS_faccessat, AT_FDCWD, D "/plain", 0x10), EINVAL);

	/* faccessat2 takes flags; unknown ones are EINVAL. */
	CHECK_EQ(syscall(SYS_faccessat2, AT_FDCWD, D "/plain", R_OK, AT_EACCESS), 0);
	CHECK_EQ(syscall(SYS_faccessat2, AT_FDCWD, D "/plain", F_OK, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_ERR(syscall(SYS_faccessat2, AT_FDCWD, D "/plain", F_OK, 0x1), EINVAL);
	CHECK_ERR(syscall(SYS_faccessat2, AT_FDCWD, D "/missing", F_OK, 0), ENOENT);

	CHECK_EQ(unlink(D "/plain"), 0);
	CHECK_EQ(unlink(D "/exec"), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
