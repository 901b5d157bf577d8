/*
 * A 32-bit system call from 64-bit code must not be taken as a 64-bit one:
 * getpid through int $0x80 (i386 number 20) answers -ENOSYS under umk.
 * Natively the host kernel carries it out (IA32 emulation), so this prints
 * whether the answer is either a pid or -ENOSYS, never a 64-bit misreading
 * (64-bit syscall 20 is writev, which would fail with -EBADF here).
 */
#include <stdio.h>

int main(void)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L), "b"(-1L) : "memory");
	if (r == -9) {
		printf("misread as a 64-bit syscall\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
