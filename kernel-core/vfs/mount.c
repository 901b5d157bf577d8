/*
 * The mount table and the root of the VFS.
 *
 * A mount puts a super block's root (or, for a bind mount, any dentry of
 * it) on a mount point: a dentry of another mount. Path walking crosses
 * into a mount when it steps onto its mount point and back out on ".."
 * from its root. The attached mounts are one list, in mount order (what
 * /proc/mounts shows), searched linearly: there are a handful.
 *
 * Lifetimes. A mount counts the paths that hold it (path_get: open files,
 * every process's root and cwd, walks in progress); being attached is not
 * a reference. umount detaches a mount from the tree; a detached mount is
 * freed when its count drops to 0. A super block counts its mounts
 * (sb->active): when the last one goes, put_super runs and a memory file
 * system's tree is freed. Everything runs under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

static LIST_HEAD(mounts);
static struct mount *root_mount;
static unsigned next_anon_minor = 1;
static int next_mount_id = 1;

uint64_t anon_dev_alloc(void)
{
	unsigned minor = next_anon_minor++;

	return LINUX_MKDEV(0, minor);
}

struct mount *mnt_get(struct mount *m)
{
	if (m)
		m->count++;
	return m;
}

void path_get(const struct path *p)
{
	dget(p->dentry);
	mnt_get(p->mnt);
}

void path_put(struct path *p)
{
	if (p->dentry)
		dput(p->dentry);
	if (p->mnt)
		mnt_put(p->mnt);
	p->dentry = NULL;
	p->mnt = NULL;
}

bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* The last mount of sb went: let the file system go, then free it. */
void deactivate_super(struct super_block *sb)
{
	if (sb->ops && sb->ops->put_super)
		sb->ops->put_super(sb);
	/* the root stays linked to itself: free what hangs below it */
	while (!list_empty(&sb->root->children))
		d_invalidate(list_first_entry(&sb->root->children, struct dentry, child));
	dput(sb->root);
	free((char *)sb->source);
	free(sb->options);
	free(sb);
}

static void mount_free(struct mount *m)
{
	struct super_block *sb = m->sb;

	dput(m->root);
	free(m);
	if (--sb->active == 0)
		deactivate_super(sb);
}

void mnt_put(struct mount *m)
{
	if (--m->count == 0 && m->detached)
		mount_free(m);
}

/* A new, detached mount of root (a dentry of sb). */
static struct mount *mount_alloc(struct super_block *sb, struct dentry *root, unsigned long flags)
{
	struct mount *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->sb = sb;
	m->id = next_mount_id++;
	m->root = dget(root);
	m->flags = flags;
	sb->active++;
	sb->mnt = m;
	list_init(&m->node);
	return m;
}

/* Put m on the mount point mp (a path with the caller's reference). */
static void mount_attach(struct mount *m, const struct path *mp)
{
	m->parent = mp->mnt;
	m->mountpoint = dget(mp->dentry);
	mp->dentry->mounted++;
	m->detached = false;
	list_add_tail(&m->node, &mounts);
}

/* Take m off the tree; it is freed once nothing holds it. */
static void mount_detach(struct mount *m)
{
	list_del(&m->node);
	list_init(&m->node);
	if (m->mountpoint) {
		m->mountpoint->mounted--;
		dput(m->mountpoint);
	}
	m->mountpoint = NULL;
	m->parent = NULL;
	m->detached = true;
	if (m->count == 0)
		mount_free(m);
}

int vfs_mount(struct super_block *sb, const struct path *mountpoint)
{
	struct mount *m;

	if (!LINUX_S_ISDIR(mountpoint->dentry->inode->mode))
		return -ENOTDIR;
	if (mount_lookup(mountpoint->mnt, mountpoint->dentry))
		return -EBUSY;
	m = mount_alloc(sb, sb->root, LINUX_MS_RELATIME);
	if (!m)
		return -ENOMEM;
	mount_attach(m, mountpoint);
	return 0;
}

