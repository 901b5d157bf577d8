/*
 * umk's own terminal: when standard input is a host terminal (and umk is
 * in its foreground), it goes into raw mode, since the guest's line
 * discipline does the editing, echo and signal characters now. The old
 * settings come back on every way out: exit (atexit), a fatal signal
 * (the handler restores them and re-raises with the previous action),
 * and host_console_restore().
 *
 * Host SIGWINCH and SIGHUP are turned into bytes on a self-pipe whose
 * read end the kernel watches like any interrupt source; the handlers do
 * nothing else, so they are async-signal-safe.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <host/host.h>

static struct termios saved;
static volatile sig_atomic_t raw_on;
static int ev_pipe[2] = { -1, -1 };
static volatile sig_atomic_t ev_bits;

static const int fatal_sigs[] = { SIGTERM, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL,
				  SIGFPE, SIGABRT, SIGXCPU, SIGXFSZ };
static struct sigaction old_actions[NSIG];

void host_console_restore(void)
{
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
		raw_on = 0;
	}
}

static void at_exit(void)
{
	host_console_restore();
}

static void fatal_handler(int sig)
{
	int saved_errno = errno;

	host_console_restore();
	sigaction(sig, &old_actions[sig], NULL);
	raise(sig);
	errno = saved_errno;
}

static void event_handler(int sig)
{
	int saved_errno = errno;
	char c = 0;

	ev_bits |= sig == SIGWINCH ? HOST_CONSOLE_WINCH : HOST_CONSOLE_HUP;
	if (write(ev_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a wake-up is pending already */
	}
	errno = saved_errno;
}

static int install(int sig, void (*fn)(int), struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	return sigaction(sig, &sa, old) < 0 ? -errno : 0;
}

int host_console_init(bool *is_tty)
{
	struct termios raw;
	int err;

	*is_tty = false;
	if (pipe2(ev_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	err = host_fd_move_high(ev_pipe[0], 100);
	if (err < 0)
		return err;
	ev_pipe[0] = err;
	err = host_fd_move_high(ev_pipe[1], 100);
	if (err < 0)
		return err;
	ev_pipe[1] = err;
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) < 0)
		return ev_pipe[0];
	*is_tty = true;
	install(SIGWINCH, event_handler, NULL);
	install(SIGHUP, event_handler, NULL);
	/* In the background, changing the terminal would stop umk (SIGTTOU). */
	if (tcgetpgrp(STDIN_FILENO) != getpgrp())
		return ev_pipe[0];
	for (size_t i = 0; i < sizeof(fatal_sigs) / sizeof(fatal_sigs[0]); i++) {
		int sig = fatal_sigs[i];

		sigaction(sig, NULL, &old_actions[sig]);
		if (old_actions[sig].sa_handler == SIG_IGN)
			continue;
		install(sig, fatal_handler, NULL);
	}
	atexit(at_exit);
	raw = saved;
	raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
	raw.c_oflag &= ~OPOST;
	raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cflag &= ~(CSIZE | PARENB);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSADRAIN, &raw) == 0)
		raw_on = 1;
	return ev_pipe[0];
}

unsigned host_console_events(void)
{
	char buf[64];
	unsigned bits;

	while (read(ev_pipe[0], buf, sizeof(buf)) > 0)
		;
	bits = (unsigned)__atomic_exchange_n(&ev_bits, 0, __ATOMIC_SEQ_CST);
	return bits;
}
