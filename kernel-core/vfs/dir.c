/*
 * Operations on names: mknod, mkdir, rmdir, unlink, symlink, link, rename,
 * readlink, and the boot-time vfs_create_child.
 *
 * Each resolves the parent, checks what Linux checks, in Linux's order,
 * so the errno matches (mkdir(2), rmdir(2), unlink(2), rename(2)...), then
 * calls the directory's inode_ops and links or unlinks the dentry when the
 * op succeeds. Runs under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fs.h>

/* The parent of a name and its last component, as one unit to release. */
struct parent {
	struct path dir;
	const char *last;
	size_t len;
	enum last_type type;
	bool slash;
};

static int get_parent(int dfd, const char *name, struct parent *p)
{
	return vfs_lookup_parent(dfd, name, &p->dir, &p->last, &p->len, &p->type, &p->slash);
}

static struct inode *dir_inode(const struct parent *p)
{
	return p->dir.dentry->inode;
}

static unsigned cur_umask(void)
{
	return current ? fs_umask(current->fs) : 0;
}

/* may_create: a removed directory takes no new names; then write+search. */
static int may_create(struct inode *dir)
{
	if (dir->nlink == 0)
		return -ENOENT;
	return inode_permission(dir, LINUX_W_OK | LINUX_X_OK, false);
}

/* may_delete: write+search on dir, the sticky bit, and the type of victim. */
static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->inode;
	int err = inode_permission(dir, LINUX_W_OK | LINUX_X_OK, false);

	if (err)
		return err;
	if ((dir->mode & LINUX_S_ISVTX) && !inode_owner_or_root(inode) &&
	    !inode_owner_or_root(dir))
		return -EPERM;
	if (isdir) {
		if (!LINUX_S_ISDIR(inode->mode))
			return -ENOTDIR;
		if (victim->mounted || victim->parent == victim)
			return -EBUSY;
	} else if (LINUX_S_ISDIR(inode->mode)) {
		return -EISDIR;
	}
	return 0;
}

/* Call the directory op that makes an inode of mode's type for d. */
static int make_node(struct inode *dir, struct dentry *d, unsigned mode, uint64_t rdev,
		     const char *target)
{
	const struct inode_ops *ops = dir->iops;

	if (LINUX_S_ISDIR(mode))
		return ops->mkdir ? ops->mkdir(dir, d, mode) : -EPERM;
	if (LINUX_S_ISLNK(mode))
		return ops->symlink ? ops->symlink(dir, d, target) : -EPERM;
	return ops->create ? ops->create(dir, d, mode, rdev) : -EACCES;
}

/*
 * Make a new name in p: EEXIST if taken, ENOENT for a trailing slash on a
 * non-directory, then the op. Called with the new dentry allocated here.
 */
static int create_in(struct parent *p, unsigned mode, uint64_t rdev, const char *target)
{
	struct inode *dir = dir_inode(p);
	struct dentry *d = NULL;
	int err;

	if (p->type != LAST_NORM)
		return -EEXIST;
	d = d_lookup(p->dir.dentry, p->last, p->len);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d) {
		dput(d);
		return -EEXIST;
	}
	if (p->slash && !LINUX_S_ISDIR(mode))
		return -ENOENT;
	err = mnt_want_write(p->dir.mnt);
	if (!err)
		err = may_create(dir);
	if (err)
		return err;
	d = d_alloc(p->dir.dentry, p->last, p->len);
	if (!d)
		return -ENOMEM;
	err = make_node(dir, d, mode, rdev, target);
	if (!err)
		d_link(d);
	dput(d);
	return err;
}

int vfs_mknod(int dfd, const char *name, unsigned mode, uint64_t rdev)
{
	struct parent p;
	int err = get_parent(dfd, name, &p);

	if (err)
		return err;
	mode = (mode & LINUX_S_IFMT) | (mode & 07777 & ~cur_umask());
	err = create_in(&p, mode, rdev, NULL);
	path_put(&p.dir);
	return err;
}

int vfs_mkdir(int dfd, const char *name, unsigned mode)
{
	struct parent p;
	int err = get_parent(dfd, name, &p);

	if (err)
		return err;
	mode = LINUX_S_IFDIR | (mode & 01777 & ~cur_umask());
	err = create_in(&p, mode, 0, NULL);
	path_put(&p.dir);
	return err;
}

int vfs_symlink(const char *target, int dfd, const char *name)
{
	struct parent p;
	int err;

	if (!*target)
		return -ENOENT;
	err = get_parent(dfd, name, &p);
	if (err)
		return err;
	err = create_in(&p, LINUX_S_IFLNK | 0777, 0, target);
	path_put(&p.dir);
	return err;
}

/* Look up the victim of rmdir/unlink: a linked child, with a reference. */
static int find_victim(struct parent *p, struct dentry **victim)
{
	struct dentry *d = d_lookup(p->dir.dentry, p->last, p->len);

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (!d)
		return -ENOENT;
	*victim = d;
	return 0;
}

