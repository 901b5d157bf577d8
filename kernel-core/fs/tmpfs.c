/*
 * tmpfs: a file system that lives entirely in the VFS caches.
 *
 * Directories are the dentry tree (the VFS links and unlinks names around
 * these ops), regular files are their page cache, symlink targets are a
 * string on the inode. The ops here only make inodes and keep link counts,
 * sizes and times right: a directory's nlink is 2 plus its subdirectories,
 * and its size counts 20 bytes per entry, as Linux's tmpfs reports.
 * Used for the root (rootfs) and for devtmpfs. Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/vfs_internal.h>

#define BOGO_DIRENT_SIZE 20

static const struct inode_ops tmpfs_dir_iops;
static const struct inode_ops tmpfs_symlink_iops;

static const struct file_ops tmpfs_file_fops = {
	.read = page_cache_read,
	.write = page_cache_write,
};

static const struct file_ops tmpfs_dir_fops = {
	.read = read_dir_eisdir,
	.llseek = dcache_dir_llseek,
	.getdents = dcache_getdents,
};

/* A new inode of mode's type with the ops that type gets. */
static struct inode *tmpfs_new_inode(struct super_block *sb, const struct inode *dir,
				     unsigned mode, uint64_t rdev)
{
	struct inode *inode = inode_alloc(sb, mode);

	if (!inode)
		return NULL;
	inode_init_owner(inode, dir);
	switch (mode & LINUX_S_IFMT) {
	case LINUX_S_IFDIR:
		inode->iops = &tmpfs_dir_iops;
		inode->fops = &tmpfs_dir_fops;
		inode->nlink = 2;
		inode->size = 2 * BOGO_DIRENT_SIZE;
		break;
	case LINUX_S_IFREG:
		inode->fops = &tmpfs_file_fops;
		break;
	case LINUX_S_IFLNK:
		inode->iops = &tmpfs_symlink_iops;
		break;
	case LINUX_S_IFCHR:
		inode->fops = &chrdev_open_fops;
		inode->rdev = rdev;
		break;
	default:	/* block devices, fifos, sockets */
		inode->fops = &special_open_fops;
		inode->rdev = rdev;
		break;
	}
	return inode;
}

/* dir gained (delta 1) or lost (-1) an entry. */
static void dir_changed(struct inode *dir, int delta)
{
	dir->size += (uint64_t)(delta * BOGO_DIRENT_SIZE);
	inode_touch_mtime(dir);
}

static int tmpfs_mknod(struct inode *dir, struct dentry *d, unsigned mode, uint64_t rdev)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, dir, mode, rdev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(d, inode);
	dir_changed(dir, 1);
	return 0;
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, unsigned mode)
{
	int err = tmpfs_mknod(dir, d, mode, 0);

	if (!err)
		dir->nlink++;
	return err;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	inode = tmpfs_new_inode(dir->sb, dir, LINUX_S_IFLNK | 0777, 0);
	if (!inode)
		return -ENOSPC;
	inode->link = strdup(target);
	if (!inode->link) {
		inode_put(inode);
		return -ENOSPC;
	}
	inode->size = len;
	d_instantiate(d, inode);
	dir_changed(dir, 1);
	return 0;
}

/* An extra hard link costs an inode slot, as in Linux's tmpfs (bounded names). */
static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->inode;
	struct super_block *sb = dir->sb;

	if (sb->max_inodes && sb->nr_inodes >= sb->max_inodes)
		return -ENOSPC;
	sb->nr_inodes++;
	inode->nlink++;
	inode_touch_ctime(inode);
	d_instantiate(d, inode_get(inode));
	dir_changed(dir, 1);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;

	if (inode->nlink > 1)
		inode->sb->nr_inodes--;	/* the slot its extra link took */
	inode->nlink--;
	inode_touch_ctime(inode);
	dir_changed(dir, -1);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	if (!list_empty(&d->children))
		return -ENOTEMPTY;
	d->inode->nlink = 0;
	inode_touch_ctime(d->inode);
	dir->nlink--;
	dir_changed(dir, -1);
	return 0;
}

static int tmpfs_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
			struct dentry *nd)
{
	bool isdir = LINUX_S_ISDIR(od->inode->mode);

	if (nd->inode) {
		int err = isdir ? tmpfs_rmdir(ndir, nd) : tmpfs_unlink(ndir, nd);

		if (err)
			return err;
	}
	if (isdir) {
		odir->nlink--;
		ndir->nlink++;
	}
	dir_changed(odir, -1);
	dir_changed(ndir, 1);
	inode_touch_ctime(od->inode);
	return 0;
}

static const char *tmpfs_get_link(struct inode *inode)
{
	return inode->link;
}

static const struct inode_ops tmpfs_dir_iops = {
	.create = tmpfs_mknod,
	.mkdir = tmpfs_mkdir,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
};

static const struct inode_ops tmpfs_symlink_iops = {
	.get_link = tmpfs_get_link,
};

struct super_block *tmpfs_create(const char *fstype, unsigned mode)
{
	struct super_block *sb = calloc(1, sizeof(*sb));
	struct inode *root;

	if (!sb)
		return NULL;
	sb->dev = anon_dev_alloc();
	sb->next_ino = 1;
	sb->max_inodes = frame_total() / 2;
	sb->fstype = fstype;
	root = tmpfs_new_inode(sb, NULL, LINUX_S_IFDIR | (mode & 07777), 0);
	if (!root)
		goto out_free;
	sb->root = d_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		goto out_free;
	}
	return sb;

out_free:
	free(sb);
	return NULL;
}

/*
 * The memory behind a MAP_SHARED|MAP_ANONYMOUS mapping: an unnamed tmpfs
 * file of size bytes on an internal super block, as Linux's shmem "/dev/zero
 * (deleted)", so that processes sharing the mapping share its pages (and
 * shared futexes meet on them). Returns an open file or ERR_PTR.
 */
struct file *shmem_file(uint64_t size)
{
	static struct super_block *shm_sb;
	struct inode *inode;
	struct file *f;

	if (!shm_sb)
		shm_sb = tmpfs_create("tmpfs", 01777);
	if (!shm_sb)
		return ERR_PTR(-ENOMEM);
	inode = tmpfs_new_inode(shm_sb, NULL, LINUX_S_IFREG | 0600, 0);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->nlink = 0;
	inode->size = size;
	f = file_alloc_anon(inode, &tmpfs_file_fops, LINUX_O_RDWR);
	inode_put(inode);
	return f;
}
