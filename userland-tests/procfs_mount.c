/*
 * mount -t proc on a directory of our own: its statfs type, the self link
 * and a file read through it, its line in mountinfo; options it does not
 * know are EINVAL; umount.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mount.h>
#include <sys/statfs.h>

#define DIR "procfs_mount.d"

int main(void)
{
	char buf[4096], want[32];
	struct statfs sf;
	int fd, found = 0;
	long n;
	FILE *f;

	CHECK(mkdir(DIR, 0755) == 0);
	CHECK_ERR(mount("proc", DIR, "proc", 0, "nosuchoption"), EINVAL);
	CHECK(mount("myproc", DIR, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0);
	CHECK(statfs(DIR, &sf) == 0);
	CHECK_EQ(sf.f_type, 0x9fa0);
	CHECK_EQ(sf.f_flags & (ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_RDONLY),
		 ST_NOSUID | ST_NODEV | ST_NOEXEC);
	n = readlink(DIR "/self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK_STR(buf, want);
	fd = open(DIR "/self/comm", O_RDONLY);
	CHECK(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK_STR(buf, "procfs_mount\n");
	close(fd);

	f = fopen(DIR "/self/mountinfo", "r");
	CHECK(f != NULL);
	while (f && fgets(buf, sizeof(buf), f)) {
		char *dash = strstr(buf, " - ");

		if (strstr(buf, "/" DIR " ") && dash) {
			printf("mountinfo tail:%s", dash);
			found++;
		}
	}
	if (f)
		fclose(f);
	CHECK_EQ(found, 1);
	CHECK(umount(DIR) == 0);
	CHECK(rmdir(DIR) == 0);
	return report();
}