int vfs_mount_root(struct super_block *sb)
{
	struct path mp = { .mnt = root_mount, .dentry = root_mount->root };
	struct mount *m = mount_alloc(sb, sb->root,
				      LINUX_MS_RELATIME | (sb->flags & LINUX_MS_RDONLY));

	if (!m)
		return -ENOMEM;
	mount_attach(m, &mp);
	root_mount = m;
	return 0;
}

struct mount *mount_lookup(const struct mount *mnt, const struct dentry *d)
{
	struct mount *m, *top = NULL;

	if (!d->mounted)
		return NULL;
	/* the last one mounted there is on top */
	list_for_each_entry(m, &mounts, node) {
		if (m->parent == mnt && m->mountpoint == d)
			top = m;
	}
	return top;
}

/* In mount id order, as Linux lists a namespace's mounts (moves keep their place). */
struct mount *mount_next(struct mount *m)
{
	int after = m ? m->id : 0;
	struct mount *c, *best = NULL;

	list_for_each_entry(c, &mounts, node)
		if (c->id > after && (!best || c->id < best->id))
			best = c;
	return best;
}

void vfs_root(struct path *out)
{
	out->mnt = root_mount;
	out->dentry = root_mount ? root_mount->root : NULL;
}

int mount_for_each_sb(int (*fn)(struct super_block *sb))
{
	struct mount *m;
	int err = 0;

	list_for_each_entry(m, &mounts, node) {
		int r = fn(m->sb);

		if (r && !err)
			err = r;
	}
	return err;
}

int vfs_init(void)
{
	struct super_block *sb;

	if (root_mount)
		return 0;
	ext2_init();
	sb = tmpfs_create("rootfs", 0755);
	if (!sb)
		return -ENOMEM;
	sb->source = strdup("rootfs");
	root_mount = mount_alloc(sb, sb->root, 0);	/* a kernel mount: plain "rw" */
	if (!root_mount)
		return -ENOMEM;
	list_add_tail(&root_mount->node, &mounts);
	return 0;
}

int mnt_want_write(const struct mount *m)
{
	if (!m)
		return 0;
	if ((m->flags & LINUX_MS_RDONLY) || (m->sb->flags & LINUX_MS_RDONLY))
		return -EROFS;
	return 0;
}

int mnt_may_exec(const struct mount *m)
{
	return m && (m->flags & LINUX_MS_NOEXEC) ? -EACCES : 0;
}

int mnt_may_dev(const struct mount *m)
{
	return m && (m->flags & LINUX_MS_NODEV) ? -EACCES : 0;
}

/* --- mount(2) and umount2(2) ------------------------------------------------ */

/* Is p the root of its mount? */
static bool path_mounted(const struct path *p)
{
	return p->dentry == p->mnt->root;
}

static bool has_children(const struct mount *m)
{
	struct mount *c;

	list_for_each_entry(c, &mounts, node)
		if (c->parent == m)
			return true;
	return false;
}

/* Is m at or below ancestor in the mount tree? */
static bool mount_is_below(const struct mount *m, const struct mount *ancestor)
{
	for (; m; m = m->parent)
		if (m == ancestor)
			return true;
	return false;
}

/* Is f open for writing a regular file through m (or any mount of sb)? */
static bool writes_through(const struct file *f, const struct mount *m,
			   const struct super_block *sb)
{
	if (!f || !f->mnt || !(f->f_mode & FMODE_WRITE) || !LINUX_S_ISREG(f->inode->mode))
		return false;
	return f->mnt == m || (sb && f->mnt->sb == sb);
}

/*
 * Does any open file of any process write through m (or any mount of sb),
 * from an fd or from a mapping (whose file keeps its write access after
 * the fd is closed, as on Linux)?
 */
static bool writers_on(const struct mount *m, const struct super_block *sb)
{
	for (struct task *t = task_first(); t; t = task_next(t)) {
		struct files *fs = t->files;
		struct vma *v;

		if (t->state == TASK_DEAD)
			continue;
		for (unsigned i = 0; fs && i < fs->size; i++)
			if (writes_through(fs->fd[i], m, sb))
				return true;
		if (!t->mm)
			continue;
		list_for_each_entry(v, &t->mm->vmas.list, node)
			if (writes_through(v->file, m, sb))
				return true;
	}
	return false;
}

