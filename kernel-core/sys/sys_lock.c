/*
 * flock (flock(2)) and the record-lock commands of fcntl (F_GETLK,
 * F_SETLK, F_SETLKW and their F_OFD_ forms, fcntl(2)): argument decoding
 * in Linux's order for vfs/locks.c.
 */
#include <umk/errno.h>
#include <umk/locks.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_flock.h>

SYSCALL_DEFINE(flock)
{
	unsigned cmd = (unsigned)a[1];
	struct file *f;
	int type;

	switch (cmd & ~(unsigned)LINUX_LOCK_NB) {
	case LINUX_LOCK_SH:
		type = LINUX_F_RDLCK;
		break;
	case LINUX_LOCK_EX:
		type = LINUX_F_WRLCK;
		break;
	case LINUX_LOCK_UN:
		type = LINUX_F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	f = fd_lookup((int)a[0]);
	if (!f)
		return -EBADF;
	if (type != LINUX_F_UNLCK && !(f->f_mode & (FMODE_READ | FMODE_WRITE)))
		return -EBADF;
	return flock_lock(f, type, !(cmd & LINUX_LOCK_NB));
}

/* struct flock to a byte range (flock_to_posix_lock). 0, -EINVAL or -EOVERFLOW. */
static int to_range(struct file *f, const struct linux_flock *l, struct lock_range *r)
{
	int64_t start;

	switch (l->l_whence) {
	case 0:
		start = 0;
		break;
	case 1:
		start = (int64_t)f->f_pos;
		break;
	case 2:
		start = (int64_t)file_size(f);
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > LOCK_OFFSET_MAX - start)
		return -EOVERFLOW;
	start += l->l_start;
	if (start < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > LOCK_OFFSET_MAX - start)
			return -EOVERFLOW;
		r->start = start;
		r->end = start + l->l_len - 1;
	} else if (l->l_len < 0) {
		if (start + l->l_len < 0)
			return -EINVAL;
		r->start = start + l->l_len;
		r->end = start - 1;
	} else {
		r->start = start;
		r->end = LOCK_OFFSET_MAX;
	}
	if (l->l_type != LINUX_F_RDLCK && l->l_type != LINUX_F_WRLCK &&
	    l->l_type != LINUX_F_UNLCK)
		return -EINVAL;
	r->type = l->l_type;
	return 0;
}

static long getlk(struct file *f, bool ofd, uaddr_t arg)
{
	struct linux_flock l;
	struct lock_range r;
	int err;

	if (copy_from_user(&l, arg, sizeof(l)))
		return -EFAULT;
	if (l.l_type != LINUX_F_RDLCK && l.l_type != LINUX_F_WRLCK)
		return -EINVAL;
	err = to_range(f, &l, &r);
	if (err)
		return err;
	if (ofd && l.l_pid != 0)
		return -EINVAL;
	posix_test(f, ofd, &r);
	l.l_type = (int16_t)r.type;
	if (r.type != LINUX_F_UNLCK) {
		l.l_pid = r.pid;
		l.l_start = r.start;
		l.l_len = r.end == LOCK_OFFSET_MAX ? 0 : r.end - r.start + 1;
		l.l_whence = 0;
	}
	return copy_to_user(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

static long setlk(struct file *f, bool ofd, bool wait, uaddr_t arg)
{
	struct linux_flock l;
	struct lock_range r;
	int err;

	if (copy_from_user(&l, arg, sizeof(l)))
		return -EFAULT;
	err = to_range(f, &l, &r);
	if (err)
		return err;
	if (r.type == LINUX_F_RDLCK && !(f->f_mode & FMODE_READ))
		return -EBADF;
	if (r.type == LINUX_F_WRLCK && !(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (ofd && l.l_pid != 0)
		return -EINVAL;
	return posix_lock(f, ofd, &r, wait);
}

long fcntl_lock(struct file *f, unsigned cmd, uint64_t arg)
{
	if (f->f_flags & LINUX_O_PATH)
		return -EBADF;
	switch (cmd) {
	case LINUX_F_GETLK:
		return getlk(f, false, arg);
	case LINUX_F_OFD_GETLK:
		return getlk(f, true, arg);
	case LINUX_F_SETLK:
		return setlk(f, false, false, arg);
	case LINUX_F_SETLKW:
		return setlk(f, false, true, arg);
	case LINUX_F_OFD_SETLK:
		return setlk(f, true, false, arg);
	default:
		return setlk(f, true, true, arg);
	}
}
