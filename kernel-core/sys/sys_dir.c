/*
 * Directories: getdents64, getcwd, chdir, fchdir, mkdir, mkdirat, rmdir,
 * mknod, mknodat. Handlers fetch names and call the VFS (vfs/dir.c,
 * vfs/mount.c for the cwd, vfs/dcache.c for listings).
 */
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

SYSCALL_DEFINE(getdents64)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return vfs_getdents(f, a[1], (unsigned)a[2]);
}

SYSCALL_DEFINE(getcwd)
{
	char *buf = malloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = vfs_getcwd(buf, a[1]);
	if (len > 0 && copy_to_user(a[0], buf, (size_t)len))
		len = -EFAULT;
	free(buf);
	return len;
}

SYSCALL_DEFINE(chdir)
{
	struct path p;
	long err = user_lookup(a[0], LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = vfs_chdir(&p);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(fchdir)
{
	struct file *f = fd_lookup((int)a[0]);
	struct path p;

	if (!f)
		return -EBADF;
	if (!f->dentry)
		return -ENOTDIR;
	p.mnt = f->mnt;
	p.dentry = f->dentry;
	return vfs_chdir(&p);
}

static long do_mkdir(int dfd, uaddr_t upath, unsigned mode)
{
	char *name = getname(upath);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_mkdir(dfd, name, mode);
	putname(name);
	return err;
}

SYSCALL_DEFINE(mkdir)
{
	return do_mkdir(LINUX_AT_FDCWD, a[0], (unsigned)a[1]);
}

SYSCALL_DEFINE(mkdirat)
{
	return do_mkdir((int)a[0], a[1], (unsigned)a[2]);
}

SYSCALL_DEFINE(rmdir)
{
	char *name = getname(a[0]);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_rmdir(LINUX_AT_FDCWD, name);
	putname(name);
	return err;
}

/* mknod(2): which types it makes, and that devices need privilege. */
static long do_mknod(int dfd, uaddr_t upath, unsigned mode, unsigned dev)
{
	char *name;
	long err;

	switch (mode & LINUX_S_IFMT) {
	case 0:
		mode |= LINUX_S_IFREG;
		break;
	case LINUX_S_IFREG:
	case LINUX_S_IFIFO:
	case LINUX_S_IFSOCK:
		break;
	case LINUX_S_IFCHR:
	case LINUX_S_IFBLK:
		if (!capable(CAP_MKNOD))
			return -EPERM;
		break;
	case LINUX_S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* dev is the 32-bit encoding (new_encode_dev): the low half of the 64-bit one */
	err = vfs_mknod(dfd, name, mode, (uint64_t)dev);
	putname(name);
	return err;
}

SYSCALL_DEFINE(mknod)
{
	return do_mknod(LINUX_AT_FDCWD, a[0], (unsigned)a[1], (unsigned)a[2]);
}

SYSCALL_DEFINE(mknodat)
{
	return do_mknod((int)a[0], a[1], (unsigned)a[2], (unsigned)a[3]);
}
