/*
 * File status: stat, lstat, fstat, newfstatat, statx, statfs, fstatfs.
 * The VFS fills a struct kstat; the handlers turn it into the guest's
 * struct stat or struct statx and check the AT_* flags as Linux does.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fs.h>

#define STAT_AT_FLAGS (LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_NO_AUTOMOUNT | LINUX_AT_EMPTY_PATH)

static long put_stat(uaddr_t ubuf, const struct kstat *ks)
{
	struct linux_stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = ks->dev;
	st.st_ino = ks->ino;
	st.st_nlink = ks->nlink;
	st.st_mode = ks->mode;
	st.st_uid = ks->uid;
	st.st_gid = ks->gid;
	st.st_rdev = ks->rdev;
	st.st_size = (int64_t)ks->size;
	st.st_blksize = ks->blksize;
	st.st_blocks = (int64_t)ks->blocks;
	st.st_atime_sec = (uint64_t)ks->atime.tv_sec;
	st.st_atime_nsec = (uint64_t)ks->atime.tv_nsec;
	st.st_mtime_sec = (uint64_t)ks->mtime.tv_sec;
	st.st_mtime_nsec = (uint64_t)ks->mtime.tv_nsec;
	st.st_ctime_sec = (uint64_t)ks->ctime.tv_sec;
	st.st_ctime_nsec = (uint64_t)ks->ctime.tv_nsec;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * Stat a guest path. A NULL path with AT_EMPTY_PATH names dfd itself (as
 * Linux 6.11 allows).
 */
static long stat_at(int dfd, uaddr_t upath, unsigned at_flags, struct kstat *ks)
{
	char *name;
	long err;

	if (!upath && (at_flags & LINUX_AT_EMPTY_PATH))
		return vfs_stat(dfd, "", at_flags, ks);
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_stat(dfd, name, at_flags, ks);
	putname(name);
	return err;
}

SYSCALL_DEFINE(stat)
{
	struct kstat ks;
	long err = stat_at(LINUX_AT_FDCWD, a[0], 0, &ks);

	return err ? err : put_stat(a[1], &ks);
}

SYSCALL_DEFINE(lstat)
{
	struct kstat ks;
	long err = stat_at(LINUX_AT_FDCWD, a[0], LINUX_AT_SYMLINK_NOFOLLOW, &ks);

	return err ? err : put_stat(a[1], &ks);
}

SYSCALL_DEFINE(fstat)
{
	struct file *f = fd_lookup((int)a[0]);
	struct kstat ks;

	if (!f)
		return -EBADF;
	vfs_getattr(f->inode, &ks);
	return put_stat(a[1], &ks);
}

SYSCALL_DEFINE(newfstatat)
{
	unsigned flags = (unsigned)a[3];
	struct kstat ks;
	long err;

	if (flags & ~STAT_AT_FLAGS)
		return -EINVAL;
	err = stat_at((int)a[0], a[1], flags, &ks);
	return err ? err : put_stat(a[2], &ks);
}

static void statx_time(struct linux_statx_timestamp *t, const struct linux_timespec *ts)
{
	t->tv_sec = ts->tv_sec;
	t->tv_nsec = (uint32_t)ts->tv_nsec;
}

SYSCALL_DEFINE(statx)
{
	unsigned flags = (unsigned)a[2], mask = (unsigned)a[3];
	struct linux_statx sx;
	struct kstat ks;
	long err;

	if (flags & ~(STAT_AT_FLAGS | LINUX_AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & LINUX_AT_STATX_SYNC_TYPE) == LINUX_AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & LINUX_STATX__RESERVED)
		return -EINVAL;
	err = stat_at((int)a[0], a[1], flags, &ks);
	if (err)
		return err;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = LINUX_STATX_BASIC_STATS | LINUX_STATX_BTIME | LINUX_STATX_MNT_ID;
	sx.stx_blksize = ks.blksize;
	sx.stx_nlink = ks.nlink;
	sx.stx_uid = ks.uid;
	sx.stx_gid = ks.gid;
	sx.stx_mode = (uint16_t)ks.mode;
	sx.stx_ino = ks.ino;
	sx.stx_size = ks.size;
	sx.stx_blocks = ks.blocks;
	statx_time(&sx.stx_atime, &ks.atime);
	statx_time(&sx.stx_btime, &ks.btime);
	statx_time(&sx.stx_ctime, &ks.ctime);
	statx_time(&sx.stx_mtime, &ks.mtime);
	sx.stx_rdev_major = LINUX_MAJOR(ks.rdev);
	sx.stx_rdev_minor = LINUX_MINOR(ks.rdev);
	sx.stx_dev_major = LINUX_MAJOR(ks.dev);
	sx.stx_dev_minor = LINUX_MINOR(ks.dev);
	sx.stx_mnt_id = (uint64_t)ks.mnt_id;
	return copy_to_user(a[4], &sx, sizeof(sx)) ? -EFAULT : 0;
}

