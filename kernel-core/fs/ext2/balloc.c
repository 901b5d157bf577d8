/*
 * ext2 block and inode allocation: the per-group bitmaps and the free
 * counts in the group descriptors.
 *
 * A new block is looked for from a goal (the block after the file's last
 * one, or its inode's group) forward through the groups; a new inode in
 * its parent's group first. A block written as part of a large run is
 * placed, when its goal is taken, at a disk block that agrees with its
 * file block modulo an alignment (ext2_new_block_aligned; see bmap.c for
 * why). The super block's free counts are the sums of
 * the descriptors', recomputed when it is written (as Linux's ext2 does).
 * The blocks reserved for root (s_r_blocks_count) are refused to others.
 * A bitmap that contradicts what is freed (a bit already clear) is an
 * ext2 error, reported and survived. Big kernel lock.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/task.h>

#include "ext2.h"

static bool test_bit(const char *map, uint32_t i)
{
	return map[i >> 3] & (1 << (i & 7));
}

static void set_bit(char *map, uint32_t i)
{
	map[i >> 3] |= (char)(1 << (i & 7));
}

static void clear_bit(char *map, uint32_t i)
{
	map[i >> 3] &= (char)~(1 << (i & 7));
}

/* First clear bit in [from, n), or n. */
static uint32_t find_zero(const char *map, uint32_t from, uint32_t n)
{
	for (uint32_t i = from; i < n; i++) {
		if ((i & 7) == 0 && (unsigned char)map[i >> 3] == 0xff && i + 8 <= n) {
			i += 7;
			continue;
		}
		if (!test_bit(map, i))
			return i;
	}
	return n;
}

static uint32_t group_first_block(struct ext2_sb *es, uint32_t g)
{
	return es->s.s_first_data_block + g * es->s.s_blocks_per_group;
}

static uint32_t blocks_in_group(struct ext2_sb *es, uint32_t g)
{
	uint32_t first = group_first_block(es, g);

	return MIN(es->s.s_blocks_per_group, es->s.s_blocks_count - first);
}

/* Is block one of group g's own metadata blocks (bitmaps, inode table)? */
static bool system_block(struct ext2_sb *es, uint32_t g, uint32_t block)
{
	const struct linux_ext2_group_desc *gd = &es->gd[g];
	uint32_t itable_blocks = (es->s.s_inodes_per_group * es->inode_size +
				  es->block_size - 1) >> es->block_log;

	return block == gd->bg_block_bitmap || block == gd->bg_inode_bitmap ||
	       (block >= gd->bg_inode_table && block - gd->bg_inode_table < itable_blocks);
}

static bool may_use_reserved(struct ext2_sb *es)
{
	uint32_t uid = current ? current->cred.fsuid : 0;

	return uid == es->s.s_def_resuid || !current || capable(CAP_SYS_RESOURCE);
}

/* Is there a block left for the caller (root's reserve refused to others)? */
static bool may_allocate(struct ext2_sb *es)
{
	uint64_t free = ext2_count_free_blocks(es);

	return free && (free > es->s.s_r_blocks_count || may_use_reserved(es));
}

/* Take the clear bit of group g's bitmap b and release b; returns its block, *err 0. */
static uint32_t claim(struct ext2_sb *es, uint32_t g, struct ext2_buf *b, uint32_t bit, int *err)
{
	set_bit(b->data, bit);
	ext2_bdirty(b);
	ext2_brelse(es, b);
	es->gd[g].bg_free_blocks_count--;
	es->super_dirty = true;
	*err = 0;
	return group_first_block(es, g) + bit;
}

/*
 * Where an allocation starts: goal, clamped into the volume; false with
 * *err = -ENOSPC when the caller may have no block at all.
 */
static bool alloc_start(struct ext2_sb *es, uint32_t *goal, int *err)
{
	if (!may_allocate(es)) {
		*err = -ENOSPC;
		return false;
	}
	if (*goal < es->s.s_first_data_block || *goal >= es->s.s_blocks_count)
		*goal = es->s.s_first_data_block;
	return true;
}

/* Group g's block bitmap, referenced; NULL with *err on a read error. */
static struct ext2_buf *block_bitmap(struct ext2_sb *es, uint32_t g, int *err)
{
	struct ext2_buf *b = ext2_bread(es, es->gd[g].bg_block_bitmap);

	if (!IS_ERR(b))
		return b;
	*err = (int)PTR_ERR(b);
	return NULL;
}

uint32_t ext2_new_block(struct ext2_sb *es, uint32_t goal, int *err)
{
	uint32_t g0, start;

	if (!alloc_start(es, &goal, err))
		return 0;
	g0 = (goal - es->s.s_first_data_block) / es->s.s_blocks_per_group;
	start = (goal - es->s.s_first_data_block) % es->s.s_blocks_per_group;
	for (uint32_t k = 0; k < es->groups; k++) {
		uint32_t g = (g0 + k) % es->groups;
		uint32_t n = blocks_in_group(es, g), bit;
		struct ext2_buf *b;

		if (!es->gd[g].bg_free_blocks_count)
			continue;
		b = block_bitmap(es, g, err);
		if (!b)
			return 0;
		bit = find_zero(b->data, k == 0 ? start : 0, n);
		if (bit == n && k == 0)
			bit = find_zero(b->data, 0, n);
		while (bit < n && system_block(es, g, group_first_block(es, g) + bit)) {
			ext2_error(es, __func__, "free bit on a system block", bit);
			set_bit(b->data, bit);
			ext2_bdirty(b);
			bit = find_zero(b->data, bit + 1, n);
		}
		if (bit < n)
			return claim(es, g, b, bit, err);
		ext2_brelse(es, b);
		/* the descriptor said there was room: trust the bitmap */
		ext2_error(es, __func__, "free blocks count wrong for group", g);
		es->gd[g].bg_free_blocks_count = 0;
		es->super_dirty = true;
	}
	*err = -ENOSPC;
	return 0;
}