/* rmdir(2) (isdir) or unlink(2) of name. */
static int remove_at(int dfd, const char *name, bool isdir)
{
	struct dentry *d = NULL;
	struct inode *dir;
	struct parent p;
	int (*remove)(struct inode *dir, struct dentry *d);
	int err = get_parent(dfd, name, &p);

	if (err)
		return err;
	dir = dir_inode(&p);
	if (isdir && p.type == LAST_DOT)
		err = -EINVAL;
	else if (isdir && p.type == LAST_DOTDOT)
		err = -ENOTEMPTY;
	else if (isdir && p.type == LAST_ROOT)
		err = -EBUSY;
	else if (!isdir && p.type != LAST_NORM)
		err = -EISDIR;
	else if (!(err = mnt_want_write(p.dir.mnt)))
		err = find_victim(&p, &d);
	if (err)
		goto out_put_parent;
	if (!isdir && p.slash)	/* unlink(2): "f/" names a directory */
		err = LINUX_S_ISDIR(d->inode->mode) ? -EISDIR : -ENOTDIR;
	if (!err)
		err = may_delete(dir, d, isdir);
	remove = isdir ? dir->iops->rmdir : dir->iops->unlink;
	if (!err)
		err = remove ? remove(dir, d) : -EPERM;
	if (!err)
		d_unlink(d);
	dput(d);
out_put_parent:
	path_put(&p.dir);
	return err;
}

int vfs_rmdir(int dfd, const char *name)
{
	return remove_at(dfd, name, true);
}

int vfs_unlink(int dfd, const char *name)
{
	return remove_at(dfd, name, false);
}

/*
 * Protected hard links (fs.protected_hardlinks = 1, as Debian sets it): a
 * link may be made to a file one owns (or with CAP_FOWNER), or to a
 * regular file one may read and write that is neither set-user-ID nor
 * executable set-group-ID; else EPERM.
 */
static bool may_hardlink(const struct inode *inode)
{
	if (inode_owner_or_root(inode))
		return true;
	if (!LINUX_S_ISREG(inode->mode) || (inode->mode & LINUX_S_ISUID) ||
	    (inode->mode & (LINUX_S_ISGID | 0010)) == (LINUX_S_ISGID | 0010))
		return false;
	return inode_permission(inode, LINUX_R_OK | LINUX_W_OK, false) == 0;
}

int vfs_link(int odfd, const char *oldname, int ndfd, const char *newname, unsigned at_flags)
{
	unsigned flags = 0;
	struct path old;
	struct parent p;
	struct inode *dir;
	struct dentry *d = NULL;
	int err;

	if (at_flags & LINUX_AT_SYMLINK_FOLLOW)
		flags |= LOOKUP_FOLLOW;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		flags |= LOOKUP_EMPTY;
	err = vfs_lookup(odfd, oldname, flags, &old);
	if (err)
		return err;
	err = get_parent(ndfd, newname, &p);
	if (err)
		goto out_old;
	dir = dir_inode(&p);
	if (p.type != LAST_NORM) {
		err = -EEXIST;
		goto out_parent;
	}
	d = d_lookup(p.dir.dentry, p.last, p.len);
	if (d) {
		err = IS_ERR(d) ? (int)PTR_ERR(d) : -EEXIST;
		if (!IS_ERR(d))
			dput(d);
		goto out_parent;
	}
	if (p.slash)
		err = -ENOENT;
	else if ((err = mnt_want_write(p.dir.mnt)))
		;
	else if (p.dir.mnt != old.mnt)
		err = -EXDEV;
	else if (!may_hardlink(old.dentry->inode))
		err = -EPERM;
	else if (LINUX_S_ISDIR(old.dentry->inode->mode))
		err = -EPERM;
	else
		err = may_create(dir);
	if (!err && old.dentry->inode->nlink == 0 && !old.dentry->inode->linkable)
		err = -ENOENT;	/* an unlinked file, or an O_TMPFILE one made O_EXCL */
	if (err)
		goto out_parent;
	d = d_alloc(p.dir.dentry, p.last, p.len);
	if (!d) {
		err = -ENOMEM;
		goto out_parent;
	}
	err = dir->iops->link ? dir->iops->link(old.dentry, dir, d) : -EPERM;
	if (!err) {
		d_link(d);
		old.dentry->inode->linkable = false;	/* named once: an O_TMPFILE file no more */
	}
	dput(d);
out_parent:
	path_put(&p.dir);
out_old:
	path_put(&old);
	return err;
}

/* Is d at or below ancestor (same tree)? */
static bool is_subdir(const struct dentry *d, const struct dentry *ancestor)
{
	for (;;) {
		if (d == ancestor)
			return true;
		if (d->parent == d)
			return false;
		d = d->parent;
	}
}

/* The checks rename(2) makes once both names are found; nd may be negative. */
static int rename_check(struct parent *op, struct dentry *od, struct parent *np,
			struct dentry *nd)
{
	bool isdir = LINUX_S_ISDIR(od->inode->mode);
	int err;

