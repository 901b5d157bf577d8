/*
 * Write-back syscalls: sync, syncfs, fsync, fdatasync, sync_file_range,
 * msync.
 *
 * Dirty data lives in the page cache and the file systems' buffers until
 * one of these (or umount, or halt) writes it back. A memory file system
 * has nothing to write; files that cannot be synced (pipes, sockets,
 * devices) say EINVAL, as on Linux. fsync writes the file's pages and then
 * its whole file system's metadata, which covers the file's own.
 */
#include <umk/blkdev.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_mman.h>

static long do_fsync(int fd)
{
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	if (f->inode && LINUX_S_ISBLK(f->inode->mode))
		return blkdev_file_fsync(f);
	if (!f->inode || !(LINUX_S_ISREG(f->inode->mode) || LINUX_S_ISDIR(f->inode->mode) ||
			   LINUX_S_ISLNK(f->inode->mode)))
		return -EINVAL;
	return vfs_fsync_file(f);
}

SYSCALL_DEFINE(fsync)
{
	return do_fsync((int)a[0]);
}

SYSCALL_DEFINE(fdatasync)
{
	return do_fsync((int)a[0]);
}

#define SYNC_FILE_RANGE_WAIT_BEFORE 1
#define SYNC_FILE_RANGE_WRITE 2
#define SYNC_FILE_RANGE_WAIT_AFTER 4

/*
 * sync_file_range(2): Linux's checks; WRITE writes the file's dirty pages
 * back (all of them: more than asked is allowed), and since write-back
 * here completes before it returns, the waits have nothing to wait for.
 */
SYSCALL_DEFINE(sync_file_range)
{
	struct file *f = fd_lookup((int)a[0]);
	int64_t off = (int64_t)a[1], nbytes = (int64_t)a[2];
	unsigned flags = (unsigned)a[3];
	unsigned type;

	if (!f || (f->f_flags & LINUX_O_PATH))
		return -EBADF;
	if (flags & ~(unsigned)(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
				SYNC_FILE_RANGE_WAIT_AFTER))
		return -EINVAL;
	if (off < 0 || nbytes < 0 || (uint64_t)off + (uint64_t)nbytes > (uint64_t)INT64_MAX)
		return -EINVAL;
	type = file_mode(f) & LINUX_S_IFMT;
	if (type != LINUX_S_IFREG && type != LINUX_S_IFBLK && type != LINUX_S_IFDIR &&
	    type != LINUX_S_IFLNK)
		return -ESPIPE;
	if ((flags & SYNC_FILE_RANGE_WRITE) && type == LINUX_S_IFREG &&
	    !(f->inode->sb->flags & LINUX_MS_RDONLY))
		return page_cache_writeback(f->inode);
	return 0;
}

/* sync(2) always succeeds. */
SYSCALL_DEFINE(sync)
{
	vfs_sync_all();
	return 0;
}

SYSCALL_DEFINE(syncfs)
{
	struct file *f = fd_lookup((int)a[0]);
	struct super_block *sb;
	int err;

	if (!f)
		return -EBADF;
	if (!f->inode)
		return 0;
	sb = f->inode->sb;
	err = vfs_sync_sb(sb);
	if (sb->bdev && sb->bdev->ops->flush && !(sb->flags & LINUX_MS_RDONLY)) {
		int r = sb->bdev->ops->flush(sb->bdev);

		if (!err)
			err = r;
	}
	return err;
}

/*
 * msync(2): MS_SYNC writes back the shared file mappings in the range
 * (their pages were marked dirty when mapped writable); MS_ASYNC has
 * nothing to start, since write-back happens at sync points anyway.
 * A range with unmapped pages is ENOMEM after doing the mapped ones.
 */
SYSCALL_DEFINE(msync)
{
	uaddr_t start = a[0], end;
	uint64_t len = a[1];
	unsigned flags = (unsigned)a[2];
	long err = 0, unmapped = 0;
	struct mm *mm = current->mm;

	if (flags & ~(unsigned)(LINUX_MS_ASYNC | LINUX_MS_INVALIDATE | LINUX_MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & LINUX_MS_ASYNC) && (flags & LINUX_MS_SYNC))
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & PAGE_MASK;
	end = start + len;
	if (end < start)
		return -ENOMEM;
	while (start < end) {
		struct vma *v = vma_find_next(&mm->vmas, start);

		if (!v || v->start >= end)
			return -ENOMEM;
		if (start < v->start) {
			unmapped = -ENOMEM;
			start = v->start;
		}
		if ((flags & LINUX_MS_SYNC) && v->file && (v->flags & VMA_SHARED)) {
			err = v->file->inode ? vfs_fsync_file(v->file) : 0;
			if (err)
				return err;
		}
		start = v->end;
	}
	return unmapped;
}
