/*
 * touch_64m: first touch of 64 MiB of fresh anonymous memory, one write per
 * 4 KiB page; total ns for the touching loop.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

#define SIZE (64UL << 20)

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	volatile unsigned char *p;
	long long t0, t1;
	unsigned long i;

	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	t0 = now_ns();
	for (i = 0; i < SIZE; i += 4096)
		p[i] = (unsigned char)i + 1;
	t1 = now_ns();
	munmap((void *)p, SIZE);
	printf("touch_64m %lld\n", t1 - t0);
	return 0;
}
