/*
 * Nice values: getpriority returns the nice value (the raw syscall 20 -
 * nice); setpriority clamps to [-20, 19]; a child inherits it; an
 * unprivileged process may raise its nice but not lower it (EACCES) and
 * may not touch another user's process (EPERM); PRIO_PGRP and PRIO_USER
 * find a process alone in its group and under its uid; which out of range is
 * EINVAL; no match is ESRCH.
 */
#include "guest.h"
#include <sys/resource.h>
#include <sys/wait.h>

static int unprivileged(void)
{
	CHECK_EQ(setpgid(0, 0), 0);	/* alone in its group */
	CHECK_EQ(getpriority(PRIO_PGRP, 0), 3);
	CHECK_EQ(setresuid(54323, 54323, 54323), 0);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, 5), 0);
	CHECK_EQ(getpriority(PRIO_PROCESS, 0), 5);
	CHECK_ERR(setpriority(PRIO_PROCESS, 0, 4), EACCES);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, 100), 0);
	CHECK_EQ(getpriority(PRIO_PROCESS, 0), 19);
	CHECK_ERR(setpriority(PRIO_PROCESS, getppid(), 19), EPERM);
	CHECK_EQ(getpriority(PRIO_USER, 0), 19);
	return report();
}

int main(void)
{
	int st = -1;
	pid_t pid;

	CHECK_EQ(setpriority(PRIO_PROCESS, 0, 0), 0);
	CHECK_EQ(getpriority(PRIO_PROCESS, 0), 0);
	CHECK_EQ(syscall(SYS_getpriority, PRIO_PROCESS, 0), 20);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, -5), 0);	/* root may lower */
	CHECK_EQ(getpriority(PRIO_PROCESS, getpid()), -5);
	CHECK_EQ(syscall(SYS_getpriority, PRIO_PROCESS, 0), 25);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, -100), 0);
	CHECK_EQ(getpriority(PRIO_PROCESS, 0), -20);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, 3), 0);

	pid = fork();
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 3 ? 0 : 1);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);

	pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);

	CHECK_ERR(syscall(SYS_getpriority, 3, 0), EINVAL);
	CHECK_ERR(syscall(SYS_setpriority, -1, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_getpriority, PRIO_PROCESS, 0x3fffffff), ESRCH);
	CHECK_ERR(syscall(SYS_getpriority, PRIO_PROCESS, -5), ESRCH);
	CHECK_ERR(syscall(SYS_setpriority, PRIO_USER, 4242, 5), ESRCH);
	CHECK_ERR(syscall(SYS_getpriority, PRIO_PGRP, 0x3fffffff), ESRCH);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, 0), 0);
	return report();
}
