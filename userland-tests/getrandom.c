/*
 * getrandom fills the whole buffer with bytes that look random (every byte
 * value shows up in 64 KiB; two reads differ), accepts GRND_NONBLOCK,
 * GRND_RANDOM and GRND_INSECURE alone, and rejects unknown flags and
 * GRND_RANDOM|GRND_INSECURE with EINVAL. Raw syscalls throughout.
 */
#include "guest.h"

#define GRND_NONBLOCK_ 0x1
#define GRND_RANDOM_ 0x2
#define GRND_INSECURE_ 0x4

static long sys_getrandom(void *buf, size_t n, unsigned flags)
{
	return syscall(SYS_getrandom, buf, n, flags);
}

int main(void)
{
	static unsigned char big[65536];
	unsigned char a[64], b[64];
	int seen[256] = { 0 };
	long i, missing = 0;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	CHECK_EQ(sys_getrandom(a, sizeof(a), 0), sizeof(a));
	CHECK_EQ(sys_getrandom(b, sizeof(b), GRND_NONBLOCK_), sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);

	CHECK_EQ(sys_getrandom(big, sizeof(big), 0), sizeof(big));
	for (i = 0; i < (long)sizeof(big); i++)
		seen[big[i]] = 1;
	for (i = 0; i < 256; i++)
		missing += !seen[i];
	CHECK_EQ(missing, 0);

	CHECK(sys_getrandom(a, sizeof(a), GRND_RANDOM_) > 0);
	CHECK(sys_getrandom(a, sizeof(a), GRND_RANDOM_ | GRND_NONBLOCK_) > 0);
	CHECK_EQ(sys_getrandom(a, sizeof(a), GRND_INSECURE_), sizeof(a));
	CHECK_EQ(sys_getrandom(a, 0, 0), 0);

	CHECK_ERR(sys_getrandom(a, sizeof(a), 0x100), EINVAL);
	CHECK_ERR(sys_getrandom(a, sizeof(a), GRND_RANDOM_ | GRND_INSECURE_), EINVAL);
	CHECK_ERR(sys_getrandom(a, sizeof(a), 0x80000000U), EINVAL);
	return report();
}