/* Groups an aligned search looks through, from the goal's, before giving up on alignment. */
#define ALIGN_GROUPS 4

uint32_t ext2_new_block_aligned(struct ext2_sb *es, uint32_t goal, uint32_t align, uint32_t phase,
				int *err)
{
	uint32_t g0;

	if (!alloc_start(es, &goal, err))
		return 0;
	g0 = (goal - es->s.s_first_data_block) / es->s.s_blocks_per_group;
	for (uint32_t k = 0; k < MIN(es->groups, ALIGN_GROUPS); k++) {
		uint32_t g = (g0 + k) % es->groups, first = group_first_block(es, g);
		uint32_t n = blocks_in_group(es, g), from = k == 0 ? goal - first : 0, bit;
		struct ext2_buf *b;

		if (!es->gd[g].bg_free_blocks_count)
			continue;
		b = block_bitmap(es, g, err);
		if (!b)
			return 0;
		/* the goal itself keeps a run going; else the first block in phase */
		if (k == 0 && !test_bit(b->data, from) && !system_block(es, g, goal)) {
			bit = from;
		} else {
			bit = from + (phase + align - (first + from) % align) % align;
			while (bit < n && (test_bit(b->data, bit) || system_block(es, g, first + bit)))
				bit += align;
		}
		if (bit < n)
			return claim(es, g, b, bit, err);
		ext2_brelse(es, b);
	}
	return ext2_new_block(es, goal, err);
}

void ext2_free_block(struct ext2_sb *es, uint32_t block)
{
	uint32_t g, bit;
	struct ext2_buf *b;

	if (block < es->s.s_first_data_block || block >= es->s.s_blocks_count) {
		ext2_error(es, __func__, "freeing block not in data zone", block);
		return;
	}
	ext2_bforget(es, block);
	g = (block - es->s.s_first_data_block) / es->s.s_blocks_per_group;
	bit = (block - es->s.s_first_data_block) % es->s.s_blocks_per_group;
	if (system_block(es, g, block)) {
		ext2_error(es, __func__, "freeing a system block", block);
		return;
	}
	b = ext2_bread(es, es->gd[g].bg_block_bitmap);
	if (IS_ERR(b))
		return;
	if (!test_bit(b->data, bit)) {
		ext2_error(es, __func__, "bit already cleared for block", block);
	} else {
		clear_bit(b->data, bit);
		ext2_bdirty(b);
		es->gd[g].bg_free_blocks_count++;
		es->super_dirty = true;
	}
	ext2_brelse(es, b);
}

uint32_t ext2_new_ino(struct ext2_sb *es, uint32_t dir_group, bool isdir, int *err)
{
	uint32_t ipg = es->s.s_inodes_per_group;

	if (dir_group >= es->groups)
		dir_group = 0;
	for (uint32_t k = 0; k < es->groups; k++) {
		uint32_t g = (dir_group + k) % es->groups, bit;
		struct ext2_buf *b;

		if (!es->gd[g].bg_free_inodes_count)
			continue;
		b = ext2_bread(es, es->gd[g].bg_inode_bitmap);
		if (IS_ERR(b)) {
			*err = (int)PTR_ERR(b);
			return 0;
		}
		bit = find_zero(b->data, 0, ipg);
		while (bit < ipg && (uint64_t)g * ipg + bit + 1 < es->first_ino)
			bit = find_zero(b->data, bit + 1, ipg);
		if (bit < ipg && (uint64_t)g * ipg + bit + 1 <= es->s.s_inodes_count) {
			set_bit(b->data, bit);
			ext2_bdirty(b);
			ext2_brelse(es, b);
			es->gd[g].bg_free_inodes_count--;
			if (isdir)
				es->gd[g].bg_used_dirs_count++;
			es->super_dirty = true;
			*err = 0;
			return g * ipg + bit + 1;
		}
		ext2_brelse(es, b);
		ext2_error(es, __func__, "free inodes count wrong for group", g);
		es->gd[g].bg_free_inodes_count = 0;
		es->super_dirty = true;
	}
	*err = -ENOSPC;
	return 0;
}

void ext2_free_ino(struct ext2_sb *es, uint32_t ino, bool isdir)
{
	uint32_t g = (ino - 1) / es->s.s_inodes_per_group;
	uint32_t bit = (ino - 1) % es->s.s_inodes_per_group;
	struct ext2_buf *b;

	if (ino < es->first_ino || ino > es->s.s_inodes_count) {
		ext2_error(es, __func__, "freeing reserved or nonexistent inode", ino);
		return;
	}
	b = ext2_bread(es, es->gd[g].bg_inode_bitmap);
	if (IS_ERR(b))
		return;
	if (!test_bit(b->data, bit)) {
		ext2_error(es, __func__, "bit already cleared for inode", ino);
	} else {
		clear_bit(b->data, bit);
		ext2_bdirty(b);
		es->gd[g].bg_free_inodes_count++;
		if (isdir && es->gd[g].bg_used_dirs_count)
			es->gd[g].bg_used_dirs_count--;
		es->super_dirty = true;
	}
	ext2_brelse(es, b);
}

uint64_t ext2_count_free_blocks(struct ext2_sb *es)
{
	uint64_t n = 0;

	for (uint32_t g = 0; g < es->groups; g++)
		n += es->gd[g].bg_free_blocks_count;
	return n;
}

uint64_t ext2_count_free_inodes(struct ext2_sb *es)
{
	uint64_t n = 0;

	for (uint32_t g = 0; g < es->groups; g++)
		n += es->gd[g].bg_free_inodes_count;
	return n;
}
