/*
 * disk_seq_read DIR: read DIR/seq (written by disk_seq_write) in 1 MiB
 * reads; total ns. In the guest it runs right after boot, so the file is
 * cold in the guest's page cache.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "bench.h"

#define CHUNK (1 << 20)

int main(int argc, char **argv)
{
	static char buf[CHUNK];
	char path[4096];
	long long t0, total = 0;
	long n;
	int fd;

	if (argc != 2)
		return 2;
	snprintf(path, sizeof(path), "%s/seq", argv[1]);
	t0 = now_ns();
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	while ((n = read(fd, buf, CHUNK)) > 0)
		total += n;
	close(fd);
	if (n < 0 || total != (256 << 20)) {
		fprintf(stderr, "read %lld bytes\n", total);
		return 1;
	}
	printf("disk_seq_read %lld\n", now_ns() - t0);
	return 0;
}
