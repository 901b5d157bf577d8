/*
 * ext2, private to fs/ext2/: the mounted volume, the in-core inode, the
 * block buffer cache and the functions the files of the driver share.
 *
 * Layout of the driver:
 *   super.c   mount (checks), statfs, sync, put_super, registration
 *   buffer.c  metadata blocks with dirty bits (bitmaps, inode tables,
 *             directories, indirect blocks)
 *   balloc.c  block and inode bitmaps: allocation and freeing
 *   inode.c   the inode cache by number, reading and writing inodes,
 *             eviction
 *   bmap.c    logical to physical blocks (indirect trees), truncation
 *   file.c    regular files through the page cache, readpage/writepage
 *   dir.c     directory blocks: iteration, find, add, remove, getdents
 *   namei.c   the inode_ops of directories and symlinks
 * Everything runs under the big kernel lock.
 */
#ifndef UMK_FS_EXT2_H
#define UMK_FS_EXT2_H

#include <umk/blkdev.h>
#include <umk/list.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_ext2.h>

#define EXT2_IHASH 256
#define EXT2_BHASH 512

/* One metadata block in memory. */
struct ext2_buf {
	uint32_t block;
	int refcount;
	bool dirty;
	bool dir_checked;	/* checked as a directory block since it was read */
	char *data;
	struct list_head hash;	/* on es->bhash[block % EXT2_BHASH] */
	struct list_head lru;	/* on es->lru, least recently used first */
};

/* A mounted ext2 volume (super_block.priv). */
struct ext2_sb {
	struct super_block *sb;
	struct blkdev *bd;
	struct linux_ext2_super s;	/* the primary super block, as in memory */
	struct linux_ext2_group_desc *gd;	/* every group's descriptor */
	unsigned block_size, block_log, addr_per_block;
	uint32_t groups, gdt_blocks;
	uint32_t inode_size, first_ino;
	uint64_t max_bytes;	/* largest file size */
	bool super_dirty;	/* s or gd changed since the last write */
	uint16_t mount_state;	/* s_state when mounted: written back at unmount */
	uint32_t next_generation;
	uint64_t icache_limit;	/* in-core inodes before unused names are dropped */
	bool has_filetype;
	/* buffer cache */
	struct list_head bhash[EXT2_BHASH];
	struct list_head lru;
	unsigned nr_bufs;
	/* in-core inodes by number */
	struct list_head ihash[EXT2_IHASH];
};

/* The ext2 side of an in-core inode (inode.priv). */
struct ext2_inode {
	struct inode *vfs;
	struct list_head hash;
	uint32_t i_block[LINUX_EXT2_N_BLOCKS];
	uint32_t flags, dtime, file_acl, generation;
	uint32_t group;		/* block group of the inode */
	uint32_t alloc_goal;	/* next block to try for this file */
	uint32_t dir_full;	/* a directory's blocks [0, dir_full) have no room for an entry */
	struct ext2_name_filter *names;	/* a big directory's names, counted by hash (dir.c) */
	bool fast_link;		/* a symlink whose target is in i_block */
	bool fresh;		/* never written: the whole on-disk inode is rewritten */
};

#define EXT2_LINK_MAX 32000
#define EXT2_ICACHE_MIN 2048

static inline struct ext2_sb *EXT2_SB(struct super_block *sb) { return sb->priv; }
static inline struct ext2_inode *EXT2_I(struct inode *inode) { return inode->priv; }

/* dir.c: drop a directory's name filter (the inode goes). */
void ext2_dir_forget(struct ext2_inode *ei);

/* super.c */
int ext2_write_super(struct ext2_sb *es);
void ext2_error(struct ext2_sb *es, const char *fn, const char *msg, uint64_t arg);
bool ext2_rdonly(const struct ext2_sb *es);

