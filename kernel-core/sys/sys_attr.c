/*
 * File attributes: access, faccessat, faccessat2, umask, chmod, fchmod,
 * fchmodat, chown, fchown, lchown, fchownat, truncate, ftruncate,
 * fallocate, utime, utimes, futimesat, utimensat. Handlers resolve the file and pass a
 * struct iattr to vfs_setattr, which applies the permission rules.
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_fs.h>

/* Resolve a guest path (NULL with AT_EMPTY_PATH: dfd itself) into *p. */
static long lookup_user(int dfd, uaddr_t upath, unsigned lookup, struct path *p)
{
	char *name;
	long err;

	if (!upath && (lookup & LOOKUP_EMPTY))
		return vfs_lookup(dfd, "", lookup, p);
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_lookup(dfd, name, lookup, p);
	putname(name);
	return err;
}

static unsigned at_to_lookup(unsigned at_flags)
{
	return ((at_flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
	       ((at_flags & LINUX_AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
}

static long do_faccessat(int dfd, uaddr_t upath, unsigned mode, unsigned flags)
{
	struct path p;
	long err;

	if (mode & ~(unsigned)(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
		return -EINVAL;
	if (flags & ~(unsigned)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	err = lookup_user(dfd, upath, at_to_lookup(flags), &p);
	if (err)
		return err;
	/* access(2) checks with the real ids unless AT_EACCESS */
	if (mode)
		err = inode_permission(p.dentry->inode, (int)mode, !(flags & LINUX_AT_EACCESS));
	/* access(2): asking to write a file of a read-only mount is EROFS */
	if (!err && (mode & LINUX_W_OK) && (LINUX_S_ISREG(p.dentry->inode->mode) ||
					    LINUX_S_ISDIR(p.dentry->inode->mode) ||
					    LINUX_S_ISLNK(p.dentry->inode->mode)))
		err = mnt_want_write(p.mnt);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(access)
{
	return do_faccessat(LINUX_AT_FDCWD, a[0], (unsigned)a[1], 0);
}

SYSCALL_DEFINE(faccessat)
{
	return do_faccessat((int)a[0], a[1], (unsigned)a[2], 0);
}

SYSCALL_DEFINE(faccessat2)
{
	return do_faccessat((int)a[0], a[1], (unsigned)a[2], (unsigned)a[3]);
}

SYSCALL_DEFINE(umask)
{
	return vfs_set_umask((unsigned)a[0]);
}

/* The inode behind an fd for f*() attribute calls; O_PATH fds cannot. */
static long fd_inode(int fd, struct inode **inode)
{
	struct file *f = fd_lookup(fd);

	if (!f || (f->f_flags & LINUX_O_PATH) || !f->inode)
		return -EBADF;
	*inode = f->inode;
	return mnt_want_write(f->mnt);
}

static long setattr_at(int dfd, uaddr_t upath, unsigned lookup, const struct iattr *attr)
{
	struct path p;
	long err = lookup_user(dfd, upath, lookup, &p);

	if (err)
		return err;
	err = mnt_want_write(p.mnt);
	if (!err)
		err = vfs_setattr(p.dentry->inode, attr);
	path_put(&p);
	return err;
}

static struct iattr mode_attr(uint64_t mode)
{
	return (struct iattr){ .valid = ATTR_MODE, .mode = (unsigned)mode & 07777 };
}

SYSCALL_DEFINE(chmod)
{
	struct iattr attr = mode_attr(a[1]);

	return setattr_at(LINUX_AT_FDCWD, a[0], LOOKUP_FOLLOW, &attr);
}

SYSCALL_DEFINE(fchmodat)
{
	struct iattr attr = mode_attr(a[2]);

	return setattr_at((int)a[0], a[1], LOOKUP_FOLLOW, &attr);
}

SYSCALL_DEFINE(fchmod)
{
	struct iattr attr = mode_attr(a[1]);
	struct inode *inode;
	long err = fd_inode((int)a[0], &inode);

	return err ? err : vfs_setattr(inode, &attr);
}

/* chown(2): -1 leaves an id alone. */
static struct iattr owner_attr(uint64_t uid, uint64_t gid)
{
	struct iattr attr = { 0 };

	if ((uint32_t)uid != (uint32_t)-1) {
		attr.valid |= ATTR_UID;
		attr.uid = (uint32_t)uid;
	}
	if ((uint32_t)gid != (uint32_t)-1) {
		attr.valid |= ATTR_GID;
		attr.gid = (uint32_t)gid;
	}
	return attr;
}

SYSCALL_DEFINE(chown)
{
	struct iattr attr = owner_attr(a[1], a[2]);

	return setattr_at(LINUX_AT_FDCWD, a[0], LOOKUP_FOLLOW, &attr);
}

SYSCALL_DEFINE(lchown)
{
	struct iattr attr = owner_attr(a[1], a[2]);

	return setattr_at(LINUX_AT_FDCWD, a[0], 0, &attr);
}

SYSCALL_DEFINE(fchownat)
{
	unsigned flags = (unsigned)a[4];
	struct iattr attr = owner_attr(a[2], a[3]);

	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	return setattr_at((int)a[0], a[1], at_to_lookup(flags), &attr);
}

SYSCALL_DEFINE(fchown)
{
	struct iattr attr = owner_attr(a[1], a[2]);
	struct inode *inode;
	long err = fd_inode((int)a[0], &inode);

	return err ? err : vfs_setattr(inode, &attr);
}

SYSCALL_DEFINE(truncate)
{
	struct iattr attr = { .valid = ATTR_SIZE, .size = a[1] };
	struct inode *inode;
	struct path p;
	long err;

	if ((int64_t)a[1] < 0)
		return -EINVAL;
	err = lookup_user(LINUX_AT_FDCWD, a[0], LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	inode = p.dentry->inode;
	if (LINUX_S_ISDIR(inode->mode))
		err = -EISDIR;
	else if (!LINUX_S_ISREG(inode->mode))
		err = -EINVAL;
	else if (!(err = mnt_want_write(p.mnt)))
		err = inode_permission(inode, LINUX_W_OK, false);
	if (!err && inode->writecount < 0)
		err = -ETXTBSY;	/* being executed */
	if (!err)
		err = vfs_setattr(inode, &attr);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(ftruncate)
{
	struct iattr attr = { .valid = ATTR_SIZE, .size = a[1] };
	struct file *f = fd_lookup((int)a[0]);

	if ((int64_t)a[1] < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (!f->inode || !LINUX_S_ISREG(f->inode->mode) || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return vfs_setattr(f->inode, &attr);
}

/*
 * fallocate(2): Linux's checks in Linux's order (the range, the mode, the
 * file), then the file system's own (none: EOPNOTSUPP, as ext2 answers on
 * Linux, and C libraries then write zeros themselves).
 */
SYSCALL_DEFINE(fallocate)
{
	struct file *f = fd_lookup((int)a[0]);
	int mode = (int)a[1];
	int64_t off = (int64_t)a[2], len = (int64_t)a[3];
	unsigned type;

	if (!f || (f->f_flags & LINUX_O_PATH))
		return -EBADF;
	if (off < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~(LINUX_FALLOC_FL_MODE_MASK | LINUX_FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	switch (mode & LINUX_FALLOC_FL_MODE_MASK) {
	case 0:
	case LINUX_FALLOC_FL_UNSHARE_RANGE:
	case LINUX_FALLOC_FL_ZERO_RANGE:
		break;
	case LINUX_FALLOC_FL_PUNCH_HOLE:
		if (!(mode & LINUX_FALLOC_FL_KEEP_SIZE))
			return -EOPNOTSUPP;
		break;
	case LINUX_FALLOC_FL_COLLAPSE_RANGE:
	case LINUX_FALLOC_FL_INSERT_RANGE:
		if (mode & LINUX_FALLOC_FL_KEEP_SIZE)
			return -EOPNOTSUPP;
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	type = file_mode(f) & LINUX_S_IFMT;
	if (type == LINUX_S_IFIFO)
		return -ESPIPE;
	if (type == LINUX_S_IFDIR)
		return -EISDIR;
	if (type != LINUX_S_IFREG && type != LINUX_S_IFBLK)
		return -ENODEV;
	if ((uint64_t)off + (uint64_t)len > sb_maxbytes(f->inode->sb))
		return -EFBIG;
	if (!f->fops || !f->fops->fallocate)
		return -EOPNOTSUPP;
	return f->fops->fallocate(f, mode, (uint64_t)off, (uint64_t)len);
}

/* utimensat(2) semantics for one timestamp: NOW, OMIT, or a valid time. */
static long time_attr(const struct linux_timespec *ts, unsigned set, unsigned now,
		      struct linux_timespec *out, struct iattr *attr)
{
	if (ts->tv_nsec == LINUX_UTIME_OMIT)
		return 0;
	if (ts->tv_nsec == LINUX_UTIME_NOW) {
		attr->valid |= now;
		return 0;
	}
	if (ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	attr->valid |= set;
	*out = *ts;
	return 0;
}

/* Apply times (NULL: both now) to the file at dfd/upath. */
static long do_utimes(int dfd, uaddr_t upath, const struct linux_timespec *times, unsigned flags)
{
	struct iattr attr = { 0 };
	struct inode *inode;
	long err;

	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	if (!times) {
		attr.valid = ATTR_ATIME_NOW | ATTR_MTIME_NOW;
	} else {
		err = time_attr(&times[0], ATTR_ATIME, ATTR_ATIME_NOW, &attr.atime, &attr);
		if (!err)
			err = time_attr(&times[1], ATTR_MTIME, ATTR_MTIME_NOW, &attr.mtime, &attr);
		if (err)
			return err;
		if (!attr.valid)
			return 0;	/* both UTIME_OMIT */
	}
	if (!upath) {
		/* utimensat(2): a NULL path changes dfd itself (AT_FDCWD: no path at all) */
		if (dfd == LINUX_AT_FDCWD)
			return -EFAULT;
		if (flags & LINUX_AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		err = fd_inode(dfd, &inode);
		return err ? err : vfs_setattr(inode, &attr);
	}
	return setattr_at(dfd, upath, at_to_lookup(flags), &attr);
}

SYSCALL_DEFINE(utimensat)
{
	struct linux_timespec ts[2];

	if (a[2] && copy_from_user(ts, a[2], sizeof(ts)))
		return -EFAULT;
	return do_utimes((int)a[0], a[1], a[2] ? ts : NULL, (unsigned)a[3]);
}

/* utimes(2)/futimesat(2): microsecond timevals. */
static long do_futimesat(int dfd, uaddr_t upath, uaddr_t utv)
{
	struct linux_timeval tv[2];
	struct linux_timespec ts[2];

	if (!utv)
		return do_utimes(dfd, upath, NULL, 0);
	if (copy_from_user(tv, utv, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_utimes(dfd, upath, ts, 0);
}

SYSCALL_DEFINE(utimes)
{
	return do_futimesat(LINUX_AT_FDCWD, a[0], a[1]);
}

SYSCALL_DEFINE(futimesat)
{
	return do_futimesat((int)a[0], a[1], a[2]);
}

SYSCALL_DEFINE(utime)
{
	struct linux_utimbuf ub;
	struct linux_timespec ts[2];

	if (!a[1])
		return do_utimes(LINUX_AT_FDCWD, a[0], NULL, 0);
	if (copy_from_user(&ub, a[1], sizeof(ub)))
		return -EFAULT;
	ts[0] = (struct linux_timespec){ ub.actime, 0 };
	ts[1] = (struct linux_timespec){ ub.modtime, 0 };
	return do_utimes(LINUX_AT_FDCWD, a[0], ts, 0);
}
