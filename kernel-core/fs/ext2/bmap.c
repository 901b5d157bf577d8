/*
 * ext2 block maps: where a file's logical block lives on the disk.
 *
 * i_block holds 12 direct pointers, then one single, one double and one
 * triple indirect block, each indirect block an array of block_size/4
 * pointers. A zero pointer is a hole (reads as zeros, takes no block).
 * Mapping with create fills holes (and the indirect blocks on the way,
 * zeroed, through the buffer cache), near the file's previous block.
 * Truncation frees every block past a point and the indirect blocks that
 * are left empty. i_blocks (inode->blocks) counts 512-byte units of both
 * data and indirect blocks. Big kernel lock.
 */
#include <string.h>

#include <umk/errno.h>

#include "ext2.h"

void ext2_add_blocks(struct inode *inode, int64_t n)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);

	inode->blocks += (uint64_t)(n * (int64_t)(es->block_size >> 9));
}

/* The pointer indices leading to lblk: depth 1 (direct) to 4 (triple), or -EFBIG. */
static int block_path(struct ext2_sb *es, uint64_t lblk, unsigned off[4])
{
	uint64_t apb = es->addr_per_block;

	if (lblk < LINUX_EXT2_NDIR_BLOCKS) {
		off[0] = (unsigned)lblk;
		return 1;
	}
	lblk -= LINUX_EXT2_NDIR_BLOCKS;
	if (lblk < apb) {
		off[0] = LINUX_EXT2_IND_BLOCK;
		off[1] = (unsigned)lblk;
		return 2;
	}
	lblk -= apb;
	if (lblk < apb * apb) {
		off[0] = LINUX_EXT2_DIND_BLOCK;
		off[1] = (unsigned)(lblk / apb);
		off[2] = (unsigned)(lblk % apb);
		return 3;
	}
	lblk -= apb * apb;
	if (lblk < apb * apb * apb) {
		off[0] = LINUX_EXT2_TIND_BLOCK;
		off[1] = (unsigned)(lblk / (apb * apb));
		off[2] = (unsigned)((lblk / apb) % apb);
		off[3] = (unsigned)(lblk % apb);
		return 4;
	}
	return -EFBIG;
}

static uint32_t goal_of(struct ext2_sb *es, struct ext2_inode *ei)
{
	if (ei->alloc_goal)
		return ei->alloc_goal;
	return es->s.s_first_data_block + ei->group * es->s.s_blocks_per_group;
}

/*
 * Placement of a large run (a direct write): the disk is a host file, and
 * the host copies a read from its page cache fastest when the request
 * covers whole large folios, which it builds for writes aligned in the
 * file. So the data of a large run is kept contiguous and at a disk offset
 * equal to its file offset modulo RUN_ALIGN: a data block whose goal is
 * taken goes to the next block in phase, and the indirect blocks go to the
 * first free block of the goal's group rather than between the data
 * blocks (where Linux's ext2 puts them). A 1 MiB read of such a file is
 * one aligned host request: 15-20% less host time than the same read at
 * an odd offset, measured on this host. Small files are placed as before.
 */
#define RUN_ALIGN (1u << 20)

static uint32_t new_block(struct inode *inode, uint64_t lblk, bool data, bool run, int *err)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	struct ext2_inode *ei = EXT2_I(inode);
	uint32_t goal = goal_of(es, ei), align = RUN_ALIGN >> es->block_log, blk;

	if (!run) {
		blk = ext2_new_block(es, goal, err);
	} else if (data) {
		blk = ext2_new_block_aligned(es, goal, align, (uint32_t)(lblk % align), err);
	} else {
		uint32_t g = (goal - es->s.s_first_data_block) / es->s.s_blocks_per_group;

		return ext2_new_block(es, es->s.s_first_data_block + g * es->s.s_blocks_per_group, err);
	}
	if (blk)
		ei->alloc_goal = blk + 1;
	return blk;
}

/* ext2_bmap; run: the block is part of a large run being written (see new_block). */
static int bmap(struct inode *inode, uint64_t lblk, bool create, bool run, uint32_t *pblk)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	struct ext2_inode *ei = EXT2_I(inode);
	struct ext2_buf *b = NULL;
	unsigned off[4];
	uint32_t *slot;
	int depth = block_path(es, lblk, off), err = 0;

	*pblk = 0;
	if (depth < 0)
		return create ? depth : 0;
	slot = &ei->i_block[off[0]];
	for (int i = 0; i < depth; i++) {
		uint32_t blk = *slot;
		struct ext2_buf *next;

		if (!blk) {
			if (!create)
				break;
			blk = new_block(inode, lblk, i == depth - 1, run, &err);
			if (!blk)
				break;
			ext2_add_blocks(inode, 1);
			if (i < depth - 1) {
				next = ext2_bzero(es, blk);
				if (IS_ERR(next)) {
					err = (int)PTR_ERR(next);
					break;
				}
				ext2_brelse(es, next);
			}
			*slot = blk;
			if (b)
				ext2_bdirty(b);
		}
		if (i == depth - 1) {
			*pblk = blk;
			break;
		}
		next = ext2_bread(es, blk);
		if (IS_ERR(next)) {
			err = (int)PTR_ERR(next);
			break;
		}
		ext2_brelse(es, b);
		b = next;
		slot = &((uint32_t *)b->data)[off[i + 1]];
	}
	ext2_brelse(es, b);
	return err;
}

