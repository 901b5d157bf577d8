/*
 * ptyharness UMK ROOTFS: `make run` end to end, through a real
 * pseudo-terminal, the way a user at a terminal meets it.
 *
 * Session 1 boots busybox init (the shell on tty1), then: runs a command
 * and reads its output; edits a line with backspace; interrupts
 * `sleep 100` with ^C;
 * resizes the window and sees `stty size` follow; edits and saves a file
 * in vi; sends a line longer than the tty buffer and binary garbage and
 * checks the shell survives; ends with `exit`, after which umk must have
 * exited 0 and the terminal's settings must be what they were before.
 * Session 2 closes the terminal (the master) mid-session: umk must halt
 * and leave no process of its session behind.
 *
 * Every wait is bounded. Prints PASS/FAIL lines and ends with
 * "pty: N passed, M failed"; exits 1 if anything failed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *umk, *rootfs;
static int master = -1;
static pid_t child = -1;
static char out[1 << 20];	/* everything the guest printed */
static size_t out_len, mark;	/* mark: where the next expect starts looking */
static int npass, nfail;
static bool verbose;

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void result(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s pty: ", ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (ok)
		npass++;
	else
		nfail++;
}

/* Show the tail of the output (escaped) after a failure. */
static void show_tail(void)
{
	size_t from = out_len > 400 ? out_len - 400 : 0;

	printf("    last output: \"");
	for (size_t i = from; i < out_len; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c == '\n')
			printf("\\n");
		else if (c == '\r')
			printf("\\r");
		else if (c < 32 || c >= 127)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

/* Read what is there within ms milliseconds. false: the master reads EOF/EIO. */
static bool pump(int ms)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	char buf[4096];
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return true;
	n = read(master, buf, sizeof(buf));
	if (n <= 0)
		return false;
	if (verbose)
		fwrite(buf, 1, (size_t)n, stderr);
	if (out_len + (size_t)n > sizeof(out)) {
		/* keep the newest half */
		size_t keep = sizeof(out) / 2;

		memmove(out, out + out_len - keep, keep);
		mark = mark > out_len - keep ? mark - (out_len - keep) : 0;
		out_len = keep;
	}
	memcpy(out + out_len, buf, (size_t)n);
	out_len += (size_t)n;
	return true;
}

/* Wait up to ms for s to appear after the mark; move the mark past it. */
static bool expect(const char *s, int ms)
{
	int64_t end = now_ms() + ms;

	for (;;) {
		char *hit = memmem(out + mark, out_len - mark, s, strlen(s));

		if (hit) {
			mark = (size_t)(hit - out) + strlen(s);
			return true;
		}
		if (now_ms() >= end)
			return false;
		if (!pump((int)(end - now_ms())))
			return false;
	}
}

/* Let output settle for ms (read and keep it). */
static void drain(int ms)
{
	int64_t end = now_ms() + ms;

	while (now_ms() < end && pump((int)(end - now_ms())))
		;
}

static void send(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(master, s, n);

		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				pump(10);	/* keep the guest's output flowing */
				continue;
			}
			return;
		}
		s += w;
		n -= (size_t)w;
		pump(0);
	}
}

static void type(const char *s)
{
	send(s, strlen(s));
}

#define PROMPT "/ # "

/* Boot umk on a fresh pty with its slave as a new session's terminal. */
static bool start(struct termios *before)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int slave;

	out_len = mark = 0;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		return false;
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0)
		return false;
	ioctl(master, TIOCSWINSZ, &ws);
	tcgetattr(slave, before);
	child = fork();
	if (child < 0)
		return false;
	if (child == 0) {
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		close(master);
		execl(umk, umk, "--initrd", rootfs, "--init", "/sbin/init", (char *)NULL);
		_exit(127);
	}
	close(slave);
	return true;
}

/* Wait up to ms for umk to exit; its wait status, or -1. */
static int wait_exit(int ms)
{
	int64_t end = now_ms() + ms;
	int status;

	while (now_ms() < end) {
		pid_t r = waitpid(child, &status, WNOHANG);

		if (r == child) {
			child = -1;
			return status;
		}
		if (master >= 0)
			pump(20);
		else
			usleep(20000);
	}
	return -1;
}

/* Processes left in session sid (the session umk led). */
static int session_members(pid_t sid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[300], buf[512], *p;
		FILE *f;
		int s = 0;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) &&
		    sscanf(p + 2, "%*c %*d %*d %d", &s) == 1 && s == sid)
			n++;
		fclose(f);
	}
	closedir(d);
	return n;
}

static void kill_session(pid_t sid)
{
	if (sid > 0)
		kill(-sid, SIGKILL);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
}

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		bool ok_ = (cond);                                         \
		result(ok_, __VA_ARGS__);                                  \
		if (!ok_)                                                  \
			show_tail();                                       \
	} while (0)

