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
	inode->mtime = inode->ctime = now_ts();
}

void inode_touch_ctime(struct inode *inode)
{
	inode->ctime = now_ts();
}

/* relatime: only when atime is older than mtime or ctime, or a day old. */
void inode_touch_atime(struct inode *inode)
{
	struct linux_timespec now = now_ts();

	if (ts_cmp(&inode->atime, &inode->mtime) <= 0 ||
	    ts_cmp(&inode->atime, &inode->ctime) <= 0 ||
	    now.tv_sec - inode->atime.tv_sec >= RELATIME_SECS)
		inode->atime = now;
}

static const struct cred root_cred;

static const struct cred *cur_cred(void)
{
	return current ? &current->cred : &root_cred;
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
		   (inode->mode & 0010) && c->fsuid != 0 && inode->gid != c->fsgid) {
		inode->mode &= ~(unsigned)LINUX_S_ISGID;
	}
}

int inode_permission(const struct inode *inode, int mask, bool real)
{
	const struct cred *c = cur_cred();
	uint32_t uid = real ? c->uid : c->fsuid;
	uint32_t gid = real ? c->gid : c->fsgid;
	unsigned bits;

	mask &= LINUX_R_OK | LINUX_W_OK | LINUX_X_OK;
	if (uid == 0) {
		/* root may execute only what someone may execute (path_resolution(7)) */
		if ((mask & LINUX_X_OK) && !LINUX_S_ISDIR(inode->mode) && !(inode->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (uid == inode->uid)
		bits = inode->mode >> 6;
	else if (gid == inode->gid)
		bits = inode->mode >> 3;
	else
		bits = inode->mode;
	return (mask & ~bits & 7) ? -EACCES : 0;
}

bool inode_owner_or_root(const struct inode *inode)
{
	const struct cred *c = cur_cred();

	return c->fsuid == 0 || c->fsuid == inode->uid;
}

/* Permission rules of chmod(2), chown(2) and utimensat(2). */
static int setattr_check(const struct inode *inode, const struct iattr *attr)
{
	const struct cred *c = cur_cred();
	bool root = c->fsuid == 0;

	if ((attr->valid & ATTR_UID) && attr->uid != inode->uid && !root)
		return -EPERM;
	if ((attr->valid & ATTR_GID) && attr->gid != inode->gid && !root &&
	    (c->fsuid != inode->uid || attr->gid != c->fsgid))
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
	struct linux_timespec now = now_ts();
	int err = setattr_check(inode, attr);

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

		if (cur_cred()->fsuid != 0 && cur_cred()->fsgid != inode->gid)
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
		inode->atime = attr->atime;
	else if (attr->valid & ATTR_ATIME_NOW)
		inode->atime = now;
	if (attr->valid & ATTR_MTIME)
		inode->mtime = attr->mtime;
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
