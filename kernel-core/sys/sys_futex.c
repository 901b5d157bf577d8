/*
 * futex (futex(2)): decodes the operation and its arguments for
 * kern/futex.c; set_robust_list and get_robust_list (get_robust_list(2)). The PI operations and FUTEX_WAIT_REQUEUE_PI are not
 * implemented (-ENOSYS); FUTEX_FD is gone from Linux too.
 */
#include <umk/errno.h>
#include <umk/futex.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_futex.h>

/* The commands whose fourth argument is a timeout, not a count. */
static bool has_timeout(int cmd)
{
	return cmd == LINUX_FUTEX_WAIT || cmd == LINUX_FUTEX_WAIT_BITSET ||
	       cmd == LINUX_FUTEX_LOCK_PI || cmd == LINUX_FUTEX_LOCK_PI2 ||
	       cmd == LINUX_FUTEX_WAIT_REQUEUE_PI;
}

SYSCALL_DEFINE(futex)
{
	uaddr_t uaddr = a[0], utime = a[3], uaddr2 = a[4];
	int op = (int)a[1];
	int cmd = op & LINUX_FUTEX_CMD_MASK;
	uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
	int val2 = (int)(uint32_t)a[3];	/* a count where there is no timeout */
	bool private_ = op & LINUX_FUTEX_PRIVATE_FLAG;
	bool realtime = op & LINUX_FUTEX_CLOCK_REALTIME;
	int64_t deadline, *dp = NULL;

	/* A FUTEX_WAIT that slept is run again on wake-up: it finishes there. */
	if (current->restart_valid && current->futex)
		return futex_wait_resume();

	/* As Linux: the timeout is read and checked before the op is. */
	if (utime && has_timeout(cmd)) {
		long err = timespec_from_user(utime, &deadline);

		if (err)
			return err;
		/*
		 * FUTEX_WAIT's is relative and monotonic, the others' absolute.
		 * Restarted after a signal with no handler, it keeps the
		 * deadline of its first try (Linux's restart_block).
		 */
		if (cmd == LINUX_FUTEX_WAIT && current->restart_valid)
			deadline = current->restart.deadline_ns;
		else if (cmd == LINUX_FUTEX_WAIT)
			deadline += ktime_mono_ns();
		current->restart.deadline_ns = deadline;
		dp = &deadline;
	}
	if (realtime && cmd != LINUX_FUTEX_WAIT_BITSET && cmd != LINUX_FUTEX_WAIT_REQUEUE_PI &&
	    cmd != LINUX_FUTEX_LOCK_PI2)
		return -ENOSYS;

	switch (cmd) {
	case LINUX_FUTEX_WAIT:
		return futex_wait(uaddr, private_, val, dp, false, LINUX_FUTEX_BITSET_MATCH_ANY);
	case LINUX_FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, private_, val, dp, realtime, val3);
	case LINUX_FUTEX_WAKE:
		return futex_wake(current->mm, uaddr, (int)val, LINUX_FUTEX_BITSET_MATCH_ANY,
				  private_);
	case LINUX_FUTEX_WAKE_BITSET:
		return futex_wake(current->mm, uaddr, (int)val, val3, private_);
	case LINUX_FUTEX_REQUEUE:
		return futex_requeue(uaddr, private_, uaddr2, (int)val, val2, NULL);
	case LINUX_FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private_, uaddr2, (int)val, val2, &val3);
	case LINUX_FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, private_, uaddr2, (int)val, val2, val3);
	default:
		/* PI futexes, FUTEX_FD, and numbers Linux does not know */
		return -ENOSYS;
	}
}

SYSCALL_DEFINE(set_robust_list)
{
	if (a[1] != sizeof(struct linux_robust_list_head))
		return -EINVAL;
	current->robust_list = a[0];
	return 0;
}

SYSCALL_DEFINE(get_robust_list)
{
	int pid = (int)a[0];
	uint64_t len = sizeof(struct linux_robust_list_head);
	struct task *t = pid ? task_find(pid) : current;

	if (!t || t->state == TASK_DEAD)
		return -ESRCH;
	if (!ptrace_may_read(t, false))
		return -EPERM;
	if (copy_to_user(a[2], &len, sizeof(len)))
		return -EFAULT;
	return copy_to_user(a[1], &t->robust_list, sizeof(t->robust_list)) ? -EFAULT : 0;
}