int ext2_bmap(struct inode *inode, uint64_t lblk, bool create, uint32_t *pblk)
{
	return bmap(inode, lblk, create, false, pblk);
}

/*
 * The indirect block holding the data pointers on the path off (depth >=
 * 2), referenced; NULL with *err 0 if a hole above it leaves the whole
 * block's range unmapped.
 */
static struct ext2_buf *leaf_block(struct inode *inode, const unsigned off[4], int depth, int *err)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	uint32_t blk = EXT2_I(inode)->i_block[off[0]];
	struct ext2_buf *b = NULL;

	*err = 0;
	for (int i = 1; i < depth; i++) {
		struct ext2_buf *next;

		if (!blk) {
			ext2_brelse(es, b);
			return NULL;
		}
		next = ext2_bread(es, blk);
		ext2_brelse(es, b);
		if (IS_ERR(next)) {
			*err = (int)PTR_ERR(next);
			return NULL;
		}
		b = next;
		blk = ((uint32_t *)b->data)[off[i]];
	}
	return b;
}

int ext2_bmap_run(struct inode *inode, uint64_t first, uint64_t n, bool create, uint32_t *map,
		  uint64_t *done)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	uint64_t k = 0;
	int err = 0;

	while (k < n && !err) {
		unsigned off[4];
		int depth = block_path(es, first + k, off);
		struct ext2_buf *b;
		uint64_t run;

		if (depth < 2 || create) {
			err = bmap(inode, first + k, create, create, &map[k]);
			if (!err)
				k++;
			continue;
		}
		/* the rest of this indirect block's pointers, read once */
		run = MIN(n - k, (uint64_t)es->addr_per_block - off[depth - 1]);
		b = leaf_block(inode, off, depth, &err);
		if (err)
			break;
		if (b)
			memcpy(&map[k], &((uint32_t *)b->data)[off[depth - 1]], run * sizeof(*map));
		else
			memset(&map[k], 0, run * sizeof(*map));
		ext2_brelse(es, b);
		k += run;
	}
	*done = k;
	return err;
}

/*
 * Free what *slot points to at level (0: a data block, n: an indirect block
 * n levels above data) for the logical blocks from start on (relative to
 * the subtree). Clears *slot when the whole subtree went; true if it did.
 */
static bool free_tree(struct inode *inode, uint32_t *slot, int level, uint64_t start)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	uint64_t span = 1, first;
	struct ext2_buf *b;
	uint32_t *ptr;
	bool empty = true;

	if (!*slot)
		return true;
	if (level == 0) {
		ext2_free_block(es, *slot);
		ext2_add_blocks(inode, -1);
		*slot = 0;
		return true;
	}
	for (int i = 1; i < level; i++)
		span *= es->addr_per_block;
	b = ext2_bread(es, *slot);
	if (IS_ERR(b))
		return false;	/* an unreadable indirect block stays (e2fsck's job) */
	ptr = (uint32_t *)b->data;
	first = start / span;
	for (uint64_t i = 0; i < es->addr_per_block; i++) {
		if (i < first) {
			if (ptr[i])
				empty = false;
			continue;
		}
		if (!ptr[i])
			continue;
		if (free_tree(inode, &ptr[i], level - 1, i == first ? start % span : 0))
			ext2_bdirty(b);
		else
			empty = false;
	}
	ext2_brelse(es, b);
	if (!empty)
		return false;
	ext2_free_block(es, *slot);
	ext2_add_blocks(inode, -1);
	*slot = 0;
	return true;
}

int ext2_truncate_blocks(struct inode *inode, uint64_t from)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	struct ext2_inode *ei = EXT2_I(inode);
	uint64_t base = LINUX_EXT2_NDIR_BLOCKS, span = 1;

	for (uint64_t i = from; i < LINUX_EXT2_NDIR_BLOCKS; i++)
		free_tree(inode, &ei->i_block[i], 0, 0);
	for (int level = 1; level <= 3; level++) {
		span *= es->addr_per_block;
		if (from < base + span)
			free_tree(inode, &ei->i_block[LINUX_EXT2_NDIR_BLOCKS + level - 1], level,
				  from > base ? from - base : 0);
		base += span;
	}
	if (ei->alloc_goal && from == 0)
		ei->alloc_goal = 0;
	if (ei->dir_full > from)
		ei->dir_full = (uint32_t)from;
	return 0;
}
