/*
 * mount(2) and umount2(2) with bad arguments: pointers (EFAULT), a missing
 * or non-directory target, unknown types and options, conflicting flags,
 * and umount of what is not a mount point.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>
#include <sys/statfs.h>

#define DIR "mnt_errors.d"
#define BAD ((void *)8)

int main(void)
{
	struct statfs sf;
	int fd;

	CHECK(mkdir(DIR, 0755) == 0);
	fd = open("mnt_errors.file", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK(symlink(DIR, "mnt_errors.link") == 0);

	/* pointers */
	CHECK_ERR(mount("t", BAD, "tmpfs", 0, NULL), EFAULT);
	CHECK_ERR(mount("t", DIR, BAD, 0, NULL), EFAULT);
	CHECK_ERR(mount(BAD, DIR, "tmpfs", 0, NULL), EFAULT);
	CHECK_ERR(mount("t", DIR, "tmpfs", 0, BAD), EFAULT);
	CHECK_ERR(umount(BAD), EFAULT);

	/* targets, types, options */
	CHECK_ERR(mount("t", "mnt_errors.none", "tmpfs", 0, NULL), ENOENT);
	CHECK_ERR(mount("t", "mnt_errors.none/x", "tmpfs", 0, NULL), ENOENT);
	CHECK_ERR(mount("t", "mnt_errors.file/x", "tmpfs", 0, NULL), ENOTDIR);
	CHECK_ERR(mount("t", "mnt_errors.file", "tmpfs", 0, NULL), ENOTDIR);
	CHECK_ERR(mount("t", DIR, NULL, 0, NULL), EINVAL);
	CHECK_ERR(mount("t", DIR, "nosuchfs", 0, NULL), ENODEV);
	CHECK_ERR(mount("t", DIR, "", 0, NULL), ENODEV);
	CHECK_ERR(mount("t", DIR, "tmpfs", 0, "size=abc"), EINVAL);
	CHECK_ERR(mount("t", DIR, "tmpfs", 0, "mode=9"), EINVAL);
	CHECK_ERR(mount("t", DIR, "tmpfs", 0, "bogus"), EINVAL);
	CHECK_ERR(mount("t", DIR, "tmpfs", 0, "nr_inodes=-1"), EINVAL);
	CHECK_ERR(mount("p", DIR, "proc", 0, "bogus=1"), EINVAL);
	CHECK_ERR(mount("t", DIR, "tmpfs", MS_PRIVATE | MS_SHARED, NULL), EINVAL);
	CHECK_ERR(mount("t", DIR, "tmpfs", MS_PRIVATE, NULL), EINVAL);	/* not a mount */
	CHECK_ERR(mount("t", DIR, "tmpfs", 1UL << 31 /* MS_NOUSER */, NULL), EINVAL);
	CHECK_ERR(mount("mnt_errors.none", DIR, NULL, MS_BIND, NULL), ENOENT);
	CHECK_ERR(mount(DIR, DIR, NULL, MS_MOVE, NULL), EINVAL);	/* not a mount */
	CHECK_ERR(mount(NULL, DIR, NULL, MS_REMOUNT, NULL), EINVAL);
	CHECK_ERR(mount(NULL, DIR, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), EINVAL);

	/* empty options and generic ones are fine: "ro" makes it read-only */
	CHECK(mount(NULL, DIR, "tmpfs", MS_MGC_VAL, ",,size=1m,ro,") == 0);
	CHECK(statfs(DIR, &sf) == 0);
	CHECK_EQ(sf.f_flags & ST_RDONLY, ST_RDONLY);
	CHECK_EQ(sf.f_blocks, 256);
	CHECK(mount(NULL, DIR, NULL, MS_PRIVATE, NULL) == 0);
	CHECK(mount(NULL, DIR, NULL, MS_SLAVE | MS_REC, NULL) == 0);
	CHECK_ERR(mount(NULL, DIR, NULL, MS_SLAVE | MS_NOSUID, NULL), EINVAL);

	/* umount2 */
	CHECK_ERR(umount2(DIR, 0x100), EINVAL);
	CHECK_ERR(umount2(DIR, MNT_EXPIRE | MNT_DETACH), EINVAL);
	CHECK_ERR(umount("mnt_errors.none"), ENOENT);
	CHECK_ERR(umount("mnt_errors.file"), EINVAL);
	CHECK(mkdir("mnt_errors.sub", 0755) == 0);
	CHECK_ERR(umount("mnt_errors.sub"), EINVAL);
	CHECK(rmdir("mnt_errors.sub") == 0);
	CHECK_ERR(umount2("mnt_errors.link", UMOUNT_NOFOLLOW), EINVAL);
	CHECK_ERR(umount2(DIR, MNT_EXPIRE), EAGAIN);
	CHECK(umount2("mnt_errors.link", 0) == 0);
	CHECK_ERR(umount(DIR), EINVAL);

	unlink("mnt_errors.link");
	unlink("mnt_errors.file");
	CHECK(rmdir(DIR) == 0);
	return report();
}
