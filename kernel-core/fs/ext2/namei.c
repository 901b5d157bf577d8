/*
 * ext2 names: the inode_ops of directories (lookup, create, mkdir,
 * symlink, link, unlink, rmdir, rename) and of symlinks.
 *
 * The VFS has checked names, permissions and existence and keeps the
 * dentry tree in step when an op succeeds; these ops change the disk
 * directory and the link counts, as Linux's ext2 does: a directory has 2
 * plus its subdirectories, renaming a directory to another parent rewrites
 * its "..", and an inode whose last name goes is freed when its last user
 * lets go (ext2_evict_inode). Symlinks up to 59 bytes live in i_block
 * (fast), longer ones in a block. A read-only mount answers EROFS.
 * Linux's ext2 supports RENAME_NOREPLACE only (the VFS filters the flags).
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>

#include "ext2.h"

static int ext2_lookup(struct inode *dir, struct dentry *d)
{
	long ino = ext2_find_entry(dir, d->name, d->namelen);
	struct inode *inode;

	if (ino <= 0)
		return (int)ino;
	inode = ext2_iget(EXT2_SB(dir->sb), (uint32_t)ino);
	if (IS_ERR(inode)) {
		if (PTR_ERR(inode) == -ESTALE) {
			ext2_error(EXT2_SB(dir->sb), __func__, "deleted inode referenced:", ino);
			return -EIO;
		}
		return (int)PTR_ERR(inode);
	}
	d_instantiate(d, inode);
	return 0;
}

static bool rdonly(struct inode *dir)
{
	return ext2_rdonly(EXT2_SB(dir->sb));
}

/* A new inode is named d in dir; on failure it is dropped again. */
static int add_nondir(struct inode *dir, struct dentry *d, struct inode *inode)
{
	int err = ext2_add_entry(dir, d->name, d->namelen, (uint32_t)inode->ino, inode->mode);

	if (err) {
		inode->nlink = 0;
		inode_put(inode);
		return err;
	}
	d_instantiate(d, inode);
	return 0;
}

static int ext2_create(struct inode *dir, struct dentry *d, unsigned mode, uint64_t rdev)
{
	struct inode *inode;

	if (rdonly(dir))
		return -EROFS;
	inode = ext2_new_inode(dir, mode, rdev);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	return add_nondir(dir, d, inode);
}

static int ext2_mkdir(struct inode *dir, struct dentry *d, unsigned mode)
{
	struct inode *inode;
	int err;

	if (rdonly(dir))
		return -EROFS;
	if (dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, LINUX_S_IFDIR | (mode & 07777), 0);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->nlink = 2;
	err = ext2_make_empty_dir(inode, dir);
	if (!err)
		err = ext2_add_entry(dir, d->name, d->namelen, (uint32_t)inode->ino, inode->mode);
	if (err) {
		inode->nlink = 0;
		inode_put(inode);
		return err;
	}
	dir->nlink++;
	d_instantiate(d, inode);
	return 0;
}

static int ext2_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	size_t len = strlen(target);
	struct ext2_inode *ei;
	struct inode *inode;
	struct ext2_buf *b;
	uint32_t pblk;
	int err;

	if (rdonly(dir))
		return -EROFS;
	if (len + 1 > es->block_size)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, LINUX_S_IFLNK | 0777, 0);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	ei = EXT2_I(inode);
	inode->link = strdup(target);
	if (!inode->link) {
		err = -ENOMEM;
		goto out_drop;
	}
	if (len + 1 <= sizeof(ei->i_block)) {
		memcpy(ei->i_block, target, len);
		ei->fast_link = true;
	} else {
		err = ext2_bmap(inode, 0, true, &pblk);
		if (err)
			goto out_drop;
		b = ext2_bzero(es, pblk);
		if (IS_ERR(b)) {
			err = (int)PTR_ERR(b);
			goto out_drop;
		}
		memcpy(b->data, target, len);
		ext2_brelse(es, b);
	}
	inode->size = len;
	return add_nondir(dir, d, inode);

out_drop:
	inode->nlink = 0;
	inode_put(inode);
	return err;
}

static int ext2_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->inode;
	int err;

	if (rdonly(dir))
		return -EROFS;
	if (inode->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_add_entry(dir, d->name, d->namelen, (uint32_t)inode->ino, inode->mode);
	if (err)
		return err;
	inode->nlink++;
	inode_touch_ctime(inode);
	d_instantiate(d, inode_get(inode));
	return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;
	int err;

	if (rdonly(dir))
		return -EROFS;
	err = ext2_delete_entry(dir, d->name, d->namelen);
	if (err)
		return err;
	inode->ctime = dir->ctime;
	if (inode->nlink)
		inode->nlink--;
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;
	int err;

	if (rdonly(dir))
		return -EROFS;
	err = ext2_dir_empty(inode);
	if (err <= 0)
		return err ? err : -ENOTEMPTY;
	err = ext2_unlink(dir, d);
	if (err)
		return err;
	inode->size = 0;
	inode->nlink = 0;
	if (dir->nlink > 2)
		dir->nlink--;
	return 0;
}

static int ext2_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
		       struct dentry *nd)
{
	struct inode *inode = od->inode, *target = nd->inode;
	bool isdir = LINUX_S_ISDIR(inode->mode);
	int err;

	if (rdonly(odir))
		return -EROFS;
	if (target) {
		if (isdir) {
			err = ext2_dir_empty(target);
			if (err <= 0)
				return err ? err : -ENOTEMPTY;
		}
		err = ext2_set_entry(ndir, nd->name, nd->namelen, (uint32_t)inode->ino,
				     inode->mode);
		if (err)
			return err;
		target->ctime = ndir->ctime;
		if (isdir) {
			target->nlink = 0;	/* its "." and its name */
			target->size = 0;
		} else if (target->nlink) {
			target->nlink--;
		}
	} else {
		if (isdir && odir != ndir && ndir->nlink >= EXT2_LINK_MAX)
			return -EMLINK;
		err = ext2_add_entry(ndir, nd->name, nd->namelen, (uint32_t)inode->ino,
				     inode->mode);
		if (err)
			return err;
		if (isdir)
			ndir->nlink++;
	}
	inode_touch_ctime(inode);
	err = ext2_delete_entry(odir, od->name, od->namelen);
	if (err)
		return err;
	if (isdir) {
		if (odir != ndir)
			ext2_set_entry(inode, "..", 2, (uint32_t)ndir->ino, LINUX_S_IFDIR);
		if (odir->nlink > 2)
			odir->nlink--;
	}
	return 0;
}

/* A slow symlink's target, read from its block on first use. */
static const char *ext2_get_link(struct inode *inode)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	struct ext2_buf *b;
	uint32_t pblk;
	int err;

	if (inode->link)
		return inode->link;
	if (inode->size >= es->block_size) {
		ext2_error(es, __func__, "symlink too long in inode", inode->ino);
		return ERR_PTR(-EIO);
	}
	err = ext2_bmap(inode, 0, false, &pblk);
	if (!err && !pblk)
		err = -EIO;
	if (err)
		return ERR_PTR(err);
	b = ext2_bread(es, pblk);
	if (IS_ERR(b))
		return (const char *)b;
	inode->link = strndup(b->data, (size_t)inode->size);
	ext2_brelse(es, b);
	return inode->link ? inode->link : ERR_PTR(-ENOMEM);
}

const struct inode_ops ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
};

const struct inode_ops ext2_symlink_iops = {
	.get_link = ext2_get_link,
};
