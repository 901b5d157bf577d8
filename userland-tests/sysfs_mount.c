/*
 * mount -t sysfs on a directory of our own: its statfs type, the CPU
 * lists, /sys/dev/char/1:3 leading to the null device's "dev", the
 * directories tools expect; sysfs takes no options.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>
#include <sys/statfs.h>

#define DIR "sysfs_mount.d"

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return n;
}

int main(void)
{
	char buf[256], possible[64];
	struct statfs sf;
	struct stat st;
	int a, b;
	char end;

	CHECK(mkdir(DIR, 0755) == 0);
	CHECK_ERR(mount("sysfs", DIR, "sysfs", 0, "bogus"), EINVAL);
	CHECK(mount("sysfs", DIR, "sysfs", 0, NULL) == 0);
	CHECK(statfs(DIR, &sf) == 0);
	CHECK_EQ(sf.f_type, 0x62656572);

	CHECK(slurp(DIR "/devices/system/cpu/online", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%d%c", &a, &end) == 2);
	CHECK(end == '\n' || (end == '-' && sscanf(buf, "%d-%d%c", &a, &b, &end) == 3 &&
			      end == '\n' && b > a));
	CHECK(slurp(DIR "/devices/system/cpu/possible", possible, sizeof(possible)) > 0);
	CHECK(possible[0] == '0');

	CHECK(slurp(DIR "/dev/char/1:3/dev", buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "1:3\n");
	CHECK(slurp(DIR "/dev/char/1:3/uevent", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "DEVNAME=null\n") != NULL);
	CHECK(lstat(DIR "/dev/char/1:3", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat(DIR "/kernel", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat(DIR "/block", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat(DIR "/class", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat(DIR "/dev/block", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_ERR(open(DIR "/nosuch", O_RDONLY), ENOENT);
	CHECK(umount(DIR) == 0);
	CHECK(rmdir(DIR) == 0);
	return report();
}
