/*
 * Opening and closing: open, openat, creat, close, close_range.
 * Handlers fetch the name and hand the flags to vfs_open (vfs/open.c),
 * which applies open(2)'s rules; unknown open flags are ignored, as Linux
 * does for open and openat.
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fs.h>

static long do_open(int dfd, uaddr_t upath, unsigned flags, unsigned mode)
{
	char *name = getname(upath);
	struct file *f;

	if (IS_ERR(name))
		return PTR_ERR(name);
	/* x86-64 Linux forces O_LARGEFILE (force_o_largefile) */
	f = vfs_open(dfd, name, flags | LINUX_O_LARGEFILE, mode);
	putname(name);
	return fd_install_or_put(f, flags & LINUX_O_CLOEXEC);
}

SYSCALL_DEFINE(open)
{
	return do_open(LINUX_AT_FDCWD, a[0], (unsigned)a[1], (unsigned)a[2]);
}

SYSCALL_DEFINE(openat)
{
	return do_open((int)a[0], a[1], (unsigned)a[2], (unsigned)a[3]);
}

SYSCALL_DEFINE(creat)
{
	return do_open(LINUX_AT_FDCWD, a[0], LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC,
		       (unsigned)a[1]);
}

SYSCALL_DEFINE(close)
{
	return fd_close((int)a[0]);
}

SYSCALL_DEFINE(close_range)
{
	unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];

	if (flags & ~(unsigned)(LINUX_CLOSE_RANGE_UNSHARE | LINUX_CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	/* UNSHARE: the table is unshared at fork for now, nothing more to do */
	fd_close_range(first, last, flags & LINUX_CLOSE_RANGE_CLOEXEC);
	return 0;
}