	if (is_subdir(np->dir.dentry, od))
		return -EINVAL;		/* into its own subtree */
	if (nd->inode && is_subdir(op->dir.dentry, nd))
		return -ENOTEMPTY;	/* onto its own ancestor */
	err = may_delete(dir_inode(op), od, isdir);
	if (err)
		return err;
	if (nd->inode)
		err = may_delete(dir_inode(np), nd, isdir);
	else
		err = may_create(dir_inode(np));
	if (err)
		return err;
	if (od->mounted)
		return -EBUSY;
	/* a directory changing parent rewrites its ".." */
	if (isdir && np->dir.dentry != op->dir.dentry)
		return inode_permission(od->inode, LINUX_W_OK, false);
	return 0;
}

static int do_rename(struct parent *op, struct parent *np, unsigned flags)
{
	struct inode *odir = dir_inode(op), *ndir = dir_inode(np);
	struct dentry *od = NULL, *nd;
	int err;

	if (op->type != LAST_NORM || np->type != LAST_NORM)
		return (flags & LINUX_RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	if (op->dir.mnt != np->dir.mnt)
		return -EXDEV;
	err = mnt_want_write(op->dir.mnt);
	if (!err)
		err = find_victim(op, &od);
	if (err)
		return err;
	if ((op->slash || np->slash) && !LINUX_S_ISDIR(od->inode->mode)) {
		err = -ENOTDIR;
		goto out_old;
	}
	nd = d_lookup(np->dir.dentry, np->last, np->len);
	if (IS_ERR(nd)) {
		err = (int)PTR_ERR(nd);
		goto out_old;
	}
	if (nd && (flags & LINUX_RENAME_NOREPLACE)) {
		err = -EEXIST;
		goto out_new;
	}
	/* rename(2): the same file under two names is left alone */
	if (nd && nd->inode == od->inode)
		goto out_new;
	if (!nd) {
		nd = d_alloc(np->dir.dentry, np->last, np->len);
		if (!nd) {
			err = -ENOMEM;
			goto out_old;
		}
	}
	err = rename_check(op, od, np, nd);
	if (!err)
		err = odir->iops->rename ? odir->iops->rename(odir, od, ndir, nd) : -EPERM;
	if (!err) {
		d_unlink(nd);
		err = d_move(od, np->dir.dentry, np->last, np->len);
	}
out_new:
	dput(nd);
out_old:
	dput(od);
	return err;
}

int vfs_rename(int odfd, const char *oldname, int ndfd, const char *newname, unsigned flags)
{
	struct parent op, np;
	int err;

	if (flags & ~LINUX_RENAME_NOREPLACE)
		return -EINVAL;	/* RENAME_EXCHANGE and WHITEOUT: not yet */
	err = get_parent(odfd, oldname, &op);
	if (err)
		return err;
	err = get_parent(ndfd, newname, &np);
	if (!err) {
		err = do_rename(&op, &np, flags);
		path_put(&np.dir);
	}
	path_put(&op.dir);
	return err;
}

long vfs_readlink(int dfd, const char *name, char *buf, size_t size)
{
	struct inode *inode;
	const char *target;
	struct path p;
	long len;
	int err = vfs_lookup(dfd, name, LOOKUP_EMPTY, &p);

	if (err)
		return err;
	inode = p.dentry->inode;
	if (!LINUX_S_ISLNK(inode->mode) || !inode->iops || !inode->iops->get_link) {
		/* readlinkat(2) on an empty path names dirfd itself */
		path_put(&p);
		return *name ? -EINVAL : -ENOENT;
	}
	target = inode->iops->get_link(inode);
	if (IS_ERR(target)) {
		path_put(&p);
		return PTR_ERR(target);
	}
	len = (long)MIN(strlen(target), size);
	memcpy(buf, target, (size_t)len);
	inode_touch_atime(inode);
	path_put(&p);
	return len;
}

struct dentry *vfs_create_child(struct dentry *parent, const char *name, unsigned mode,
				uint64_t rdev, const char *target)
{
	struct inode *dir = parent->inode;
	size_t len = strlen(name);
	struct dentry *d = d_lookup(parent, name, len);
	int err;

	if (d) {
		if (!IS_ERR(d))
			dput(d);
		return IS_ERR(d) ? d : ERR_PTR(-EEXIST);
	}
	d = d_alloc(parent, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = make_node(dir, d, mode, rdev, target);
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	d_link(d);
	return d;
}

struct dentry *vfs_create_dirs(struct dentry *root, const char *path, size_t len)
{
	struct dentry *dir = dget(root);
	const char *end = path + len;
	char comp[NAME_MAX + 1];

	while (path < end) {
		const char *slash = memchr(path, '/', (size_t)(end - path));
		size_t n = (size_t)((slash ? slash : end) - path);
		struct dentry *d;

		if (n > NAME_MAX) {
			dput(dir);
			return ERR_PTR(-ENAMETOOLONG);
		}
		memcpy(comp, path, n);
		comp[n] = '\0';
		path += n + (slash != NULL);
		if (!n)
			continue;
		d = d_lookup(dir, comp, n);
		if (!d)
			d = vfs_create_child(dir, comp, LINUX_S_IFDIR | 0755, 0, NULL);
		dput(dir);
		if (IS_ERR(d))
			return d;
		dir = d;
	}
	return dir;
}