/* Attach a new mount of root on mp: the checks of graft_tree. */
static int graft(struct super_block *sb, struct dentry *root, unsigned long mnt_flags,
		 const struct path *mp)
{
	struct mount *m;

	if (LINUX_S_ISDIR(mp->dentry->inode->mode) != LINUX_S_ISDIR(root->inode->mode))
		return -ENOTDIR;
	if (d_unlinked(mp->dentry))
		return -ENOENT;
	m = mount_alloc(sb, root, mnt_flags);
	if (!m)
		return -ENOMEM;
	mount_attach(m, mp);
	return 0;
}

int mount_new_fs(const struct path *mp, struct super_block *sb, unsigned long mnt_flags)
{
	int err;

	/* the same file system twice on the same place is refused */
	if (mp->mnt->sb == sb && path_mounted(mp))
		return -EBUSY;
	if (LINUX_S_ISLNK(sb->root->inode->mode))
		return -EINVAL;
	err = graft(sb, sb->root, mnt_flags, mp);
	if (err && sb->active == 0)
		deactivate_super(sb);
	return err;
}

/* Copy old (and, with rec, what is mounted below it) onto mp. */
static int copy_tree(const struct mount *src, struct dentry *root, const struct path *mp,
		     bool rec)
{
	struct mount *m, *c;
	int err = graft(src->sb, root, src->flags, mp);

	if (err || !rec)
		return err;
	m = list_entry(mounts.prev, struct mount, node);
	list_for_each_entry(c, &mounts, node) {
		struct path sub;
		const struct dentry *d;

		if (c->parent != src || c == m)
			continue;
		/* only what lies under root */
		for (d = c->mountpoint; d != root && d->parent != d; d = d->parent)
			;
		if (d != root)
			continue;
		sub.mnt = m;
		sub.dentry = c->mountpoint;
		err = copy_tree(c, c->root, &sub, true);
		if (err)
			return err;
	}
	return 0;
}

int mount_bind(const struct path *mp, const struct path *old, bool rec)
{
	if (old->mnt->detached || mp->mnt->detached)
		return -EINVAL;
	return copy_tree(old->mnt, old->dentry, mp, rec);
}

int mount_move(const struct path *mp, const struct path *old)
{
	struct mount *m = old->mnt;

	if (!path_mounted(old) || m->detached || mp->mnt->detached)
		return -EINVAL;
	if (!m->parent)
		return -EINVAL;	/* the root of the tree */
	if (LINUX_S_ISDIR(mp->dentry->inode->mode) != LINUX_S_ISDIR(m->root->inode->mode))
		return -ENOTDIR;
	if (mount_is_below(mp->mnt, m))
		return -ELOOP;	/* into itself */
	list_del(&m->node);
	m->mountpoint->mounted--;
	dput(m->mountpoint);
	mount_attach(m, mp);
	return 0;
}

int mount_remount(const struct path *mp, unsigned long sb_flags, unsigned long mnt_flags,
		  bool bind)
{
	struct mount *m = mp->mnt;
	struct super_block *sb = m->sb;
	bool to_ro = mnt_flags & LINUX_MS_RDONLY;
	int err;

	if (!path_mounted(mp) || m->detached)
		return -EINVAL;
	if (to_ro && !(m->flags & LINUX_MS_RDONLY) && writers_on(m, bind ? NULL : sb))
		return -EBUSY;
	if (!bind && (sb_flags & LINUX_MS_RDONLY) != (sb->flags & LINUX_MS_RDONLY)) {
		if (sb_flags & LINUX_MS_RDONLY)
			vfs_sync_sb(sb);
		if (sb->ops && sb->ops->remount) {
			err = sb->ops->remount(sb, sb_flags);
			if (err)
				return err;
		}
		sb->flags = (sb->flags & ~(unsigned long)LINUX_MS_RDONLY) |
			    (sb_flags & LINUX_MS_RDONLY);
	}
	m->flags = mnt_flags;
	return 0;
}

