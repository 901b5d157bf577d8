/*
 * Exit of threads (exit(2), exit_group(2), wait(2)): a thread's exit()
 * ends only that thread; when the leader has exited with exit() and the
 * last other thread exits with its own code, the process's status is that
 * last code; exit_group() from a non-leader thread ends every thread
 * and its code is the process's status; the process's pid stays the
 * leader's until then.
 */
#include "guest.h"
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>

static void msleep(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void *exit7_later(void *arg)
{
	(void)arg;
	msleep(100);
	syscall(SYS_exit, 7);
	return NULL;
}

static void *group_exit9(void *arg)
{
	(void)arg;
	msleep(50);
	syscall(SYS_exit_group, 9);
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		msleep(1000);
	return NULL;
}

int main(void)
{
	int status;
	pid_t pid;
	pthread_t th;

	/* Leader exits 3 first, then the other thread exits 7: status 7. */
	pid = MUST(fork());
	if (pid == 0) {
		pthread_create(&th, NULL, exit7_later, NULL);
		syscall(SYS_exit, 3);
		_exit(1);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);

	/* exit_group(9) from a thread while the leader and a sleeper run. */
	pid = MUST(fork());
	if (pid == 0) {
		pthread_create(&th, NULL, sleeper, NULL);
		pthread_create(&th, NULL, group_exit9, NULL);
		for (;;)
			msleep(1000);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 9);

	/* exit_group(9) from a thread after the leader's exit(5). */
	pid = MUST(fork());
	if (pid == 0) {
		pthread_create(&th, NULL, group_exit9, NULL);
		syscall(SYS_exit, 5);
		_exit(1);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 9);

	/* A thread's exit() does not end the process. */
	pid = MUST(fork());
	if (pid == 0) {
		pthread_create(&th, NULL, exit7_later, NULL);
		msleep(300);
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	return report();
}
