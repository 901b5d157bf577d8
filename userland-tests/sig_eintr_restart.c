/*
 * Blocking syscalls interrupted by a caught signal (signal(7), "Interruption
 * of system calls and library functions by signal handlers"): a read() from
 * an empty pipe fails with EINTR when the handler has no SA_RESTART, and with
 * SA_RESTART it goes on and returns the data written later; nanosleep() and
 * poll() fail with EINTR even with SA_RESTART, nanosleep giving the time
 * left; wait4() fails with EINTR without SA_RESTART and is restarted with it.
 * Each case runs in a child that reports through its exit status (0 = as
 * expected, otherwise the step that went wrong).
 */
#include "guest.h"
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static volatile int handled;
static int ack_fd = -1;

static void handler(int sig)
{
	(void)sig;
	handled++;
	if (ack_fd >= 0)
		write(ack_fd, "h", 1);
}

static void install(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/*
 * Runs body in a child that first writes one byte to a "ready" pipe; then
 * sends it SIGUSR1 every 20 ms (the first after 100 ms, so that it is
 * normally already blocked) until it exits, at most 200 times, and returns
 * its exit status, or -1 if it had to be killed.
 */
static int run_child(int (*body)(int), int arg, int *rd_out, int keep_signalling)
{
	int ready[2], status = 0;
	pid_t pid;
	char c;

	MUST(pipe(ready));
	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		close(ready[0]);
		write(ready[1], "r", 1);
		_exit(body(arg));
	}
	close(ready[1]);
	MUST(read(ready[0], &c, 1));
	close(ready[0]);
	msleep(100);
	for (int i = 0; i < 200; i++) {
		if (keep_signalling || i == 0)
			kill(pid, SIGUSR1);
		msleep(20);
		if (waitpid(pid, &status, WNOHANG) == pid)
			goto reaped;
		if (rd_out && i == 0)
			break;
	}
	if (rd_out) {
		/* The caller finishes the child off. */
		*rd_out = pid;
		return 0;
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
reaped:
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

/* read() from an empty pipe, no SA_RESTART: EINTR. */
static int data_pipe[2];

static int read_no_restart(int unused)
{
	char c;
	ssize_t r;

	(void)unused;
	install(0);
	r = read(data_pipe[0], &c, 1);
	if (r != -1)
		return 1;
	if (errno != EINTR)
		return 2;
	if (handled < 1)
		return 3;
	return 0;
}

/* read() with SA_RESTART: returns the byte written after the signal. */
static int ack_pipe[2];

static int read_restart(int unused)
{
	char c = 0;
	ssize_t r;

	(void)unused;
	close(ack_pipe[0]);
	ack_fd = ack_pipe[1];
	install(SA_RESTART);
	r = read(data_pipe[0], &c, 1);
	if (r != 1)
		return 1;
	if (c != 'd')
		return 2;
	if (handled != 1)
		return 3;
	return 0;
}

/* nanosleep(): EINTR with or without SA_RESTART, time left in rem. */
static int sleep_intr(int flags)
{
	struct timespec ts = { 30, 0 }, rem = { -1, -1 };
	int r;

	install(flags);
	r = nanosleep(&ts, &rem);
	if (r != -1)
		return 1;
	if (errno != EINTR)
		return 2;
	if (handled < 1)
		return 3;
	if (rem.tv_sec < 0 || rem.tv_sec > 30 || rem.tv_nsec < 0 ||
	    rem.tv_nsec >= 1000000000L)
		return 4;
	if (rem.tv_sec < 20)
		return 5; /* only about 0.1 s went by */
	return 0;
}

/* poll() on an empty pipe: EINTR even with SA_RESTART. */
static int poll_intr(int flags)
{
	struct pollfd p = { .fd = data_pipe[0], .events = POLLIN };

	install(flags);
	if (poll(&p, 1, 30000) != -1)
		return 1;
	if (errno != EINTR)
		return 2;
	if (handled < 1)
		return 3;
	return 0;
}

/* wait4() for a grandchild that outlives the signal. */
static int wait_intr(int flags)
{
	int status = -1;
	pid_t kid, r;

	kid = fork();
	if (kid < 0)
		return 9;
	if (kid == 0) {
		char c;

		/* Lives until the data pipe has a byte or is closed. */
		read(data_pipe[0], &c, 1);
		_exit(7);
	}
	install(flags);
	r = waitpid(kid, &status, 0);
	if (flags & SA_RESTART) {
		/* Restarted: returns only once the grandchild exited. */
		if (r != kid)
			return 1;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 7)
			return 2;
		if (handled < 1)
			return 3;
		return 0;
	}
	if (r != -1)
		return 4;
	if (errno != EINTR)
		return 5;
	if (handled < 1)
		return 6;
	kill(kid, SIGKILL);
	waitpid(kid, &status, 0);
	return 0;
}

int main(void)
{
	char c;
	pid_t pid = -1;
	int status;

	MUST(pipe(data_pipe));
	CHECK_EQ(run_child(read_no_restart, 0, NULL, 1), 0);

	/*
	 * SA_RESTART: one signal only; once the handler has acked it, the
	 * byte is written and the restarted read must return it.
	 */
	MUST(pipe(ack_pipe));
	CHECK_EQ(run_child(read_restart, 0, &pid, 0), 0);
	close(ack_pipe[1]);
	CHECK_EQ(read(ack_pipe[0], &c, 1), 1);
	msleep(50);
	CHECK_EQ(write(data_pipe[1], "d", 1), 1);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	close(ack_pipe[0]);

	CHECK_EQ(run_child(sleep_intr, 0, NULL, 1), 0);
	CHECK_EQ(run_child(sleep_intr, SA_RESTART, NULL, 1), 0);
	CHECK_EQ(run_child(poll_intr, 0, NULL, 1), 0);
	CHECK_EQ(run_child(poll_intr, SA_RESTART, NULL, 1), 0);
	CHECK_EQ(run_child(wait_intr, 0, NULL, 1), 0);

	/* wait4 with SA_RESTART: signal it, then let the grandchild go. */
	CHECK_EQ(run_child(wait_intr, SA_RESTART, &pid, 0), 0);
	msleep(50);
	CHECK_EQ(write(data_pipe[1], "g", 1), 1);
	status = -1;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);

	close(data_pipe[0]);
	close(data_pipe[1]);
	return report();
}
