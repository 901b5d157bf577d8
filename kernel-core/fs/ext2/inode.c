/*
 * ext2 inodes in memory: one struct inode per inode number, found through
 * a hash on the volume, so every hard link and every open file share it.
 *
 * An inode is read from its inode-table block on first use (ext2_iget) and
 * lives while a dentry or an open file holds it. The VFS changes its fields
 * directly (chmod, utimes, size, times), so instead of dirty bits the whole
 * in-core inode is copied into its table block at write-back and the block
 * is dirtied only when a byte changed. The last reference evicts it: its
 * pages and fields are written back, or, with no link left, its blocks
 * and its number are freed (dtime set, as Linux does). Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/sched.h>

#include "ext2.h"

static uint32_t now_secs(void)
{
	return (uint32_t)(ktime_real_ns() / NSEC_PER_SEC);
}

uint8_t ext2_ftype(unsigned mode)
{
	switch (mode & LINUX_S_IFMT) {
	case LINUX_S_IFREG: return LINUX_EXT2_FT_REG_FILE;
	case LINUX_S_IFDIR: return LINUX_EXT2_FT_DIR;
	case LINUX_S_IFCHR: return LINUX_EXT2_FT_CHRDEV;
	case LINUX_S_IFBLK: return LINUX_EXT2_FT_BLKDEV;
	case LINUX_S_IFIFO: return LINUX_EXT2_FT_FIFO;
	case LINUX_S_IFSOCK: return LINUX_EXT2_FT_SOCK;
	case LINUX_S_IFLNK: return LINUX_EXT2_FT_SYMLINK;
	default: return LINUX_EXT2_FT_UNKNOWN;
	}
}

void ext2_set_ops(struct inode *inode)
{
	switch (inode->mode & LINUX_S_IFMT) {
	case LINUX_S_IFREG:
		inode->iops = &ext2_file_iops;
		inode->fops = &ext2_file_fops;
		break;
	case LINUX_S_IFDIR:
		inode->iops = &ext2_dir_iops;
		inode->fops = &ext2_dir_fops;
		break;
	case LINUX_S_IFLNK:
		inode->iops = &ext2_symlink_iops;
		break;
	case LINUX_S_IFCHR:
		inode->fops = &chrdev_open_fops;
		break;
	default:	/* block devices, fifos, sockets, and bogus modes */
		inode->fops = &special_open_fops;
		break;
	}
}

/* Devices keep their number in i_block: old 8:8 in [0], or the new encoding in [1]. */
static uint64_t decode_dev(const uint32_t *blk)
{
	uint32_t d = blk[0] ? blk[0] : blk[1];

	if (blk[0])
		return LINUX_MKDEV((d >> 8) & 0xff, d & 0xff);
	return LINUX_MKDEV((d & 0xfff00) >> 8, (d & 0xff) | ((d >> 12) & 0xfff00));
}

