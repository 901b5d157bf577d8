/*
 * Reading and writing open files: read, write, pread64, pwrite64, readv,
 * writev, preadv, pwritev, preadv2, pwritev2, lseek, and the sync family.
 * Handlers decode arguments and call the VFS (vfs/read_write.c).
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/vfs_internal.h>

/* preadv2(2) flags umk accepts: hints without effect on a memory file system. */
#define RWF_HIPRI 0x1
#define RWF_DSYNC 0x2
#define RWF_SYNC 0x4
#define RWF_KNOWN (RWF_HIPRI | RWF_DSYNC | RWF_SYNC)

SYSCALL_DEFINE(read)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return vfs_read_user(f, a[1], a[2], &f->f_pos);
}

SYSCALL_DEFINE(write)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return vfs_write_user(f, a[1], a[2], &f->f_pos);
}

/* The file for a positioned transfer: pread(2) order is EINVAL, EBADF, ESPIPE. */
static long positioned(int fd, int64_t pos, struct file **fp)
{
	struct file *f;

	if (pos < 0)
		return -EINVAL;
	f = fd_lookup(fd);
	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_PREAD))
		return -ESPIPE;
	*fp = f;
	return 0;
}

SYSCALL_DEFINE(pread64)
{
	uint64_t pos = a[3];
	struct file *f;
	long err = positioned((int)a[0], (int64_t)pos, &f);

	return err ? err : vfs_read_user(f, a[1], a[2], &pos);
}

SYSCALL_DEFINE(pwrite64)
{
	uint64_t pos = a[3];
	struct file *f;
	long err = positioned((int)a[0], (int64_t)pos, &f);

	return err ? err : vfs_write_user(f, a[1], a[2], &pos);
}

SYSCALL_DEFINE(readv)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return vfs_readv_user(f, a[1], (long)a[2], &f->f_pos);
}

SYSCALL_DEFINE(writev)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return vfs_writev_user(f, a[1], (long)a[2], &f->f_pos);
}

/* preadv/pwritev(2) and the v2 forms; pos -1 in v2 means the file position. */
static long rw_at(const uint64_t *a, bool write, bool v2)
{
	uint64_t pos = a[3];
	struct file *f;
	long err;

	if (v2 && (a[5] & ~(uint64_t)RWF_KNOWN))
		return -EOPNOTSUPP;
	if (v2 && (int64_t)pos == -1) {
		f = fd_lookup((int)a[0]);
		if (!f)
			return -EBADF;
		return write ? vfs_writev_user(f, a[1], (long)a[2], &f->f_pos)
			     : vfs_readv_user(f, a[1], (long)a[2], &f->f_pos);
	}
	err = positioned((int)a[0], (int64_t)pos, &f);
	if (err)
		return err;
	return write ? vfs_writev_user(f, a[1], (long)a[2], &pos)
		     : vfs_readv_user(f, a[1], (long)a[2], &pos);
}

SYSCALL_DEFINE(preadv)
{
	return rw_at(a, false, false);
}

SYSCALL_DEFINE(pwritev)
{
	return rw_at(a, true, false);
}

SYSCALL_DEFINE(preadv2)
{
	return rw_at(a, false, true);
}

SYSCALL_DEFINE(pwritev2)
{
	return rw_at(a, true, true);
}

SYSCALL_DEFINE(lseek)
{
	struct file *f = fd_lookup((int)a[0]);
	int whence = (int)a[2];

	if (!f)
		return -EBADF;
	if (whence < LINUX_SEEK_SET || whence > LINUX_SEEK_HOLE)
		return -EINVAL;
	return vfs_llseek(f, (int64_t)a[1], whence);
}
