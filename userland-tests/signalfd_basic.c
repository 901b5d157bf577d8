/*
 * signalfd: a read returns a blocked pending signal in the mask as a
 * 128-byte signalfd_siginfo (signo, code, sender pid and uid) and takes
 * it off; several come in one read, lowest first; with
 * none pending TFD_NONBLOCK reads EAGAIN and a blocking read waits; poll
 * and epoll see POLLIN while one is pending; signalfd on an existing fd
 * changes its mask.
 */
#include "guest.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

int main(void)
{
	struct signalfd_siginfo si[4];
	struct epoll_event ev;
	struct pollfd pfd;
	sigset_t mask, pend;
	pid_t pid, me = getpid();
	int fd, ep;

	alarm(10);
	CHECK_EQ(sizeof(struct signalfd_siginfo), 128);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGUSR2);
	sigaddset(&mask, SIGRTMIN + 1);
	MUST(sigprocmask(SIG_BLOCK, &mask, NULL));
	fd = MUST(signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR | O_NONBLOCK);
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	CHECK_EQ(poll(&pfd, 1, 0), 0);

	MUST(kill(me, SIGUSR2));
	MUST(kill(me, SIGUSR1));
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	CHECK_EQ(pfd.revents, POLLIN);
	CHECK_EQ(read(fd, si, sizeof(si)), 256);
	CHECK_EQ(si[0].ssi_signo, SIGUSR1);
	CHECK_EQ(si[0].ssi_code, SI_USER);
	CHECK_EQ(si[0].ssi_pid, me);
	CHECK_EQ(si[0].ssi_uid, getuid());
	CHECK_EQ(si[1].ssi_signo, SIGUSR2);
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	MUST(sigpending(&pend));
	CHECK_EQ(sigismember(&pend, SIGUSR1), 0);

	/* raise is tkill: SI_TKILL; one at a time with a 128-byte buffer */
	MUST(raise(SIGRTMIN + 1));
	MUST(raise(SIGUSR1));
	CHECK_EQ(read(fd, si, 128), 128);
	CHECK_EQ(si[0].ssi_signo, SIGUSR1);
	CHECK_EQ(read(fd, si, 200), 128);
	CHECK_EQ(si[0].ssi_signo, SIGRTMIN + 1);
	CHECK_EQ(si[0].ssi_code, SI_TKILL);
	CHECK_EQ(si[0].ssi_pid, me);

	/* another mask on the same fd: SIGUSR1 no longer counts */
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	CHECK_EQ(signalfd(fd, &mask, 0), fd);
	MUST(kill(me, SIGUSR1));
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	MUST(sigpending(&pend));
	CHECK_EQ(sigismember(&pend, SIGUSR1), 1);

	/* epoll, and a blocking read woken by a child's kill */
	ep = MUST(epoll_create1(0));
	ev.events = EPOLLIN;
	ev.data.u64 = 5;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), 0);
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0);
	pid = MUST(fork());
	if (pid == 0) {
		usleep(30000);
		kill(me, SIGUSR2);
		_exit(0);
	}
	CHECK_EQ(epoll_wait(ep, &ev, 1, 5000), 1);
	CHECK_EQ(ev.data.u64, 5);
	MUST(waitpid(pid, NULL, 0));
	CHECK_EQ(read(fd, si, sizeof(si)), 128);
	CHECK_EQ(si[0].ssi_signo, SIGUSR2);
	CHECK_EQ(si[0].ssi_pid, pid);

	MUST(fcntl(fd, F_SETFL, 0));
	pid = MUST(fork());
	if (pid == 0) {
		usleep(30000);
		kill(me, SIGUSR2);
		_exit(0);
	}
	CHECK_EQ(read(fd, si, sizeof(si)), 128);
	CHECK_EQ(si[0].ssi_signo, SIGUSR2);
	MUST(waitpid(pid, NULL, 0));
	return report();
}
