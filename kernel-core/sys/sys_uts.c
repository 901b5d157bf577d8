/*
 * Host and domain names and unsharing: uname (uname(2)), sethostname and
 * setdomainname (gethostname(2)), unshare (unshare(2)) of the UTS names,
 * the fd table and the fs context. Other namespaces are refused with
 * EPERM, as clone refuses them.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs.h>
#include <uapi/linux_misc.h>

#define UMK_RELEASE "6.1.0-umk"
#define NEW_UTS_LEN 64

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_NEWTIME 0x00000080
#define CLONE_NS_OTHER (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWUSER | \
			CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)

SYSCALL_DEFINE(uname)
{
	struct linux_utsname u;
	const struct uts_ns *ns = task_uts(current);

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, ns->nodename);
	strcpy(u.release, UMK_RELEASE);
	strcpy(u.version, "#1 SMP PREEMPT umk");
	strcpy(u.machine, "x86_64");
	strcpy(u.domainname, ns->domainname);
	return copy_to_user(a[0], &u, sizeof(u)) ? -EFAULT : 0;
}

/* Set a name of len bytes (not NUL-terminated) into dst[65]. */
static long set_uts_name(char *(*field)(struct uts_ns *), uaddr_t uname, int len)
{
	char tmp[NEW_UTS_LEN + 1];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, uname, (size_t)len))
		return -EFAULT;
	tmp[len] = '\0';
	memcpy(field(task_uts(current)), tmp, (size_t)len + 1);
	return 0;
}

static char *nodename(struct uts_ns *ns) { return ns->nodename; }
static char *domainname(struct uts_ns *ns) { return ns->domainname; }

SYSCALL_DEFINE(sethostname) { return set_uts_name(nodename, a[0], (int)a[1]); }
SYSCALL_DEFINE(setdomainname) { return set_uts_name(domainname, a[0], (int)a[1]); }

static int other_threads(void)
{
	int n = 0;

	for (struct task *t = task_first(); t; t = task_next(t))
		if (t != current && t->tgid == current->tgid && t->state != TASK_DEAD &&
		    !t->thread_exited)
			n++;
	return n;
}

SYSCALL_DEFINE(unshare)
{
	uint64_t flags = a[0];

	if (flags & ~(CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES |
		      CLONE_SYSVSEM | CLONE_NEWUTS | CLONE_NS_OTHER))
		return -EINVAL;
	/* Sharing the address space, handlers or thread group cannot be undone. */
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && other_threads())
		return -EINVAL;
	if (flags & CLONE_NS_OTHER)
		return -EPERM;
	if ((flags & CLONE_NEWUTS) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (flags & CLONE_NEWUTS) {
		struct uts_ns *ns = malloc(sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		*ns = *task_uts(current);
		ns->refcount = 1;
		if (current->ident.uts && --current->ident.uts->refcount == 0)
			free(current->ident.uts);
		current->ident.uts = ns;
	}
	if (flags & CLONE_FILES) {
		struct files *f = files_dup(current->files);

		if (!f || IS_ERR(f))
			return -ENOMEM;
		files_put(current->files);
		current->files = f;
	}
	if (flags & CLONE_FS) {
		struct fs_struct *fs = fs_copy(current->fs);

		if (!fs || IS_ERR(fs))
			return -ENOMEM;
		fs_put(current->fs);
		current->fs = fs;
	}
	return 0;
}
