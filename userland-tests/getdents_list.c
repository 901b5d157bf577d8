/*
 * getdents64 on a directory the test made returns exactly ".", "..", and
 * its entries, each once, with d_type set; a tiny buffer is EINVAL; a file
 * is ENOTDIR; a second pass after lseek(0) sees the same set.
 */
#include "guest.h"
#include <dirent.h>

#define D "getdents_list.d"

struct lx_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static const char *const names[] = { "alpha", "beta", "gamma", "sub" };
#define NNAMES 4

/* Reads all entries; returns a bitmask of which expected names were seen
 * (bit NNAMES for ".", NNAMES+1 for ".."), or -1 on any surprise;
 * *count is the number of entries and *sub_ino the d_ino of "sub". */
static long list_dir(int fd, int bufsize, int *count, uint64_t *sub_ino)
{
	char buf[4096];
	long seen = 0;
	int loops, i;
	long n, off;

	*count = 0;
	for (loops = 0; loops < 100; loops++) {
		n = syscall(SYS_getdents64, fd, buf, bufsize);
		if (n < 0)
			return -1;
		if (n == 0)
			return seen;
		for (off = 0; off < n;) {
			struct lx_dirent64 *d = (void *)(buf + off);
			int found = -1;

			if (d->d_reclen == 0 || d->d_reclen % 8)
				return -1;
			(*count)++;
			if (!strcmp(d->d_name, "."))
				found = NNAMES;
			else if (!strcmp(d->d_name, ".."))
				found = NNAMES + 1;
			for (i = 0; i < NNAMES; i++)
				if (!strcmp(d->d_name, names[i]))
					found = i;
			if (found < 0 || (seen & (1L << found)))
				return -1;
			if (found == 3 || found >= NNAMES) {
				if (d->d_type != DT_DIR)
					return -1;
			} else if (d->d_type != DT_REG) {
				return -1;
			}
			if (d->d_ino == 0)
				return -1;
			if (found == 3)
				*sub_ino = d->d_ino;
			seen |= 1L << found;
			off += d->d_reclen;
		}
	}
	return -1;
}

int main(void)
{
	char buf[64];
	struct stat st;
	uint64_t sub_ino = 0;
	int fd, i, count;
	long all = (1L << (NNAMES + 2)) - 1;

	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), D "/%s", names[i]);
		unlink(buf);
	}
	rmdir(D "/sub");
	rmdir(D);

	MUST(mkdir(D, 0755));
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), D "/%s", names[i]);
		MUST(close(MUST(open(buf, O_WRONLY | O_CREAT | O_EXCL, 0644))));
	}
	MUST(mkdir(D "/sub", 0755));

	fd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_EQ(list_dir(fd, 4096, &count, &sub_ino), all);
	CHECK_EQ(count, NNAMES + 2);
	/* At the end it keeps returning 0. */
	CHECK_EQ(syscall(SYS_getdents64, fd, buf, sizeof(buf)), 0);

	/* Rewind and read again, one small buffer at a time. */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(list_dir(fd, 40, &count, &sub_ino), all);
	CHECK_EQ(count, NNAMES + 2);

	/* The d_ino of "sub" matches stat. */
	CHECK_EQ(stat(D "/sub", &st), 0);
	CHECK_EQ(st.st_ino, sub_ino);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, 8), EINVAL);
	CHECK_EQ(close(fd), 0);

	fd = open(D "/alpha", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(syscall(SYS_getdents64, -1, buf, sizeof(buf)), EBADF);

	/* An emptied directory lists only "." and "..". */
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), D "/%s", names[i]);
		CHECK_EQ(unlink(buf), 0);
	}
	CHECK_EQ(rmdir(D "/sub"), 0);
	fd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_EQ(list_dir(fd, 4096, &count, &sub_ino), 3L << NNAMES);
	CHECK_EQ(count, 2);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
