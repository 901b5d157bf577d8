/*
 * Scheduling policies: priority ranges per policy; SCHED_FIFO/RR need a
 * priority in 1..99 and others 0 (EINVAL); getscheduler/getparam read
 * back what was set; sched_rr_get_interval is 100 ms under SCHED_RR;
 * SCHED_RESET_ON_FORK shows in getscheduler and gives the child
 * SCHED_OTHER; an unprivileged process gets EPERM for SCHED_FIFO; bad
 * pids and pointers are EINVAL, ESRCH, EFAULT as Linux orders them.
 */
#include "guest.h"
#include <sched.h>
#include <sys/wait.h>
#include <time.h>

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

static int setsched(int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	return syscall(SYS_sched_setscheduler, 0, policy, &sp);
}

static int getprio(void)
{
	struct sched_param sp = { .sched_priority = -1 };

	if (syscall(SYS_sched_getparam, 0, &sp))
		return -1;
	return sp.sched_priority;
}

static int child(void)
{
	struct timespec ts;
	struct sched_param sp = { .sched_priority = 7 };
	int st = -1;
	pid_t pid;

	CHECK_EQ(setsched(SCHED_FIFO, 10), 0);
	CHECK_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
	CHECK_EQ(getprio(), 10);
	CHECK_EQ(syscall(SYS_sched_setparam, 0, &sp), 0);
	CHECK_EQ(getprio(), 7);
	CHECK_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
	CHECK_EQ(syscall(SYS_sched_rr_get_interval, 0, &ts), 0);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 0);
	CHECK_EQ(setsched(SCHED_RR, 5), 0);
	CHECK_EQ(syscall(SYS_sched_rr_get_interval, 0, &ts), 0);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 100000000);
	CHECK_ERR(setsched(SCHED_RR, 100), EINVAL);
	CHECK_ERR(setsched(SCHED_RR, 0), EINVAL);
	CHECK_ERR(setsched(SCHED_OTHER, 1), EINVAL);
	CHECK_ERR(setsched(4, 0), EINVAL);
	CHECK_ERR(setsched(-1, 0), EINVAL);

	CHECK_EQ(setsched(SCHED_RR | SCHED_RESET_ON_FORK, 5), 0);
	CHECK_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_RR | SCHED_RESET_ON_FORK);
	pid = fork();
	if (pid == 0)
		_exit(syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER && getprio() == 0 ? 0 : 1);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);

	CHECK_EQ(setsched(SCHED_BATCH, 0), 0);
	CHECK_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_BATCH);
	CHECK_EQ(getprio(), 0);
	CHECK_EQ(setsched(SCHED_IDLE, 0), 0);
	CHECK_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_IDLE);
	CHECK_EQ(setsched(SCHED_OTHER, 0), 0);

	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_ERR(setsched(SCHED_FIFO, 1), EPERM);
	CHECK_ERR(setsched(SCHED_BATCH, 1), EINVAL);	/* EINVAL comes first */
	CHECK_EQ(setsched(SCHED_BATCH, 0), 0);
	CHECK_ERR(syscall(SYS_sched_setscheduler, getppid(), SCHED_OTHER, &sp), EINVAL);
	sp.sched_priority = 0;
	CHECK_ERR(syscall(SYS_sched_setscheduler, getppid(), SCHED_OTHER, &sp), EPERM);
	return report();
}

int main(void)
{
	struct sched_param sp;
	struct timespec ts;
	int st = -1;
	pid_t pid;

	CHECK_EQ(sched_get_priority_min(SCHED_FIFO), 1);
	CHECK_EQ(sched_get_priority_max(SCHED_FIFO), 99);
	CHECK_EQ(sched_get_priority_min(SCHED_RR), 1);
	CHECK_EQ(sched_get_priority_max(SCHED_RR), 99);
	CHECK_EQ(sched_get_priority_min(SCHED_OTHER), 0);
	CHECK_EQ(sched_get_priority_max(SCHED_OTHER), 0);
	CHECK_EQ(sched_get_priority_max(SCHED_BATCH), 0);
	CHECK_EQ(sched_get_priority_max(SCHED_IDLE), 0);
	CHECK_ERR(syscall(SYS_sched_get_priority_max, 4), EINVAL);
	CHECK_ERR(syscall(SYS_sched_get_priority_min, -1), EINVAL);

	CHECK_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
	CHECK_EQ(getprio(), 0);
	CHECK_ERR(syscall(SYS_sched_getscheduler, -1), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getscheduler, 0x3fffffff), ESRCH);
	CHECK_ERR(syscall(SYS_sched_getparam, 0, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getparam, -1, &sp), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getparam, 0, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_sched_rr_get_interval, -1, &ts), EINVAL);
	CHECK_ERR(syscall(SYS_sched_rr_get_interval, 0, NULL), EFAULT);
	CHECK_EQ(sched_yield(), 0);

	pid = fork();
	if (pid == 0)
		_exit(child());
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	return report();
}
