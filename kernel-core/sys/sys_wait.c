/*
 * Reaping and watching children: wait4 and waitid (wait(2), waitid(2)).
 *
 * A zombie's wait status is what task_exit() recorded; a stopped or
 * continued child is reported once from its signal_struct (kern/signal.c).
 * Children belong to the process, so any of its threads may wait for them
 * (they hang on the group leader).
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_resource.h>
#include <uapi/linux_signal.h>

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WSTOPPED WUNTRACED
#define WEXITED 0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT 0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

#define P_ALL 0
#define P_PID 1
#define P_PGID 2

enum { BY_ANY, BY_PID, BY_PGID };

struct wait_result {
	int pid;
	uint32_t uid;
	int status;	/* as wait4 gives it */
	int code;	/* CLD_* for waitid */
	int si_status;
	struct linux_rusage ru;	/* the child's, for wait4 and waitid */
};

/*
 * Which children a wait looks at: by id, and by kind: without __WALL,
 * __WCLONE picks the children that do not signal SIGCHLD at exit, its
 * absence the ones that do (wait(2)).
 */
static bool eligible(const struct task *c, int by, int id, int options)
{
	if ((by == BY_PID && c->tgid != id) || (by == BY_PGID && c->pgid != id))
		return false;
	if (options & __WALL)
		return true;
	return (c->exit_signal != LINUX_SIGCHLD) == !!(options & __WCLONE);
}

static void reap(struct task *c)
{
	acct_reap(current, c);
	list_del(&c->sibling);
	task_free(c);
}

static void exited(struct task *c, struct wait_result *r)
{
	r->status = c->exit_code;
	if (c->exit_code & 0x7f) {
		r->code = (c->exit_code & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED;
		r->si_status = c->exit_code & 0x7f;
	} else {
		r->code = LINUX_CLD_EXITED;
		r->si_status = (c->exit_code >> 8) & 0xff;
	}
}

/*
 * Find something to report among current's children: 1 with *r filled in
 * (the child reaped, or its report taken, unless WNOWAIT), 0 when eligible
 * children exist but have nothing to say, -ECHILD when there are none.
 */
static int wait_consider(int by, int id, int options, struct wait_result *r)
{
	struct task *me = task_group_leader(current), *c, *tmp;
	bool any = false;

	list_for_each_entry_safe(c, tmp, &me->children, sibling) {
		struct signal_struct *s = c->signal;

		if (!eligible(c, by, id, options))
			continue;
		any = true;
		r->pid = c->tgid;
		r->uid = c->cred.uid;
		acct_child_rusage(c, &r->ru);
		if (c->state == TASK_DEAD) {
			if (!(options & WEXITED))
				continue;
			exited(c, r);
			if (!(options & WNOWAIT))
				reap(c);
			return 1;
		}
		if ((options & WSTOPPED) && (s->flags & SIGNAL_STOP_STOPPED) && s->stop_report) {
			r->status = s->stop_report;
			r->code = LINUX_CLD_STOPPED;
			r->si_status = s->stop_report >> 8;
			if (!(options & WNOWAIT))
				s->stop_report = 0;
			return 1;
		}
		if ((options & WCONTINUED) && (s->flags & SIGNAL_STOP_CONTINUED)) {
			r->status = 0xffff;
			r->code = LINUX_CLD_CONTINUED;
			r->si_status = LINUX_SIGCONT;
			if (!(options & WNOWAIT))
				s->flags &= ~SIGNAL_STOP_CONTINUED;
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

static long put_rusage(uaddr_t uru, const struct linux_rusage *ru)
{
	if (!uru)
		return 0;
	return copy_to_user(uru, ru, sizeof(*ru)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(wait4)
{
	int pid = (int)a[0], options = (int)a[2];
	int by = pid > 0 ? BY_PID : pid == -1 ? BY_ANY : BY_PGID;
	int id = pid > 0 ? pid : pid == 0 ? current->pgid : -pid;
	struct wait_result r;
	int ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	ret = wait_consider(by, id, options | WEXITED, &r);
	if (ret < 0)
		return ret;
	if (ret == 0)
		return (options & WNOHANG) ? 0 : sched_wait(&task_group_leader(current)->child_wq);
	/* The child is reaped even if the status cannot be stored (Linux). */
	if (a[1] && copy_to_user(a[1], &r.status, sizeof(r.status)))
		return -EFAULT;
	if (put_rusage(a[3], &r.ru))
		return -EFAULT;
	return r.pid;
}

SYSCALL_DEFINE(waitid)
{
	int idtype = (int)a[0], id = (int)a[1], options = (int)a[3];
	struct wait_result r;
	int32_t head[3] = { 0, 0, 0 }, body[3] = { 0, 0, 0 };
	int by, ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (idtype) {
	case P_ALL:
		by = BY_ANY;
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		by = BY_PID;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		by = BY_PGID;
		if (id == 0)
			id = current->pgid;
		break;
	default:
		return -EINVAL;
	}
	ret = wait_consider(by, id, options, &r);
	if (ret < 0)
		return ret;
	if (ret == 0 && !(options & WNOHANG))
		return sched_wait(&task_group_leader(current)->child_wq);
	if (ret == 1) {
		head[0] = LINUX_SIGCHLD;
		head[2] = r.code;
		body[0] = r.pid;
		body[1] = (int32_t)r.uid;
		body[2] = r.si_status;
	}
	/* Only these fields are written (si_signo, si_errno, si_code; si_pid, si_uid, si_status). */
	if (a[2] && (copy_to_user(a[2], head, sizeof(head)) ||
		     copy_to_user(a[2] + 16, body, sizeof(body))))
		return -EFAULT;
	/* The rusage is stored only when a child was found (Linux). */
	if (ret == 1 && put_rusage(a[4], &r.ru))
		return -EFAULT;
	return 0;
}
