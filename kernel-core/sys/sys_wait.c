/*
 * Reaping children: wait4 and waitid (wait(2), waitid(2)).
 * A zombie's wait status is what task_exit() recorded.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/sched.h>
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

#define CLD_EXITED 1
#define CLD_KILLED 2

/* siginfo_t as waitid fills it (SIGCHLD layout), 128 bytes. */
struct linux_siginfo_chld {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t pad;
	int32_t si_pid;
	uint32_t si_uid;
	int32_t si_status;
	int32_t pad2;
	int64_t si_utime;
	int64_t si_stime;
	uint8_t rest[128 - 48];
};

enum { BY_ANY, BY_PID, BY_PGID };

/*
 * Find a waitable zombie among current's children: 1 with *found, 0 when
 * matching children exist but none is a zombie, -ECHILD when none match.
 */
static int find_zombie(int by, int id, struct task **found)
{
	struct task *c;
	bool any = false;

	list_for_each_entry(c, &current->children, sibling) {
		if ((by == BY_PID && c->tgid != id) || (by == BY_PGID && c->pgid != id))
			continue;
		any = true;
		if (c->state == TASK_DEAD) {
			*found = c;
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

static void reap(struct task *c)
{
	acct_reap(current, c);
	list_del(&c->sibling);
	task_free(c);
}

SYSCALL_DEFINE(wait4)
{
	int pid = (int)a[0], options = (int)a[2];
	int by = pid > 0 ? BY_PID : pid == -1 ? BY_ANY : BY_PGID;
	int id = pid > 0 ? pid : pid == 0 ? current->pgid : -pid;
	struct task *c;
	struct linux_rusage ru;
	int r, tid, status;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	r = find_zombie(by, id, &c);
	if (r < 0)
		return r;
	if (r == 0)
		return (options & WNOHANG) ? 0 : sched_wait(&current->child_wq);
	tid = c->tgid;
	status = c->exit_code;
	acct_child_rusage(c, &ru);
	reap(c);
	if (a[1] && copy_to_user(a[1], &status, sizeof(status)))
		return -EFAULT;
	if (a[3] && copy_to_user(a[3], &ru, sizeof(ru)))
		return -EFAULT;
	return tid;
}

SYSCALL_DEFINE(waitid)
{
	int idtype = (int)a[0], id = (int)a[1], options = (int)a[3];
	struct linux_siginfo_chld si;
	struct linux_rusage ru;
	struct task *c;
	int by, r;

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
	r = (options & WEXITED) ? find_zombie(by, id, &c) : find_zombie(by, id, &c) < 0 ? -ECHILD : 0;
	if (r < 0)
		return r;
	memset(&si, 0, sizeof(si));
	memset(&ru, 0, sizeof(ru));
	if (r == 0) {
		if (!(options & WNOHANG))
			return sched_wait(&current->child_wq);
	} else {
		si.si_signo = LINUX_SIGCHLD;
		si.si_pid = c->tgid;
		si.si_uid = c->cred.uid;
		if (c->exit_code & 0x7f) {
			si.si_code = CLD_KILLED;
			si.si_status = c->exit_code & 0x7f;
		} else {
			si.si_code = CLD_EXITED;
			si.si_status = (c->exit_code >> 8) & 0xff;
		}
		acct_child_rusage(c, &ru);
		if (!(options & WNOWAIT))
			reap(c);
	}
	if (a[2] && copy_to_user(a[2], &si, sizeof(si)))
		return -EFAULT;
	if (a[4] && copy_to_user(a[4], &ru, sizeof(ru)))
		return -EFAULT;
	return 0;
}
