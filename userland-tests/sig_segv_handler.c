/*
 * Synchronous faults delivered to SA_SIGINFO handlers (sigaction(2),
 * "The siginfo_t argument"): reading an unmapped address is SIGSEGV with
 * si_addr that address and SEGV_MAPERR, writing a read-only page SEGV_ACCERR;
 * the context's RIP is the faulting instruction; a handler that fixes the
 * page with mprotect() and returns lets the instruction run again and
 * succeed; siglongjmp() out of a handler restores the mask. Integer division
 * by zero is SIGFPE FPE_INTDIV, ud2 SIGILL ILL_ILLOPN (si_addr at the
 * instruction), int3 SIGTRAP with RIP after it, and returning continues
 * there. A fault while its signal is blocked kills the process.
 */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

static sigjmp_buf env;
static volatile int hits, fix_page;
static volatile int got_signo, got_code, got_errno;
static void *volatile got_addr;
static volatile uintptr_t got_rip;
static char *volatile page;
static long pagesz;

extern const char segv_read_at[], segv_write_at[], fpe_div_at[], ill_at[],
	trap_after[];

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	hits++;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_errno = si->si_errno;
	got_addr = si->si_addr;
	got_rip = uc->uc_mcontext.gregs[REG_RIP];
	if (sig == SIGTRAP)
		return;
	if (fix_page) {
		mprotect(page, pagesz, PROT_READ | PROT_WRITE);
		return;
	}
	siglongjmp(env, 1);
}

__attribute__((noinline)) static int read_at(const char *p)
{
	int v;

	asm volatile(".globl segv_read_at\nsegv_read_at:\n\t"
		     "movzbl (%1), %0" : "=r"(v) : "r"(p) : "memory");
	return v;
}

__attribute__((noinline)) static void write_at(char *p)
{
	asm volatile(".globl segv_write_at\nsegv_write_at:\n\t"
		     "movb $42, (%0)" : : "r"(p) : "memory");
}

__attribute__((noinline)) static int divide(int a, int b)
{
	int q = a;

	asm volatile("cltd\n.globl fpe_div_at\nfpe_div_at:\n\t"
		     "idivl %1" : "+a"(q) : "r"(b) : "rdx", "cc");
	return q;
}

__attribute__((noinline)) static void undefined(void)
{
	asm volatile(".globl ill_at\nill_at:\n\tud2");
}

__attribute__((noinline)) static void breakpoint(void)
{
	asm volatile("int3\n.globl trap_after\ntrap_after:");
}

static void reset(void)
{
	hits = 0;
	got_signo = got_code = got_errno = -1;
	got_addr = NULL;
	got_rip = 0;
}

static int segv_blocked(void)
{
	sigset_t m;

	sigemptyset(&m);
	sigprocmask(SIG_BLOCK, NULL, &m);
	return sigismember(&m, SIGSEGV);
}

