/*
 * mount of a disk file system (ext2) with sources that are not a block
 * device: a regular file or a character device is ENOTBLK, a missing one
 * ENOENT, none at all EINVAL; the target is checked first.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>

#define DIR "mnt_blkdev.d"

int main(void)
{
	int fd;

	CHECK(mkdir(DIR, 0755) == 0);
	fd = open("mnt_blkdev.img", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERR(mount("mnt_blkdev.img", DIR, "ext2", 0, NULL), ENOTBLK);
	CHECK_ERR(mount("/dev/null", DIR, "ext2", MS_RDONLY, NULL), ENOTBLK);
	CHECK_ERR(mount("mnt_blkdev.none", DIR, "ext2", 0, NULL), ENOENT);
	CHECK_ERR(mount(NULL, DIR, "ext2", 0, NULL), EINVAL);
	CHECK_ERR(mount("/dev/null", "mnt_blkdev.none", "ext2", 0, NULL), ENOENT);
	unlink("mnt_blkdev.img");
	CHECK(rmdir(DIR) == 0);
	return report();
}
