/*
 * A signal interrupts FUTEX_WAIT: with a handler without SA_RESTART the
 * wait fails with EINTR, with or without a timeout; a wait with a timeout
 * still times out (ETIMEDOUT) when nothing wakes it.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#define FUTEX_WAIT 0
#define FUTEX_PRIVATE_FLAG 128

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

static long futex_wait(unsigned *w, unsigned val, const struct timespec *ts)
{
	return syscall(SYS_futex, w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, val, ts, NULL, 0);
}

/* A child that sends SIGUSR1 to us after 50 ms. */
static pid_t kicker(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		usleep(50000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	return pid;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec ts = { 5, 0 }, shortts = { 0, 30000000 };
	static unsigned word;
	pid_t pid;

	alarm(20);
	MUST(sigaction(SIGUSR1, &sa, NULL));
	pid = MUST(kicker());
	CHECK_ERR(futex_wait(&word, 0, NULL), EINTR);
	CHECK_EQ(got, 1);
	MUST(waitpid(pid, NULL, 0));
	pid = MUST(kicker());
	CHECK_ERR(futex_wait(&word, 0, &ts), EINTR);
	CHECK_EQ(got, 2);
	MUST(waitpid(pid, NULL, 0));
	CHECK_ERR(futex_wait(&word, 0, &shortts), ETIMEDOUT);
	CHECK_EQ(got, 2);
	return report();
}
