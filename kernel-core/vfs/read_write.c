/*
 * The generic side of file I/O: read, write, seek, ioctl and getdents on
 * an open file. Each checks the file's mode, answers for a NULL op with the
 * errno Linux gives, and calls the file's ops. Runs under the big kernel
 * lock.
 */
#include <stdlib.h>

#include <umk/blkdev.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fs.h>
#include <uapi/linux_misc.h>

long vfs_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->fops->read)
		return -EINVAL;
	if (to->count > MAX_RW_COUNT)
		to->count = MAX_RW_COUNT;
	return f->fops->read(f, to, pos);
}

int vfs_fsync_file(struct file *f)
{
	struct inode *inode = f->inode;
	struct super_block *sb = inode->sb;
	int err, r;

	if (!sb->ops || (sb->flags & LINUX_MS_RDONLY))
		return 0;
	err = page_cache_writeback(inode);
	r = vfs_sync_sb(sb);
	if (!err)
		err = r;
	if (sb->bdev && sb->bdev->ops->flush) {
		r = sb->bdev->ops->flush(sb->bdev);
		if (!err)
			err = r;
	}
	return err;
}

/*
 * A write to a regular file that must be durable when it returns: the file
 * is open O_SYNC or O_DSYNC, its volume is mounted sync, or the call said
 * RWF_SYNC/RWF_DSYNC (Linux's generic_write_sync).
 */
static bool write_is_sync(const struct file *f, bool sync)
{
	if (!f->inode || !LINUX_S_ISREG(f->inode->mode))
		return false;
	return sync || (f->f_flags & LINUX_O_DSYNC) || (f->inode->sb->flags & LINUX_MS_SYNCHRONOUS);
}

long vfs_write_sync(struct file *f, struct iov_iter *from, uint64_t *pos, bool sync)
{
	long r;
	int err;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->fops->write)
		return -EINVAL;
	if (from->count > MAX_RW_COUNT)
		from->count = MAX_RW_COUNT;
	r = f->fops->write(f, from, pos);
	if (r > 0 && write_is_sync(f, sync) && (err = vfs_fsync_file(f)))
		return err;
	return r;
}

long vfs_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	return vfs_write_sync(f, from, pos, false);
}

/* rw_verify_area: the buffer in user space, the range not past the largest offset. */
static long verify_area(const struct file *f, uaddr_t buf, size_t count, uint64_t pos)
{
	if (buf + count < buf || buf + count > TASK_SIZE)
		return -EFAULT;
	if ((f->f_mode & FMODE_LSEEK) && (int64_t)(pos + count) < 0)
		return -EINVAL;
	return 0;
}

/* read(2)/write(2) of one guest buffer. */
static long rw_user(struct file *f, uaddr_t buf, size_t count, uint64_t *pos, bool write)
{
	struct iov_iter it;
	long err;

	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!(write ? f->fops->write : f->fops->read))
		return -EINVAL;
	err = verify_area(f, buf, count, *pos);
	if (err)
		return err;
	iov_iter_user(&it, buf, count);
	return write ? vfs_write(f, &it, pos) : vfs_read(f, &it, pos);
}

long vfs_read_user(struct file *f, uaddr_t buf, size_t count, uint64_t *pos)
{
	return rw_user(f, buf, count, pos, false);
}

long vfs_write_user(struct file *f, uaddr_t buf, size_t count, uint64_t *pos)
{
	return rw_user(f, buf, count, pos, true);
}

/* readv(2)/writev(2): an empty vector moves nothing and calls no op. */
static long rw_vec(struct file *f, uaddr_t uiov, long iovcnt, uint64_t *pos, bool write,
		   bool sync)
{
	struct iov_iter it;
	long r;

	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!(write ? f->fops->write : f->fops->read))
		return -EINVAL;
	r = iov_iter_user_vec(&it, uiov, iovcnt);
	if (r)
		return r;
	if (iov_iter_count(&it))
		r = write ? vfs_write_sync(f, &it, pos, sync) : vfs_read(f, &it, pos);
	iov_iter_release(&it);
	return r;
}

long vfs_readv_user(struct file *f, uaddr_t uiov, long iovcnt, uint64_t *pos)
{
	return rw_vec(f, uiov, iovcnt, pos, false, false);
}

long vfs_writev_user(struct file *f, uaddr_t uiov, long iovcnt, uint64_t *pos, bool sync)
{
	return rw_vec(f, uiov, iovcnt, pos, true, sync);
}

long kernel_read(struct file *f, void *buf, size_t n, uint64_t pos)
{
	struct iov_iter it;

	iov_iter_kernel(&it, buf, n);
	return vfs_read(f, &it, &pos);
}

/*
 * A transfer moves this much per step through a bounce buffer, and at most
 * XFER_MAX per call: the kernel lock is held throughout, and callers of
 * sendfile and copy_file_range go on after a short count.
 */
#define XFER_CHUNK (128u << 10)
#define XFER_MAX (16u << 20)

