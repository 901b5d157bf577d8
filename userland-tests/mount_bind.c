/*
 * Bind mounts (a directory, a file, MS_REC for what is mounted below),
 * MS_MOVE, and MS_REMOUNT|MS_BIND|MS_RDONLY making one view read-only
 * while the other stays writable.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>
#include <sys/statvfs.h>

#define SRC "mnt_bind.src"
#define DST "mnt_bind.dst"
#define MOV "mnt_bind.mov"

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
}

static void show(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	printf("%s: %s\n", path, n >= 0 ? buf : strerror(errno));
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	struct stat a, b;
	struct statvfs sv;

	CHECK(mkdir(SRC, 0755) == 0);
	CHECK(mkdir(DST, 0755) == 0);
	CHECK(mkdir(MOV, 0755) == 0);
	CHECK(mount("t", SRC, "tmpfs", 0, NULL) == 0);
	CHECK(mkdir(SRC "/sub", 0755) == 0);
	CHECK(mkdir(SRC "/sub/inner", 0755) == 0);
	put(SRC "/sub/file", "one");

	/* a subdirectory bound elsewhere: the same inodes */
	CHECK(mount(SRC "/sub", DST, NULL, MS_BIND, NULL) == 0);
	show(DST "/file");
	CHECK(stat(SRC "/sub/file", &a) == 0 && stat(DST "/file", &b) == 0);
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	put(DST "/new", "two");
	show(SRC "/sub/new");

	/* per-mount read-only: the bind is, the source is not */
	CHECK(mount(NULL, DST, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0);
	CHECK_ERR(open(DST "/x", O_WRONLY | O_CREAT, 0644), EROFS);
	CHECK_ERR(open(DST "/file", O_WRONLY), EROFS);
	CHECK(statvfs(DST, &sv) == 0);
	CHECK_EQ(sv.f_flag & ST_RDONLY, ST_RDONLY);
	CHECK(statvfs(SRC, &sv) == 0);
	CHECK_EQ(sv.f_flag & ST_RDONLY, 0);
	put(SRC "/sub/file", "three");
	show(DST "/file");
	CHECK(mount(NULL, DST, NULL, MS_REMOUNT | MS_BIND, NULL) == 0);
	put(DST "/file", "four");
	CHECK(umount(DST) == 0);
	CHECK_ERR(access(DST "/file", F_OK), ENOENT);

	/* a file bound on a file; a file on a directory is ENOTDIR */
	put("mnt_bind.f1", "file one");
	put("mnt_bind.f2", "file two");
	CHECK(mount("mnt_bind.f1", "mnt_bind.f2", NULL, MS_BIND, NULL) == 0);
	show("mnt_bind.f2");
	CHECK_ERR(mount("mnt_bind.f1", DST, NULL, MS_BIND, NULL), ENOTDIR);
	CHECK_ERR(mount(DST, "mnt_bind.f1", NULL, MS_BIND, NULL), ENOTDIR);
	CHECK(umount("mnt_bind.f2") == 0);
	show("mnt_bind.f2");

	/* MS_REC brings what is mounted below; without it, only the top */
	CHECK(mount("t2", SRC "/sub/inner", "tmpfs", 0, NULL) == 0);
	put(SRC "/sub/inner/deep", "deep");
	CHECK(mount(SRC, DST, NULL, MS_BIND, NULL) == 0);
	CHECK_ERR(access(DST "/sub/inner/deep", F_OK), ENOENT);
	CHECK(umount(DST) == 0);
	CHECK(mount(SRC, DST, NULL, MS_BIND | MS_REC, NULL) == 0);
	show(DST "/sub/inner/deep");
	CHECK_ERR(umount(DST), EBUSY);
	CHECK(umount2(DST, MNT_DETACH) == 0);

	/* MS_MOVE: the whole mount goes elsewhere, with what is below it */
	CHECK_ERR(mount(SRC, SRC "/sub/inner", NULL, MS_MOVE, NULL), ELOOP);
	CHECK(mount(SRC, MOV, NULL, MS_MOVE, NULL) == 0);
	CHECK_ERR(access(SRC "/sub", F_OK), ENOENT);
	show(MOV "/sub/inner/deep");
	CHECK(umount(MOV "/sub/inner") == 0);
	CHECK(umount(MOV) == 0);

	unlink("mnt_bind.f1");
	unlink("mnt_bind.f2");
	CHECK(rmdir(SRC) == 0 && rmdir(DST) == 0 && rmdir(MOV) == 0);
	return report();
}
