/*
 * arch_prctl(ARCH_SET_FS / ARCH_SET_GS) takes any base below Linux's
 * TASK_SIZE_MAX (0x7ffffffff000), even just under it, and reads back the
 * same with ARCH_GET_FS / ARCH_GET_GS; at or above it, and for
 * non-canonical or kernel addresses, EPERM. An unknown code is EINVAL and
 * a bad result pointer EFAULT. The fs base is libc's thread pointer, so it
 * is set, read and restored in one stretch of raw syscalls.
 */
#include "guest.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static long raw_arch_prctl(long code, unsigned long arg)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"((long)SYS_arch_prctl), "D"(code), "S"(arg)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Set the fs base to v, read it back into *got, restore: the set's result. */
static long try_fs(unsigned long v, unsigned long *got)
{
	unsigned long saved = 0;
	long ret;

	*got = 0;
	if (raw_arch_prctl(ARCH_GET_FS, (unsigned long)&saved))
		return -1000;
	ret = raw_arch_prctl(ARCH_SET_FS, v);
	raw_arch_prctl(ARCH_GET_FS, (unsigned long)got);
	raw_arch_prctl(ARCH_SET_FS, saved);
	return ret;
}

static long try_gs(unsigned long v, unsigned long *got)
{
	long ret = raw_arch_prctl(ARCH_SET_GS, v);

	*got = 0;
	raw_arch_prctl(ARCH_GET_GS, (unsigned long)got);
	return ret;
}

int main(void)
{
	static const unsigned long ok[] = {
		0x10000, 0x7fff12345000, 0x7fffff000000, 0x7fffff001234, 0x7ffffffff000 - 1,
	};
	static const unsigned long bad[] = {
		0x7ffffffff000, 0x800000000000, 0xffff800000000000, ~0UL,
	};
	unsigned long got, fs0 = 0;
	unsigned i;

	CHECK_EQ(raw_arch_prctl(ARCH_GET_FS, (unsigned long)&fs0), 0);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CHECK_EQ(try_fs(ok[i], &got), 0);
		CHECK(got == ok[i]);
		CHECK_EQ(try_gs(ok[i], &got), 0);
		CHECK(got == ok[i]);
	}
	CHECK_EQ(try_gs(0, &got), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* refused, and the old base stays */
		CHECK_EQ(try_fs(bad[i], &got), -EPERM);
		CHECK(got == fs0);
		CHECK_EQ(try_gs(bad[i], &got), -EPERM);
		CHECK(got == 0);
	}
	CHECK_EQ(raw_arch_prctl(ARCH_GET_FS, 0), -EFAULT);
	CHECK_EQ(raw_arch_prctl(ARCH_GET_GS, 1), -EFAULT);
	CHECK_EQ(raw_arch_prctl(0x1fff, 0), -EINVAL);
	CHECK_EQ(raw_arch_prctl(ARCH_GET_FS, (unsigned long)&got), 0);
	CHECK(got == fs0);
	return report();
}
