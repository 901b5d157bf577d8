/*
 * getcwd follows chdir and fchdir; ".." climbs back; chdir to a file is
 * ENOTDIR and to a missing path ENOENT; getcwd with a too-small buffer is
 * ERANGE. The starting directory differs natively and in the guest, so
 * paths are checked relative to it.
 */
#include "guest.h"

#define D "cwd_chdir.d"

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

int main(void)
{
	char start[4096], buf[4096];
	struct stat st1, st2;
	int fd;

	rmdir(D "/a/b");
	rmdir(D "/a");
	unlink(D "/f");
	rmdir(D);
	MUST(getcwd(start, sizeof(start)) ? 0 : -1);
	CHECK(start[0] == '/');
	MUST(mkdir(D, 0755));
	MUST(mkdir(D "/a", 0755));
	MUST(mkdir(D "/a/b", 0755));
	MUST(close(MUST(open(D "/f", O_WRONLY | O_CREAT, 0644))));

	CHECK_EQ(chdir(D "/a/b"), 0);
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK(ends_with(buf, "/" D "/a/b"));
	CHECK_EQ(strlen(buf), strlen(start) + (start[1] ? 1 : 0) + strlen(D "/a/b"));

	CHECK_EQ(chdir(".."), 0);
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK(ends_with(buf, "/" D "/a"));
	CHECK_EQ(chdir("../.."), 0);
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK_STR(buf, start);

	/* Raw getcwd returns the length including the NUL. */
	CHECK_EQ(syscall(SYS_getcwd, buf, sizeof(buf)), strlen(start) + 1);
	CHECK_ERR(syscall(SYS_getcwd, buf, 1), ERANGE);
	CHECK_ERR(syscall(SYS_getcwd, buf, strlen(start)), ERANGE);
	CHECK_ERR(syscall(SYS_getcwd, buf, 0), ERANGE);

	CHECK_ERR(chdir(D "/f"), ENOTDIR);
	CHECK_ERR(chdir(D "/missing"), ENOENT);
	CHECK_ERR(chdir(""), ENOENT);
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK_STR(buf, start);

	/* fchdir via an fd. */
	fd = open(D "/a", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_EQ(fchdir(fd), 0);
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK(ends_with(buf, "/" D "/a"));
	CHECK_EQ(stat(".", &st1), 0);
	CHECK_EQ(fstat(fd, &st2), 0);
	CHECK_EQ(st1.st_ino, st2.st_ino);
	CHECK_EQ(close(fd), 0);
	/* Relative opens now resolve from the new cwd. */
	fd = open("b", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(chdir(start), 0);

	fd = open(D "/f", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(fchdir(fd), ENOTDIR);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(fchdir(-1), EBADF);

	/* "/.." is "/". */
	CHECK_EQ(stat("/..", &st1), 0);
	CHECK_EQ(stat("/", &st2), 0);
	CHECK_EQ(st1.st_ino, st2.st_ino);

	CHECK_EQ(rmdir(D "/a/b"), 0);
	CHECK_EQ(rmdir(D "/a"), 0);
	CHECK_EQ(unlink(D "/f"), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
