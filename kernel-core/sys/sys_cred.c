/*
 * User and group ids, supplementary groups and capabilities: the get*id
 * and set*id families (setresuid(2), setfsuid(2)), getgroups/setgroups
 * (getgroups(2)) and capget/capset (capget(2)). The rules are in
 * kern/cred.c.
 */
#include <stdlib.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_prctl.h>

#define NGROUPS_MAX 65536

SYSCALL_DEFINE(getuid) { return current->cred.uid; }
SYSCALL_DEFINE(geteuid) { return current->cred.euid; }
SYSCALL_DEFINE(getgid) { return current->cred.gid; }
SYSCALL_DEFINE(getegid) { return current->cred.egid; }

static long put_ids(const uint64_t *a, uint32_t r, uint32_t e, uint32_t s)
{
	if (copy_to_user(a[0], &r, 4) || copy_to_user(a[1], &e, 4) || copy_to_user(a[2], &s, 4))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(getresuid)
{
	return put_ids(a, current->cred.uid, current->cred.euid, current->cred.suid);
}

SYSCALL_DEFINE(getresgid)
{
	return put_ids(a, current->cred.gid, current->cred.egid, current->cred.sgid);
}

SYSCALL_DEFINE(setuid) { return cred_setuid((uint32_t)a[0]); }
SYSCALL_DEFINE(setgid) { return cred_setgid((uint32_t)a[0]); }
SYSCALL_DEFINE(setreuid) { return cred_setreuid((uint32_t)a[0], (uint32_t)a[1]); }
SYSCALL_DEFINE(setregid) { return cred_setregid((uint32_t)a[0], (uint32_t)a[1]); }
SYSCALL_DEFINE(setfsuid) { return cred_setfsuid((uint32_t)a[0]); }
SYSCALL_DEFINE(setfsgid) { return cred_setfsgid((uint32_t)a[0]); }

SYSCALL_DEFINE(setresuid)
{
	return cred_setresuid((uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]);
}

SYSCALL_DEFINE(setresgid)
{
	return cred_setresgid((uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]);
}

SYSCALL_DEFINE(getgroups)
{
	int size = (int)a[0];
	const struct group_info *g = current->cred.groups;
	int n = g ? g->ngroups : 0;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return n;
	if (size < n)
		return -EINVAL;
	if (n && copy_to_user(a[1], g->gid, (size_t)n * sizeof(uint32_t)))
		return -EFAULT;
	return n;
}

static int cmp_gid(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

SYSCALL_DEFINE(setgroups)
{
	int size = (int)a[0];
	struct group_info *g = NULL;
	struct cred old = current->cred;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned)size > NGROUPS_MAX)
		return -EINVAL;
	if (size) {
		g = groups_alloc(size);
		if (!g)
			return -ENOMEM;
		if (copy_from_user(g->gid, a[1], (size_t)size * sizeof(uint32_t))) {
			groups_put(g);
			return -EFAULT;
		}
		/* Kept sorted, as Linux keeps them: getgroups sees them in order. */
		qsort(g->gid, (size_t)size, sizeof(uint32_t), cmp_gid);
	}
	groups_put(current->cred.groups);
	current->cred.groups = g;
	cred_changed(current, &old);
	return 0;
}

/* --- capabilities -------------------------------------------------------- */

/*
 * Check the header: the number of 32-bit halves its version uses, or
 * -EINVAL after writing the preferred version back (a version probe).
 */
static long cap_version(uaddr_t uhdr, struct linux_cap_header *h)
{
	if (copy_from_user(h, uhdr, sizeof(*h)))
		return -EFAULT;
	switch (h->version) {
	case LINUX_CAPABILITY_VERSION_1:
		return 1;
	case LINUX_CAPABILITY_VERSION_2:
	case LINUX_CAPABILITY_VERSION_3:
		return 2;
	default:
		h->version = LINUX_CAPABILITY_VERSION_3;
		if (copy_to_user(uhdr, &h->version, sizeof(h->version)))
			return -EFAULT;
		return -EINVAL;
	}
}

SYSCALL_DEFINE(capget)
{
	struct linux_cap_header h;
	struct linux_cap_data d[2];
	const struct cred *c;
	struct task *t = current;
	long n = cap_version(a[0], &h);

	/* Without data, a version probe: the version was written back. */
	if (!a[1])
		return n == -EINVAL ? 0 : MIN(n, 0);
	if (n < 0)
		return n;
	if (h.pid < 0)
		return -EINVAL;
	if (h.pid && h.pid != current->tid) {
		t = task_find(h.pid);
		if (!t)
			return -ESRCH;
	}
	c = &t->cred;
	for (int i = 0; i < 2; i++) {
		d[i].effective = (uint32_t)(c->cap_eff >> (32 * i));
		d[i].permitted = (uint32_t)(c->cap_prm >> (32 * i));
		d[i].inheritable = (uint32_t)(c->cap_inh >> (32 * i));
	}
	return copy_to_user(a[1], d, (size_t)n * sizeof(d[0])) ? -EFAULT : 0;
}

SYSCALL_DEFINE(capset)
{
	struct linux_cap_header h;
	struct linux_cap_data d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	struct cred *c = &current->cred, old = *c;
	uint64_t eff = 0, prm = 0, inh = 0;
	long n = cap_version(a[0], &h);

	if (n < 0)
		return n;
	/* Only the caller's own capabilities can be set (capset(2)). */
	if (h.pid && h.pid != current->tid)
		return -EPERM;
	if (copy_from_user(d, a[1], (size_t)n * sizeof(d[0])))
		return -EFAULT;
	for (int i = 0; i < n; i++) {
		eff |= (uint64_t)d[i].effective << (32 * i);
		prm |= (uint64_t)d[i].permitted << (32 * i);
		inh |= (uint64_t)d[i].inheritable << (32 * i);
	}
	eff &= CAP_FULL_SET;
	prm &= CAP_FULL_SET;
	inh &= CAP_FULL_SET;
	if (!cred_capable(c, CAP_SETPCAP) && (inh & ~(c->cap_inh | c->cap_prm)))
		return -EPERM;
	if ((prm & ~c->cap_prm) || (eff & ~prm))
		return -EPERM;
	c->cap_eff = eff;
	c->cap_prm = prm;
	c->cap_inh = inh;
	cred_changed(current, &old);
	return 0;
}
