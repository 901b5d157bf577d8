/*
 * ext2's buffer cache: metadata blocks (bitmaps, inode tables, directory
 * and indirect blocks) kept in memory with a dirty bit, found by block
 * number through a small hash, and written back at sync, umount and halt.
 *
 * The cache is bounded: past BUF_LIMIT buffers the least recently used
 * unreferenced ones go, a dirty one written first (ext2 has no journal, so
 * writing metadata early is always allowed). File data never passes here:
 * it lives in the page cache and goes straight to the disk, so a freed
 * block must be forgotten (ext2_bforget) before it can come back as data.
 * Block numbers are checked against the volume before any disk access, so
 * a corrupt pointer is -EIO, never a read outside the image.
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/printk.h>

#include "ext2.h"

#define BUF_LIMIT 1024

static bool block_valid(struct ext2_sb *es, uint32_t block, uint32_t count)
{
	return block >= es->s.s_first_data_block && count <= es->s.s_blocks_count &&
	       block <= es->s.s_blocks_count - count && block != 0;
}

int ext2_read_blocks(struct ext2_sb *es, uint32_t block, uint32_t count, void *buf)
{
	if (!block_valid(es, block, count))
		return -EIO;
	return es->bd->ops->read(es->bd, (uint64_t)block << es->block_log, buf,
				 (size_t)count << es->block_log);
}

int ext2_write_blocks(struct ext2_sb *es, uint32_t block, uint32_t count, const void *buf)
{
	if (!block_valid(es, block, count))
		return -EIO;
	return es->bd->ops->write(es->bd, (uint64_t)block << es->block_log, buf,
				  (size_t)count << es->block_log);
}

int ext2_rw_blocksv(struct ext2_sb *es, bool write, uint32_t block, uint32_t count,
		    const struct kvec *v, unsigned n)
{
	uint64_t off = (uint64_t)block << es->block_log;

	if (!block_valid(es, block, count))
		return -EIO;
	return write ? es->bd->ops->writev(es->bd, off, v, n) : es->bd->ops->readv(es->bd, off, v, n);
}

static struct ext2_buf *find_buf(struct ext2_sb *es, uint32_t block)
{
	struct ext2_buf *b;

	list_for_each_entry(b, &es->bhash[block % EXT2_BHASH], hash) {
		if (b->block == block)
			return b;
	}
	return NULL;
}

static void free_buf(struct ext2_sb *es, struct ext2_buf *b)
{
	list_del(&b->hash);
	list_del(&b->lru);
	free(b->data);
	free(b);
	es->nr_bufs--;
}

static int write_buf(struct ext2_sb *es, struct ext2_buf *b)
{
	int err;

	if (!b->dirty)
		return 0;
	err = ext2_write_blocks(es, b->block, 1, b->data);
	if (!err)
		b->dirty = false;
	return err;
}

/* Keep the cache under BUF_LIMIT by dropping old unused buffers. */
static void shrink(struct ext2_sb *es)
{
	struct ext2_buf *b, *tmp;

	list_for_each_entry_safe(b, tmp, &es->lru, lru) {
		if (es->nr_bufs < BUF_LIMIT)
			return;
		if (b->refcount)
			continue;
		if (write_buf(es, b))
			continue;	/* keep what could not be written */
		free_buf(es, b);
	}
}

/* The cached buffer for block, or a new one (not yet read). */
static struct ext2_buf *get_buf(struct ext2_sb *es, uint32_t block, bool *fresh)
{
	struct ext2_buf *b = find_buf(es, block);

	*fresh = false;
	if (b) {
		list_del(&b->lru);
		list_add_tail(&b->lru, &es->lru);
		b->refcount++;
		return b;
	}
	shrink(es);
	b = calloc(1, sizeof(*b));
	if (!b)
		return ERR_PTR(-ENOMEM);
	b->data = malloc(es->block_size);
	if (!b->data) {
		free(b);
		return ERR_PTR(-ENOMEM);
	}
	b->block = block;
	b->refcount = 1;
	list_add(&b->hash, &es->bhash[block % EXT2_BHASH]);
	list_add_tail(&b->lru, &es->lru);
	es->nr_bufs++;
	*fresh = true;
	return b;
}

struct ext2_buf *ext2_bread(struct ext2_sb *es, uint32_t block)
{
	struct ext2_buf *b;
	bool fresh;
	int err;

	if (!block_valid(es, block, 1))
		return ERR_PTR(-EIO);
	b = get_buf(es, block, &fresh);
	if (IS_ERR(b) || !fresh)
		return b;
	err = ext2_read_blocks(es, block, 1, b->data);
	if (err) {
		free_buf(es, b);
		return ERR_PTR(-EIO);
	}
	return b;
}

struct ext2_buf *ext2_bzero(struct ext2_sb *es, uint32_t block)
{
	struct ext2_buf *b;
	bool fresh;

	if (!block_valid(es, block, 1))
		return ERR_PTR(-EIO);
	b = get_buf(es, block, &fresh);
	if (IS_ERR(b))
		return b;
	memset(b->data, 0, es->block_size);
	b->dirty = true;
	b->dir_checked = false;
	return b;
}

void ext2_brelse(struct ext2_sb *es, struct ext2_buf *b)
{
	if (b && !IS_ERR(b)) {
		BUG_ON(b->refcount <= 0);
		b->refcount--;
	}
}

void ext2_bdirty(struct ext2_buf *b)
{
	b->dirty = true;
}

void ext2_bforget(struct ext2_sb *es, uint32_t block)
{
	struct ext2_buf *b = find_buf(es, block);

	if (!b)
		return;
	b->dirty = false;
	if (!b->refcount)
		free_buf(es, b);
}

static int cmp_buf(const void *a, const void *b)
{
	uint32_t x = (*(struct ext2_buf *const *)a)->block;
	uint32_t y = (*(struct ext2_buf *const *)b)->block;

	return x < y ? -1 : x > y;
}

int ext2_bsync(struct ext2_sb *es)
{
	struct ext2_buf *b, **v;
	unsigned n = 0;
	int err = 0;

	v = malloc(sizeof(*v) * (es->nr_bufs + 1));
	if (!v)
		return -ENOMEM;
	list_for_each_entry(b, &es->lru, lru) {
		if (b->dirty)
			v[n++] = b;
	}
	/* in block order, so the disk sees one sweep */
	qsort(v, n, sizeof(*v), cmp_buf);
	for (unsigned i = 0; i < n; i++) {
		int r = write_buf(es, v[i]);

		if (r && !err)
			err = r;
	}
	free(v);
	return err;
}

void ext2_bfree_all(struct ext2_sb *es)
{
	struct ext2_buf *b, *tmp;

	list_for_each_entry_safe(b, tmp, &es->lru, lru)
		free_buf(es, b);
}
