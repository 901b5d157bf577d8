/*
 * Signal dispositions and the blocked mask are recorded and read back
 * exactly (no signal is delivered): rt_sigaction keeps handler, flags,
 * restorer and mask; SIGKILL/SIGSTOP cannot be caught or blocked; bad
 * signal numbers, sizes and "how" values are EINVAL.
 */
#include "guest.h"
#include <signal.h>

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

#define KSA_RESTORER 0x04000000UL
#define BIT(sig) (1ULL << ((sig) - 1))

static void handler(int sig)
{
	(void)sig;
}

static long ksigaction(int sig, const struct ksigaction *act,
		       struct ksigaction *old)
{
	return syscall(SYS_rt_sigaction, sig, act, old, 8);
}

static long kprocmask(int how, const uint64_t *set, uint64_t *old)
{
	return syscall(SYS_rt_sigprocmask, how, set, old, 8);
}

int main(void)
{
	struct ksigaction ka, old;
	struct sigaction sa, so;
	uint64_t set, cur, saved;

	/* Through libc. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	memset(&so, 0, sizeof(so));
	CHECK_EQ(sigaction(SIGUSR1, NULL, &so), 0);
	CHECK(so.sa_handler == handler);
	CHECK(so.sa_flags & SA_RESTART);
	CHECK(sigismember(&so.sa_mask, SIGUSR2));
	CHECK(!sigismember(&so.sa_mask, SIGTERM));
	sa.sa_handler = SIG_IGN;
	CHECK_EQ(sigaction(SIGUSR1, &sa, &so), 0);
	CHECK(so.sa_handler == handler);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &so), 0);
	CHECK(so.sa_handler == SIG_IGN);

	/* Raw: every field comes back as set. */
	ka.handler = (void *)handler;
	ka.flags = SA_SIGINFO | SA_NODEFER | KSA_RESTORER;
	ka.restorer = (void *)0x1234;
	ka.mask = BIT(SIGHUP) | BIT(SIGRTMIN + 1);
	CHECK_EQ(ksigaction(SIGUSR2, &ka, NULL), 0);
	memset(&old, 0, sizeof(old));
	CHECK_EQ(ksigaction(SIGUSR2, NULL, &old), 0);
	CHECK(old.handler == (void *)handler);
	CHECK_EQ(old.flags, SA_SIGINFO | SA_NODEFER | KSA_RESTORER);
	CHECK(old.restorer == (void *)0x1234);
	CHECK_EQ(old.mask, BIT(SIGHUP) | BIT(SIGRTMIN + 1));
	/* SIGKILL and SIGSTOP are silently dropped from a handler's mask. */
	ka.mask = BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGINT);
	CHECK_EQ(ksigaction(SIGUSR2, &ka, &old), 0);
	CHECK_EQ(ksigaction(SIGUSR2, NULL, &old), 0);
	CHECK_EQ(old.mask, BIT(SIGINT));
	ka.handler = SIG_DFL;
	ka.flags = 0;
	ka.mask = 0;
	CHECK_EQ(ksigaction(SIGUSR2, &ka, NULL), 0);
	CHECK_EQ(ksigaction(SIGUSR2, NULL, &old), 0);
	CHECK(old.handler == SIG_DFL);

	/* Errors. */
	CHECK_ERR(ksigaction(SIGKILL, &ka, NULL), EINVAL);
	CHECK_ERR(ksigaction(SIGSTOP, &ka, NULL), EINVAL);
	CHECK_EQ(ksigaction(SIGKILL, NULL, &old), 0);
	CHECK(old.handler == SIG_DFL);
	CHECK_ERR(ksigaction(0, NULL, &old), EINVAL);
	CHECK_ERR(ksigaction(65, NULL, &old), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4), EINVAL);
	CHECK_EQ(ksigaction(64, NULL, &old), 0);

	/* The blocked mask. */
	CHECK_EQ(kprocmask(SIG_BLOCK, NULL, &saved), 0);
	set = BIT(SIGUSR1) | BIT(SIGKILL) | BIT(SIGSTOP);
	CHECK_EQ(kprocmask(SIG_BLOCK, &set, NULL), 0);
	CHECK_EQ(kprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(cur, saved | BIT(SIGUSR1));
	set = BIT(SIGUSR2);
	CHECK_EQ(kprocmask(SIG_BLOCK, &set, &cur), 0);
	CHECK_EQ(cur, saved | BIT(SIGUSR1));
	set = BIT(SIGUSR1);
	CHECK_EQ(kprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ(kprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(cur, (saved | BIT(SIGUSR2)) & ~BIT(SIGUSR1));
	set = BIT(SIGTERM) | BIT(SIGRTMAX);
	CHECK_EQ(kprocmask(SIG_SETMASK, &set, NULL), 0);
	CHECK_EQ(kprocmask(SIG_SETMASK, NULL, &cur), 0);
	CHECK_EQ(cur, BIT(SIGTERM) | BIT(SIGRTMAX));
	CHECK_ERR(kprocmask(99, &set, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
	CHECK_EQ(kprocmask(SIG_SETMASK, &saved, NULL), 0);
	CHECK_EQ(kprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(cur, saved);
	return report();
}
