/*
 * pivot_root(2)'s errors in Linux's order: ENOTDIR, ENOENT, EBUSY when the
 * new root or put_old lies on the current root's own mount, EFAULT. (A
 * successful pivot cannot be compared: natively "/" has a parent mount,
 * while the guest's initramfs root has none and Linux refuses it EINVAL.)
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>

#define DIR "pivot.d"

static int pivot(const char *new_root, const char *put_old)
{
	return (int)syscall(SYS_pivot_root, new_root, put_old);
}

int main(void)
{
	int fd;

	CHECK(mkdir(DIR, 0755) == 0);
	fd = open("pivot.marker", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERR(pivot("pivot.marker", DIR), ENOTDIR);
	CHECK_ERR(pivot("pivot.none", DIR), ENOENT);
	CHECK_ERR(pivot(DIR, DIR), EBUSY);	/* on the root's mount */
	CHECK_ERR(pivot((char *)8, DIR), EFAULT);
	CHECK(mount("newroot", DIR, "tmpfs", 0, NULL) == 0);
	CHECK(mkdir(DIR "/old", 0755) == 0);
	CHECK(mkdir("pivot.out", 0755) == 0);
	CHECK_ERR(pivot(DIR, "pivot.out"), EBUSY);	/* put_old on the root's mount */
	CHECK_ERR(pivot(DIR, (char *)8), EFAULT);
	CHECK(umount(DIR) == 0);
	CHECK(rmdir(DIR) == 0);

	unlink("pivot.marker");
	rmdir("pivot.out");
	return report();
}
