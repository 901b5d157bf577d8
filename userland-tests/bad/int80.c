/*
 * A 32-bit system call from 64-bit code must never be taken as a 64-bit
 * one. getpid through int $0x80 (i386 number 20) either runs as getpid, on
 * a kernel with IA32 emulation, or faults with SIGSEGV, on a kernel built
 * or booted without it (umk has no 32-bit ABI, so it always faults). A
 * misreading as 64-bit syscall 20, writev, would fail with -EBADF.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static sigjmp_buf back;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	siglongjmp(back, si->si_code == SI_KERNEL ? 1 : 2);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	long r;
	int how;

	sigaction(SIGSEGV, &sa, NULL);
	how = sigsetjmp(back, 1);
	if (how == 1) {
		printf("ok\n");	/* no IA32 emulation: #GP */
		return 0;
	}
	if (how == 2) {
		printf("SIGSEGV with the wrong si_code\n");
		return 1;
	}
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L), "b"(-1L) : "memory");
	if (r != getpid()) {
		printf("int $0x80 getpid answered %ld\n", r);
		return 1;
	}
	printf("ok\n");
	return 0;
}
