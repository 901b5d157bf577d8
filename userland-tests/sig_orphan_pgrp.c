/*
 * Orphaned process groups (POSIX, setpgid(2)): when a process exits and
 * so leaves its group orphaned while a member of it is stopped, every
 * member gets SIGHUP then SIGCONT. A helper first makes a session of its
 * own (so the reaper above, in whatever session, never links the group);
 * its child makes a new group and forks a grandchild that stops itself;
 * the child exits. The grandchild's SIGHUP handler writes "H" to a pipe,
 * and it writes "C" once it runs on. Then, in the now orphaned group, a
 * SIGTSTP with its default action is discarded: the grandchild writes
 * "T" if it is still running afterwards. alarm() bounds every process,
 * and the test kills a grandchild that stays stopped after 5 s.
 */
#include "guest.h"
#include <signal.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>

static int out = -1;

static void on_hup(int sig)
{
	(void)sig;
	(void)!write(out, "H", 1);
}

int main(void)
{
	char buf[16];
	size_t len = 0;
	ssize_t n;
	int p[2], q[2], status, i;
	pid_t helper, r, gcpid = 0;
	struct pollfd pfd;

	(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	MUST(pipe(p));
	MUST(pipe(q));
	fflush(stdout);
	helper = MUST(fork());
	if (helper == 0) {
		pid_t child;

		alarm(10);
		close(p[0]);
		if (setsid() < 0)
			_exit(2);
		child = fork();
		if (child < 0)
			_exit(3);
		if (child == 0) {
			struct timespec ms = { 0, 1000000 };
			pid_t gc;
			siginfo_t si;

			if (setpgid(0, 0) < 0)
				_exit(4);
			gc = fork();
			if (gc < 0)
				_exit(5);
			(void)!write(q[1], &gc, sizeof(gc));
			if (gc == 0) {
				struct sigaction sa;

				alarm(10);
				out = p[1];
				memset(&sa, 0, sizeof(sa));
				sa.sa_handler = on_hup;
				sigaction(SIGHUP, &sa, NULL);
				raise(SIGSTOP);
				(void)!write(p[1], "C", 1);
				raise(SIGTSTP);	/* discarded: the group is orphaned */
				(void)!write(p[1], "T", 1);
				_exit(0);
			}
			/* Exit once the grandchild is stopped (at most 5 s). */
			for (i = 0; i < 5000; i++) {
				si.si_pid = 0;
				if (waitid(P_PID, gc, &si, WSTOPPED | WNOHANG | WNOWAIT) < 0 ||
				    si.si_pid == gc)
					break;
				nanosleep(&ms, NULL);
			}
			_exit(0);
		}
		/* The helper stays, in its own session, until the child exits. */
		waitpid(child, &status, 0);
		close(p[1]);
		/* Then waits for the grandchild's report to end (EOF). */
		_exit(0);
	}
	close(p[1]);
	close(q[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	for (i = 0; i < 50 && len < sizeof(buf) - 1; i++) {
		if (poll(&pfd, 1, 100) == 0)
			continue;
		n = read(p[0], buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += n;
	}
	if (i == 50 && read(q[0], &gcpid, sizeof(gcpid)) == sizeof(gcpid) && gcpid > 0)
		kill(gcpid, SIGKILL);	/* left stopped: the behaviour is missing */
	buf[len] = '\0';
	close(p[0]);
	close(q[0]);
	printf("grandchild wrote: %s\n", buf);
	CHECK_STR(buf, "HCT");
	for (i = 0; i < 10 && (r = waitpid(-1, &status, 0)) > 0; i++)
		;
	return report();
}
