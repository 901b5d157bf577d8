/*
 * disk_files DIR: create 10,000 small files (100 bytes each) in a new
 * directory under DIR, then delete them all and the directory; total ns.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define NFILES 10000

int main(int argc, char **argv)
{
	static const char data[100] = "small file";
	char dir[4096], path[4200];
	long long t0;

	if (argc != 2)
		return 2;
	snprintf(dir, sizeof(dir), "%s/files", argv[1]);
	t0 = now_ns();
	if (mkdir(dir, 0755)) {
		perror(dir);
		return 1;
	}
	for (int i = 0; i < NFILES; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%05d", dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0 || write(fd, data, sizeof(data)) != sizeof(data) || close(fd)) {
			perror(path);
			return 1;
		}
	}
	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/f%05d", dir, i);
		if (unlink(path)) {
			perror(path);
			return 1;
		}
	}
	if (rmdir(dir)) {
		perror(dir);
		return 1;
	}
	sync();
	printf("disk_files %lld\n", now_ns() - t0);
	return 0;
}
