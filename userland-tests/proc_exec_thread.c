/*
 * execve() from a thread that is not the leader (execve(2), "All threads
 * other than the calling thread are destroyed"): the other threads (the
 * leader blocked in pause(), a sleeper) are gone, the caller takes over
 * the process's pid and its tid is that pid; the parent sees one exit,
 * with the new image's status, and then has no more children. Also from
 * the leader itself while another thread runs.
 */
#include "guest.h"
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static char *self;
static char arg_pid[16], arg_t1[16], arg_t2[16];
static volatile pid_t sleeper_tid;

static void *sleeper(void *arg)
{
	(void)arg;
	sleeper_tid = gettid();
	for (;;)
		pause();
	return NULL;
}

static void *execer(void *arg)
{
	char *argv[] = { self, "exec", arg_pid, arg_t1, arg_t2, NULL };

	(void)arg;
	snprintf(arg_t2, sizeof(arg_t2), "%d", (int)gettid());
	execv(self, argv);
	_exit(99);
}

/* The new image: argv = self exec PID TID1 TID2. */
static int exec_side(char **argv)
{
	pid_t pid = atoi(argv[2]), t1 = atoi(argv[3]), t2 = atoi(argv[4]);

	if (getpid() != pid)
		return 10;
	if (gettid() != pid)
		return 11;
	if (t1 != pid && syscall(SYS_tgkill, pid, t1, 0) != -1)
		return 12;
	if (t2 != pid && syscall(SYS_tgkill, pid, t2, 0) != -1)
		return 13;
	if (syscall(SYS_tgkill, pid, pid, 0) != 0)
		return 14;
	return 42;
}

static void wait_sleeper(void)
{
	struct timespec ts = { 0, 1000000 };

	for (int i = 0; i < 5000 && !sleeper_tid; i++)
		nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	pthread_t th;
	int status;
	pid_t pid;

	if (argc == 5 && strcmp(argv[1], "exec") == 0)
		return exec_side(argv);
	self = argv[0];

	/* A non-leader thread execs; the leader sits in pause(). */
	pid = MUST(fork());
	if (pid == 0) {
		snprintf(arg_pid, sizeof(arg_pid), "%d", (int)getpid());
		pthread_create(&th, NULL, sleeper, NULL);
		wait_sleeper();
		snprintf(arg_t1, sizeof(arg_t1), "%d", (int)sleeper_tid);
		pthread_create(&th, NULL, execer, NULL);
		for (;;)
			pause();
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);

	/* The leader execs while another thread sleeps. */
	pid = MUST(fork());
	if (pid == 0) {
		char *av[] = { self, "exec", arg_pid, arg_t1, arg_pid, NULL };

		snprintf(arg_pid, sizeof(arg_pid), "%d", (int)getpid());
		pthread_create(&th, NULL, sleeper, NULL);
		wait_sleeper();
		snprintf(arg_t1, sizeof(arg_t1), "%d", (int)sleeper_tid);
		execv(self, av);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
	return report();
}
