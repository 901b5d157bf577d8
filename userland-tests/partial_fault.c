/*
 * A transfer that runs off the end of mapped memory moves the bytes before
 * the hole and returns that short count, rather than EFAULT (which is only
 * for a transfer that moves nothing).
 */
#include "guest.h"
#include <sys/mman.h>

#define F "partial_fault.tmp"
#define PG 4096UL

int main(void)
{
	static char data[3 * PG];
	unsigned char *p;
	unsigned long i, bad;
	struct stat st;
	int fd, zfd;

	unlink(F);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i % 251);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, data, sizeof(data)));
	zfd = MUST(open("/dev/zero", O_RDONLY));
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	MUST(munmap(p + PG, PG));
	memset(p, 0x11, PG);

	/* read() from a file into [mapped 100 bytes | hole]. */
	CHECK_EQ(pread(fd, p + PG - 100, 1000, 0), 100);
	bad = 0;
	for (i = 0; i < 100; i++)
		bad += p[PG - 100 + i] != (unsigned char)(i % 251);
	CHECK_EQ(bad, 0);
	CHECK_EQ(p[PG - 101], 0x11);

	/* read() from /dev/zero the same way. */
	CHECK_EQ(read(zfd, p + PG - 64, 4096), 64);
	CHECK_EQ(p[PG - 1], 0);
	CHECK_EQ(p[PG - 65], 35); /* from the pread above */

	/* write() to a file from a whole page that runs into the hole. */
	memset(p, 'w', PG);
	CHECK_EQ(pwrite(fd, p, 2 * PG, 0), PG);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, sizeof(data));
	memset(data, 0, sizeof(data));
	CHECK_EQ(pread(fd, data, sizeof(data), 0), sizeof(data));
	CHECK_EQ(data[0], 'w');
	CHECK_EQ(data[PG - 1], 'w');
	CHECK_EQ(data[PG], (char)(PG % 251));

	/* A transfer starting in the hole moves nothing: EFAULT. */
	CHECK_ERR(pwrite(fd, p + PG, 10, 0), EFAULT);
	CHECK_ERR(read(zfd, p + PG, 10), EFAULT);

	CHECK_EQ(munmap(p, PG), 0);
	CHECK_EQ(close(zfd), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