static void encode_dev(uint64_t rdev, uint32_t *blk)
{
	unsigned major = LINUX_MAJOR(rdev), minor = LINUX_MINOR(rdev);

	if (major < 256 && minor < 256) {
		blk[0] = (major << 8) | minor;
		blk[1] = 0;
	} else {
		blk[0] = 0;
		blk[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
	}
	blk[2] = 0;
}

/* The inode-table block holding ino and the offset of ino in it. */
static struct ext2_buf *inode_block(struct ext2_sb *es, uint32_t ino, unsigned *off)
{
	uint32_t g = (ino - 1) / es->s.s_inodes_per_group;
	uint64_t byte = (uint64_t)((ino - 1) % es->s.s_inodes_per_group) * es->inode_size;

	*off = (unsigned)(byte & (es->block_size - 1));
	return ext2_bread(es, es->gd[g].bg_inode_table + (uint32_t)(byte >> es->block_log));
}

static void hash_add(struct ext2_sb *es, struct ext2_inode *ei)
{
	list_add(&ei->hash, &es->ihash[ei->vfs->ino % EXT2_IHASH]);
}

static struct inode *hash_find(struct ext2_sb *es, uint32_t ino)
{
	struct ext2_inode *ei;

	list_for_each_entry(ei, &es->ihash[ino % EXT2_IHASH], hash) {
		if (ei->vfs->ino == ino)
			return ei->vfs;
	}
	return NULL;
}

static struct linux_timespec ts(uint32_t secs)
{
	return (struct linux_timespec){ (int64_t)(int32_t)secs, 0 };
}

/* Fill a new in-core inode from its on-disk copy. */
static void fill_inode(struct ext2_sb *es, struct inode *inode, struct ext2_inode *ei,
		       const struct linux_ext2_inode *raw)
{
	inode->uid = raw->i_uid | ((uint32_t)raw->l_i_uid_high << 16);
	inode->gid = raw->i_gid | ((uint32_t)raw->l_i_gid_high << 16);
	inode->nlink = raw->i_links_count;
	inode->size = raw->i_size;
	if (LINUX_S_ISREG(inode->mode))
		inode->size |= (uint64_t)raw->i_size_high << 32;
	inode->atime = ts(raw->i_atime);
	inode->mtime = ts(raw->i_mtime);
	inode->ctime = ts(raw->i_ctime);
	inode->blocks = raw->i_blocks;
	memcpy(ei->i_block, raw->i_block, sizeof(ei->i_block));
	ei->flags = raw->i_flags;
	ei->dtime = raw->i_dtime;
	ei->file_acl = raw->i_file_acl;
	ei->generation = raw->i_generation;
	if (LINUX_S_ISCHR(inode->mode) || LINUX_S_ISBLK(inode->mode))
		inode->rdev = decode_dev(raw->i_block);
	if (LINUX_S_ISLNK(inode->mode)) {
		uint64_t ea = ei->file_acl ? es->block_size >> 9 : 0;

		/* a fast symlink: the target is in i_block (at most 59 bytes) */
		ei->fast_link = inode->blocks == ea;
		if (ei->fast_link) {
			size_t len = (size_t)MIN(inode->size, sizeof(ei->i_block) - 1);

			inode->link = strndup((const char *)ei->i_block, len);
		}
	}
}

/*
 * Memory pressure, simply: past a bound of in-core inodes, drop the cached
 * names nobody uses (d_prune), which evicts their inodes after writing them
 * and their pages back; they are read again on the next lookup. The bound
 * doubles over what stays (inodes in use), so pruning stays occasional.
 */
static void shrink_icache(struct ext2_sb *es)
{
	struct super_block *sb = es->sb;

	if (sb->nr_inodes < es->icache_limit || !sb->root)
		return;
	d_prune(sb->root);
	es->icache_limit = MAX((uint64_t)EXT2_ICACHE_MIN, 2 * sb->nr_inodes);
}

struct inode *ext2_iget(struct ext2_sb *es, uint32_t ino)
{
	const struct linux_ext2_inode *raw;
	struct ext2_inode *ei;
	struct inode *inode;
	struct ext2_buf *b;
	unsigned off;

	if ((ino != LINUX_EXT2_ROOT_INO && ino < es->first_ino) || ino > es->s.s_inodes_count ||
	    ino == 0) {
		ext2_error(es, __func__, "bad inode number:", ino);
		return ERR_PTR(-EINVAL);
	}
	inode = hash_find(es, ino);
	if (inode)
		return inode_get(inode);
	shrink_icache(es);
	b = inode_block(es, ino, &off);
	if (IS_ERR(b))
		return (struct inode *)b;
	raw = (const struct linux_ext2_inode *)(b->data + off);
	if (raw->i_links_count == 0 && (raw->i_mode == 0 || raw->i_dtime)) {
		ext2_brelse(es, b);
		return ERR_PTR(-ESTALE);	/* a deleted inode */
	}
	ei = calloc(1, sizeof(*ei));
	inode = ei ? inode_alloc(es->sb, raw->i_mode) : NULL;
	if (!inode) {
		free(ei);
		ext2_brelse(es, b);
		return ERR_PTR(-ENOMEM);
	}
	inode->ino = ino;
	inode->priv = ei;
	ei->vfs = inode;
	ei->group = (ino - 1) / es->s.s_inodes_per_group;
	fill_inode(es, inode, ei, raw);
	ext2_brelse(es, b);
	if (ei->fast_link && !inode->link) {
		inode_put(inode);
		return ERR_PTR(-ENOMEM);
	}
	ext2_set_ops(inode);
	hash_add(es, ei);
	return inode;
}

struct inode *ext2_new_inode(struct inode *dir, unsigned mode, uint64_t rdev)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	bool isdir = LINUX_S_ISDIR(mode);
	struct ext2_inode *ei;
	struct inode *inode;
	uint32_t ino;
	int err;

	shrink_icache(es);
	ei = calloc(1, sizeof(*ei));
	if (!ei)
		return ERR_PTR(-ENOMEM);
	ino = ext2_new_ino(es, EXT2_I(dir)->group, isdir, &err);
	if (!ino) {
		free(ei);
		return ERR_PTR(err);
	}
	inode = inode_alloc(dir->sb, mode);
	if (!inode) {
		ext2_free_ino(es, ino, isdir);
		free(ei);
		return ERR_PTR(-ENOMEM);
	}
	inode->ino = ino;
	inode->priv = ei;
	inode->rdev = rdev;
	inode->atime = inode->mtime = inode->ctime = ts(now_secs());
	inode->btime = (struct linux_timespec){ 0, 0 };
	inode_init_owner(inode, dir);
	ei->vfs = inode;
	ei->group = (ino - 1) / es->s.s_inodes_per_group;
	ei->generation = ++es->next_generation;
	ei->fresh = true;
	if (LINUX_S_ISCHR(mode) || LINUX_S_ISBLK(mode))
		encode_dev(rdev, ei->i_block);
	ext2_set_ops(inode);
	hash_add(es, ei);
	err = ext2_write_inode(inode);
	if (err) {
		inode->nlink = 0;
		inode_put(inode);
		return ERR_PTR(err);
	}
	return inode;
}