/* buffer.c */
/* The block read in (with a reference), or ERR_PTR(-EIO) for a bad number or error. */
struct ext2_buf *ext2_bread(struct ext2_sb *es, uint32_t block);
/* The block without reading it, zero-filled (a new block), with a reference. */
struct ext2_buf *ext2_bzero(struct ext2_sb *es, uint32_t block);
void ext2_brelse(struct ext2_sb *es, struct ext2_buf *b);
void ext2_bdirty(struct ext2_buf *b);
/* A freed block: drop it from the cache, dirty or not. */
void ext2_bforget(struct ext2_sb *es, uint32_t block);
/* Write every dirty buffer. 0 or the first error. */
int ext2_bsync(struct ext2_sb *es);
void ext2_bfree_all(struct ext2_sb *es);
/* Raw block I/O for data pages: count blocks from block. */
int ext2_read_blocks(struct ext2_sb *es, uint32_t block, uint32_t count, void *buf);
int ext2_write_blocks(struct ext2_sb *es, uint32_t block, uint32_t count, const void *buf);
/* The same between the blocks and n segments of memory (direct I/O). */
int ext2_rw_blocksv(struct ext2_sb *es, bool write, uint32_t block, uint32_t count,
		    const struct kvec *v, unsigned n);

/* balloc.c */
/* A free block near goal, marked used, or 0 with *err = -ENOSPC / -EIO. */
uint32_t ext2_new_block(struct ext2_sb *es, uint32_t goal, int *err);
/*
 * The same, but when goal is taken, the first free block b after it with
 * b % align == phase (in the next few groups) before any other.
 */
uint32_t ext2_new_block_aligned(struct ext2_sb *es, uint32_t goal, uint32_t align, uint32_t phase,
				int *err);
void ext2_free_block(struct ext2_sb *es, uint32_t block);
/* A free inode number for a new inode of mode in dir's group, or 0 and *err. */
uint32_t ext2_new_ino(struct ext2_sb *es, uint32_t dir_group, bool isdir, int *err);
void ext2_free_ino(struct ext2_sb *es, uint32_t ino, bool isdir);
uint64_t ext2_count_free_blocks(struct ext2_sb *es);
uint64_t ext2_count_free_inodes(struct ext2_sb *es);

/* inode.c */
/* The in-core inode ino with a new reference, read from disk if needed, or ERR_PTR. */
struct inode *ext2_iget(struct ext2_sb *es, uint32_t ino);
/* A new inode of mode in dir (owner, times, bitmaps), with a reference, or ERR_PTR. */
struct inode *ext2_new_inode(struct inode *dir, unsigned mode, uint64_t rdev);
/* Copy the in-core inode into its inode-table block (dirtied only if it changed). */
int ext2_write_inode(struct inode *inode);
void ext2_evict_inode(struct inode *inode);
/* Write back every in-core inode and its dirty pages. 0 or the first error. */
int ext2_sync_inodes(struct ext2_sb *es);
/* Drop every in-core inode (put_super; no references may remain). */
void ext2_forget_inodes(struct ext2_sb *es);
void ext2_set_ops(struct inode *inode);
uint8_t ext2_ftype(unsigned mode);

/* bmap.c */
/* Physical block of logical block lblk (0: a hole); create allocates. 0 or -errno. */
int ext2_bmap(struct inode *inode, uint64_t lblk, bool create, uint32_t *pblk);
/*
 * The same for the n blocks from first into map, reading each indirect
 * block once for the pointers it holds. 0, or the error of block *done
 * (the blocks before it are mapped).
 */
int ext2_bmap_run(struct inode *inode, uint64_t first, uint64_t n, bool create, uint32_t *map,
		  uint64_t *done);
/* Free every block at logical index >= from (and indirect blocks left empty). */
int ext2_truncate_blocks(struct inode *inode, uint64_t from);
void ext2_add_blocks(struct inode *inode, int64_t n);

/* file.c */
extern const struct file_ops ext2_file_fops;
extern const struct address_space_ops ext2_aops;
extern const struct inode_ops ext2_file_iops;
int ext2_fsync_inode(struct inode *inode);

/* dir.c */
extern const struct file_ops ext2_dir_fops;
/* The inode number of name in dir, 0 if none, or -errno. */
long ext2_find_entry(struct inode *dir, const char *name, size_t len);
int ext2_add_entry(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode);
int ext2_delete_entry(struct inode *dir, const char *name, size_t len);
/* Point an existing name at ino (rename over a target, '..'). */
int ext2_set_entry(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode);
/* 1 if dir holds only "." and "..", 0 if not, -errno. */
int ext2_dir_empty(struct inode *dir);
/* The first block of a new directory: "." and "..". */
int ext2_make_empty_dir(struct inode *inode, struct inode *parent);

/* namei.c */
extern const struct inode_ops ext2_dir_iops;
extern const struct inode_ops ext2_symlink_iops;

#endif
