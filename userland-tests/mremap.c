/*
 * mremap: shrinking stays in place; growing in place works when the next
 * pages are free and is ENOMEM when they are not, unless MREMAP_MAYMOVE,
 * which moves the data; MREMAP_FIXED moves to an exact address and the old
 * range is gone (EFAULT to the kernel); argument errors are EINVAL/EFAULT.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL

static unsigned long check_pattern(const unsigned char *p, unsigned long n,
				   unsigned char seed)
{
	unsigned long i, bad = 0;

	for (i = 0; i < n; i++)
		bad += p[i] != (unsigned char)(seed + i * 3);
	return bad;
}

static void fill(unsigned char *p, unsigned long n, unsigned char seed)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 3);
}

static void *map(void *addr, unsigned long len, int prot, int extra)
{
	return mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
}

int main(void)
{
	unsigned char *p, *q, *r;
	unsigned long bad, i;
	int zfd;

	zfd = MUST(open("/dev/zero", O_RDONLY));

	/* Grow in place into free space. */
	p = map(NULL, 4 * PG, PROT_READ | PROT_WRITE, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	MUST(munmap(p + 2 * PG, 2 * PG));
	fill(p, 2 * PG, 1);
	q = mremap(p, 2 * PG, 4 * PG, 0);
	CHECK(q == p);
	CHECK_EQ(check_pattern(p, 2 * PG, 1), 0);
	bad = 0;
	for (i = 2 * PG; i < 4 * PG; i++)
		bad += p[i] != 0;
	CHECK_EQ(bad, 0);

	/* Shrink in place; the tail is unmapped. */
	q = mremap(p, 4 * PG, PG, 0);
	CHECK(q == p);
	CHECK_EQ(check_pattern(p, PG, 1), 0);
	CHECK_ERR(read(zfd, p + PG, 1), EFAULT);
	CHECK_EQ(munmap(p, PG), 0);

	/* Blocked growth: ENOMEM without MAYMOVE, a move with it. */
	p = map(NULL, 3 * PG, PROT_READ | PROT_WRITE, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	MUST(mprotect(p + 2 * PG, PG, PROT_READ));
	fill(p, 2 * PG, 7);
	q = mremap(p, 2 * PG, 3 * PG, 0);
	CHECK(q == MAP_FAILED && errno == ENOMEM);
	CHECK_EQ(check_pattern(p, 2 * PG, 7), 0);
	q = mremap(p, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	if (q != MAP_FAILED) {
		CHECK(q != p);
		CHECK_EQ(check_pattern(q, 2 * PG, 7), 0);
		CHECK_EQ(q[64 * PG - 1], 0);
		q[64 * PG - 1] = 5;
		CHECK_ERR(read(zfd, p, 1), EFAULT);
		/* The blocker page is untouched. */
		CHECK_EQ(read(zfd, q, 1), 1);
		CHECK_EQ(munmap(q, 64 * PG), 0);
	}
	CHECK_EQ(munmap(p + 2 * PG, PG), 0);

	/* MREMAP_FIXED to a chosen address, replacing what was there. */
	p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, 0);
	r = map(NULL, 8 * PG, PROT_READ | PROT_WRITE, 0);
	MUST(p == MAP_FAILED || r == MAP_FAILED ? -1 : 0);
	fill(p, 2 * PG, 11);
	memset(r, 0x77, 8 * PG);
	q = mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, r + 4 * PG);
	CHECK(q == r + 4 * PG);
	CHECK_EQ(check_pattern(r + 4 * PG, 2 * PG, 11), 0);
	CHECK_EQ(r[4 * PG - 1], 0x77);
	CHECK_EQ(r[6 * PG], 0x77);
	CHECK_ERR(read(zfd, p, 1), EFAULT);
	CHECK_EQ(munmap(r, 8 * PG), 0);

	/* Errors. */
	p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	q = mremap(p + 1, PG, 2 * PG, MREMAP_MAYMOVE);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	q = mremap(p, PG, 0, MREMAP_MAYMOVE);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	q = mremap(p, PG, 2 * PG, 0x80);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	q = mremap(p, PG, PG, MREMAP_FIXED, p + 8 * PG);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	CHECK_EQ(munmap(p, 2 * PG), 0);
	q = mremap(p, PG, 2 * PG, MREMAP_MAYMOVE);
	CHECK(q == MAP_FAILED && errno == EFAULT);

	CHECK_EQ(close(zfd), 0);
	return report();
}
