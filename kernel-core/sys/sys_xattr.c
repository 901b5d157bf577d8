/*
 * Extended attributes: setxattr, getxattr, listxattr, removexattr and their
 * l- (no follow) and f- (open file) forms.
 *
 * No file system of umk keeps extended attributes yet, so they answer as a
 * Linux file system without xattr support does: every file lists none, and
 * reading, setting or removing one is EOPNOTSUPP, after the checks Linux
 * makes first, in its order (the name, the value's size, the file, a
 * read-only mount, the namespace's permission rules). Programs that copy
 * attributes (cp -a, Python's shutil.copystat) take that as "nothing to
 * copy".
 */
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_fs.h>

#define XATTR_CREATE 0x1
#define XATTR_REPLACE 0x2
#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536

/* The attribute's name from the guest: its length, -EFAULT, or -ERANGE (empty or too long). */
static long xattr_name(uaddr_t uname, char name[XATTR_NAME_MAX + 1])
{
	long n = strncpy_from_user(name, uname, XATTR_NAME_MAX + 1);

	if (n == 0 || n == -ENAMETOOLONG)
		return -ERANGE;
	return n;
}

/* Which file a call is about: a path (followed unless nofollow), or an open fd. */
struct xattr_file {
	uaddr_t upath;
	int fd;
	bool by_fd, nofollow;
	/* resolved: */
	struct path path;	/* by path */
	struct file *file;	/* by fd */
};

static long target_get(struct xattr_file *x)
{
	char *name;
	long err;

	if (x->by_fd) {
		x->file = fd_lookup(x->fd);
		return x->file && !(x->file->f_flags & LINUX_O_PATH) ? 0 : -EBADF;
	}
	name = getname(x->upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_lookup(LINUX_AT_FDCWD, name, x->nofollow ? 0 : LOOKUP_FOLLOW, &x->path);
	putname(name);
	return err;
}

static void target_put(struct xattr_file *x)
{
	if (!x->by_fd)
		path_put(&x->path);
}

static struct inode *target_inode(const struct xattr_file *x)
{
	return x->by_fd ? x->file->inode : x->path.dentry->inode;
}

static const struct mount *target_mnt(const struct xattr_file *x)
{
	return x->by_fd ? x->file->mnt : x->path.mnt;
}

static bool has_prefix(const char *name, const char *prefix)
{
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

/*
 * Linux's xattr_permission: trusted.* is for CAP_SYS_ADMIN (others do not
 * see it: ENODATA on a read), user.* only on regular files and directories,
 * and then the file's own read or write permission.
 */
static long xattr_permission(const struct inode *inode, const char *name, int mask)
{
	unsigned type = inode->mode & LINUX_S_IFMT;

	if (has_prefix(name, "trusted.") && !capable(CAP_SYS_ADMIN))
		return mask == LINUX_W_OK ? -EPERM : -ENODATA;
	if (has_prefix(name, "user.") && type != LINUX_S_IFREG && type != LINUX_S_IFDIR)
		return mask == LINUX_W_OK ? -EPERM : -ENODATA;
	if (has_prefix(name, "user."))
		return inode_permission(inode, mask, false);
	return 0;
}

/* A set's value (args: path or fd, name, value, size, flags): E2BIG or EFAULT, or 0. */
static long value_check(const uint64_t *set)
{
	char probe;

	if (set[3] > XATTR_SIZE_MAX)
		return -E2BIG;
	if (set[3] && (copy_from_user(&probe, set[2], 1) || copy_from_user(&probe, set[2] + set[3] - 1, 1)))
		return -EFAULT;
	return 0;
}

/*
 * Get, set (set: its syscall arguments) or remove the attribute named at
 * uname (mask: LINUX_R_OK for a get), in Linux's order: an open file is
 * looked at first; then a set's flags, the name, a set's value; then a
 * path; then the mount and the namespace's rules.
 */
static long xattr_one(struct xattr_file *x, uaddr_t uname, int mask, const uint64_t *set)
{
	char name[XATTR_NAME_MAX + 1];
	struct inode *inode;
	long err = x->by_fd ? target_get(x) : 0;

	if (!err && set && ((unsigned)set[4] & ~(unsigned)(XATTR_CREATE | XATTR_REPLACE)))
		err = -EINVAL;
	if (!err)
		err = xattr_name(uname, name);
	if (err >= 0 && set)
		err = value_check(set);
	if (err < 0)
		return err;
	if (!x->by_fd) {
		err = target_get(x);
		if (err)
			return err;
	}
	inode = target_inode(x);
	err = 0;
	if (mask == LINUX_W_OK && target_mnt(x))
		err = mnt_want_write(target_mnt(x));
	if (!err && inode)
		err = xattr_permission(inode, name, mask);
	if (!err)
		err = -EOPNOTSUPP;	/* no attributes are kept */
	target_put(x);
	return err;
}

/* Every file lists no attributes. */
static long do_listxattr(struct xattr_file *x)
{
	long err = target_get(x);

	if (err)
		return err;
	target_put(x);
	return 0;
}

#define BY_PATH(nf) (&(struct xattr_file){ .upath = a[0], .nofollow = (nf) })
#define BY_FD (&(struct xattr_file){ .fd = (int)a[0], .by_fd = true })

SYSCALL_DEFINE(setxattr)
{
	return xattr_one(BY_PATH(false), a[1], LINUX_W_OK, a);
}

SYSCALL_DEFINE(lsetxattr)
{
	return xattr_one(BY_PATH(true), a[1], LINUX_W_OK, a);
}

SYSCALL_DEFINE(fsetxattr)
{
	return xattr_one(BY_FD, a[1], LINUX_W_OK, a);
}

SYSCALL_DEFINE(getxattr)
{
	return xattr_one(BY_PATH(false), a[1], LINUX_R_OK, NULL);
}

SYSCALL_DEFINE(lgetxattr)
{
	return xattr_one(BY_PATH(true), a[1], LINUX_R_OK, NULL);
}

SYSCALL_DEFINE(fgetxattr)
{
	return xattr_one(BY_FD, a[1], LINUX_R_OK, NULL);
}

SYSCALL_DEFINE(listxattr)
{
	return do_listxattr(BY_PATH(false));
}

SYSCALL_DEFINE(llistxattr)
{
	return do_listxattr(BY_PATH(true));
}

SYSCALL_DEFINE(flistxattr)
{
	return do_listxattr(BY_FD);
}

SYSCALL_DEFINE(removexattr)
{
	return xattr_one(BY_PATH(false), a[1], LINUX_W_OK, NULL);
}

SYSCALL_DEFINE(lremovexattr)
{
	return xattr_one(BY_PATH(true), a[1], LINUX_W_OK, NULL);
}

SYSCALL_DEFINE(fremovexattr)
{
	return xattr_one(BY_FD, a[1], LINUX_W_OK, NULL);
}