static void session_one(void)
{
	struct termios before, after;
	struct winsize ws = { .ws_row = 40, .ws_col = 100 };
	char line[9000], garbage[3000];
	unsigned seed = 12345;
	pid_t sid;
	int status;

	if (!start(&before)) {
		result(false, "cannot start umk on a pty");
		return;
	}
	sid = child;
	CHECK(expect(PROMPT, 30000), "boot to a shell prompt");

	type("echo hel''lo; tty\r");
	CHECK(expect("\r\nhello\r\n/dev/tty1\r\n", 5000) && expect(PROMPT, 5000),
	      "a command's output");

	type("echo abcx\177d\r");
	CHECK(expect("\r\nabcd\r\n", 5000) && expect(PROMPT, 5000), "backspace edits the line");

	type("sleep 100\r");
	drain(500);
	type("\003");
	CHECK(expect(PROMPT, 5000), "^C interrupts sleep 100");
	type("echo status=$?\r");
	CHECK(expect("status=130", 5000) && expect(PROMPT, 5000),
	      "the interrupted command's status is 130");

	ioctl(master, TIOCSWINSZ, &ws);
	drain(200);
	type("stty size\r");
	CHECK(expect("40 100", 5000) && expect(PROMPT, 5000), "a resize shows in stty size");

	type("vi /tmp/note\r");
	drain(1000);
	type("ihello from vi");
	drain(200);
	type("\033");
	drain(500);
	type(":wq\r");
	CHECK(expect(PROMPT, 5000), "vi saves and exits");
	type("cat /tmp/note\r");
	CHECK(expect("hello from vi", 5000) && expect(PROMPT, 5000), "the file vi wrote");

	/* A line longer than the 4096-byte buffer, in canonical mode. */
	type("wc -c\r");
	drain(1000);
	memset(line, 'y', sizeof(line));
	send(line, sizeof(line));
	type("\r\004");
	CHECK(expect("4096", 10000) && expect(PROMPT, 5000),
	      "a 9000-byte line is cut at the buffer's 4095 bytes and newline");

	/* Binary garbage at the prompt, without the characters that end things. */
	for (size_t i = 0; i < sizeof(garbage); i++) {
		unsigned char c;

		do {
			seed = seed * 1103515245 + 12345;
			c = (unsigned char)(seed >> 16);
		} while (c == '\r' || c == '\n' || c == 3 || c == 4 || c == 26 || c == 28 ||
			 c == 19 || c == 17 || c == 27 || c == 15 || c == 22);
		garbage[i] = (char)c;
	}
	send(garbage, sizeof(garbage));
	drain(500);
	type("\003");
	drain(500);
	type("echo still alive\r");
	CHECK(expect("\r\nstill alive\r\n", 5000), "the shell survives binary garbage");
	expect(PROMPT, 5000);

	type("exit\r");
	status = wait_exit(15000);
	CHECK(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "exit powers off and umk exits 0 (status %#x)", status);
	if (tcgetattr(master, &after) < 0) {
		result(false, "tcgetattr after the run: %s", strerror(errno));
	} else {
		bool same = before.c_iflag == after.c_iflag && before.c_oflag == after.c_oflag &&
			    before.c_cflag == after.c_cflag && before.c_lflag == after.c_lflag &&
			    !memcmp(before.c_cc, after.c_cc, sizeof(before.c_cc));

		result(same, "the terminal's settings are restored");
	}
	kill_session(sid);
	close(master);
	master = -1;
}

static void session_two(void)
{
	struct termios before;
	int64_t end;
	pid_t sid;
	int status, left;

	if (!start(&before)) {
		result(false, "cannot start umk on a pty");
		return;
	}
	sid = child;
	CHECK(expect(PROMPT, 30000), "second boot to a shell prompt");
	type("sleep 100 &\r");
	expect(PROMPT, 5000);
	close(master);
	master = -1;
	status = wait_exit(10000);
	result(status >= 0, "closing the terminal halts umk (status %#x)", status);
	end = now_ms() + 5000;
	while ((left = session_members(sid)) > 0 && now_ms() < end)
		usleep(50000);
	result(left == 0, "no process of the session is left (%d)", left);
	kill_session(sid);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s UMK ROOTFS [-v]\n", argv[0]);
		return 2;
	}
	umk = argv[1];
	rootfs = argv[2];
	verbose = argc > 3 && !strcmp(argv[3], "-v");
	signal(SIGPIPE, SIG_IGN);
	alarm(300);	/* a last bound on everything */
	session_one();
	session_two();
	printf("pty: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
