/*
 * Signal handlers (signal(7), sigaction(2)): a signal a process sends itself
 * with kill() is delivered before kill returns; an SA_SIGINFO handler sees
 * si_signo, si_code SI_USER (kill) or SI_TKILL (tgkill), the sender's pid and
 * uid; while a handler runs its own signal and its sa_mask are blocked and
 * the old mask comes back when it returns, so the same signal raised inside
 * the handler runs after it, not nested; SA_NODEFER lets it nest;
 * SA_RESETHAND sets the disposition back to SIG_DFL before the handler runs.
 */
#include "guest.h"
#include <signal.h>

#define BIT(sig) (1ULL << ((sig) - 1))

static volatile int count, depth, max_depth, reraise;
static volatile int got_signo, got_code, got_errno;
static volatile pid_t got_pid;
static volatile uid_t got_uid;
static volatile uint64_t mask_inside;
static volatile void *disp_inside;

static uint64_t cur_mask(void)
{
	uint64_t m = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static void handler(int sig, siginfo_t *si, void *uc)
{
	struct sigaction sa;

	(void)uc;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	count++;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_errno = si->si_errno;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
	mask_inside = cur_mask();
	sigaction(sig, NULL, &sa);
	disp_inside = (void *)sa.sa_sigaction;
	if (reraise) {
		reraise--;
		kill(getpid(), sig);
	}
	depth--;
}

static void install(int sig, int flags, int extra_blocked)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (extra_blocked)
		sigaddset(&sa.sa_mask, extra_blocked);
	MUST(sigaction(sig, &sa, NULL));
}

static void reset(void)
{
	count = depth = max_depth = reraise = 0;
	got_signo = got_code = got_errno = -1;
	got_pid = -1;
	got_uid = -1;
	mask_inside = 0;
	disp_inside = NULL;
}

int main(void)
{
	struct sigaction sa;
	uint64_t before;

	/* Start from an empty mask, whatever the parent left. */
	MUST(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &(uint64_t){ 0 }, NULL, 8));
	before = cur_mask();
	CHECK_EQ(before, 0);

	/* kill() to self: delivered before kill returns, with SI_USER. */
	reset();
	install(SIGUSR1, 0, SIGUSR2);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 1);
	CHECK_EQ(got_signo, SIGUSR1);
	CHECK_EQ(got_code, SI_USER);
	CHECK_EQ(got_errno, 0);
	CHECK_EQ(got_pid, getpid());
	CHECK_EQ(got_uid, getuid());
	/* Inside: the signal itself and sa_mask are blocked; after: restored. */
	CHECK_EQ(mask_inside, BIT(SIGUSR1) | BIT(SIGUSR2));
	CHECK_EQ(cur_mask(), 0);
	CHECK(disp_inside == (void *)handler);

	/* Several in a row, each counted. */
	reset();
	for (int i = 0; i < 100; i++)
		kill(getpid(), SIGUSR1);
	CHECK_EQ(count, 100);
	CHECK_EQ(max_depth, 1);

	/* tgkill() to self: SI_TKILL. */
	reset();
	CHECK_EQ(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1), 0);
	CHECK_EQ(count, 1);
	CHECK_EQ(got_signo, SIGUSR1);
	CHECK_EQ(got_code, SI_TKILL);
	CHECK_EQ(got_pid, getpid());
	CHECK_EQ(got_uid, getuid());

	/* Raised again inside its handler: pending until it returns. */
	reset();
	reraise = 1;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 2);
	CHECK_EQ(max_depth, 1);
	CHECK_EQ(cur_mask(), 0);

	/* SA_NODEFER: not blocked inside, so the re-raise nests. */
	reset();
	install(SIGUSR1, SA_NODEFER, 0);
	reraise = 2;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 3);
	CHECK_EQ(max_depth, 3);
	CHECK_EQ(mask_inside, 0);
	CHECK_EQ(cur_mask(), 0);

	/* SA_NODEFER with the signal in sa_mask: blocked after all. */
	reset();
	install(SIGUSR1, SA_NODEFER, SIGUSR1);
	reraise = 1;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 2);
	CHECK_EQ(max_depth, 1);
	CHECK_EQ(mask_inside, BIT(SIGUSR1));

	/* SA_RESETHAND: SIG_DFL already inside the handler, and after. */
	reset();
	install(SIGUSR2, SA_RESETHAND, 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_EQ(count, 1);
	CHECK_EQ(got_signo, SIGUSR2);
	CHECK(disp_inside == (void *)SIG_DFL);
	memset(&sa, 0, sizeof(sa));
	CHECK_EQ(sigaction(SIGUSR2, NULL, &sa), 0);
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_EQ(mask_inside, BIT(SIGUSR2));

	/* Ignored: nothing runs, nothing stays pending. */
	reset();
	signal(SIGUSR1, SIG_IGN);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 0);
	{
		sigset_t pend;

		sigemptyset(&pend);
		CHECK_EQ(sigpending(&pend), 0);
		CHECK_EQ(sigismember(&pend, SIGUSR1), 0);
	}
	signal(SIGUSR1, SIG_DFL);
	return report();
}