/*
 * umount2(2) of the mount p is the root of. Without MNT_DETACH, anything
 * using it (an open file, a cwd or root, a mount on it) makes it EBUSY; with
 * it, the mount and everything below leave the tree now and are freed when
 * the last user lets go.
 */
int mount_umount(const struct path *p, int flags)
{
	struct mount *m = p->mnt, *c, *tmp;

	if (!path_mounted(p) || m->detached)
		return -EINVAL;
	if (!m->parent)
		return (flags & LINUX_MNT_DETACH) ? -EINVAL : -EBUSY;
	if (!(flags & LINUX_MNT_DETACH)) {
		/* the caller's path holds one reference */
		if (m->count > 1 || has_children(m))
			return -EBUSY;
		mount_detach(m);
		return 0;
	}
	/* mark the subtree before taking it apart (detaching clears parents) */
	list_for_each_entry(c, &mounts, node)
		c->doomed = mount_is_below(c, m);
	list_for_each_entry_safe(c, tmp, &mounts, node)
		if (c->doomed && c != m)
			mount_detach(c);
	mount_detach(m);
	return 0;
}

/* Is p at or below top (across mounts)? */
static bool path_below(const struct path *p, const struct path *top)
{
	struct path cur = *p;

	for (;;) {
		if (path_equal(&cur, top))
			return true;
		if (cur.dentry == cur.mnt->root) {
			if (!cur.mnt->parent)
				return false;
			cur.dentry = cur.mnt->mountpoint;
			cur.mnt = cur.mnt->parent;
		} else {
			cur.dentry = cur.dentry->parent;
		}
	}
}

/* Replace from by to in every process's root and cwd (pivot_root). */
static void chroot_fs_refs(const struct path *from, const struct path *to)
{
	for (struct task *t = task_first(); t; t = task_next(t)) {
		struct fs_struct *fs = t->fs;

		if (!fs || t->state == TASK_DEAD)
			continue;
		if (path_equal(&fs->root, from)) {
			path_get(to);
			path_put(&fs->root);
			fs->root = *to;
		}
		if (path_equal(&fs->pwd, from)) {
			path_get(to);
			path_put(&fs->pwd);
			fs->pwd = *to;
		}
	}
}

/*
 * pivot_root(2): the mount at new_root becomes the root of the tree and
 * the old root mount moves to put_old (at or below new_root). The caller
 * resolved both as directories; root is current's root.
 */
int mount_pivot(const struct path *new_root, const struct path *put_old, const struct path *root)
{
	struct mount *new_mnt = new_root->mnt, *old_mnt = root->mnt;
	struct path old_root = *root, new = *new_root;
	struct dentry *mp;

	/* the checks of pivot_root(2), in Linux's order */
	if (new_mnt->detached || put_old->mnt->detached)
		return -EINVAL;
	if (d_unlinked(new_root->dentry) || d_unlinked(put_old->dentry))
		return -ENOENT;
	if (new_mnt == old_mnt || put_old->mnt == old_mnt)
		return -EBUSY;
	/* the root must be a mount with a parent: an initramfs root cannot pivot */
	if (!path_mounted(root) || !old_mnt->parent)
		return -EINVAL;
	if (!path_mounted(new_root) || !new_mnt->parent)
		return -EINVAL;
	if (!path_below(put_old, new_root) || !path_below(new_root, root))
		return -EINVAL;
	path_get(&old_root);
	path_get(&new);
	/* new_mnt leaves its place and takes the old root's */
	list_del(&new_mnt->node);
	new_mnt->mountpoint->mounted--;
	dput(new_mnt->mountpoint);
	mp = old_mnt->mountpoint;
	new_mnt->parent = old_mnt->parent;
	new_mnt->mountpoint = mp;	/* the old root's reference and count move over */
	list_del(&old_mnt->node);
	list_add_tail(&new_mnt->node, &mounts);
	/* the old root goes to put_old */
	mount_attach(old_mnt, put_old);
	if (root_mount == old_mnt)
		root_mount = new_mnt;
	chroot_fs_refs(&old_root, &new);
	path_put(&new);
	path_put(&old_root);
	return 0;
}
