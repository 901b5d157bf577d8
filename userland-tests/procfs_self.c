/*
 * /proc/self and the files of one's own process directory: the self
 * links, comm, cmdline, environ, stat, status, statm, exe, cwd, root and
 * task/, checked against what the test knows of itself.
 * umk-test: args=one 'two words' ""
 */
#include "guest.h"
#include <dirent.h>
#include <limits.h>

extern char **environ;

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

/* The value of "Key:\t..." in status text, or NULL. */
static const char *status_val(const char *text, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			const char *v = p + klen + 1, *e;

			while (*v == '\t' || *v == ' ')
				v++;
			e = strchr(v, '\n');
			snprintf(out, size, "%.*s", (int)(e ? e - v : (long)strlen(v)), v);
			return out;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	char link[PATH_MAX], want[PATH_MAX], val[256], comm[64], state;
	int pid, ppid, pgrp, sid, fields = 0;
	long n, size, resident;
	DIR *d;
	struct dirent *e;
	int entries = 0;

	(void)argc;
	/* the self links */
	n = readlink("/proc/self", link, sizeof(link) - 1);
	CHECK(n > 0);
	link[n > 0 ? n : 0] = '\0';
	CHECK_EQ(atoi(link), getpid());
	n = readlink("/proc/thread-self", link, sizeof(link) - 1);
	CHECK(n > 0);
	link[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d/task/%d", getpid(), (int)syscall(SYS_gettid));
	CHECK_STR(link, want);

	/* comm and cmdline */
	CHECK(slurp("/proc/self/comm", buf, sizeof(buf)) > 0);
	printf("comm: %s", buf);
	n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	CHECK(n > 0);
	CHECK_STR(buf, argv[0]);
	printf("cmdline args:");
	for (char *p = buf + strlen(buf) + 1; p < buf + n; p += strlen(p) + 1)
		printf(" [%s]", p);
	printf("\n");
	CHECK_EQ(buf[n - 1], '\0');

	/* environ: what we were started with */
	n = slurp("/proc/self/environ", buf, sizeof(buf));
	CHECK(n >= 0);
	if (environ[0])
		CHECK_STR(buf, environ[0]);

	/* stat */
	CHECK(slurp("/proc/self/stat", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%d (%63[^)]) %c %d %d %d", &pid, comm, &state, &ppid, &pgrp, &sid) == 6);
	CHECK_EQ(pid, getpid());
	CHECK_EQ(ppid, getppid());
	CHECK_EQ(pgrp, getpgrp());
	CHECK_EQ(sid, getsid(0));
	printf("stat: (%s) %c\n", comm, state);
	for (char *p = strrchr(buf, ')'); p && *p; p++)
		if (*p == ' ')
			fields++;
	printf("stat fields: %d\n", fields + 1);
	CHECK(strtok(strrchr(buf, ')') + 2, " ") != NULL);
	for (int i = 4; i < 20; i++)
		strtok(NULL, " ");
	CHECK_STR(strtok(NULL, " "), "1");	/* num_threads, field 20 */

	/* status */
	CHECK(slurp("/proc/self/status", buf, sizeof(buf)) > 0);
	CHECK_STR(status_val(buf, "Name", val, sizeof(val)), "procfs_self");
	CHECK_STR(status_val(buf, "State", val, sizeof(val)), "R (running)");
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK_STR(status_val(buf, "Tgid", val, sizeof(val)), want);
	CHECK_STR(status_val(buf, "Pid", val, sizeof(val)), want);
	snprintf(want, sizeof(want), "%d", getppid());
	CHECK_STR(status_val(buf, "PPid", val, sizeof(val)), want);
	snprintf(want, sizeof(want), "%d\t%d\t%d\t%d", getuid(), geteuid(), geteuid(), geteuid());
	CHECK_STR(status_val(buf, "Uid", val, sizeof(val)), want);
	CHECK_STR(status_val(buf, "Threads", val, sizeof(val)), "1");
	CHECK(status_val(buf, "VmRSS", val, sizeof(val)) != NULL);
	CHECK(strstr(val, " kB") != NULL);
	CHECK(status_val(buf, "SigBlk", val, sizeof(val)) != NULL);
	CHECK_EQ(strlen(val), 16);

	/* statm: seven numbers, resident within size */
	CHECK(slurp("/proc/self/statm", buf, sizeof(buf)) > 0);
	n = 0;
	for (char *p = buf; *p; p++)
		n += *p == ' ';
	CHECK_EQ(n, 6);
	CHECK(sscanf(buf, "%ld %ld", &size, &resident) == 2);
	CHECK(resident > 0 && resident <= size);

	/* exe, cwd, root */
	n = readlink("/proc/self/exe", link, sizeof(link) - 1);
	CHECK(n > 0);
	link[n > 0 ? n : 0] = '\0';
	CHECK(realpath(argv[0], want) != NULL);
	CHECK_STR(link, want);
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK(getcwd(want, sizeof(want)) != NULL);
	CHECK_STR(link, want);
	n = readlink("/proc/self/root", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK_STR(link, "/");

	/* task/: just this thread */
	d = opendir("/proc/self/task");
	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		entries++;
		CHECK_EQ(atoi(e->d_name), (int)syscall(SYS_gettid));
		CHECK_EQ(e->d_type, DT_DIR);
	}
	if (d)
		closedir(d);
	CHECK_EQ(entries, 1);
	snprintf(want, sizeof(want), "/proc/self/task/%d/comm", (int)syscall(SYS_gettid));
	CHECK(slurp(want, buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "procfs_self\n");

	/* not there */
	CHECK_ERR(open("/proc/self/nosuch", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/0/stat", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/01/stat", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/self/stat", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(mkdir("/proc/self/x", 0755), ENOENT);
	return report();
}
