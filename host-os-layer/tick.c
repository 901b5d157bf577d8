/*
 * The kernel tick: a POSIX timer whose SIGALRM does nothing but interrupt
 * umk's blocking waitpid(), so that timers and interrupts are served while
 * guest threads compute. The handler is installed without SA_RESTART.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include <host/host.h>

static timer_t tick;
static bool tick_ready, tick_armed;

static void tick_handler(int sig)
{
	(void)sig;
}

static int tick_init(void)
{
	struct sigaction sa;
	struct sigevent sev;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tick_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		return -errno;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tick) < 0)
		return -errno;
	tick_ready = true;
	return 0;
}

int host_tick_start(int64_t first_ns, int64_t period_ns)
{
	struct itimerspec its;
	int err;

	if (!tick_ready && (err = tick_init()) < 0)
		return err;
	if (first_ns < 1000)
		first_ns = 1000;
	its.it_value.tv_sec = first_ns / 1000000000;
	its.it_value.tv_nsec = first_ns % 1000000000;
	its.it_interval.tv_sec = period_ns / 1000000000;
	its.it_interval.tv_nsec = period_ns % 1000000000;
	if (timer_settime(tick, 0, &its, NULL) < 0)
		return -errno;
	tick_armed = true;
	return 0;
}

void host_tick_stop(void)
{
	struct itimerspec its;

	if (!tick_armed)
		return;
	memset(&its, 0, sizeof(its));
	timer_settime(tick, 0, &its, NULL);
	tick_armed = false;
}
