/*
 * signalfd's bad inputs: a sigset size other than 8 (EINVAL), a bad mask
 * pointer (EFAULT), unknown flags (EINVAL), a bad fd (EBADF) or one that is
 * not a signalfd (EINVAL), a read shorter than 128 bytes (EINVAL) or into a
 * bad buffer (EFAULT, the signal is gone); SIGKILL and SIGSTOP in the mask
 * are dropped silently.
 */
#include "guest.h"
#include <signal.h>
#include <sys/signalfd.h>

int main(void)
{
	sigset_t mask, pend;
	char buf[256];
	int fd, p[2];

	alarm(10);
	MUST(pipe(p));
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGKILL);
	sigaddset(&mask, SIGSTOP);
	MUST(sigprocmask(SIG_BLOCK, &mask, NULL));
	CHECK_ERR(syscall(SYS_signalfd4, -1, &mask, 4, 0), EINVAL);
	CHECK_ERR(syscall(SYS_signalfd4, -1, &mask, 16, 0), EINVAL);
	CHECK_ERR(syscall(SYS_signalfd, -1, &mask, 4), EINVAL);
	CHECK_ERR(syscall(SYS_signalfd4, -1, NULL, 8, 0), EFAULT);
	CHECK_ERR(syscall(SYS_signalfd4, -1, &mask, 8, 1), EINVAL);
	CHECK_ERR(syscall(SYS_signalfd4, -1, &mask, 8, SFD_NONBLOCK << 1), EINVAL);
	CHECK_ERR(syscall(SYS_signalfd4, 999, &mask, 8, 0), EBADF);
	CHECK_ERR(syscall(SYS_signalfd4, -2, &mask, 8, 0), EBADF);
	CHECK_ERR(syscall(SYS_signalfd4, p[0], &mask, 8, 0), EINVAL);
	/* the size is checked before the mask is read */
	CHECK_ERR(syscall(SYS_signalfd4, -1, NULL, 4, 0), EINVAL);
	fd = MUST(syscall(SYS_signalfd, -1, &mask, 8));
	CHECK_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	CHECK_ERR(read(fd, buf, 127), EINVAL);
	CHECK_ERR(write(fd, buf, 128), EINVAL);
	MUST(raise(SIGUSR1));
	CHECK_ERR(read(fd, NULL, 128), EFAULT);
	MUST(sigpending(&pend));
	CHECK_EQ(sigismember(&pend, SIGUSR1), 0);
	return report();
}
