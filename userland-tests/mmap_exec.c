/*
 * Code written into an anonymous mapping runs after mprotect(PROT_READ |
 * PROT_EXEC), and runs again after being rewritten and re-protected.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL

int main(void)
{
	/* mov $imm32, %eax; ret */
	unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };
	unsigned char *p;
	int (*fn)(void);

	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	memcpy(p + 64, code, sizeof(code));
	CHECK_EQ(mprotect(p, PG, PROT_READ | PROT_EXEC), 0);
	fn = (int (*)(void))(p + 64);
	CHECK_EQ(fn(), 42);

	CHECK_EQ(mprotect(p, PG, PROT_READ | PROT_WRITE), 0);
	p[65] = 7;
	CHECK_EQ(mprotect(p, PG, PROT_READ | PROT_EXEC), 0);
	CHECK_EQ(fn(), 7);

	/* A fresh RWX mapping runs too. */
	CHECK_EQ(munmap(p, PG), 0);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		memcpy(p, code, sizeof(code));
		p[1] = 99;
		fn = (int (*)(void))p;
		CHECK_EQ(fn(), 99);
		CHECK_EQ(munmap(p, PG), 0);
	}
	return report();
}
