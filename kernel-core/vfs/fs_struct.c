/*
 * Each process's view of the mount tree: its fs context (root, working
 * directory, umask), and the names of paths as seen from a root (getcwd,
 * /proc's links and mount tables).
 *
 * An fs context is shared between threads (and CLONE_FS children) by
 * reference count; each of root and pwd holds a path reference (dentry and
 * mount). Before the first task exists (boot, the initramfs) the VFS root
 * stands in for both. Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

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

bool path_name(const struct path *p, const struct path *root, char *buf, size_t size)
{
	struct path cur = *p;
	char *end = buf + size, *pos = end - 1;

	if (!size)
		return false;
	*pos = '\0';
	while (!path_equal(&cur, root)) {
		if (cur.dentry == cur.mnt->root) {
			if (!cur.mnt->parent)
				break;	/* outside root: nothing more to name */
			cur.dentry = cur.mnt->mountpoint;
			cur.mnt = cur.mnt->parent;
			continue;
		}
		if (!prepend(&pos, buf, cur.dentry->name, cur.dentry->namelen) ||
		    !prepend(&pos, buf, "/", 1))
			return false;
		cur.dentry = cur.dentry->parent;
	}
	if (!*pos && !prepend(&pos, buf, "/", 1))
		return false;
	memmove(buf, pos, (size_t)(end - pos));
	return true;
}

long vfs_getcwd(char *buf, size_t size)
{
	struct path pwd, root;
	char *tmp;
	long len;

	current_pwd(&pwd);
	current_root(&root);
	/* getcwd(3): a removed working directory has no name */
	if (d_unlinked(pwd.dentry))
		return -ENOENT;
	tmp = malloc(PATH_MAX);
	if (!tmp)
		return -ENOMEM;
	if (!path_name(&pwd, &root, tmp, PATH_MAX)) {
		free(tmp);
		return -ENAMETOOLONG;
	}
	len = (long)strlen(tmp) + 1;
	if ((size_t)len > size) {
		free(tmp);
		return -ERANGE;
	}
	memcpy(buf, tmp, (size_t)len);
	free(tmp);
	return len;
}

int vfs_chroot(const struct path *p)
{
	path_get(p);
	path_put(&current->fs->root);
	current->fs->root = *p;
	return 0;
}