int ext2_write_inode(struct inode *inode)
{
	struct ext2_inode *ei = EXT2_I(inode);
	struct ext2_sb *es;
	struct linux_ext2_inode raw;
	struct ext2_buf *b;
	unsigned off;

	if (!ei)
		return 0;
	es = EXT2_SB(inode->sb);
	if (ext2_rdonly(es))
		return 0;
	b = inode_block(es, (uint32_t)inode->ino, &off);
	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	if (ei->fresh) {
		/* a new inode owns all its bytes, the large-inode tail included */
		memset(b->data + off, 0, es->inode_size);
		ext2_bdirty(b);
		ei->fresh = false;
	}
	memcpy(&raw, b->data + off, sizeof(raw));
	raw.i_mode = (uint16_t)inode->mode;
	raw.i_uid = (uint16_t)inode->uid;
	raw.l_i_uid_high = (uint16_t)(inode->uid >> 16);
	raw.i_gid = (uint16_t)inode->gid;
	raw.l_i_gid_high = (uint16_t)(inode->gid >> 16);
	raw.i_links_count = (uint16_t)inode->nlink;
	raw.i_size = (uint32_t)inode->size;
	raw.i_size_high = LINUX_S_ISREG(inode->mode) ? (uint32_t)(inode->size >> 32) : 0;
	raw.i_atime = (uint32_t)inode->atime.tv_sec;
	raw.i_ctime = (uint32_t)inode->ctime.tv_sec;
	raw.i_mtime = (uint32_t)inode->mtime.tv_sec;
	raw.i_dtime = ei->dtime;
	raw.i_blocks = (uint32_t)inode->blocks;
	raw.i_flags = ei->flags;
	raw.i_file_acl = ei->file_acl;
	raw.i_generation = ei->generation;
	memcpy(raw.i_block, ei->i_block, sizeof(raw.i_block));
	if (memcmp(&raw, b->data + off, sizeof(raw))) {
		memcpy(b->data + off, &raw, sizeof(raw));
		ext2_bdirty(b);
	}
	ext2_brelse(es, b);
	if (LINUX_S_ISREG(inode->mode) && inode->size > 0x7fffffffULL &&
	    !(es->s.s_feature_ro_compat & LINUX_EXT2_FEATURE_RO_COMPAT_LARGE_FILE) &&
	    es->s.s_rev_level == LINUX_EXT2_DYNAMIC_REV) {
		es->s.s_feature_ro_compat |= LINUX_EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		es->super_dirty = true;
	}
	return 0;
}

static void unhash(struct ext2_inode *ei)
{
	list_del(&ei->hash);
	ei->vfs->priv = NULL;
	ext2_dir_forget(ei);
	free(ei);
}

/*
 * A deleted inode lets go of its extended-attribute block: one reference
 * fewer in the block's header (at offset 4 after the 0xEA020000 magic),
 * freed at the last.
 */
static void drop_xattr_block(struct ext2_sb *es, struct inode *inode)
{
	struct ext2_inode *ei = EXT2_I(inode);
	struct ext2_buf *b;
	uint32_t *hdr;

	if (!ei->file_acl)
		return;
	b = ext2_bread(es, ei->file_acl);
	if (!IS_ERR(b)) {
		hdr = (uint32_t *)b->data;
		if (hdr[0] == 0xEA020000 && hdr[1] > 1) {
			hdr[1]--;
			ext2_bdirty(b);
			ext2_brelse(es, b);
		} else {
			ext2_brelse(es, b);
			ext2_free_block(es, ei->file_acl);
		}
		ext2_add_blocks(inode, -1);
	}
	ei->file_acl = 0;
}

void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode *ei = EXT2_I(inode);
	struct ext2_sb *es;

	if (!ei)
		return;
	es = EXT2_SB(inode->sb);
	if (!ext2_rdonly(es)) {
		if (inode->nlink == 0) {
			bool isdir = LINUX_S_ISDIR(inode->mode);

			page_cache_truncate(&inode->pages, 0);
			if (!LINUX_S_ISCHR(inode->mode) && !LINUX_S_ISBLK(inode->mode) &&
			    !ei->fast_link)
				ext2_truncate_blocks(inode, 0);
			drop_xattr_block(es, inode);
			inode->size = 0;
			ei->dtime = now_secs();
			ext2_write_inode(inode);
			ext2_free_ino(es, (uint32_t)inode->ino, isdir);
		} else {
			page_cache_writeback(inode);
			ext2_write_inode(inode);
		}
	}
	unhash(ei);
}

int ext2_sync_inodes(struct ext2_sb *es)
{
	int err = 0;

	if (ext2_rdonly(es))
		return 0;
	for (unsigned i = 0; i < EXT2_IHASH; i++) {
		struct ext2_inode *ei;

		list_for_each_entry(ei, &es->ihash[i], hash) {
			int r = page_cache_writeback(ei->vfs);

			if (!r)
				r = ext2_write_inode(ei->vfs);
			if (r && !err)
				err = r;
		}
	}
	return err;
}

void ext2_forget_inodes(struct ext2_sb *es)
{
	for (unsigned i = 0; i < EXT2_IHASH; i++) {
		struct ext2_inode *ei, *tmp;

		list_for_each_entry_safe(ei, tmp, &es->ihash[i], hash)
			unhash(ei);
	}
}
