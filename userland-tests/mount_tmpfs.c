/*
 * mount -t tmpfs with size=, nr_inodes= and mode=: the root's mode, a new
 * st_dev, statfs numbers and flags, the line in /proc/self/mounts, the
 * size limit (a short write, then ENOSPC) and the inode limit (ENOSPC).
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#define DIR "mnt_tmpfs.d"

/* The fields of our mount's line in /proc/self/mounts, minus the mount point. */
static void print_mount_line(void)
{
	char line[512], src[128], mp[256], type[32], opts[200];
	FILE *f = fopen("/proc/self/mounts", "r");
	int found = 0;

	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%127s %255s %31s %199s", src, mp, type, opts) != 4)
			continue;
		size_t n = strlen(mp);
		if (n >= strlen(DIR) && strcmp(mp + n - strlen(DIR), DIR) == 0) {
			printf("mounts: %s %s %s\n", src, type, opts);
			found++;
		}
	}
	if (f)
		fclose(f);
	CHECK_EQ(found, 1);
}

int main(void)
{
	struct stat st, parent;
	struct statfs sf;
	struct statvfs sv;
	static char buf[100 * 1024];
	int fd, n;

	CHECK(mkdir(DIR, 0755) == 0);
	CHECK(stat(".", &parent) == 0);
	CHECK(mount("scratch", DIR, "tmpfs", 0, "size=64k,nr_inodes=10,mode=0710") == 0);
	CHECK(stat(DIR, &st) == 0);
	CHECK_EQ(st.st_mode, S_IFDIR | 0710);
	CHECK(st.st_dev != parent.st_dev);
	CHECK(statfs(DIR, &sf) == 0);
	CHECK_EQ(sf.f_type, 0x01021994);
	CHECK_EQ(sf.f_bsize, 4096);
	CHECK_EQ(sf.f_blocks, 16);
	CHECK_EQ(sf.f_bfree, 16);
	CHECK_EQ(sf.f_files, 10);
	CHECK_EQ(sf.f_ffree, 9);
	CHECK_EQ(sf.f_namelen, 255);
	CHECK_EQ(sf.f_flags, ST_RELATIME | 0x20 /* ST_VALID */);
	CHECK(statvfs(DIR, &sv) == 0);
	CHECK_EQ(sv.f_flag & (ST_RDONLY | ST_NOSUID | ST_NODEV | ST_NOEXEC), 0);
	print_mount_line();

	/* 100 KiB into 64 KiB: a short write, then ENOSPC */
	fd = open(DIR "/big", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(write(fd, buf, sizeof(buf)), 64 * 1024);
	CHECK_ERR(write(fd, buf, 1), ENOSPC);
	CHECK(statfs(DIR, &sf) == 0);
	CHECK_EQ(sf.f_bfree, 0);
	close(fd);
	CHECK(unlink(DIR "/big") == 0);
	CHECK(statfs(DIR, &sf) == 0);
	CHECK_EQ(sf.f_bfree, 16);

	/* ten inodes, the root's included */
	for (n = 0; n < 20; n++) {
		char name[64];

		snprintf(name, sizeof(name), DIR "/f%d", n);
		fd = open(name, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			break;
		close(fd);
	}
	printf("files made: %d (%s)\n", n, strerror(errno));
	for (int i = 0; i < n; i++) {
		char name[64];

		snprintf(name, sizeof(name), DIR "/f%d", i);
		unlink(name);
	}
	CHECK(umount(DIR) == 0);
	CHECK(stat(DIR, &st) == 0);
	CHECK_EQ(st.st_dev, parent.st_dev);
	CHECK(rmdir(DIR) == 0);
	return report();
}
