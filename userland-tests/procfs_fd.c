/*
 * /proc/self/fd and fdinfo: readlink names a file by path (" (deleted)"
 * once unlinked), a pipe as pipe:[ino], an eventfd as anon_inode:[eventfd];
 * opening /proc/self/fd/N opens the same file anew (its own offset), even
 * a deleted file or a pipe; fdinfo shows pos and flags; the listing shows
 * exactly the open fds; a closed fd is ENOENT.
 */
#include "guest.h"
#include <dirent.h>
#include <limits.h>
#include <sys/eventfd.h>

static char link_buf[PATH_MAX];

static const char *fd_link(int fd)
{
	char path[64];
	long n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link_buf, sizeof(link_buf) - 1);
	link_buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? link_buf : "(error)";
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

static int reopen(int fd, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, flags);
}

int main(void)
{
	char buf[256], want[64], path[64];
	struct stat st;
	int fd, fd2, p[2], efd, nfd, listed = 0, flags;
	long pos;
	DIR *d;
	struct dirent *e;

	fd = open("procfs_fd.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "hello world", 11), 11);
	CHECK(fd_link(fd)[0] == '/');
	CHECK(ends_with(fd_link(fd), "/procfs_fd.tmp"));

	/* reopening: the same file, a new offset */
	fd2 = reopen(fd, O_RDONLY);
	CHECK(fd2 >= 0);
	CHECK_EQ(read(fd2, buf, 5), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 11);
	close(fd2);

	/* deleted: still reachable */
	CHECK(unlink("procfs_fd.tmp") == 0);
	CHECK(ends_with(fd_link(fd), "/procfs_fd.tmp (deleted)"));
	fd2 = reopen(fd, O_RDONLY);
	CHECK(fd2 >= 0);
	CHECK_EQ(pread(fd2, buf, 5, 6), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	close(fd2);

	/* a pipe: by name, and a new end through the link */
	CHECK(pipe(p) == 0);
	CHECK(fstat(p[0], &st) == 0);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	CHECK_STR(fd_link(p[0]), want);
	CHECK_STR(fd_link(p[1]), want);
	fd2 = reopen(p[1], O_WRONLY);
	CHECK(fd2 >= 0);
	CHECK_EQ(write(fd2, "via proc", 8), 8);
	close(fd2);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 8);
	CHECK(memcmp(buf, "via proc", 8) == 0);

	/* an eventfd, /dev/null */
	efd = eventfd(0, EFD_CLOEXEC);
	CHECK(efd >= 0);
	CHECK_STR(fd_link(efd), "anon_inode:[eventfd]");
	nfd = open("/dev/null", O_WRONLY | O_APPEND);
	CHECK_STR(fd_link(nfd), "/dev/null");

	/* fdinfo */
	CHECK_EQ(lseek(fd, 3, SEEK_SET), 3);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	fd2 = open(path, O_RDONLY);
	CHECK(fd2 >= 0);
	buf[read(fd2, buf, sizeof(buf) - 1)] = '\0';
	close(fd2);
	CHECK(sscanf(buf, "pos:\t%ld\nflags:\t%o", &pos, &flags) == 2);
	CHECK_EQ(pos, 3);
	CHECK_EQ(flags & (O_ACCMODE | O_CLOEXEC | O_APPEND), O_RDWR);
	CHECK(strstr(buf, "\nmnt_id:\t") != NULL);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", efd);
	fd2 = open(path, O_RDONLY);
	CHECK(fd2 >= 0);
	buf[read(fd2, buf, sizeof(buf) - 1)] = '\0';
	close(fd2);
	CHECK(sscanf(buf, "pos:\t%ld\nflags:\t%o", &pos, &flags) == 2);
	CHECK_EQ(flags & (O_CLOEXEC | O_NONBLOCK), O_CLOEXEC);

	/* the listing: every one of ours, as symlinks */
	d = opendir("/proc/self/fd");
	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		int n = atoi(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		if (n == fd || n == p[0] || n == p[1] || n == efd || n == nfd) {
			listed++;
			CHECK_EQ(e->d_type, DT_LNK);
		}
	}
	if (d)
		closedir(d);
	CHECK_EQ(listed, 5);

	close(nfd);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", nfd);
	CHECK_ERR(readlink(path, buf, sizeof(buf)), ENOENT);
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", nfd);
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	close(fd);
	close(p[0]);
	close(p[1]);
	close(efd);
	return report();
}
