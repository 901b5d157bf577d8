/*
 * Names and links: unlink, unlinkat, link, linkat, symlink, symlinkat,
 * rename, renameat, renameat2, readlink, readlinkat. Handlers fetch names,
 * check flags and call the VFS (vfs/dir.c).
 */
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fs.h>

/* Fetch two guest names; on error nothing is left to free. */
static long getnames(uaddr_t u1, uaddr_t u2, char **n1, char **n2)
{
	*n1 = getname(u1);
	if (IS_ERR(*n1))
		return PTR_ERR(*n1);
	*n2 = getname(u2);
	if (IS_ERR(*n2)) {
		putname(*n1);
		return PTR_ERR(*n2);
	}
	return 0;
}

static long do_unlinkat(int dfd, uaddr_t upath, unsigned flags)
{
	char *name;
	long err;

	if (flags & ~(unsigned)LINUX_AT_REMOVEDIR)
		return -EINVAL;
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (flags & LINUX_AT_REMOVEDIR)
		err = vfs_rmdir(dfd, name);
	else
		err = vfs_unlink(dfd, name);
	putname(name);
	return err;
}

SYSCALL_DEFINE(unlink)
{
	return do_unlinkat(LINUX_AT_FDCWD, a[0], 0);
}

SYSCALL_DEFINE(unlinkat)
{
	return do_unlinkat((int)a[0], a[1], (unsigned)a[2]);
}

static long do_linkat(int odfd, uaddr_t uold, int ndfd, uaddr_t unew, unsigned flags)
{
	char *oldname, *newname;
	long err;

	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	err = getnames(uold, unew, &oldname, &newname);
	if (err)
		return err;
	err = vfs_link(odfd, oldname, ndfd, newname, flags);
	putname(oldname);
	putname(newname);
	return err;
}

SYSCALL_DEFINE(link)
{
	return do_linkat(LINUX_AT_FDCWD, a[0], LINUX_AT_FDCWD, a[1], 0);
}

SYSCALL_DEFINE(linkat)
{
	return do_linkat((int)a[0], a[1], (int)a[2], a[3], (unsigned)a[4]);
}

static long do_symlinkat(uaddr_t utarget, int dfd, uaddr_t upath)
{
	char *target, *name;
	long err = getnames(utarget, upath, &target, &name);

	if (err)
		return err;
	err = vfs_symlink(target, dfd, name);
	putname(target);
	putname(name);
	return err;
}

SYSCALL_DEFINE(symlink)
{
	return do_symlinkat(a[0], LINUX_AT_FDCWD, a[1]);
}

SYSCALL_DEFINE(symlinkat)
{
	return do_symlinkat(a[0], (int)a[1], a[2]);
}

static long do_renameat2(int odfd, uaddr_t uold, int ndfd, uaddr_t unew, unsigned flags)
{
	char *oldname, *newname;
	long err;

	if (flags & ~(unsigned)(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE |
				LINUX_RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & LINUX_RENAME_NOREPLACE) && (flags & LINUX_RENAME_EXCHANGE))
		return -EINVAL;
	err = getnames(uold, unew, &oldname, &newname);
	if (err)
		return err;
	err = vfs_rename(odfd, oldname, ndfd, newname, flags);
	putname(oldname);
	putname(newname);
	return err;
}

SYSCALL_DEFINE(rename)
{
	return do_renameat2(LINUX_AT_FDCWD, a[0], LINUX_AT_FDCWD, a[1], 0);
}

SYSCALL_DEFINE(renameat)
{
	return do_renameat2((int)a[0], a[1], (int)a[2], a[3], 0);
}

SYSCALL_DEFINE(renameat2)
{
	return do_renameat2((int)a[0], a[1], (int)a[2], a[3], (unsigned)a[4]);
}

static long do_readlinkat(int dfd, uaddr_t upath, uaddr_t ubuf, int size)
{
	char *name, *buf;
	long len;

	if (size <= 0)
		return -EINVAL;
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	buf = malloc(PATH_MAX);
	if (!buf) {
		putname(name);
		return -ENOMEM;
	}
	len = vfs_readlink(dfd, name, buf, MIN((size_t)size, PATH_MAX));
	if (len > 0 && copy_to_user(ubuf, buf, (size_t)len))
		len = -EFAULT;
	free(buf);
	putname(name);
	return len;
}

SYSCALL_DEFINE(readlink)
{
	return do_readlinkat(LINUX_AT_FDCWD, a[0], a[1], (int)a[2]);
}

SYSCALL_DEFINE(readlinkat)
{
	return do_readlinkat((int)a[0], a[1], a[2], (int)a[3]);
}
