/*
 * signalfd and SIGCHLD: a blocked SIGCHLD from a child's exit is read as a
 * signalfd_siginfo with CLD_EXITED, the child's pid and its exit status,
 * and from a child killed by a signal with CLD_KILLED and the signal.
 */
#include "guest.h"
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

int main(void)
{
	struct signalfd_siginfo si;
	sigset_t mask;
	pid_t pid;
	int fd;

	alarm(10);
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	MUST(sigprocmask(SIG_BLOCK, &mask, NULL));
	fd = MUST(signalfd(-1, &mask, 0));

	pid = MUST(fork());
	if (pid == 0)
		_exit(7);
	CHECK_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	CHECK_EQ(si.ssi_signo, SIGCHLD);
	CHECK_EQ(si.ssi_code, CLD_EXITED);
	CHECK_EQ(si.ssi_pid, pid);
	CHECK_EQ(si.ssi_status, 7);
	MUST(waitpid(pid, NULL, 0));

	pid = MUST(fork());
	if (pid == 0) {
		pause();
		_exit(0);
	}
	MUST(kill(pid, SIGTERM));
	CHECK_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	CHECK_EQ(si.ssi_signo, SIGCHLD);
	CHECK_EQ(si.ssi_code, CLD_KILLED);
	CHECK_EQ(si.ssi_pid, pid);
	CHECK_EQ(si.ssi_status, SIGTERM);
	MUST(waitpid(pid, NULL, 0));
	return report();
}
