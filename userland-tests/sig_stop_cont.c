/*
 * Stop and continue (signal(7), wait(2), waitid(2)): SIGSTOP and SIGTSTP
 * stop a child; its parent gets SIGCHLD with CLD_STOPPED and the stop
 * signal, waitpid(WUNTRACED) reports WIFSTOPPED once, waitid(WNOWAIT)
 * leaves the report for the next wait. A signal sent to a stopped child is
 * not handled until SIGCONT, which continues it even while the child
 * blocks SIGCONT (then SIGCONT stays pending); the parent gets
 * CLD_CONTINUED and waitpid(WCONTINUED) WIFCONTINUED. Both pending
 * handlers run after the continue. SA_NOCLDSTOP keeps the SIGCHLD away but
 * not the wait report; a stopped child dies of SIGKILL.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static int fds[2];

static void on_usr1(int sig)
{
	(void)sig;
	write(fds[1], "U", 1);
}

static void on_cont(int sig)
{
	(void)sig;
	write(fds[1], "C", 1);
}

/* The next SIGCHLD's si_code and si_status (SIGCHLD is blocked), or -1. */
static int chld(int *status, int ms)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (sigtimedwait(&set, &si, &ts) != SIGCHLD)
		return -1;
	*status = si.si_status;
	return si.si_code;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Read n bytes from the pipe within 5 s, sorted. */
static void read_bytes(char *buf, int n)
{
	int got = 0, i;

	for (i = 0; i < 500 && got < n; i++) {
		int r = read(fds[0], buf + got, n - got);

		if (r > 0)
			got += r;
		else
			msleep(10);
	}
	buf[got] = 0;
	if (got == 2 && buf[0] > buf[1]) {
		char c = buf[0];

		buf[0] = buf[1];
		buf[1] = c;
	}
}

int main(void)
{
	struct sigaction sa;
	sigset_t set;
	siginfo_t si;
	int status, st;
	char buf[8];
	pid_t pid;

	MUST(pipe(fds));
	MUST(fcntl(fds[0], F_SETFL, O_NONBLOCK));
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	MUST(sigprocmask(SIG_BLOCK, &set, NULL));

	pid = MUST(fork());
	if (pid == 0) {
		signal(SIGUSR1, on_usr1);
		signal(SIGCONT, on_cont);
		write(fds[1], "R", 1);
		for (;;)
			pause();
	}
	read_bytes(buf, 1);
	CHECK_STR(buf, "R");
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(chld(&st, 5000), CLD_STOPPED);
	CHECK_EQ(st, SIGSTOP);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT), 0);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_status, SIGSTOP);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
	/* Stopped: SIGUSR1 waits. */
	CHECK_EQ(kill(pid, SIGUSR1), 0);
	msleep(100);
	CHECK_ERR(read(fds[0], buf, 1), EAGAIN);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED | WNOHANG), 0);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(chld(&st, 5000), CLD_CONTINUED);
	CHECK_EQ(st, SIGCONT);
	read_bytes(buf, 2);
	CHECK_STR(buf, "CU");
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));
	CHECK_EQ(waitpid(pid, &status, WCONTINUED | WNOHANG), 0);

	/* SIGTSTP stops too; waitid reports it. */
	CHECK_EQ(kill(pid, SIGTSTP), 0);
	CHECK_EQ(chld(&st, 5000), CLD_STOPPED);
	CHECK_EQ(st, SIGTSTP);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_ALL, 0, &si, WSTOPPED), 0);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_status, SIGTSTP);
	CHECK_EQ(si.si_signo, SIGCHLD);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(chld(&st, 5000), CLD_CONTINUED);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, pid, &si, WCONTINUED), 0);
	CHECK_EQ(si.si_code, CLD_CONTINUED);
	CHECK_EQ(si.si_status, SIGCONT);
	read_bytes(buf, 1);
	CHECK_STR(buf, "C");
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	chld(&st, 0);

	/* A child that blocks SIGCONT is continued all the same. */
	pid = MUST(fork());
	if (pid == 0) {
		sigset_t c, p;

		sigemptyset(&c);
		sigaddset(&c, SIGCONT);
		sigprocmask(SIG_BLOCK, &c, NULL);
		raise(SIGSTOP);
		sigpending(&p);
		_exit(sigismember(&p, SIGCONT) ? 42 : 1);
	}
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	while (chld(&st, 0) >= 0)
		;

	/* SA_NOCLDSTOP: no SIGCHLD for the stop, still a wait report. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDSTOP;
	MUST(sigaction(SIGCHLD, &sa, NULL));
	pid = MUST(fork());
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(chld(&st, 200), -1);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK_EQ(chld(&st, 5000), CLD_KILLED);
	CHECK_EQ(st, SIGKILL);
	return report();
}
