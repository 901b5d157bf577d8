/*
 * Blocking in epoll_wait: a positive timeout runs out with 0; a write from
 * another process or thread wakes the waiter; a caught signal ends the wait
 * with EINTR even with SA_RESTART; epoll_pwait's mask lets a blocked signal
 * in only during the wait and the mask is back afterwards; epoll_pwait2
 * takes a timespec.
 */
#include "guest.h"
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static int efd;

static void *writer(void *arg)
{
	uint64_t one = 1;

	(void)arg;
	usleep(30000);
	write(efd, &one, 8);
	return NULL;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct epoll_event ev, out[4];
	sigset_t block, empty, cur;
	long long t0;
	int ep, p[2];
	pid_t pid, parent = getpid();
	pthread_t th;

	alarm(20);
	MUST(sigaction(SIGUSR1, &sa, NULL));
	ep = MUST(epoll_create1(0));
	MUST(pipe(p));
	ev.events = EPOLLIN;
	ev.data.u64 = 1;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));

	t0 = now_ms();
	CHECK_EQ(epoll_wait(ep, out, 4, 50), 0);
	CHECK(now_ms() - t0 >= 49);
	t0 = now_ms();
	CHECK_EQ(syscall(SYS_epoll_pwait2, ep, out, 4, &(struct timespec){ 0, 50000000 }, NULL, 8), 0);
	CHECK(now_ms() - t0 >= 49);

	/* a child writes */
	pid = MUST(fork());
	if (pid == 0) {
		usleep(30000);
		write(p[1], "x", 1);
		_exit(0);
	}
	CHECK_EQ(epoll_wait(ep, out, 4, -1), 1);
	CHECK_EQ(out[0].data.u64, 1);
	MUST(waitpid(pid, NULL, 0));
	MUST(read(p[0], out, 1));

	/* a thread writes an eventfd */
	efd = MUST(eventfd(0, 0));
	ev.data.u64 = 2;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
	MUST(pthread_create(&th, NULL, writer, NULL));
	CHECK_EQ(epoll_wait(ep, out, 4, 5000), 1);
	CHECK_EQ(out[0].data.u64, 2);
	pthread_join(th, NULL);
	MUST(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));

	/* a signal: EINTR, SA_RESTART or not */
	pid = MUST(fork());
	if (pid == 0) {
		usleep(50000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	CHECK_ERR(epoll_wait(ep, out, 4, 5000), EINTR);
	CHECK_EQ(got, 1);
	MUST(waitpid(pid, NULL, 0));

	/* epoll_pwait: SIGUSR1 blocked, let in only during the wait */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	MUST(sigprocmask(SIG_BLOCK, &block, NULL));
	pid = MUST(fork());
	if (pid == 0) {
		usleep(50000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	CHECK_ERR(epoll_pwait(ep, out, 4, 5000, &empty), EINTR);
	CHECK_EQ(got, 2);
	MUST(waitpid(pid, NULL, 0));
	MUST(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	/* pending and blocked: the mask of the wait lets it in at once */
	raise(SIGUSR1);
	CHECK_EQ(got, 2);
	CHECK_ERR(epoll_pwait(ep, out, 4, 5000, &empty), EINTR);
	CHECK_EQ(got, 3);
	/* with events ready, the events win and the signal stays pending */
	raise(SIGUSR1);
	MUST(write(p[1], "x", 1));
	CHECK_EQ(epoll_pwait(ep, out, 4, 5000, &empty), 1);
	CHECK_EQ(got, 3);
	MUST(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	MUST(sigprocmask(SIG_UNBLOCK, &block, NULL));
	CHECK_EQ(got, 4);
	return report();
}
