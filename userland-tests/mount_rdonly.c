/*
 * A read-only mount refuses every write with EROFS (open for writing,
 * creat, O_TRUNC, mkdir, rmdir, unlink, rename, link, symlink, mknod,
 * chmod, chown, utimes, truncate, access W_OK) after the checks Linux
 * makes first (EEXIST); reads still work. Remounting read-only is EBUSY
 * while a file is open for writing, also when only a mapping of it is
 * left; remounting read-write undoes it.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/time.h>

#define DIR "mnt_rdonly.d"

int main(void)
{
	struct statvfs sv;
	char buf[8];
	void *map;
	int fd, rfd;

	CHECK(mkdir(DIR, 0755) == 0);
	CHECK(mount("t", DIR, "tmpfs", 0, NULL) == 0);
	CHECK(mkdir(DIR "/dir", 0755) == 0);
	fd = open(DIR "/file", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "data", 4), 4);

	/* a writer keeps it from going read-only, even through a mapping alone */
	CHECK_ERR(mount(NULL, DIR, NULL, MS_REMOUNT | MS_RDONLY, NULL), EBUSY);
	map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(map != MAP_FAILED);
	close(fd);
	CHECK_ERR(mount(NULL, DIR, NULL, MS_REMOUNT | MS_RDONLY, NULL), EBUSY);
	if (map != MAP_FAILED)
		CHECK_OK(munmap(map, 4096));
	CHECK(mount(NULL, DIR, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0);
	CHECK(statvfs(DIR, &sv) == 0);
	CHECK_EQ(sv.f_flag & ST_RDONLY, ST_RDONLY);

	CHECK_ERR(open(DIR "/file", O_WRONLY), EROFS);
	CHECK_ERR(open(DIR "/file", O_RDWR), EROFS);
	CHECK_ERR(open(DIR "/file", O_RDONLY | O_TRUNC), EROFS);
	CHECK_ERR(open(DIR "/new", O_WRONLY | O_CREAT, 0644), EROFS);
	CHECK_ERR(open(DIR "/file", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_ERR(creat(DIR "/new", 0644), EROFS);
	CHECK_ERR(mkdir(DIR "/newdir", 0755), EROFS);
	CHECK_ERR(mkdir(DIR "/dir", 0755), EEXIST);
	CHECK_ERR(rmdir(DIR "/dir"), EROFS);
	CHECK_ERR(unlink(DIR "/file"), EROFS);
	CHECK_ERR(unlink(DIR "/none"), EROFS);
	CHECK_ERR(rename(DIR "/file", DIR "/file2"), EROFS);
	CHECK_ERR(link(DIR "/file", DIR "/file2"), EROFS);
	CHECK_ERR(symlink("file", DIR "/sym"), EROFS);
	CHECK_ERR(mknod(DIR "/fifo", S_IFIFO | 0644, 0), EROFS);
	CHECK_ERR(chmod(DIR "/file", 0600), EROFS);
	CHECK_ERR(chown(DIR "/file", 1, 1), EROFS);
	CHECK_ERR(utimes(DIR "/file", NULL), EROFS);
	CHECK_ERR(utimensat(AT_FDCWD, DIR "/file", NULL, 0), EROFS);
	CHECK_ERR(truncate(DIR "/file", 0), EROFS);
	CHECK_ERR(access(DIR "/file", W_OK), EROFS);
	CHECK(access(DIR "/file", R_OK) == 0);

	rfd = open(DIR "/file", O_RDONLY | O_CREAT, 0644);
	CHECK(rfd >= 0);
	CHECK_EQ(read(rfd, buf, sizeof(buf)), 4);
	CHECK_ERR(fchmod(rfd, 0600), EROFS);
	CHECK_ERR(fchown(rfd, 1, 1), EROFS);
	CHECK_ERR(futimens(rfd, NULL), EROFS);
	CHECK_ERR(ftruncate(rfd, 0), EINVAL);
	close(rfd);

	CHECK(mount(NULL, DIR, NULL, MS_REMOUNT, NULL) == 0);
	CHECK(statvfs(DIR, &sv) == 0);
	CHECK_EQ(sv.f_flag & ST_RDONLY, 0);
	CHECK(unlink(DIR "/file") == 0);
	CHECK(rmdir(DIR "/dir") == 0);
	CHECK(umount(DIR) == 0);

	/* mounted read-only from the start */
	CHECK(mount("t", DIR, "tmpfs", MS_RDONLY, NULL) == 0);
	CHECK_ERR(mkdir(DIR "/x", 0755), EROFS);
	CHECK(umount(DIR) == 0);
	CHECK(rmdir(DIR) == 0);
	return report();
}
