/*
 * mprotect changes what the kernel may do with user memory, observed
 * without faulting: a read-only page cannot be read() into (EFAULT), a
 * PROT_NONE page cannot be written from (EFAULT); restoring PROT_READ|WRITE
 * keeps the data; errors: unaligned EINVAL, unmapped ENOMEM, bad bits EINVAL.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL
#define F "mprotect.tmp"

int main(void)
{
	unsigned char *p;
	int zfd, fd;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	zfd = MUST(open("/dev/zero", O_RDONLY));
	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	memset(p, 0x5a, 3 * PG);

	CHECK_EQ(mprotect(p, PG, PROT_READ), 0);
	CHECK_EQ(p[0], 0x5a);
	CHECK_ERR(read(zfd, p, 8), EFAULT);
	CHECK_EQ(p[0], 0x5a);
	/* The kernel may still read it. */
	CHECK_EQ(write(fd, p, 8), 8);

	CHECK_EQ(mprotect(p + PG, PG, PROT_NONE), 0);
	CHECK_ERR(write(fd, p + PG, 8), EFAULT);
	CHECK_ERR(read(zfd, p + PG, 8), EFAULT);
	CHECK_ERR(open((char *)p + PG, O_RDONLY), EFAULT);

	/* Page 2 was not touched by either call. */
	CHECK_EQ(read(zfd, p + 2 * PG, 8), 8);
	CHECK_EQ(p[2 * PG], 0);
	CHECK_EQ(p[2 * PG + 8], 0x5a);

	/* Restore everything; the data survived. */
	CHECK_EQ(mprotect(p, 3 * PG, PROT_READ | PROT_WRITE), 0);
	CHECK_EQ(p[PG], 0x5a);
	CHECK_EQ(p[2 * PG - 1], 0x5a);
	CHECK_EQ(read(zfd, p, 8), 8);
	CHECK_EQ(p[0], 0);
	CHECK_EQ(write(fd, p + PG, 8), 8);

	CHECK_EQ(mprotect(p, 0, PROT_READ), 0);
	/* Raw: musl rounds the start down to a page. */
	CHECK_ERR(syscall(SYS_mprotect, p + 1, PG, PROT_READ), EINVAL);
	CHECK_ERR(mprotect(p, PG, 0x1000), EINVAL);
	CHECK_EQ(munmap(p + PG, PG), 0);
	CHECK_ERR(mprotect(p, 3 * PG, PROT_READ), ENOMEM);
	CHECK_ERR(mprotect(p + PG, PG, PROT_READ), ENOMEM);
	CHECK_EQ(mprotect(p + 2 * PG, PG, PROT_READ), 0);
	CHECK_EQ(munmap(p, 3 * PG), 0);

	CHECK_EQ(close(zfd), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
