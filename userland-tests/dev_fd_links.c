/*
 * /dev/fd, /dev/stdin, /dev/stdout and /dev/stderr are symlinks into
 * /proc/self/fd, as on every Linux system: /dev/fd is a directory when
 * followed, /dev/fd/N opens what fd N is open on (anew, with its own
 * offset), and /dev/stdout writes where fd 1 goes.
 */
#include "guest.h"
#include <limits.h>

#define F "dev_fd_links.tmp"

static const char *link_of(const char *path)
{
	static char buf[PATH_MAX];
	long n = readlink(path, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

int main(void)
{
	struct stat st;
	char path[64], buf[16];
	int fd, fd2, p[2], saved;

	CHECK_STR(link_of("/dev/fd"), "/proc/self/fd");
	CHECK_STR(link_of("/dev/stdin"), "/proc/self/fd/0");
	CHECK_STR(link_of("/dev/stdout"), "/proc/self/fd/1");
	CHECK_STR(link_of("/dev/stderr"), "/proc/self/fd/2");
	CHECK_EQ(lstat("/dev/fd", &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(stat("/dev/fd", &st), 0);
	CHECK(S_ISDIR(st.st_mode));

	/* /dev/fd/N: the same file, a new open file description */
	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_TRUNC, 0600));
	CHECK_EQ(write(fd, "hello", 5), 5);
	snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	fd2 = open(path, O_RDONLY);
	CHECK(fd2 >= 0);
	CHECK_EQ(read(fd2, buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	close(fd2);
	snprintf(path, sizeof(path), "/dev/fd/%d/x", fd);
	CHECK_ERR(open(path, O_RDONLY), ENOTDIR);
	CHECK_ERR(open("/dev/fd/999", O_RDONLY), ENOENT);

	/* /dev/stdout while fd 1 is a pipe */
	MUST(pipe(p));
	saved = MUST(dup(1));
	MUST(dup2(p[1], 1));
	fd2 = open("/dev/stdout", O_WRONLY);
	MUST(dup2(saved, 1));
	close(saved);
	CHECK(fd2 >= 0);
	CHECK_EQ(write(fd2, "via", 3), 3);
	close(fd2);
	close(p[1]);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "via", 3) == 0);
	close(p[0]);

	close(fd);
	CHECK_EQ(unlink(F), 0);
	return report();
}
