/*
 * Process groups and sessions: setpgid, getpgid, getpgrp, setsid, getsid
 * (setpgid(2), setsid(2)). Init starts in group 0 and session 0, as on
 * Linux; every other process inherits its parent's.
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>

static struct task *find_process(int pid)
{
	return pid == 0 ? current : task_find(pid);
}

static bool group_in_session(int pgid, int sid)
{
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->state != TASK_DEAD && t->pgid == pgid && t->sid == sid)
			return true;
	return false;
}

SYSCALL_DEFINE(setpgid)
{
	int pid = (int)a[0], pgid = (int)a[1];
	struct task *t;

	if (pgid < 0)
		return -EINVAL;
	t = find_process(pid);
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t != current) {
		if (t->sid != current->sid)
			return -EPERM;
		if (t->did_exec)
			return -EACCES;
	}
	if (t->sid == t->tgid)
		return -EPERM;	/* a session leader stays in its group */
	if (pgid == 0)
		pgid = t->tgid;
	if (pgid != t->tgid && !group_in_session(pgid, current->sid))
		return -EPERM;
	t->pgid = pgid;
	return 0;
}

SYSCALL_DEFINE(getpgid)
{
	struct task *t = find_process((int)a[0]);

	return t ? t->pgid : -ESRCH;
}

SYSCALL_DEFINE(getpgrp)
{
	return current->pgid;
}

SYSCALL_DEFINE(setsid)
{
	int pid = current->tgid;

	/* Not if the caller leads a group, or any process uses its pid as one. */
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->state != TASK_DEAD && t->pgid == pid)
			return -EPERM;
	current->sid = pid;
	current->pgid = pid;
	return pid;
}

SYSCALL_DEFINE(getsid)
{
	struct task *t = find_process((int)a[0]);

	return t ? t->sid : -ESRCH;
}
