/*
 * Anonymous private mmap: page-aligned, zero-filled, writable memory;
 * MAP_FIXED places (and replaces) exactly; MAP_FIXED_NOREPLACE refuses to
 * replace; munmap of a middle page leaves the sides intact and makes the
 * hole unreadable to the kernel (EFAULT, not a crash); argument errors are
 * EINVAL.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int main(void)
{
	unsigned char *p, *q;
	unsigned long i, nonzero;
	int zfd;

	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return report();
	CHECK_EQ((uintptr_t)p & (PG - 1), 0);
	nonzero = 0;
	for (i = 0; i < 4 * PG; i++)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);
	for (i = 0; i < 4 * PG; i++)
		p[i] = (unsigned char)i;

	/* MAP_FIXED over page 1 replaces it with zeroes. */
	q = mmap(p + PG, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + PG);
	CHECK_EQ(p[PG], 0);
	CHECK_EQ(p[2 * PG - 1], 0);
	CHECK_EQ(p[PG - 1], 255);
	CHECK_EQ(p[2 * PG + 1], 1);

	/* MAP_FIXED_NOREPLACE over a live mapping is EEXIST. */
	q = mmap(p + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == MAP_FAILED && errno == EEXIST);
	CHECK_EQ(p[2 * PG + 1], 1);

	/* Punch a hole at page 2. */
	CHECK_EQ(munmap(p + 2 * PG, PG), 0);
	CHECK_EQ(p[PG - 1], 255);
	CHECK_EQ(p[3 * PG + 1], 1);
	zfd = open("/dev/zero", O_RDONLY);
	CHECK(zfd >= 0);
	CHECK_ERR(read(zfd, p + 2 * PG, 16), EFAULT);
	CHECK_EQ(read(zfd, p + 3 * PG, 16), 16);
	CHECK_EQ(p[3 * PG + 1], 0);
	/* Unmapping nothing succeeds. */
	CHECK_EQ(munmap(p + 2 * PG, PG), 0);

	/* MAP_FIXED_NOREPLACE into the hole works and is exact. */
	q = mmap(p + 2 * PG, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == p + 2 * PG);
	CHECK_EQ(p[2 * PG + 5], 0);
	p[2 * PG + 5] = 9;
	CHECK_EQ(read(zfd, p + 2 * PG, 4), 4);
	CHECK_EQ(p[2 * PG + 5], 9);

	/* Argument errors. */
	q = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	q = mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	q = mmap(p + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	CHECK_ERR(syscall(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1), EINVAL);
	CHECK_ERR(munmap(p + 1, PG), EINVAL);
	CHECK_ERR(munmap(p, 0), EINVAL);
	CHECK_ERR(syscall(SYS_munmap, -PG, 2 * PG), EINVAL);

	/* A large reservation is cheap and only touched pages matter. */
	q = mmap(NULL, 1UL << 30, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(q != MAP_FAILED);
	if (q != MAP_FAILED) {
		q[0] = 1;
		q[(1UL << 30) - 1] = 2;
		CHECK_EQ(q[0] + q[(1UL << 30) - 1], 3);
		CHECK_EQ(q[1UL << 29], 0);
		CHECK_EQ(munmap(q, 1UL << 30), 0);
	}

	CHECK_EQ(munmap(p, 4 * PG), 0);
	CHECK_ERR(read(zfd, p, 1), EFAULT);
	CHECK_EQ(close(zfd), 0);
	return report();
}
