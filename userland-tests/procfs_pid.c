/*
 * Another process's directory: /proc lists it, its stat shows it sleeping
 * with us as parent, then a zombie; once reaped, opening its files is
 * ENOENT and reading one opened before is ESRCH, and /proc no longer
 * lists it.
 */
#include "guest.h"
#include <dirent.h>
#include <sys/wait.h>

static char state_of(const char *path)
{
	char buf[512], comm[64], st = '?';
	int fd = open(path, O_RDONLY), pid, ppid;
	long n;

	if (fd < 0)
		return '!';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	if (sscanf(buf, "%d (%63[^)]) %c %d", &pid, comm, &st, &ppid) != 4)
		return '?';
	if (ppid != getpid() || strcmp(comm, "procfs_pid") != 0)
		return '#';
	return st;
}

static int listed(pid_t pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		if (atoi(e->d_name) == pid && e->d_type == DT_DIR)
			found++;
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	char path[64], buf[64];
	int go[2], ready[2], fd, dfd, status;
	pid_t pid;

	CHECK(pipe(go) == 0 && pipe(ready) == 0);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		write(ready[1], "r", 1);
		read(go[0], buf, 1);	/* sleeps until the parent says go */
		_exit(3);
	}
	CHECK_EQ(read(ready[0], buf, 1), 1);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	/* the child is blocked in read by now, or about to be */
	for (int i = 0; i < 200 && state_of(path) == 'R'; i++)
		usleep(10000);
	printf("running child: %c\n", state_of(path));
	CHECK_EQ(listed(pid), 1);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	snprintf(buf, sizeof(buf), "/proc/%d", pid);
	dfd = open(buf, O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);

	/* a zombie is still there */
	close(go[1]);
	CHECK(waitid(P_PID, pid, NULL, WEXITED | WNOWAIT) == 0);
	printf("zombie: %c\n", state_of(path));
	CHECK_EQ(listed(pid), 1);

	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK_EQ(WEXITSTATUS(status), 3);
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	CHECK_ERR(pread(fd, buf, sizeof(buf), 0), ESRCH);
	CHECK_ERR(openat(dfd, "status", O_RDONLY), ESRCH);
	CHECK_EQ(listed(pid), 0);
	close(fd);
	close(dfd);
	return report();
}
