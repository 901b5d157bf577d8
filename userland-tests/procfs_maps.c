/*
 * /proc/self/maps: a file mapping this test made shows its range, perms,
 * offset, device, inode and path (from column 74, as Linux pads it); an
 * anonymous one shows 00:00 0 and no name; the lines are in address order.
 */
#include "guest.h"
#include <sys/mman.h>
#include <sys/sysmacros.h>

static int find(const char *maps, unsigned long addr, char *line, size_t size)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), "%08lx-", addr);
	for (p = maps; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, strlen(key)) == 0) {
			const char *e = strchr(p, '\n');

			snprintf(line, size, "%.*s", (int)(e ? e - p : (long)strlen(p)), p);
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	static char maps[1 << 16], buf[8192];
	char line[512], perms[8], devs[16];
	unsigned long start, end, off, ino, prev = 0;
	struct stat st;
	int fd, n, total = 0, ordered = 1;
	char *f, *a;
	const char *path;

	fd = open("procfs_maps.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	memset(buf, 'm', sizeof(buf));
	CHECK_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK(fstat(fd, &st) == 0);
	f = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	CHECK(f != MAP_FAILED);
	a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_SHARED | MAP_ANONYMOUS,
		 -1, 0);
	CHECK(a != MAP_FAILED);
	unlink("procfs_maps.tmp");

	fd = open("/proc/self/maps", O_RDONLY);
	CHECK(fd >= 0);
	while ((n = (int)read(fd, maps + total, sizeof(maps) - 1 - (size_t)total)) > 0)
		total += n;
	maps[total] = '\0';
	close(fd);

	CHECK(find(maps, (unsigned long)f, line, sizeof(line)));
	CHECK(sscanf(line, "%lx-%lx %7s %lx %15s %lu", &start, &end, perms, &off, devs, &ino) == 6);
	CHECK_EQ(end - start, 4096);
	CHECK_STR(perms, "r--p");
	CHECK_EQ(off, 4096);
	snprintf(buf, sizeof(buf), "%02x:%02x", major(st.st_dev), minor(st.st_dev));
	CHECK_STR(devs, buf);
	CHECK_EQ(ino, st.st_ino);
	CHECK(strlen(line) > 73);
	path = line + 73;
	CHECK(line[72] == ' ' && path[0] == '/');
	CHECK(strstr(path, "/procfs_maps.tmp (deleted)") != NULL);

	CHECK(find(maps, (unsigned long)a, line, sizeof(line)));
	CHECK(sscanf(line, "%lx-%lx %7s %lx %15s %lu", &start, &end, perms, &off, devs, &ino) == 6);
	CHECK_EQ(end - start, 3 * 4096);
	CHECK_STR(perms, "rwxs");
	CHECK_EQ(off, 0);

	/* address order, and [stack] is there */
	for (const char *p = maps; *p; p = strchr(p, '\n') + 1) {
		if (sscanf(p, "%lx-%lx", &start, &end) != 2 || start < prev || end <= start)
			ordered = 0;
		prev = end;
		if (!strchr(p, '\n'))
			break;
	}
	CHECK(ordered);
	CHECK(strstr(maps, " [stack]\n") != NULL);
	return report();
}