long vfs_transfer(struct file *in, uint64_t *in_pos, struct file *out, uint64_t *out_pos,
		  size_t count)
{
	unsigned flags = out->f_flags;
	long done = 0;
	char *buf;

	count = MIN(count, (size_t)XFER_MAX);
	buf = malloc(MIN(count, (size_t)XFER_CHUNK));
	if (!buf)
		return -ENOMEM;
	/* a full pipe says so, rather than sleeping with the step half done */
	out->f_flags |= LINUX_O_NONBLOCK;
	while ((size_t)done < count) {
		long r = kernel_read(in, buf, MIN(count - (size_t)done, (size_t)XFER_CHUNK), *in_pos);
		struct iov_iter it;
		long w;

		if (r <= 0) {
			if (!done)
				done = r;
			break;
		}
		iov_iter_kernel(&it, buf, (size_t)r);
		w = vfs_write(out, &it, out_pos);
		if (w <= 0) {
			if (!done)
				done = w;
			break;
		}
		*in_pos += (uint64_t)w;
		done += w;
		if (w < r)
			break;
	}
	out->f_flags = flags;
	free(buf);
	if (done == -EAGAIN && !(flags & LINUX_O_NONBLOCK))
		return sched_wait(&poll_wq);	/* nothing moved: the call starts again */
	return done;
}

long generic_llseek(struct file *f, int64_t off, int whence, uint64_t size)
{
	int64_t pos;

	switch (whence) {
	case LINUX_SEEK_SET:
		pos = off;
		break;
	case LINUX_SEEK_CUR:
		if (__builtin_add_overflow((int64_t)f->f_pos, off, &pos))
			return -EOVERFLOW;
		break;
	case LINUX_SEEK_END:
		if (__builtin_add_overflow((int64_t)size, off, &pos))
			return -EOVERFLOW;
		break;
	case LINUX_SEEK_DATA:
		/* lseek(2): the whole file counts as data; past the end is ENXIO */
		if (off < 0 || (uint64_t)off >= size)
			return -ENXIO;
		pos = off;
		break;
	case LINUX_SEEK_HOLE:
		if (off < 0 || (uint64_t)off >= size)
			return -ENXIO;
		pos = (int64_t)size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	/* a regular file's offset stays within what its file system can hold */
	if (f->inode && LINUX_S_ISREG(f->inode->mode) && (uint64_t)pos > sb_maxbytes(f->inode->sb))
		return -EINVAL;
	f->f_pos = (uint64_t)pos;
	return pos;
}

long vfs_llseek(struct file *f, int64_t off, int whence)
{
	if (f->f_flags & LINUX_O_PATH)
		return -EBADF;
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (f->fops->llseek)
		return f->fops->llseek(f, off, whence);
	return generic_llseek(f, off, whence, file_size(f));
}

long read_dir_eisdir(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	return -EISDIR;
}

/* The ioctls every file answers (ioctl(2), ioctl_list): fd flags and FIONREAD. */
long vfs_ioctl(struct file *f, int fd, unsigned cmd, uint64_t arg)
{
	unsigned bit;
	int on;

	if (f->f_flags & LINUX_O_PATH)
		return -EBADF;
	switch (cmd) {
	case LINUX_FIOCLEX:
		return fd_set_cloexec(fd, true);
	case LINUX_FIONCLEX:
		return fd_set_cloexec(fd, false);
	case LINUX_FIONBIO:
	case LINUX_FIOASYNC:
		if (copy_from_user(&on, arg, sizeof(on)))
			return -EFAULT;
		bit = cmd == LINUX_FIONBIO ? LINUX_O_NONBLOCK : LINUX_O_ASYNC;
		f->f_flags = on ? f->f_flags | bit : f->f_flags & ~bit;
		return 0;
	case LINUX_FIONREAD:
		if (f->inode && LINUX_S_ISREG(f->inode->mode)) {
			int n = (int)(f->inode->size - f->f_pos);

			return copy_to_user(arg, &n, sizeof(n)) ? -EFAULT : 0;
		}
		break;
	case LINUX_FIOQSIZE:
		if (f->inode && (LINUX_S_ISREG(f->inode->mode) || LINUX_S_ISDIR(f->inode->mode) ||
				 LINUX_S_ISLNK(f->inode->mode))) {
			int64_t size = (int64_t)f->inode->size;

			return copy_to_user(arg, &size, sizeof(size)) ? -EFAULT : 0;
		}
		return -ENOTTY;
	}
	if (!f->fops->ioctl)
		return -ENOTTY;
	return f->fops->ioctl(f, cmd, arg);
}

long vfs_getdents(struct file *f, uaddr_t buf, size_t len)
{
	if (f->f_flags & LINUX_O_PATH)
		return -EBADF;
	if (!f->fops->getdents)
		return -ENOTDIR;
	/* a removed directory lists nothing (iterate_dir) */
	if (f->inode && LINUX_S_ISDIR(f->inode->mode) && f->inode->nlink == 0)
		return -ENOENT;
	return f->fops->getdents(f, buf, len);
}