/*
 * statfs(2): the file system fills what it knows (super_ops.statfs); the
 * memory file systems without one report guest RAM as their blocks. The
 * flags come from the mount and the super block (calculate_f_flags).
 */
static long put_statfs(uaddr_t ubuf, const struct super_block *sb, unsigned long mnt_flags)
{
	unsigned long mf = mnt_flags | (sb->flags & (LINUX_MS_RDONLY | LINUX_MS_SYNCHRONOUS |
						      LINUX_MS_MANDLOCK));
	struct linux_statfs sf;
	long err = 0;

	memset(&sf, 0, sizeof(sf));
	sf.f_type = sb->magic;
	sf.f_bsize = PAGE_SIZE;
	sf.f_namelen = NAME_MAX;
	sf.f_fsid.val[0] = (int32_t)sb->dev;
	if (sb->ops && sb->ops->statfs) {
		err = sb->ops->statfs((struct super_block *)sb, &sf);
		if (err)
			return err;
	} else if (sb->magic == LINUX_TMPFS_MAGIC) {
		sf.f_blocks = frame_total();
		sf.f_bfree = sf.f_bavail = frame_free_count();
		sf.f_files = sb->max_inodes;
		sf.f_ffree = sb->max_inodes - MIN(sb->nr_inodes, sb->max_inodes);
	}
	if (!sf.f_frsize)
		sf.f_frsize = sf.f_bsize;
	sf.f_flags = LINUX_ST_VALID;
	if (mf & LINUX_MS_RDONLY)
		sf.f_flags |= LINUX_ST_RDONLY;
	if (mf & LINUX_MS_NOSUID)
		sf.f_flags |= LINUX_ST_NOSUID;
	if (mf & LINUX_MS_NODEV)
		sf.f_flags |= LINUX_ST_NODEV;
	if (mf & LINUX_MS_NOEXEC)
		sf.f_flags |= LINUX_ST_NOEXEC;
	if (mf & LINUX_MS_SYNCHRONOUS)
		sf.f_flags |= LINUX_ST_SYNCHRONOUS;
	if (mf & LINUX_MS_MANDLOCK)
		sf.f_flags |= LINUX_ST_MANDLOCK;
	if (mf & LINUX_MS_NOATIME)
		sf.f_flags |= LINUX_ST_NOATIME;
	if (mf & LINUX_MS_NODIRATIME)
		sf.f_flags |= LINUX_ST_NODIRATIME;
	if (mf & LINUX_MS_RELATIME)
		sf.f_flags |= LINUX_ST_RELATIME;
	if (mf & 0x100)	/* MS_NOSYMFOLLOW */
		sf.f_flags |= LINUX_ST_NOSYMFOLLOW;
	return copy_to_user(ubuf, &sf, sizeof(sf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(statfs)
{
	struct path p;
	long err = user_lookup(a[0], LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = put_statfs(a[1], p.mnt->sb, p.mnt->flags);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(fstatfs)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	if (f->mnt)
		return put_statfs(a[1], f->mnt->sb, f->mnt->flags);
	if (!f->inode || !f->inode->sb)
		return -EINVAL;
	return put_statfs(a[1], f->inode->sb, 0);	/* pipes: an internal mount */
}
