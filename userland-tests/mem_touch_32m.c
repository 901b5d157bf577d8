/*
 * 32 MiB of fresh anonymous memory reads as zero, holds a written pattern
 * and gives back the checksum computed without memory.
 */
#include "guest.h"
#include <sys/mman.h>

#define SIZE (32UL << 20)

static uint64_t mix(uint64_t i)
{
	return i * 0x9e3779b97f4a7c15ULL ^ (i >> 7);
}

int main(void)
{
	uint64_t *p, sum = 0, want = 0, nonzero = 0;
	unsigned long i, n = SIZE / sizeof(uint64_t);

	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(p == MAP_FAILED ? -1 : 0);
	for (i = 0; i < n; i++)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);
	for (i = 0; i < n; i++)
		p[i] = mix(i);
	for (i = 0; i < n; i++) {
		sum += p[n - 1 - i] * (i | 1);
		want += mix(n - 1 - i) * (i | 1);
	}
	CHECK(sum == want);
	printf("checksum %016llx\n", (unsigned long long)sum);
	CHECK_EQ(munmap(p, SIZE), 0);
	return report();
}
