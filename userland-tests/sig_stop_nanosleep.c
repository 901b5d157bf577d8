/*
 * A stopped sleeper keeps its deadline (signal(7), restart_syscall(2)):
 * a child in a 600 ms nanosleep() is stopped after about 100 ms for about
 * 300 ms and continued; its nanosleep returns 0 (no EINTR: no handler ran)
 * at its own deadline, well before 600 + 300 ms.
 */
#include "guest.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void msleep(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

int main(void)
{
	int fds[2], status;
	pid_t pid;
	char c;

	MUST(pipe(fds));
	pid = MUST(fork());
	if (pid == 0) {
		struct timespec ts = { 0, 600000000 };
		long t0 = now_ms(), dt;
		int r;

		write(fds[1], "r", 1);
		r = nanosleep(&ts, NULL);
		dt = now_ms() - t0;
		if (r != 0)
			_exit(1);
		if (dt < 590)
			_exit(2);
		if (dt > 850)
			_exit(3);
		_exit(0);
	}
	MUST(read(fds[0], &c, 1));
	msleep(100);
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	msleep(300);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	return report();
}
