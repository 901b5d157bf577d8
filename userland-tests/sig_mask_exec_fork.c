/*
 * Blocked and pending signals (signal(7), sigprocmask(2), sigpending(2)):
 * a blocked signal sent to oneself stays pending and shows in sigpending();
 * sent twice it is still one (standard signals do not queue); unblocking it
 * runs the handler before sigprocmask returns; several pending signals are
 * delivered lowest number first when each handler blocks all others. A
 * fork child inherits the mask but not the pending set; execve keeps both
 * the mask and the pending signal, which the new image then receives.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>

#define BIT(sig) (1ULL << ((sig) - 1))

static volatile int hits;
static volatile int order[8], norder;

static void handler(int sig)
{
	hits++;
	if (norder < 8)
		order[norder++] = sig;
}

static void install(int sig, int block_all)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	if (block_all)
		sigfillset(&sa.sa_mask);
	else
		sigemptyset(&sa.sa_mask);
	MUST(sigaction(sig, &sa, NULL));
}

static uint64_t kmask(int how, uint64_t set)
{
	uint64_t old = 0;

	syscall(SYS_rt_sigprocmask, how, &set, &old, 8);
	return old;
}

static uint64_t cur_mask(void)
{
	uint64_t m = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static uint64_t kpending(void)
{
	uint64_t p = 0;

	syscall(SYS_rt_sigpending, &p, 8);
	return p;
}

/* The exec'd image: mask and pending SIGUSR1 kept, then delivered. */
static int exec_child(void)
{
	if (cur_mask() != BIT(SIGUSR1))
		return 10;
	if (kpending() != BIT(SIGUSR1))
		return 11;
	install(SIGUSR1, 0);
	if (hits != 0)
		return 12;
	kmask(SIG_UNBLOCK, BIT(SIGUSR1));
	if (hits != 1 || order[0] != SIGUSR1)
		return 13;
	if (kpending() != 0)
		return 14;
	return 0;
}

int main(int argc, char **argv)
{
	char *cargv[] = { argv[0], "exec-child", NULL };
	int status;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return exec_child();

	kmask(SIG_SETMASK, 0);
	install(SIGUSR1, 0);

	/* Blocked: pending, not delivered; two sends are one signal. */
	kmask(SIG_BLOCK, BIT(SIGUSR1));
	CHECK_EQ(kpending(), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(hits, 0);
	CHECK_EQ(kpending(), BIT(SIGUSR1));
	{
		sigset_t p;

		sigemptyset(&p);
		CHECK_EQ(sigpending(&p), 0);
		CHECK_EQ(sigismember(&p, SIGUSR1), 1);
		CHECK_EQ(sigismember(&p, SIGUSR2), 0);
	}
	/* Unblocking delivers it before sigprocmask returns, once. */
	CHECK_EQ(kmask(SIG_UNBLOCK, BIT(SIGUSR1)), BIT(SIGUSR1));
	CHECK_EQ(hits, 1);
	CHECK_EQ(kpending(), 0);
	CHECK_EQ(cur_mask(), 0);

	/* Changing a pending signal's disposition to SIG_IGN discards it. */
	hits = 0;
	kmask(SIG_BLOCK, BIT(SIGUSR1));
	raise(SIGUSR1);
	CHECK_EQ(kpending(), BIT(SIGUSR1));
	signal(SIGUSR1, SIG_IGN);
	CHECK_EQ(kpending(), 0);
	install(SIGUSR1, 0);
	kmask(SIG_UNBLOCK, BIT(SIGUSR1));
	CHECK_EQ(hits, 0);

	/* Several pending: delivered lowest number first, one at a time. */
	hits = 0;
	norder = 0;
	install(SIGHUP, 1);
	install(SIGUSR2, 1);
	install(SIGTERM, 1);
	kmask(SIG_BLOCK, BIT(SIGHUP) | BIT(SIGUSR1) | BIT(SIGUSR2) | BIT(SIGTERM));
	raise(SIGTERM);
	raise(SIGUSR2);
	raise(SIGHUP);
	CHECK_EQ(kpending(), BIT(SIGHUP) | BIT(SIGUSR2) | BIT(SIGTERM));
	kmask(SIG_SETMASK, 0);
	CHECK_EQ(hits, 3);
	CHECK_EQ(order[0], SIGHUP);
	CHECK_EQ(order[1], SIGUSR2);
	CHECK_EQ(order[2], SIGTERM);

	/* fork: the mask is inherited, the pending set is not. */
	hits = 0;
	kmask(SIG_BLOCK, BIT(SIGUSR1) | BIT(SIGUSR2));
	raise(SIGUSR2);
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		if (cur_mask() != (BIT(SIGUSR1) | BIT(SIGUSR2)))
			_exit(1);
		if (kpending() != 0)
			_exit(2);
		kmask(SIG_SETMASK, 0);
		_exit(hits == 0 ? 0 : 3);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(kpending(), BIT(SIGUSR2));
	kmask(SIG_SETMASK, 0);
	CHECK_EQ(hits, 1);

	/* execve: mask and pending signal both survive. */
	pid = MUST(fork());
	if (pid == 0) {
		kmask(SIG_SETMASK, BIT(SIGUSR1));
		raise(SIGUSR1);
		execv(argv[0], cargv);
		_exit(20);
	}
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	return report();
}
