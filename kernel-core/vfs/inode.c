/*
 * Inodes: allocation and reference counts, timestamps, ownership and
 * permission checks, attribute changes (chmod, chown, truncate, utimes)
 * and stat.
 *
 * An inode lives as long as something references it: a dentry (one per
 * hard link) or an open file. nlink counts names, refcount counts users;
 * an unlinked inode that is still open keeps its data until the last put.
 * Everything runs under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

#define RELATIME_SECS (24 * 3600)

static struct linux_timespec now_ts(void)
{
	int64_t ns = ktime_real_ns();

	return (struct linux_timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

/* A time as inode's file system keeps it (ext2: whole seconds, as Linux's s_time_gran). */
static struct linux_timespec fs_time(const struct inode *inode, struct linux_timespec t)
{
	if (inode->sb->time_secs)
		t.tv_nsec = 0;
	return t;
}

static int ts_cmp(const struct linux_timespec *a, const struct linux_timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

struct inode *inode_alloc(struct super_block *sb, unsigned mode)
{
	struct inode *inode;

	/* inodes live in umk's memory: bound them, or a guest could exhaust the host */
	if (sb->max_inodes && sb->nr_inodes >= sb->max_inodes)
		return NULL;
	inode = calloc(1, sizeof(*inode));
	if (!inode)
		return NULL;
	sb->nr_inodes++;
	inode->refcount = 1;
	inode->ino = sb->next_ino++;
	inode->mode = mode;
	inode->nlink = 1;
	inode->sb = sb;
	inode->atime = inode->mtime = inode->ctime = inode->btime = now_ts();
	return inode;
}

struct inode *inode_get(struct inode *inode)
{
	inode->refcount++;
	return inode;
}

void inode_put(struct inode *inode)
{
	if (!inode || --inode->refcount > 0)
		return;
	/* a backing store writes the inode back, or frees it on disk when unlinked */
	if (inode->sb->ops && inode->sb->ops->evict_inode)
		inode->sb->ops->evict_inode(inode);
	page_cache_truncate(&inode->pages, 0);
	inode->sb->nr_inodes--;
	free(inode->link);
	free(inode);
}

void inode_touch_mtime(struct inode *inode)
{
	inode->mtime = inode->ctime = fs_time(inode, now_ts());
}

void inode_touch_ctime(struct inode *inode)
{
	inode->ctime = fs_time(inode, now_ts());
}

/* relatime: only when atime is older than mtime or ctime, or a day old. */
void inode_touch_atime(struct inode *inode)
{
	struct linux_timespec now = fs_time(inode, now_ts());

	if (ts_cmp(&inode->atime, &inode->mtime) <= 0 ||
	    ts_cmp(&inode->atime, &inode->ctime) <= 0 ||
	    now.tv_sec - inode->atime.tv_sec >= RELATIME_SECS)
		inode->atime = now;
}

static const struct cred *cur_cred(void)
{
	return task_cred(current);
}

void inode_init_owner(struct inode *inode, const struct inode *dir)
{
	const struct cred *c = cur_cred();

	inode->uid = c->fsuid;
	inode->gid = c->fsgid;
	if (dir && (dir->mode & LINUX_S_ISGID)) {
		/* BSD group semantics of a setgid directory (chmod(2)) */
		inode->gid = dir->gid;
		if (LINUX_S_ISDIR(inode->mode))
			inode->mode |= LINUX_S_ISGID;
	} else if (!LINUX_S_ISDIR(inode->mode) && (inode->mode & LINUX_S_ISGID) &&
		   (inode->mode & 0010) && !cred_in_group(c, inode->gid) &&
		   !cred_capable(c, CAP_FSETID)) {
		inode->mode &= ~(unsigned)LINUX_S_ISGID;
	}
}

/*
 * The owner, group (fsgid or a supplementary group) or other bits, then
 * the capabilities that override them (path_resolution(7)): search and
 * read with CAP_DAC_READ_SEARCH, anything with CAP_DAC_OVERRIDE, except
 * executing a file nobody may execute. real: access(2)'s real ids.
 */
int inode_permission(const struct inode *inode, int mask, bool real)
{
	struct cred rc;
	const struct cred *c = cur_cred();
	unsigned bits;

	if (real) {
		cred_for_access(c, &rc);
		c = &rc;
	}
	mask &= LINUX_R_OK | LINUX_W_OK | LINUX_X_OK;
	if (c->fsuid == inode->uid)
		bits = inode->mode >> 6;
	else if (cred_in_group(c, inode->gid))
		bits = inode->mode >> 3;
	else
		bits = inode->mode;
	if (!(mask & ~bits & 7))
		return 0;
	if (LINUX_S_ISDIR(inode->mode)) {
		if (!(mask & LINUX_W_OK) && cred_capable(c, CAP_DAC_READ_SEARCH))
			return 0;
		return cred_capable(c, CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	if (mask == LINUX_R_OK && cred_capable(c, CAP_DAC_READ_SEARCH))
		return 0;
	if ((!(mask & LINUX_X_OK) || (inode->mode & 0111)) && cred_capable(c, CAP_DAC_OVERRIDE))
		return 0;
	return -EACCES;
}

bool inode_owner_or_root(const struct inode *inode)
{
	const struct cred *c = cur_cred();

	return c->fsuid == inode->uid || cred_capable(c, CAP_FOWNER);
}

/* Permission rules of chmod(2), chown(2) and utimensat(2). */
static int setattr_check(const struct inode *inode, const struct iattr *attr)
{
	const struct cred *c = cur_cred();
	bool root = cred_capable(c, CAP_CHOWN);

	if ((attr->valid & ATTR_UID) && attr->uid != inode->uid && !root)
		return -EPERM;
	if ((attr->valid & ATTR_GID) && attr->gid != inode->gid && !root &&
	    (c->fsuid != inode->uid || !cred_in_group(c, attr->gid)))
		return -EPERM;
	if ((attr->valid & ATTR_MODE) && !inode_owner_or_root(inode))
		return -EPERM;
	if ((attr->valid & (ATTR_ATIME | ATTR_MTIME)) && !inode_owner_or_root(inode))
		return -EPERM;
	if ((attr->valid & (ATTR_ATIME_NOW | ATTR_MTIME_NOW)) && !inode_owner_or_root(inode) &&
	    inode_permission(inode, LINUX_W_OK, false))
		return -EACCES;
	return 0;
}

int vfs_setattr(struct inode *inode, const struct iattr *attr)
{
	struct linux_timespec now = fs_time(inode, now_ts());
	int err;

	/* a symlink's mode means nothing and cannot change (as since Linux 6.6) */
	if ((attr->valid & ATTR_MODE) && LINUX_S_ISLNK(inode->mode))
		return -EOPNOTSUPP;
	err = setattr_check(inode, attr);

	if (err)
		return err;
	if (attr->valid & ATTR_SIZE) {
		err = vfs_truncate_inode(inode, attr->size);
		if (err)
			return err;
		inode->mtime = now;
	}
	if (attr->valid & ATTR_MODE) {
		unsigned mode = attr->mode & 07777;

		if (!cred_in_group(cur_cred(), inode->gid) && !cred_capable(cur_cred(), CAP_FSETID))
			mode &= ~(unsigned)LINUX_S_ISGID;
		inode->mode = (inode->mode & LINUX_S_IFMT) | mode;
	}
	if (attr->valid & (ATTR_UID | ATTR_GID)) {
		if (attr->valid & ATTR_UID)
			inode->uid = attr->uid;
		if (attr->valid & ATTR_GID)
			inode->gid = attr->gid;
		/* a chown drops set-user-ID, and set-group-ID of an executable */
		if (!LINUX_S_ISDIR(inode->mode)) {
			inode->mode &= ~(unsigned)LINUX_S_ISUID;
			if (inode->mode & 0010)
				inode->mode &= ~(unsigned)LINUX_S_ISGID;
		}
	}
	if (attr->valid & ATTR_ATIME)
		inode->atime = fs_time(inode, attr->atime);
	else if (attr->valid & ATTR_ATIME_NOW)
		inode->atime = now;
	if (attr->valid & ATTR_MTIME)
		inode->mtime = fs_time(inode, attr->mtime);
	else if (attr->valid & ATTR_MTIME_NOW)
		inode->mtime = now;
	inode->ctime = now;
	return 0;
}

void vfs_getattr(const struct inode *inode, struct kstat *st)
{

	memset(st, 0, sizeof(*st));
	st->dev = inode->sb->dev;
	st->ino = inode->ino;
	st->mode = inode->mode;
	st->nlink = inode->nlink;
	st->uid = inode->uid;
	st->gid = inode->gid;
	st->rdev = inode->rdev;
	st->size = inode->size;
	st->blksize = inode->sb->blocksize ? inode->sb->blocksize : PAGE_SIZE;
	/* 512-byte units actually allocated: disk blocks, or page-cache pages of a file */
	if (inode->sb->aops)
		st->blocks = inode->blocks;
	else
		st->blocks = inode->pages.nr_pages * (PAGE_SIZE / 512);
	st->atime = inode->atime;
	st->mtime = inode->mtime;
	st->ctime = inode->ctime;
	st->btime = inode->btime;
}

int vfs_stat(int dfd, const char *name, unsigned at_flags, struct kstat *st)
{
	unsigned flags = 0;
	struct path p;
	int err;

	if (!(at_flags & LINUX_AT_SYMLINK_NOFOLLOW))
		flags |= LOOKUP_FOLLOW;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		flags |= LOOKUP_EMPTY;
	err = vfs_lookup(dfd, name, flags, &p);
	if (err)
		return err;
	vfs_getattr(p.dentry->inode, st);
	st->mnt_id = p.mnt->id;
	path_put(&p);
	return 0;
}
