/*
 * clone without CLONE_VM but with a stack argument the child cannot use:
 * a non-canonical address (2^47) and an unmapped one. The parent gets a
 * pid; the child dies of SIGSEGV as soon as it touches its stack (or, for
 * the non-canonical one, on its way back to user mode), and the parent
 * reaps it. A regression test: umk once looped forever resuming such a
 * child.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

static long raw_clone(unsigned long flags, unsigned long stack)
{
	long ret;
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;

	/* The child must not run C code on a bad stack: it pushes at once. */
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "push %%rax\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "D"(flags), "S"(stack), "d"(0), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	static const unsigned long stacks[] = { 0x800000000000UL, 0x10000000000UL };
	int status;

	for (unsigned i = 0; i < 2; i++) {
		long pid = raw_clone(SIGCHLD, stacks[i]);

		CHECK(pid > 0);
		if (pid <= 0)
			continue;
		CHECK_EQ(waitpid((pid_t)pid, &status, 0), pid);
		CHECK(WIFSIGNALED(status));
		CHECK_EQ(WTERMSIG(status), SIGSEGV);
	}
	return report();
}
