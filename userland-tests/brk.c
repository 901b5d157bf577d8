/*
 * brk: brk(0) reports the break; growing returns the new break and gives
 * zeroed, writable memory; shrinking and growing again gives fresh zeroes;
 * a request below the start or absurdly high fails by returning the
 * unchanged break. Raw syscalls: the libc wrapper hides the return value.
 */
#include "guest.h"

#define MIB (1024UL * 1024)

static uintptr_t sys_brk(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

int main(void)
{
	uintptr_t start, cur, i;
	unsigned char *p;
	unsigned long sum, nonzero;

	start = sys_brk(0);
	CHECK(start != 0);
	CHECK_EQ(start & 4095, 0);
	CHECK_EQ(sys_brk(0), start);

	CHECK_EQ(sys_brk(start + 4 * MIB), start + 4 * MIB);
	CHECK_EQ(sys_brk(0), start + 4 * MIB);
	p = (unsigned char *)start;
	nonzero = 0;
	for (i = 0; i < 4 * MIB; i++)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);
	for (i = 0; i < 4 * MIB; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	sum = 0;
	for (i = 0; i < 4 * MIB; i += 4093)
		sum += p[i];
	CHECK_EQ(sum, 130563);

	/* Shrink to one page and a bit; the tail is gone, the head stays. */
	CHECK_EQ(sys_brk(start + 4096 + 100), start + 4096 + 100);
	CHECK_EQ(sys_brk(0), start + 4096 + 100);
	CHECK_EQ(p[4095], (unsigned char)(4095 * 7 + 3));
	CHECK_EQ(p[4096 + 99], (unsigned char)((4096 + 99) * 7 + 3));
	/* The rest of the last partial page is still mapped. */
	CHECK_EQ(p[8191], (unsigned char)(8191 * 7 + 3));

	/* Growing again: pages beyond the old break come back zeroed. */
	CHECK_EQ(sys_brk(start + 2 * MIB), start + 2 * MIB);
	nonzero = 0;
	for (i = 8192; i < 2 * MIB; i++)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);

	/* Failures leave the break alone and return it. */
	cur = sys_brk(0);
	CHECK_EQ(sys_brk(start - 4096 * 1024), cur);
	CHECK_EQ(sys_brk(1), cur);
	CHECK_EQ(sys_brk(start + (1UL << 47)), cur);
	CHECK_EQ(sys_brk(0), cur);

	CHECK_EQ(sys_brk(start), start);
	CHECK_EQ(sys_brk(0), start);
	return report();
}
