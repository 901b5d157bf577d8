/*
 * prctl(2): the process knobs umk keeps. The name (comm), the parent-death
 * signal, dumpable, keepcaps, no_new_privs, the child subreaper flag, and
 * read-only answers about the capability bounding and ambient sets (the
 * bounding set is always full; PR_CAPBSET_DROP is not supported). Other
 * options are EINVAL, as Linux answers options it does not know.
 */
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_prctl.h>
#include <uapi/linux_signal.h>

#define SECBIT_KEEP_CAPS (1 << 4)
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3

static long put_int(uaddr_t u, int v)
{
	return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
}

/* PR_SET_NAME: at most 15 bytes; the string may end in unmapped memory. */
static long set_name(uaddr_t u)
{
	char name[16];
	size_t n;

	memset(name, 0, sizeof(name));
	for (n = 0; n < sizeof(name) - 1; n++) {
		if (copy_from_user(&name[n], u + n, 1))
			return -EFAULT;
		if (!name[n])
			break;
	}
	memcpy(current->comm, name, sizeof(name));
	return 0;
}

static long cap_ambient(uint64_t op, uint64_t cap, const uint64_t *a)
{
	if (a[3] || a[4])
		return -EINVAL;
	switch (op) {
	case LINUX_PR_CAP_AMBIENT_CLEAR_ALL:
		return cap ? -EINVAL : 0;
	case LINUX_PR_CAP_AMBIENT_IS_SET:
	case PR_CAP_AMBIENT_RAISE:
	case PR_CAP_AMBIENT_LOWER:
		if (cap > CAP_LAST_CAP)
			return -EINVAL;
		/* No ambient set: raising needs the cap permitted and inheritable. */
		if (op == PR_CAP_AMBIENT_RAISE &&
		    !((current->cred.cap_prm & current->cred.cap_inh) >> cap & 1))
			return -EPERM;
		return op == PR_CAP_AMBIENT_RAISE ? -EPERM : 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE(prctl)
{
	int option = (int)a[0];
	uint64_t arg2 = a[1];
	struct task *leader = task_group_leader(current);

	switch (option) {
	case LINUX_PR_SET_PDEATHSIG:
		if (arg2 > LINUX_NSIG)
			return -EINVAL;
		current->ident.pdeathsig = (int)arg2;
		return 0;
	case LINUX_PR_GET_PDEATHSIG:
		return put_int(arg2, current->ident.pdeathsig);
	case LINUX_PR_GET_DUMPABLE:
		return leader->ident.dumpable;
	case LINUX_PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL;
		leader->ident.dumpable = (int)arg2;
		return 0;
	case LINUX_PR_GET_KEEPCAPS:
		return current->cred.keepcaps;
	case LINUX_PR_SET_KEEPCAPS:
		if (arg2 > 1)
			return -EINVAL;
		current->cred.keepcaps = arg2;
		return 0;
	case LINUX_PR_GET_SECUREBITS:
		return current->cred.keepcaps ? SECBIT_KEEP_CAPS : 0;
	case LINUX_PR_SET_NAME:
		return set_name(arg2);
	case LINUX_PR_GET_NAME:
		return copy_to_user(arg2, current->comm, sizeof(current->comm)) ? -EFAULT : 0;
	case LINUX_PR_SET_CHILD_SUBREAPER:
		leader->ident.child_subreaper = arg2 != 0;
		return 0;
	case LINUX_PR_GET_CHILD_SUBREAPER:
		return put_int(arg2, leader->ident.child_subreaper);
	case LINUX_PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || a[2] || a[3] || a[4])
			return -EINVAL;
		current->ident.no_new_privs = true;
		return 0;
	case LINUX_PR_GET_NO_NEW_PRIVS:
		if (arg2 || a[2] || a[3] || a[4])
			return -EINVAL;
		return current->ident.no_new_privs;
	case LINUX_PR_CAPBSET_READ:
		return arg2 > CAP_LAST_CAP ? -EINVAL : 1;
	case LINUX_PR_CAP_AMBIENT:
		return cap_ambient(arg2, a[2], a);
	default:
		return -EINVAL;
	}
}
