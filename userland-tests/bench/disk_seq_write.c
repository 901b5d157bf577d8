/*
 * disk_seq_write DIR: write 256 MiB to DIR/seq in 1 MiB writes, fsync,
 * close; total ns. (run-bench runs it on the guest's disk and on the host
 * file system that holds the image.)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define CHUNK (1 << 20)
#define TOTAL (256 << 20)

int main(int argc, char **argv)
{
	static char buf[CHUNK];
	char path[4096];
	long long t0;
	int fd;

	if (argc != 2)
		return 2;
	snprintf(path, sizeof(path), "%s/seq", argv[1]);
	memset(buf, 'u', sizeof(buf));
	unlink(path);
	t0 = now_ns();
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	for (long done = 0; done < TOTAL; done += CHUNK) {
		if (write(fd, buf, CHUNK) != CHUNK) {
			perror("write");
			return 1;
		}
	}
	if (fsync(fd) || close(fd)) {
		perror("fsync");
		return 1;
	}
	printf("disk_seq_write %lld\n", now_ns() - t0);
	return 0;
}
