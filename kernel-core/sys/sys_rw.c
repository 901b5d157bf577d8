/*
 * Reading and writing open files: read, write, pread64, pwrite64, readv,
 * writev, preadv, pwritev, preadv2, pwritev2, lseek, sendfile,
 * copy_file_range, and the hints fadvise64 and readahead. Handlers decode
 * arguments and call the VFS (vfs/read_write.c).
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

/* preadv2(2) flags umk accepts: HIPRI is a hint; DSYNC and SYNC make a write durable. */
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
	return vfs_writev_user(f, a[1], (long)a[2], &f->f_pos, false);
}

/* preadv/pwritev(2) and the v2 forms; pos -1 in v2 means the file position. */
static long rw_at(const uint64_t *a, bool write, bool v2)
{
	uint64_t pos = a[3];
	bool sync = v2 && (a[5] & (RWF_DSYNC | RWF_SYNC));
	struct file *f;
	long err;

	if (v2 && (a[5] & ~(uint64_t)RWF_KNOWN))
		return -EOPNOTSUPP;
	if (v2 && (int64_t)pos == -1) {
		f = fd_lookup((int)a[0]);
		if (!f)
			return -EBADF;
		return write ? vfs_writev_user(f, a[1], (long)a[2], &f->f_pos, sync)
			     : vfs_readv_user(f, a[1], (long)a[2], &f->f_pos);
	}
	err = positioned((int)a[0], (int64_t)pos, &f);
	if (err)
		return err;
	return write ? vfs_writev_user(f, a[1], (long)a[2], &pos, sync)
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

/* The file type bits of f's inode (0 for a file without one). */
static unsigned file_type(const struct file *f)
{
	return file_mode(f) & LINUX_S_IFMT;
}

/* An open file that is not an O_PATH handle, or NULL. */
static struct file *fd_file(int fd)
{
	struct file *f = fd_lookup(fd);

	return f && !(f->f_flags & LINUX_O_PATH) ? f : NULL;
}

/* sendfile(2) with *ppos (NULL: the input's file position): Linux's checks in its order. */
static long do_sendfile(int out_fd, int in_fd, int64_t *ppos, size_t count)
{
	struct file *in = fd_file(in_fd), *out;
	uint64_t pos, max = (uint64_t)MAX_FILE_SIZE;
	long r;

	if (!in || !(in->f_mode & FMODE_READ))
		return -EBADF;
	if (ppos && !(in->f_mode & FMODE_PREAD))
		return -ESPIPE;
	pos = ppos ? (uint64_t)*ppos : in->f_pos;
	if ((int64_t)pos < 0 || count > max - pos)
		return -EINVAL;
	count = MIN(count, (size_t)MAX_RW_COUNT);
	out = fd_file(out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	/* the input must be a file that reads without blocking, as splice's */
	if ((file_type(in) != LINUX_S_IFREG && file_type(in) != LINUX_S_IFBLK) ||
	    (out->f_flags & LINUX_O_APPEND))
		return -EINVAL;
	if (!count)
		return 0;
	r = vfs_transfer(in, &pos, out, &out->f_pos, count);
	if (ppos)
		*ppos = (int64_t)pos;
	else
		in->f_pos = pos;
	return r;
}

SYSCALL_DEFINE(sendfile)
{
	int64_t pos;
	long r;

	if (!a[2])
		return do_sendfile((int)a[0], (int)a[1], NULL, a[3]);
	if (copy_from_user(&pos, a[2], sizeof(pos)))
		return -EFAULT;
	r = do_sendfile((int)a[0], (int)a[1], &pos, a[3]);
	if (copy_to_user(a[2], &pos, sizeof(pos)))
		return -EFAULT;
	return r;
}

/* A copy_file_range(2) offset: from the guest's pointer, or the file position. */
static long range_pos(struct file *f, uaddr_t uoff, int64_t *pos)
{
	if (!uoff) {
		*pos = (int64_t)f->f_pos;
		return 0;
	}
	return copy_from_user(pos, uoff, sizeof(*pos)) ? -EFAULT : 0;
}

/*
 * copy_file_range(2) between regular files (any two file systems, as since
 * Linux 5.19), through the page caches: Linux's checks in its order.
 */
SYSCALL_DEFINE(copy_file_range)
{
	struct file *in = fd_file((int)a[0]), *out = fd_file((int)a[2]);
	uint64_t len = a[4], count, size, pi, po;
	int64_t pos_in, pos_out;
	long r;

	if (!in || !out)
		return -EBADF;
	if (range_pos(in, a[1], &pos_in) || range_pos(out, a[3], &pos_out))
		return -EFAULT;
	if (a[5])
		return -EINVAL;
	if (file_type(in) == LINUX_S_IFDIR || file_type(out) == LINUX_S_IFDIR)
		return -EISDIR;
	if (file_type(in) != LINUX_S_IFREG || file_type(out) != LINUX_S_IFREG)
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & LINUX_O_APPEND))
		return -EBADF;
	if ((uint64_t)pos_in + len < (uint64_t)pos_in || (uint64_t)pos_out + len < (uint64_t)pos_out)
		return -EOVERFLOW;
	size = in->inode->size;
	count = pos_in >= 0 && (uint64_t)pos_in >= size ? 0 : MIN(len, size - (uint64_t)pos_in);
	if (pos_out >= 0 && (uint64_t)pos_out >= sb_maxbytes(out->inode->sb))
		return -EFBIG;
	if (in->inode == out->inode && pos_out + (int64_t)count > pos_in &&
	    pos_out < pos_in + (int64_t)count)
		return -EINVAL;
	if (pos_in < 0 || pos_out < 0)
		return -EINVAL;
	if (!count)
		return 0;
	pi = (uint64_t)pos_in;
	po = (uint64_t)pos_out;
	r = vfs_transfer(in, &pi, out, &po, (size_t)MIN(count, (uint64_t)MAX_RW_COUNT));
	if (r <= 0)
		return r;
	if (a[1] ? copy_to_user(a[1], &pi, sizeof(pi)) : (in->f_pos = pi, 0))
		return -EFAULT;
	if (a[3] ? copy_to_user(a[3], &po, sizeof(po)) : (out->f_pos = po, 0))
		return -EFAULT;
	return r;
}

/* posix_fadvise(2): advice is a hint; a pipe cannot take it, a bad one is EINVAL. */
SYSCALL_DEFINE(fadvise64)
{
	struct file *f = fd_file((int)a[0]);

	if (!f)
		return -EBADF;
	if (file_type(f) == LINUX_S_IFIFO)
		return -ESPIPE;
	if ((int64_t)a[2] < 0 || a[3] > 5)	/* POSIX_FADV_NORMAL..NOREUSE */
		return -EINVAL;
	return 0;
}

/* readahead(2): a hint for files with a page cache, EINVAL for others. */
SYSCALL_DEFINE(readahead)
{
	struct file *f = fd_file((int)a[0]);

	if (!f || !(f->f_mode & FMODE_READ))
		return -EBADF;
	if (file_type(f) != LINUX_S_IFREG && file_type(f) != LINUX_S_IFBLK)
		return -EINVAL;
	return 0;
}
