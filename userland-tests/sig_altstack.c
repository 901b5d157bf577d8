/*
 * sigaltstack(2): a handler installed with SA_ONSTACK runs on the alternate
 * stack (a local's address lies inside it) and a query from there reports
 * SS_ONSTACK; changing the stack while on it is EPERM; a size below
 * MINSIGSTKSZ is ENOMEM, unknown flags EINVAL; a handler without SA_ONSTACK,
 * or with the stack disabled (SS_DISABLE), runs on the normal stack; a
 * nested SA_ONSTACK handler stays on the alternate stack, below the first.
 * A SIGSEGV from a bad stack pointer can only be handled on the alternate
 * stack: with one the handler runs, without one the process is killed.
 */
#include "guest.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define ALT_SIZE (64 * 1024)

static char *alt;
static volatile uintptr_t local_at, nested_at;
static volatile int query_flags, query_ok, change_err, hits;
static volatile int nest;

static int on_alt(uintptr_t a)
{
	return a >= (uintptr_t)alt && a < (uintptr_t)alt + ALT_SIZE;
}

static void nested_handler(int sig)
{
	volatile char here = 0;

	(void)sig;
	nested_at = (uintptr_t)&here;
}

static void handler(int sig)
{
	volatile char here = 0;
	stack_t q, n;

	(void)sig;
	hits++;
	local_at = (uintptr_t)&here;
	memset(&q, 0, sizeof(q));
	query_ok = sigaltstack(NULL, &q) == 0 && q.ss_sp == alt &&
		   q.ss_size == ALT_SIZE;
	query_flags = q.ss_flags;
	n.ss_sp = alt;
	n.ss_size = ALT_SIZE;
	n.ss_flags = 0;
	errno = 0;
	change_err = sigaltstack(&n, NULL) == -1 ? errno : 0;
	if (nest)
		raise(SIGUSR2);
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(sig, &sa, NULL));
}

static void reset(void)
{
	local_at = nested_at = 0;
	query_flags = query_ok = change_err = -1;
	hits = nest = 0;
}

/* Child: SIGSEGV with %rsp pointing at a PROT_NONE page. */
static void segv_handler(int sig)
{
	volatile char here = 0;

	(void)sig;
	_exit(on_alt((uintptr_t)&here) ? 0 : 3);
}

static int bad_stack_child(int with_alt)
{
	char *bad;

	bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bad == MAP_FAILED)
		return 4;
	if (!with_alt) {
		stack_t d = { .ss_flags = SS_DISABLE };
		sigaltstack(&d, NULL);
	}
	install(SIGSEGV, segv_handler, SA_ONSTACK);
	setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
	asm volatile("mov %0, %%rsp\n\tpushq $1" : : "r"(bad + 2048)
		     : "memory");
	return 5; /* not reached: the handler _exits */
}

int main(void)
{
	stack_t ss, old;
	int status;
	pid_t pid;

	alt = malloc(ALT_SIZE);
	MUST(alt ? 0 : -1);

	/* Initially disabled. */
	memset(&old, 0, sizeof(old));
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK_EQ(old.ss_flags, SS_DISABLE);

	/* Errors. */
	ss.ss_sp = alt;
	ss.ss_size = MINSIGSTKSZ - 1;
	ss.ss_flags = 0;
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0x1000;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = SS_ONSTACK | SS_DISABLE;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK_EQ(old.ss_flags, SS_DISABLE);

	/* Set it up and read it back. */
	ss.ss_flags = 0;
	CHECK_EQ(sigaltstack(&ss, &old), 0);
	CHECK_EQ(old.ss_flags, SS_DISABLE);
	memset(&old, 0, sizeof(old));
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK(old.ss_sp == alt);
	CHECK_EQ(old.ss_size, ALT_SIZE);
	CHECK_EQ(old.ss_flags, 0);

	/* SA_ONSTACK: on it, SS_ONSTACK, EPERM to change. */
	install(SIGUSR1, handler, SA_ONSTACK);
	reset();
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(on_alt(local_at), 1);
	CHECK_EQ(query_ok, 1);
	CHECK_EQ(query_flags, SS_ONSTACK);
	CHECK_EQ(change_err, EPERM);
	/* Back off it. */
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK_EQ(old.ss_flags, 0);
	CHECK(old.ss_sp == alt);

	/* Nested: a second SA_ONSTACK handler deeper on the same stack. */
	install(SIGUSR2, nested_handler, SA_ONSTACK);
	reset();
	nest = 1;
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(on_alt(local_at), 1);
	CHECK_EQ(on_alt(nested_at), 1);
	CHECK(nested_at < local_at);

	/* Without SA_ONSTACK: the normal stack, flags 0 inside. */
	install(SIGUSR1, handler, 0);
	reset();
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(on_alt(local_at), 0);
	CHECK_EQ(query_flags, 0);
	CHECK_EQ(change_err, 0);

	/* Disabled: SA_ONSTACK handlers run on the normal stack. */
	ss.ss_flags = SS_DISABLE;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK_EQ(old.ss_flags, SS_DISABLE);
	install(SIGUSR1, handler, SA_ONSTACK);
	reset();
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(on_alt(local_at), 0);
	CHECK_EQ(query_flags, SS_DISABLE);
	/* (the handler re-enabled it: sigaltstack works off the stack) */
	CHECK_EQ(change_err, 0);
	ss.ss_flags = SS_DISABLE;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);

	/* A bad stack pointer: the alternate stack saves the day. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		ss.ss_flags = 0;
		if (sigaltstack(&ss, NULL) != 0)
			_exit(6);
		_exit(bad_stack_child(1));
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);

	/* Without one the frame cannot be written: killed by SIGSEGV. */
	pid = MUST(fork());
	if (pid == 0)
		_exit(bad_stack_child(0));
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);

	free(alt);
	return report();
}
