/*
 * Per-thread and process-wide pending signals (signal(7), "Signal mask and
 * pending signals"): kill() to the process is handled by the thread that
 * does not block it; a signal blocked in every thread stays pending on the
 * process and shows in sigpending() of each thread, and either may take it
 * with sigtimedwait(); tgkill() to one thread is pending for that thread
 * only (the other's sigpending does not show it, the other's handler does
 * not run) until that thread unblocks it and handles it itself.
 */
#include "guest.h"
#include <pthread.h>
#include <signal.h>
#include <time.h>

static volatile pid_t handler_tid;
static volatile int handled, step;
static volatile pid_t worker_tid;

static void handler(int sig)
{
	(void)sig;
	handler_tid = gettid();
	handled++;
}

static void msleep(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait (5 s at most) until *v reaches want. */
static int await(volatile int *v, int want)
{
	for (int i = 0; i < 5000 && *v < want; i++)
		msleep(1);
	return *v >= want;
}

static volatile int w_pend_term, w_pend_usr2, w_took;

static void *worker(void *arg)
{
	sigset_t set, pend;
	struct timespec zero = { 0, 0 };

	(void)arg;
	worker_tid = gettid();
	/* The worker takes SIGUSR1; SIGUSR2 and SIGTERM stay blocked. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	step = 1;
	await(&step, 2);	/* main: kill(SIGUSR1) handled here, then SIGTERM, SIGUSR2 sent */
	sigpending(&pend);
	w_pend_term = sigismember(&pend, SIGTERM);
	w_pend_usr2 = sigismember(&pend, SIGUSR2);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	w_took = sigtimedwait(&set, NULL, &zero);
	step = 3;
	await(&step, 4);	/* main: tgkill(worker, SIGHUP) */
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	step = 5;
	return NULL;
}

int main(void)
{
	sigset_t set, pend;
	pthread_t th;
	pid_t me = gettid();

	signal(SIGUSR1, handler);
	signal(SIGHUP, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	MUST(sigprocmask(SIG_BLOCK, &set, NULL));
	MUST(-pthread_create(&th, NULL, worker, NULL));
	CHECK(await(&step, 1));

	/* The process-directed SIGUSR1 goes to the thread that takes it. */
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK(await(&handled, 1));
	CHECK(handler_tid == worker_tid);

	/* SIGTERM blocked everywhere: pending on the process. */
	CHECK_EQ(kill(getpid(), SIGTERM), 0);
	CHECK_EQ(syscall(SYS_tgkill, getpid(), me, SIGUSR2), 0);
	CHECK_EQ(sigpending(&pend), 0);
	CHECK(sigismember(&pend, SIGTERM));
	CHECK(sigismember(&pend, SIGUSR2));
	step = 2;
	CHECK(await(&step, 3));
	CHECK_EQ(w_pend_term, 1);
	CHECK_EQ(w_pend_usr2, 0);
	CHECK_EQ(w_took, SIGTERM);
	CHECK_EQ(sigpending(&pend), 0);
	CHECK(!sigismember(&pend, SIGTERM));
	CHECK(sigismember(&pend, SIGUSR2));

	/* SIGHUP to the worker, which blocks it: main does not take it. */
	CHECK_EQ(syscall(SYS_tgkill, getpid(), worker_tid, SIGHUP), 0);
	set = (sigset_t){ 0 };
	sigaddset(&set, SIGHUP);
	MUST(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(handled, 1);
	CHECK_EQ(sigpending(&pend), 0);
	CHECK(!sigismember(&pend, SIGHUP));
	step = 4;
	CHECK(await(&step, 5));
	CHECK(await(&handled, 2));
	CHECK(handler_tid == worker_tid);
	pthread_join(th, NULL);
	CHECK_EQ(handled, 2);
	return report();
}
