/*
 * The system-wide files of /proc, by structure: meminfo's first lines,
 * uptime, loadavg, stat's cpu lines, filesystems, version and
 * /proc/sys/kernel agreeing with uname, /proc/mounts -> self/mounts, and
 * /proc listing this process.
 */
#include "guest.h"
#include <dirent.h>
#include <sys/utsname.h>

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n, total = 0;

	if (fd < 0)
		return -1;
	while (total < (long)size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	buf[total] = '\0';
	close(fd);
	return total;
}

int main(void)
{
	static char buf[65536];
	char key[64], unit[8], extra;
	unsigned long v1, v2, v3, v4, total = 0, free_kb = 0;
	int a, b, c, d, e, f, g, h, n, cpus = 0, self = 0;
	struct utsname u;
	DIR *dir;
	struct dirent *de;

	/* meminfo */
	CHECK(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
	n = 0;
	for (char *p = buf; p && *p && n < 3; p = strchr(p, '\n'), p = p ? p + 1 : NULL, n++) {
		CHECK(sscanf(p, "%63s %lu %7s", key, &v1, unit) == 3);
		printf("meminfo %s %s\n", key, unit);
		if (n == 0)
			total = v1;
		if (n == 1)
			free_kb = v1;
		CHECK_EQ(strchr(p, '\n') - p, 27);	/* "%-16s%8lu kB" */
	}
	CHECK(total > 0 && free_kb <= total);

	/* uptime and loadavg */
	CHECK(slurp("/proc/uptime", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%lu.%2lu %lu.%2lu%c", &v1, &v2, &v3, &v4, &extra) == 5 && extra == '\n');
	CHECK(slurp("/proc/loadavg", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%d.%d %d.%d %d.%d %d/%d %d%c", &a, &b, &c, &d, &e, &f, &g, &h, &n,
		     &extra) == 10 && extra == '\n');
	CHECK(g >= 1 && g <= h);

	/* stat: "cpu " then one line per CPU */
	CHECK(slurp("/proc/stat", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, "cpu  ", 5) == 0);
	for (char *p = strchr(buf, '\n') + 1; strncmp(p, "cpu", 3) == 0; p = strchr(p, '\n') + 1)
		cpus++;
	CHECK_EQ(cpus, sysconf(_SC_NPROCESSORS_ONLN));
	CHECK(strstr(buf, "\nbtime ") && strstr(buf, "\nprocesses ") && strstr(buf, "\nctxt "));

	/* filesystems */
	CHECK(slurp("/proc/filesystems", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "nodev\tproc\n") != NULL);
	CHECK(strstr(buf, "nodev\ttmpfs\n") != NULL);
	CHECK(strstr(buf, "nodev\tsysfs\n") != NULL);
	CHECK(strstr(buf, "nodev\tdevtmpfs\n") != NULL);

	/* uname agrees with version and /proc/sys/kernel */
	CHECK(uname(&u) == 0);
	CHECK(slurp("/proc/version", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, "Linux version ", 14) == 0);
	CHECK(strncmp(buf + 14, u.release, strlen(u.release)) == 0);
	CHECK(slurp("/proc/sys/kernel/ostype", buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "Linux\n");
	CHECK(slurp("/proc/sys/kernel/osrelease", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, u.release, strlen(u.release)) == 0 && buf[strlen(u.release)] == '\n');
	CHECK(slurp("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, u.nodename, strlen(u.nodename)) == 0);
	CHECK(slurp("/proc/sys/kernel/pid_max", buf, sizeof(buf)) > 0);
	CHECK(atol(buf) >= 32768);
	CHECK(slurp("/proc/sys/kernel/threads-max", buf, sizeof(buf)) > 0);
	CHECK(atol(buf) >= 20);
	CHECK(slurp("/proc/sys/vm/overcommit_memory", buf, sizeof(buf)) == 2);
	CHECK(buf[0] >= '0' && buf[0] <= '2');

	/* links and the listing */
	n = (int)readlink("/proc/mounts", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK_STR(buf, "self/mounts");
	dir = opendir("/proc");
	CHECK(dir != NULL);
	while (dir && (de = readdir(dir))) {
		if (atoi(de->d_name) == getpid())
			self++;
	}
	if (dir)
		closedir(dir);
	CHECK_EQ(self, 1);
	CHECK_ERR(open("/proc/meminfo", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_ERR(open("/proc/nosuch", O_RDONLY | O_CREAT, 0644), ENOENT);
	return report();
}
