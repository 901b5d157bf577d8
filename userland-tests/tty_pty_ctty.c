/*
 * Controlling terminals on a pty: a new session has none (/dev/tty is
 * ENXIO, tcgetpgrp ENOTTY); its leader opening the slave without O_NOCTTY
 * acquires it, with its own group in the foreground; /dev/tty then opens;
 * TIOCSCTTY by a non-leader and on another session's tty are EPERM;
 * tcsetpgrp checks its argument (EINVAL, ESRCH, EPERM for another
 * session); a background group reading with SIGTTIN ignored gets EIO and
 * may still tcsetpgrp with SIGTTOU ignored; ^C on the master sends SIGINT
 * to the foreground group and TIOCSWINSZ sends SIGWINCH; TIOCNOTTY on a
 * tty that is not ours is ENOTTY.
 */
#include "guest.h"
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>

static volatile sig_atomic_t got_int, got_winch;
static void on_int(int sig) { got_int = 1; }
static void on_winch(int sig) { got_winch = 1; }

static int exited(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The session leader's side. */
static int leader(int m, const char *name)
{
	struct sigaction sa;
	struct winsize ws = { .ws_row = 33, .ws_col = 77 };
	int s, t, sid;
	char c;
	pid_t pid;

	CHECK_EQ(setsid(), getpid());
	CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
	s = MUST(open(name, O_RDWR | O_NOCTTY));
	CHECK_ERR(tcgetpgrp(s), ENOTTY);
	close(s);
	s = MUST(open(name, O_RDWR));
	CHECK_EQ(tcgetpgrp(s), getpid());
	CHECK_OK(ioctl(s, TIOCGSID, &sid));
	CHECK_EQ(sid, getpid());
	CHECK_EQ(tcgetsid(s), getpid());
	t = open("/dev/tty", O_RDWR);
	CHECK(t >= 0);
	close(t);
	CHECK_OK(ioctl(s, TIOCSCTTY, 0));	/* already ours: fine */

	CHECK_ERR(tcsetpgrp(s, -1), EINVAL);
	CHECK_ERR(tcsetpgrp(s, 999999), ESRCH);
	CHECK_ERR(tcsetpgrp(s, 1), EPERM);

	/* a background group: reading with SIGTTIN ignored is EIO */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTTOU, SIG_IGN);
		CHECK_EQ(setpgid(0, 0), 0);
		CHECK_ERR(read(s, &c, 1), EIO);
		CHECK_ERR(ioctl(s, TIOCSCTTY, 0), EPERM);
		/* SIGTTOU ignored: a background tcsetpgrp goes ahead */
		CHECK_EQ(tcsetpgrp(s, getpid()), 0);
		CHECK_EQ(tcgetpgrp(s), getpid());
		_exit(guest_failures ? 1 : 0);
	}
	CHECK_EQ(exited(pid), 0);
	signal(SIGTTOU, SIG_IGN);
	CHECK_EQ(tcsetpgrp(s, getpgrp()), 0);
	signal(SIGTTOU, SIG_DFL);

	/* ^C and a window size change reach the foreground group */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	MUST(write(m, "\003", 1));
	for (int i = 0; i < 100 && !got_int; i++)
		usleep(10000);
	CHECK_EQ(got_int, 1);
	CHECK_OK(ioctl(m, TIOCSWINSZ, &ws));
	for (int i = 0; i < 100 && !got_winch; i++)
		usleep(10000);
	CHECK_EQ(got_winch, 1);
	memset(&ws, 0, sizeof(ws));
	CHECK_OK(ioctl(s, TIOCGWINSZ, &ws));
	CHECK_EQ(ws.ws_row, 33);
	CHECK_EQ(ws.ws_col, 77);
	close(s);
	return guest_failures ? 1 : 0;
}

int main(void)
{
	char name[64];
	int m, s, other;
	pid_t pid;

	m = MUST(posix_openpt(O_RDWR | O_NOCTTY));
	MUST(grantpt(m));
	MUST(unlockpt(m));
	MUST(ptsname_r(m, name, sizeof(name)));

	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0)
		_exit(leader(m, name));
	CHECK_EQ(exited(pid), 0);

	/* Not a session leader: TIOCSCTTY is EPERM; not ours: TIOCNOTTY ENOTTY. */
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		MUST(setsid());
		other = MUST(open(name, O_RDWR));	/* acquired: ours now */
		fflush(stdout);
		pid = MUST(fork());
		if (pid == 0) {
			s = MUST(open(name, O_RDWR | O_NOCTTY));
			CHECK_ERR(ioctl(s, TIOCSCTTY, 0), EPERM);
			MUST(setsid());
			CHECK_ERR(ioctl(s, TIOCNOTTY), ENOTTY);
			/* another session's controlling tty */
			CHECK_ERR(ioctl(s, TIOCSCTTY, 0), EPERM);
			_exit(guest_failures ? 1 : 0);
		}
		CHECK_EQ(exited(pid), 0);
		close(other);
		_exit(guest_failures ? 1 : 0);
	}
	CHECK_EQ(exited(pid), 0);
	close(m);
	return report();
}