int main(void)
{
	struct sigaction sa;
	volatile int caught;
	int status;
	pid_t pid;
	char *gone;

	pagesz = sysconf(_SC_PAGESIZE);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGSEGV, &sa, NULL));
	MUST(sigaction(SIGFPE, &sa, NULL));
	MUST(sigaction(SIGILL, &sa, NULL));
	MUST(sigaction(SIGTRAP, &sa, NULL));

	/* Unmapped: SEGV_MAPERR at the exact address. */
	gone = (char *)MUST(mmap(NULL, pagesz, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	MUST(munmap(gone, pagesz));
	reset();
	caught = 0;
	if (sigsetjmp(env, 1) == 0)
		read_at(gone + 123);
	else
		caught = 1;
	CHECK_EQ(caught, 1);
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_signo, SIGSEGV);
	CHECK_EQ(got_code, SEGV_MAPERR);
	CHECK_EQ(got_errno, 0);
	CHECK_EQ((uintptr_t)got_addr, (uintptr_t)(gone + 123));
	CHECK_EQ(got_rip, (uintptr_t)segv_read_at);
	/* siglongjmp with a saved mask: SIGSEGV is no longer blocked. */
	CHECK_EQ(segv_blocked(), 0);

	/* Read-only page written: SEGV_ACCERR. */
	page = (char *)MUST(mmap(NULL, pagesz, PROT_READ,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	reset();
	caught = 0;
	if (sigsetjmp(env, 1) == 0)
		write_at(page + 7);
	else
		caught = 1;
	CHECK_EQ(caught, 1);
	CHECK_EQ(got_signo, SIGSEGV);
	CHECK_EQ(got_code, SEGV_ACCERR);
	CHECK_EQ((uintptr_t)got_addr, (uintptr_t)(page + 7));
	CHECK_EQ(got_rip, (uintptr_t)segv_write_at);
	CHECK_EQ(page[7], 0);
	CHECK_EQ(segv_blocked(), 0);

	/* PROT_NONE read: SEGV_ACCERR too. */
	MUST(mprotect(page, pagesz, PROT_NONE));
	reset();
	caught = 0;
	if (sigsetjmp(env, 1) == 0)
		read_at(page + 9);
	else
		caught = 1;
	CHECK_EQ(caught, 1);
	CHECK_EQ(got_code, SEGV_ACCERR);
	CHECK_EQ((uintptr_t)got_addr, (uintptr_t)(page + 9));

	/* The handler makes the page writable and returns: the write redone. */
	MUST(mprotect(page, pagesz, PROT_READ));
	reset();
	fix_page = 1;
	write_at(page + 100);
	fix_page = 0;
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_code, SEGV_ACCERR);
	CHECK_EQ(page[100], 42);
	CHECK_EQ(segv_blocked(), 0);
	MUST(munmap(page, pagesz));

	/* Integer division by zero. */
	reset();
	caught = 0;
	if (sigsetjmp(env, 1) == 0)
		divide(7, 0);
	else
		caught = 1;
	CHECK_EQ(caught, 1);
	CHECK_EQ(got_signo, SIGFPE);
	CHECK_EQ(got_code, FPE_INTDIV);
	CHECK_EQ((uintptr_t)got_addr, (uintptr_t)fpe_div_at);
	CHECK_EQ(got_rip, (uintptr_t)fpe_div_at);
	/* And from C with volatile operands. */
	reset();
	caught = 0;
	if (sigsetjmp(env, 1) == 0) {
		volatile int a = 5, b = 0;
		a = a / b;
	} else {
		caught = 1;
	}
	CHECK_EQ(caught, 1);
	CHECK_EQ(got_signo, SIGFPE);
	CHECK_EQ(got_code, FPE_INTDIV);

	/* ud2. */
	reset();
	caught = 0;
	if (sigsetjmp(env, 1) == 0)
		undefined();
	else
		caught = 1;
	CHECK_EQ(caught, 1);
	CHECK_EQ(got_signo, SIGILL);
	CHECK_EQ(got_code, ILL_ILLOPN);
	CHECK_EQ((uintptr_t)got_addr, (uintptr_t)ill_at);
	CHECK_EQ(got_rip, (uintptr_t)ill_at);

	/* int3: the handler returns and execution goes on after it. */
	reset();
	breakpoint();
	CHECK_EQ(hits, 1);
	CHECK_EQ(got_signo, SIGTRAP);
	CHECK_EQ(got_code, SI_KERNEL);
	CHECK_EQ(got_rip, (uintptr_t)trap_after);

	/* Default action, in a child: killed by SIGSEGV. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
		signal(SIGSEGV, SIG_DFL);
		read_at(gone);
		_exit(0);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);

	/* Fault while SIGSEGV is blocked: killed despite the handler. */
	pid = MUST(fork());
	if (pid == 0) {
		sigset_t m;

		setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
		sigemptyset(&m);
		sigaddset(&m, SIGSEGV);
		sigprocmask(SIG_BLOCK, &m, NULL);
		read_at(gone);
		_exit(0);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);

	/* Fault while SIGSEGV is ignored: killed as well. */
	pid = MUST(fork());
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
		signal(SIGSEGV, SIG_IGN);
		read_at(gone);
		_exit(0);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	return report();
}
