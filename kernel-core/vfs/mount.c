/*
 * The mount table, the root of the VFS, and each process's view of it:
 * its fs context (root, working directory, umask).
 *
 * A mount puts a super block's root on a directory (the mount point) of
 * another mount. Path walking crosses into a mount when it steps onto its
 * mount point and back out on ".." from its root. Mounts are permanent for
 * now (no umount), so they carry no reference count; the table is a list
 * searched linearly, which is fine for the handful there are.
 *
 * An fs context is shared between threads (and CLONE_FS children) by
 * reference count; each of root and pwd holds a dentry reference. Before
 * the first task exists (boot, the initramfs) the VFS root stands in for
 * both. Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
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

void path_get(const struct path *p)
{
	dget(p->dentry);
}

void path_put(struct path *p)
{
	if (p->dentry)
		dput(p->dentry);
	p->dentry = NULL;
	p->mnt = NULL;
}

bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

static struct mount *mount_new(struct super_block *sb)
{
	struct mount *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->sb = sb;
	m->id = next_mount_id++;
	m->root = dget(sb->root);
	sb->mnt = m;
	list_add_tail(&m->node, &mounts);
	return m;
}

int vfs_mount(struct super_block *sb, const struct path *mountpoint)
{
	struct mount *m;

	if (!LINUX_S_ISDIR(mountpoint->dentry->inode->mode))
		return -ENOTDIR;
	if (mount_lookup(mountpoint->mnt, mountpoint->dentry))
		return -EBUSY;
	m = mount_new(sb);
	if (!m)
		return -ENOMEM;
	m->parent = mountpoint->mnt;
	m->mountpoint = dget(mountpoint->dentry);
	mountpoint->dentry->mounted++;
	return 0;
}

int vfs_mount_root(struct super_block *sb)
{
	struct mount *old = root_mount, *m = mount_new(sb);

	if (!m)
		return -ENOMEM;
	m->parent = old;
	m->mountpoint = dget(old->root);
	old->root->mounted++;
	root_mount = m;
	return 0;
}

struct mount *mount_lookup(const struct mount *mnt, const struct dentry *d)
{
	struct mount *m;

	if (!d->mounted)
		return NULL;
	list_for_each_entry(m, &mounts, node) {
		if (m->parent == mnt && m->mountpoint == d)
			return m;
	}
	return NULL;
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
	root_mount = mount_new(sb);
	return root_mount ? 0 : -ENOMEM;
}

/* --- fs contexts ---------------------------------------------------------- */

/* The umask of init, as on Linux. */
#define INIT_UMASK 0022

struct fs_struct *fs_create(void)
{
	struct fs_struct *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refcount = 1;
	vfs_root(&fs->root);
	path_get(&fs->root);
	fs->pwd = fs->root;
	path_get(&fs->pwd);
	fs->umask = INIT_UMASK;
	return fs;
}

struct fs_struct *fs_get(struct fs_struct *fs)
{
	fs->refcount++;
	return fs;
}

struct fs_struct *fs_copy(const struct fs_struct *old)
{
	struct fs_struct *fs = malloc(sizeof(*fs));

	if (!fs)
		return NULL;
	*fs = *old;
	fs->refcount = 1;
	path_get(&fs->root);
	path_get(&fs->pwd);
	return fs;
}

void fs_put(struct fs_struct *fs)
{
	if (!fs || --fs->refcount > 0)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	free(fs);
}

unsigned fs_umask(const struct fs_struct *fs)
{
	return fs ? fs->umask : 0;
}

unsigned vfs_set_umask(unsigned mask)
{
	unsigned old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}

void current_root(struct path *out)
{
	if (current && current->fs)
		*out = current->fs->root;
	else
		vfs_root(out);
}

void current_pwd(struct path *out)
{
	if (current && current->fs)
		*out = current->fs->pwd;
	else
		vfs_root(out);
}

int vfs_chdir(const struct path *p)
{
	int err;

	if (!LINUX_S_ISDIR(p->dentry->inode->mode))
		return -ENOTDIR;
	err = inode_permission(p->dentry->inode, LINUX_X_OK, false);
	if (err)
		return err;
	path_get(p);
	path_put(&current->fs->pwd);
	current->fs->pwd = *p;
	return 0;
}

/* Prepend s[0..len) before *pos in a buffer starting at start. */
static bool prepend(char **pos, const char *start, const char *s, size_t len)
{
	if ((size_t)(*pos - start) < len)
		return false;
	*pos -= len;
	memcpy(*pos, s, len);
	return true;
}

long vfs_getcwd(char *buf, size_t size)
{
	char *tmp, *end, *p;
	struct path pwd, root;
	long len;

	current_pwd(&pwd);
	current_root(&root);
	/* getcwd(3): a removed working directory has no name */
	if (d_unlinked(pwd.dentry))
		return -ENOENT;
	tmp = malloc(PATH_MAX);
	if (!tmp)
		return -ENOMEM;
	end = tmp + PATH_MAX;
	p = end - 1;
	*p = '\0';
	while (!path_equal(&pwd, &root)) {
		if (pwd.dentry == pwd.mnt->root) {
			if (!pwd.mnt->parent)
				break;	/* outside root: nothing more to name */
			pwd.dentry = pwd.mnt->mountpoint;
			pwd.mnt = pwd.mnt->parent;
			continue;
		}
		if (!prepend(&p, tmp, pwd.dentry->name, pwd.dentry->namelen) ||
		    !prepend(&p, tmp, "/", 1)) {
			free(tmp);
			return -ENAMETOOLONG;
		}
		pwd.dentry = pwd.dentry->parent;
	}
	if (!*p)
		prepend(&p, tmp, "/", 1);
	len = end - p;
	if ((size_t)len > size) {
		free(tmp);
		return -ERANGE;
	}
	memcpy(buf, p, (size_t)len);
	free(tmp);
	return len;
}
