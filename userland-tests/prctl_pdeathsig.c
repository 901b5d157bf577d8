/*
 * PR_SET_PDEATHSIG: a child asks for SIGUSR1 when its parent exits and
 * gets it (and a new parent) when that happens; PR_GET_PDEATHSIG reads it
 * back; fork clears it in the new child; a uid change clears it; a signal
 * number above 64 is EINVAL; a bad pointer EFAULT. Bounded by alarms.
 */
#include "guest.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got = 1;
}

/* The middle process: starts the child, waits until it is armed, exits. */
static void middle(int report_fd)
{
	int ready[2];
	pid_t parent = getpid();
	char c;

	MUST(pipe(ready));
	if (fork() == 0) {
		sigset_t none, usr1;

		alarm(10);
		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		signal(SIGUSR1, on_usr1);
		prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
		write(ready[1], "r", 1);
		sigemptyset(&none);
		while (!got)
			sigsuspend(&none);
		c = getppid() != parent ? 'y' : 'n';
		write(report_fd, &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	_exit(0);
}

int main(void)
{
	int sig = -1, st = -1, rep[2];
	pid_t pid;
	char c = '?';

	CHECK_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	CHECK_EQ(sig, 0);
	CHECK_EQ(prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	CHECK_EQ(sig, SIGHUP);
	CHECK_ERR(prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_GET_PDEATHSIG, (int *)1, 0, 0, 0), EFAULT);

	pid = fork();
	if (pid == 0) {
		int s = -1;

		prctl(PR_GET_PDEATHSIG, &s, 0, 0, 0);
		if (s != 0)
			_exit(1);
		/* A change of effective uid clears it. */
		prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0);
		setresuid(-1, 1000, -1);
		prctl(PR_GET_PDEATHSIG, &s, 0, 0, 0);
		_exit(s == 0 ? 0 : 2);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	CHECK_EQ(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0), 0);

	MUST(pipe(rep));
	pid = fork();
	if (pid == 0) {
		close(rep[0]);
		middle(rep[1]);
	}
	close(rep[1]);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	alarm(15);
	CHECK_EQ(read(rep[0], &c, 1), 1);
	CHECK_EQ(c, 'y');
	return report();
}
