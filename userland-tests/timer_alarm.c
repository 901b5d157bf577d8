/*
 * alarm(2): returns the seconds left on the previous alarm, rounded up
 * (so never 0 for a pending one); alarm(0) cancels; an alarm
 * delivers SIGALRM (si_code SI_KERNEL) once; a fork child has no alarm.
 */
#include "guest.h"
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile int count, code;

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	count++;
	code = si->si_code;
}

static void set_real_us(long us)
{
	struct itimerval v = { { 0, 0 }, { us / 1000000, us % 1000000 } };

	MUST(setitimer(ITIMER_REAL, &v, NULL));
}

int main(void)
{
	struct sigaction sa;
	sigset_t block, old;
	pid_t pid;
	int status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_alarm;
	sa.sa_flags = SA_SIGINFO;
	MUST(sigaction(SIGALRM, &sa, NULL));

	CHECK_EQ(alarm(0), 0);
	CHECK_EQ(alarm(10), 0);
	CHECK_EQ(alarm(3), 10);
	CHECK_EQ(alarm(0), 3);
	CHECK_EQ(alarm(0), 0);

	/* Rounding of the time left. */
	set_real_us(300000);
	CHECK_EQ(alarm(0), 1);
	set_real_us(1700000);
	CHECK_EQ(alarm(0), 2);
	set_real_us(1200000);
	CHECK_EQ(alarm(0), 2);
	set_real_us(3000000);
	CHECK_EQ(alarm(0), 3);

	/* Not inherited by a fork child. */
	alarm(20);
	pid = MUST(fork());
	if (pid == 0)
		_exit(alarm(0) == 0 ? 0 : 1);
	MUST(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(alarm(0), 20);

	/* It fires once. */
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	MUST(sigprocmask(SIG_BLOCK, &block, &old));
	alarm(1);
	while (!count)
		sigsuspend(&old);
	MUST(sigprocmask(SIG_SETMASK, &old, NULL));
	CHECK_EQ(count, 1);
	CHECK_EQ(code, SI_KERNEL);
	CHECK_EQ(alarm(0), 0);
	printf("handler ran %d times\n", count);
	return report();
}
