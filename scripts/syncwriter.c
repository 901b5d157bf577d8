/*
 * syncwriter DIR N: for scripts/test-disk's crash test. Creates DIR/f0 ..
 * DIR/f<N-1> empty and makes the directory durable (fsync), prints
 * "created"; then writes each file's contents with a synchronous write and
 * nothing else: O_SYNC for i % 3 == 0, O_DSYNC for 1, pwritev2 with
 * RWF_DSYNC for 2. After each it prints "written i", after the last
 * "done", and then it sleeps a minute, so that nothing but those writes
 * (no exit, no sync) makes them durable. A write that returned is durable
 * on Linux, so every file reported written must survive a kill -9 of the
 * kernel.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef RWF_DSYNC
#define RWF_DSYNC 0x2
#endif

/* The contents of file i: its number, then a pattern, 20000 bytes. */
static void contents(int i, char *buf, size_t len)
{
	int n = snprintf(buf, len, "file %d\n", i);

	for (size_t k = (size_t)n; k < len; k++)
		buf[k] = (char)('a' + (k * 7 + (size_t)i) % 26);
}

int main(int argc, char **argv)
{
	static char buf[20000];
	char path[4096];
	int n, fd;

	if (argc != 3)
		return 2;
	n = atoi(argv[2]);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", argv[1], i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || close(fd))
			return 1;
	}
	fd = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fsync(fd) || close(fd))
		return 1;
	printf("created\n");
	fflush(stdout);
	for (int i = 0; i < n; i++) {
		struct iovec v = { buf, sizeof(buf) };
		int flags = i % 3 == 0 ? O_SYNC : i % 3 == 1 ? O_DSYNC : 0;
		long w;

		contents(i, buf, sizeof(buf));
		snprintf(path, sizeof(path), "%s/f%d", argv[1], i);
		fd = open(path, O_WRONLY | flags);
		if (fd < 0)
			return 1;
		if (i % 3 == 2)
			w = syscall(SYS_pwritev2, fd, &v, 1, 0L, 0L, RWF_DSYNC);
		else
			w = write(fd, buf, sizeof(buf));
		if (w != (long)sizeof(buf) || close(fd))
			return 1;
		printf("written %d\n", i);
		fflush(stdout);
	}
	printf("done\n");
	fflush(stdout);
	sleep(60);
	return 0;
}
