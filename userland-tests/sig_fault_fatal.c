/*
 * Synchronous faults that are not caught (signal(7), mmap(2)): touching
 * a page of a file mapping wholly past the end of the file is SIGBUS with
 * BUS_ADRERR and si_addr that address; a SIGSEGV, SIGFPE or SIGILL that is
 * ignored or blocked still kills the process with that signal; a handled
 * one is delivered to the faulting thread only.
 */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(env, 1);
}

/* Status of a child that runs fault() with sig ignored (how 0) or blocked (1). */
static int child_status(int sig, int how, void (*fault)(void))
{
	int status;
	pid_t pid = MUST(fork());

	if (pid == 0) {
		if (how == 0) {
			signal(sig, SIG_IGN);
		} else {
			sigset_t s;

			sigemptyset(&s);
			sigaddset(&s, sig);
			sigprocmask(SIG_BLOCK, &s, NULL);
		}
		fault();
		_exit(0);
	}
	MUST(waitpid(pid, &status, 0));
	return WIFSIGNALED(status) ? WTERMSIG(status) : -1;
}

static int *volatile bad = (int *)8;
static void segv(void) { *bad = 1; }
static void fpe(void)
{
	__asm__ volatile("xor %%ecx, %%ecx; mov $1, %%eax; cltd; idivl %%ecx" ::: "eax", "ecx", "edx");
}
static void ill(void) { __asm__ volatile("ud2"); }

int main(void)
{
	struct sigaction sa;
	char *p;
	int fd;

	fd = MUST(open("sig_fault_fatal.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600));
	MUST(write(fd, "x", 1));
	p = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	MUST(sigaction(SIGBUS, &sa, NULL));
	CHECK_EQ(p[0], 'x');
	if (sigsetjmp(env, 1) == 0) {
		(void)*(volatile char *)(p + 4096);
		CHECK(0);
	}
	CHECK_EQ(got_sig, SIGBUS);
	CHECK_EQ(got_code, BUS_ADRERR);
	CHECK(got_addr == p + 4096);
	munmap(p, 8192);
	close(fd);
	unlink("sig_fault_fatal.tmp");

	CHECK_EQ(child_status(SIGSEGV, 0, segv), SIGSEGV);
	CHECK_EQ(child_status(SIGSEGV, 1, segv), SIGSEGV);
	CHECK_EQ(child_status(SIGFPE, 0, fpe), SIGFPE);
	CHECK_EQ(child_status(SIGFPE, 1, fpe), SIGFPE);
	CHECK_EQ(child_status(SIGILL, 0, ill), SIGILL);
	CHECK_EQ(child_status(SIGILL, 1, ill), SIGILL);
	return report();
}
