/*
 * The parent-death signal follows the parent *thread*: a child forked by a
 * second thread gets its PR_SET_PDEATHSIG signal when that thread exits,
 * though its process lives on; the child is then the process's child
 * still, and the main thread reaps it. Bounded by alarms.
 */
#include "guest.h"
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static volatile sig_atomic_t got;
static int ready[2];
static pid_t child;

static void on_usr2(int sig)
{
	(void)sig;
	got = 1;
}

static void *forker(void *arg)
{
	pid_t main_pid = getpid();
	char c;

	(void)arg;
	child = fork();
	if (child == 0) {
		sigset_t none, usr2;

		alarm(10);
		sigemptyset(&usr2);
		sigaddset(&usr2, SIGUSR2);
		sigprocmask(SIG_BLOCK, &usr2, NULL);
		signal(SIGUSR2, on_usr2);
		prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0);
		write(ready[1], "r", 1);
		sigemptyset(&none);
		while (!got)
			sigsuspend(&none);
		/* The process that forked it still lives: same parent. */
		_exit(getppid() == main_pid ? 5 : 6);
	}
	read(ready[0], &c, 1);
	return NULL;	/* the forking thread exits */
}

int main(void)
{
	pthread_t th;
	int st = -1;

	alarm(20);
	MUST(pipe(ready));
	MUST(-pthread_create(&th, NULL, forker, NULL));
	CHECK_EQ(pthread_join(th, NULL), 0);
	CHECK(child > 0);
	CHECK_EQ(waitpid(child, &st, 0), child);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
	return report();
}
