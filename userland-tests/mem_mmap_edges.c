/*
 * mmap, munmap, mprotect and mremap edge cases, errno for errno: EINVAL
 * for unaligned addresses, zero lengths and unknown flags; ENOMEM for
 * lengths beyond the address space and for mprotect/mremap of unmapped
 * ranges; EEXIST for MAP_FIXED_NOREPLACE over a mapping; munmap of a range
 * with nothing in it succeeds; a MAP_GROWSDOWN mapping grows when the page
 * below it is touched; mremap grows in place or moves with MREMAP_MAYMOVE
 * and keeps the contents.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL

int main(void)
{
	char *p, *q, *r, *area;

	/* mmap */
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED && errno == EINVAL);
	CHECK(mmap((void *)0x10001, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(mmap(NULL, 1UL << 47, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == ENOMEM);
	CHECK(mmap(NULL, -PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == ENOMEM);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF);

	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	CHECK(mmap(p + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED &&
	      errno == EEXIST);
	p[PG] = 5;
	q = mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + PG);
	CHECK_EQ(p[PG], 0);	/* MAP_FIXED replaced the page */

	/* munmap and mprotect */
	CHECK_ERR(munmap(p + 1, PG), EINVAL);
	CHECK_ERR(munmap(p, 0), EINVAL);
	CHECK_ERR(munmap((void *)(1UL << 47), PG), EINVAL);
	CHECK_ERR(syscall(SYS_mprotect, p + 1, PG, PROT_READ), EINVAL);	/* musl rounds down */
	CHECK_ERR(mprotect(p, PG, 0x100), EINVAL);
	CHECK_EQ(mprotect(p, 0, PROT_READ), 0);
	CHECK_EQ(munmap(p + 3 * PG, PG), 0);
	CHECK_EQ(munmap(p + 3 * PG, PG), 0);	/* nothing there: still 0 */
	CHECK_ERR(mprotect(p + 2 * PG, 2 * PG, PROT_READ), ENOMEM);	/* half unmapped */
	CHECK_ERR(madvise(p + 3 * PG, PG, MADV_DONTNEED), ENOMEM);
	CHECK_EQ(mprotect(p + 2 * PG, PG, PROT_READ | PROT_WRITE), 0);

	/* mremap */
	CHECK(mremap(p + 1, PG, 2 * PG, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(p, PG, 0, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(p, PG, PG, 0x80) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(p, PG, PG, MREMAP_FIXED, p + 8 * PG) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(p + 3 * PG, PG, 2 * PG, 0) == MAP_FAILED && errno == EFAULT);
	p[0] = 'a';
	p[2 * PG] = 'c';
	r = mremap(p, 3 * PG, 4 * PG, 0);	/* the page after is free: in place */
	CHECK(r == p);
	area = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = mremap(p, 4 * PG, 64 * PG, MREMAP_MAYMOVE);
	CHECK(r != MAP_FAILED);
	if (r != MAP_FAILED) {
		CHECK_EQ(r[0], 'a');
		CHECK_EQ(r[2 * PG], 'c');
		r[63 * PG] = 'z';
		CHECK_EQ(munmap(r, 64 * PG), 0);
	}
	munmap(area, PG);

	/* MAP_GROWSDOWN: a touch just below the mapping grows it. */
	area = mmap(NULL, 64 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(area == MAP_FAILED ? -1 : 0);
	MUST(munmap(area, 64 * PG));
	q = mmap(area + 60 * PG, 4 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
	CHECK(q == area + 60 * PG);
	if (q == area + 60 * PG) {
		q[-1] = 'g';	/* one byte below: the stack grows a page */
		CHECK_EQ(q[-1], 'g');
		CHECK_EQ(munmap(area, 64 * PG), 0);
	}
	return report();
}
