/*
 * madvise(MADV_DONTNEED) drops private pages: anonymous ones read back as
 * zero, file-backed ones as the file's data again. Advice that is only a
 * hint returns 0; bad advice or alignment is EINVAL; an unmapped range is
 * ENOMEM.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL
#define F "madvise.tmp"

int main(void)
{
	unsigned char *p, *f;
	int fd;

	unlink(F);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	memset(p, 0xab, 4 * PG);
	CHECK_EQ(madvise(p + PG, 2 * PG, MADV_DONTNEED), 0);
	CHECK_EQ(p[0], 0xab);
	CHECK_EQ(p[PG], 0);
	CHECK_EQ(p[3 * PG - 1], 0);
	CHECK_EQ(p[3 * PG], 0xab);
	p[PG] = 1;
	CHECK_EQ(p[PG], 1);

	CHECK_EQ(madvise(p, 4 * PG, MADV_NORMAL), 0);
	CHECK_EQ(madvise(p, 4 * PG, MADV_WILLNEED), 0);
	CHECK_EQ(madvise(p, 4 * PG, MADV_SEQUENTIAL), 0);
	CHECK_EQ(madvise(p, 4 * PG, MADV_RANDOM), 0);
	CHECK_EQ(madvise(p, 0, MADV_DONTNEED), 0);
	CHECK_EQ(p[0], 0xab);
	CHECK_ERR(madvise(p + 1, PG, MADV_DONTNEED), EINVAL);
	CHECK_ERR(madvise(p, PG, 12345), EINVAL);
	CHECK_EQ(munmap(p + 2 * PG, PG), 0);
	CHECK_ERR(madvise(p, 4 * PG, MADV_DONTNEED), ENOMEM);
	CHECK_ERR(madvise(p + 2 * PG, PG, MADV_NORMAL), ENOMEM);
	CHECK_EQ(munmap(p, 4 * PG), 0);

	/* File-backed private pages revert to the file. */
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "file contents", 13));
	f = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	if (f != MAP_FAILED) {
		memcpy(f, "FILE", 4);
		CHECK(memcmp(f, "FILE contents", 13) == 0);
		CHECK_EQ(madvise(f, PG, MADV_DONTNEED), 0);
		CHECK(memcmp(f, "file contents", 13) == 0);
		CHECK_EQ(munmap(f, PG), 0);
	}
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
