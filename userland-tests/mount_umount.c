/*
 * umount2(2): EBUSY while a file is open inside, a cwd is inside or a
 * mount sits below (MNT_FORCE changes nothing for tmpfs); MNT_DETACH takes
 * the tree away at once while open files keep working; stacked mounts
 * come off one at a time; a mount point cannot be removed or renamed.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>
#include <sys/statfs.h>

#define DIR "mnt_umount.d"

int main(void)
{
	struct stat st, parent;
	struct statfs sf;
	char buf[8];
	int fd;

	CHECK(mkdir(DIR, 0755) == 0);
	CHECK(stat(DIR, &parent) == 0);
	CHECK(mount("t1", DIR, "tmpfs", 0, NULL) == 0);

	/* an open file */
	fd = open(DIR "/f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_ERR(umount(DIR), EBUSY);
	CHECK_ERR(umount2(DIR, MNT_FORCE), EBUSY);
	close(fd);

	/* a cwd */
	CHECK(chdir(DIR) == 0);
	CHECK_ERR(umount("../" DIR), EBUSY);
	CHECK(chdir("..") == 0);

	/* a mount below, and a mount point is busy for rmdir and rename */
	CHECK(mkdir(DIR "/sub", 0755) == 0);
	CHECK(mount("t2", DIR "/sub", "tmpfs", 0, NULL) == 0);
	CHECK_ERR(umount(DIR), EBUSY);
	CHECK_ERR(rmdir(DIR "/sub"), EBUSY);
	CHECK_ERR(rename(DIR "/sub", DIR "/sub2"), EBUSY);
	CHECK(umount(DIR "/sub") == 0);
	CHECK(rmdir(DIR "/sub") == 0);

	/* stacked: the second hides the first until it goes */
	CHECK(mount("t3", DIR, "tmpfs", 0, NULL) == 0);
	CHECK_ERR(access(DIR "/f", F_OK), ENOENT);
	CHECK(umount(DIR) == 0);
	CHECK(access(DIR "/f", F_OK) == 0);

	/* MNT_DETACH: gone from the tree, the open file still works */
	fd = open(DIR "/f", O_RDWR);
	CHECK(fd >= 0);
	CHECK(mkdir(DIR "/sub", 0755) == 0);
	CHECK(mount("t4", DIR "/sub", "tmpfs", 0, NULL) == 0);
	CHECK(umount2(DIR, MNT_DETACH) == 0);
	CHECK(stat(DIR, &st) == 0);
	CHECK_EQ(st.st_dev, parent.st_dev);
	CHECK_ERR(access(DIR "/f", F_OK), ENOENT);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 3);
	CHECK_EQ(pwrite(fd, "defg", 4, 3), 4);
	CHECK(fstatfs(fd, &sf) == 0);
	CHECK_EQ(sf.f_type, 0x01021994);
	CHECK(fstat(fd, &st) == 0);
	CHECK_EQ(st.st_size, 7);
	close(fd);
	CHECK_ERR(umount(DIR), EINVAL);
	CHECK(rmdir(DIR) == 0);
	return report();
}
