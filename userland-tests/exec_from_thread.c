/*
 * execve from a thread other than the main one: Linux kills every other
 * thread, the exec'ing thread takes over the process (same pid), and the
 * new program runs alone. The parent sees the exec'd program's status.
 */
#include "guest.h"
#include <pthread.h>
#include <sys/wait.h>

static void *execer(void *arg)
{
	char *argv[] = { "sh", "-c", "echo exec from thread; exit 5", NULL };
	char *envp[] = { NULL };

	execve("/bin/busybox", argv, envp);
	_exit(99);
}

int main(void)
{
	int status;
	pid_t pid = MUST(fork());

	if (pid == 0) {
		pthread_t t;
		struct timespec ts = { 5, 0 };

		pthread_create(&t, NULL, execer, NULL);
		nanosleep(&ts, NULL);	/* killed by the exec long before */
		_exit(98);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
	return report();
}
