/*
 * ext2 regular files: their data lives in the page cache, shared by
 * read/write and mmap, and comes from and goes to the disk here.
 *
 * write(2) allocates the blocks it covers before copying (so a full disk
 * is ENOSPC at the write, with a short count for what fit, never data lost
 * at write-back), after bringing the page in so the page stays the only
 * truth for those bytes. Blocks never written stay holes. A page written
 * back through a shared mapping may still cover holes: writepage fills
 * those the mapping made non-zero. Reads fetch runs of physically
 * contiguous blocks in one disk request (readpage and readahead). Large
 * reads and writes of uncached pages bypass the cache (ext2_direct).
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/task.h>

#include "ext2.h"

/* Blocks of a page, and its first logical block. */
static unsigned blocks_per_page(struct ext2_sb *es)
{
	return PAGE_SIZE >> es->block_log;
}

/* Logical blocks of the file (covering its size). */
static uint64_t size_blocks(struct ext2_sb *es, uint64_t size)
{
	return (size + es->block_size - 1) >> es->block_log;
}

/* Where logical block k of a run lands: in frame k / bpp. */
static char *block_dest(const pfn_t *pfns, uint64_t k, unsigned bpp, unsigned bs)
{
	return (char *)frame_ptr(pfns[k / bpp]) + (k % bpp) * bs;
}

/*
 * Read n logical blocks from first into the frames (block k of the run at
 * frame k / bpp): one disk request per run that is contiguous both on the
 * disk and in memory, straight into the frames. Freshly allocated frames
 * are mostly consecutive, so a long extent is one request, and no bounce
 * buffer is touched (first touches of fresh host pages are dear).
 */
static int read_run(struct inode *inode, uint64_t first, uint64_t n, const pfn_t *pfns)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	unsigned bpp = blocks_per_page(es), bs = es->block_size;
	uint64_t limit = size_blocks(es, inode->size);
	uint32_t *map;
	int err = 0;

	n = MIN(n, limit > first ? limit - first : 0);
	map = malloc(sizeof(*map) * (n + 1));
	if (!map)
		return -ENOMEM;
	err = ext2_bmap_run(inode, first, n, false, map, &n);
	for (uint64_t k = 0; k < n && !err;) {
		char *dest = block_dest(pfns, k, bpp, bs);
		uint64_t len = 1;

		if (!map[k]) {
			k++;	/* a hole: the frame is already zero */
			continue;
		}
		while (k + len < n && map[k + len] == map[k] + len &&
		       block_dest(pfns, k + len, bpp, bs) == dest + len * bs)
			len++;
		err = ext2_read_blocks(es, map[k], (uint32_t)len, dest);
		k += len;
	}
	free(map);
	return err ? -EIO : 0;
}

static int ext2_readpage(struct inode *inode, uint64_t index, pfn_t pfn)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);

	return read_run(inode, index * blocks_per_page(es), blocks_per_page(es), &pfn);
}

static int ext2_readpages(struct inode *inode, uint64_t index, const pfn_t *pfns, unsigned n)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);

	return read_run(inode, index * blocks_per_page(es), (uint64_t)n * blocks_per_page(es),
			pfns);
}

static bool all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static int ext2_writepage(struct inode *inode, uint64_t index, pfn_t pfn)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	unsigned bpp = blocks_per_page(es), bs = es->block_size;
	uint64_t first = index * bpp, limit = size_blocks(es, inode->size);
	char *page = frame_ptr(pfn);
	uint32_t map[PAGE_SIZE / 1024];
	unsigned n = (unsigned)MIN((uint64_t)bpp, limit > first ? limit - first : 0);
	int err = 0;

	if (ext2_rdonly(es))
		return -EROFS;
	for (unsigned k = 0; k < n && !err; k++) {
		err = ext2_bmap(inode, first + k, false, &map[k]);
		if (!err && !map[k] && !all_zero(page + k * bs, bs))
			err = ext2_bmap(inode, first + k, true, &map[k]);
	}
	for (unsigned k = 0; k < n && !err;) {
		unsigned len = 1;

		if (!map[k]) {
			k++;
			continue;
		}
		while (k + len < n && map[k + len] == map[k] + len)
			len++;
		err = ext2_write_blocks(es, map[k], len, page + k * bs);
		k += len;
	}
	return err;
}

/* A position in a vector of memory segments. */
struct kvec_cursor {
	const struct kvec *v;
	unsigned n, i;
	size_t off;
};

/* The next len bytes of the cursor, as segments in out; advances it. How many. */
static unsigned kvec_take(struct kvec_cursor *c, size_t len, struct kvec *out)
{
	unsigned n = 0;

	while (len && c->i < c->n) {
		size_t step = MIN(len, c->v[c->i].len - c->off);

		out[n++] = (struct kvec){ (char *)c->v[c->i].base + c->off, step };
		c->off += step;
		len -= step;
		if (c->off == c->v[c->i].len) {
			c->i++;
			c->off = 0;
		}
	}
	return n;
}

/*
 * A read jumps over at most this many blocks on the disk (an indirect
 * block between two runs of data) into a scratch buffer, rather than
 * splitting into two requests.
 */
#define SKIP_MAX 4
static char skip_buf[SKIP_MAX * PAGE_SIZE];	/* blocks are no larger than a page */

/*
 * Direct I/O of npages whole pages from page index, between the disk and
 * the memory segments v: each run of disk-contiguous blocks is one
 * request (for a read, runs a few blocks apart are joined), a hole reads
 * as zeros, and a write allocates its blocks first (stopping at the last
 * whole page it could allocate; the caller trims what a partial page
 * took). Returns the pages moved, 0 if the disk cannot do vectored I/O,
 * or -errno.
 */
static long ext2_direct(struct inode *inode, uint64_t index, uint64_t npages,
			const struct kvec *v, unsigned nv, bool write)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	unsigned bpp = blocks_per_page(es), bs = es->block_size;
	uint64_t first = index * bpp, nblk = npages * bpp, k;
	struct kvec_cursor cur = { .v = v, .n = nv };
	struct kvec *part;
	uint32_t *map;
	int err = 0;

	if (!es->bd->ops->readv || !es->bd->ops->writev)
		return 0;
	if (write && ext2_rdonly(es))
		return -EROFS;
	map = malloc(sizeof(*map) * nblk);
	/* the segments, cut at run ends, and a scratch segment per jump */
	part = malloc(sizeof(*part) * (nv + 2 * nblk));
	if (!map || !part) {
		free(map);
		free(part);
		return -ENOMEM;
	}
	err = ext2_bmap_run(inode, first, nblk, write, map, &k);
	npages = k / bpp;
	nblk = npages * bpp;
	for (k = 0; k < nblk;) {
		uint64_t len = 1, span;
		unsigned np;

		while (k + len < nblk && (map[k] ? map[k + len] == map[k] + len : !map[k + len]))
			len++;
		np = kvec_take(&cur, len * bs, part);
		span = len;	/* blocks on the disk from map[k] */
		while (!write && map[k] && k + len < nblk && map[k + len] > map[k] + span &&
		       map[k + len] - (map[k] + span) <= SKIP_MAX) {
			uint64_t gap = map[k + len] - (map[k] + span), more = 1;

			while (k + len + more < nblk && map[k + len + more] == map[k + len] + more)
				more++;
			part[np++] = (struct kvec){ skip_buf, gap * bs };
			np += kvec_take(&cur, more * bs, part + np);
			span += gap + more;
			len += more;
		}
		if (!map[k]) {
			for (unsigned i = 0; i < np; i++)
				memset(part[i].base, 0, part[i].len);
		} else {
			int e = ext2_rw_blocksv(es, write, map[k], (uint32_t)span, part, np);

			if (e) {
				npages = 0;
				err = e;
				break;
			}
		}
		k += len;
	}
	free(map);
	free(part);
	if (!npages)
		return err ? err : -EIO;
	return (long)npages;
}

const struct address_space_ops ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.readpages = ext2_readpages,
	.direct = ext2_direct,
};

/*
 * Allocate the blocks under [pos, pos + count) page by page, each page
 * read in first. Returns how many bytes from pos have their blocks (all
 * of count, or less with *err set).
 */
static uint64_t prepare_write(struct inode *inode, uint64_t pos, uint64_t count, int *err)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	uint64_t end = pos + count, p = pos;

	*err = 0;
	while (p < end) {
		uint64_t index = p >> PAGE_SHIFT;
		uint64_t pend = MIN(end, (index + 1) << PAGE_SHIFT);
		pfn_t pfn;

		*err = page_cache_get(inode, index, &pfn);
		if (*err)
			return p - pos;
		for (uint64_t b = p >> es->block_log; b << es->block_log < pend; b++) {
			uint32_t pblk;

			*err = ext2_bmap(inode, b, true, &pblk);
			if (*err) {
				/* the page holds what this block would have */
				page_cache_set_dirty(&inode->pages, index);
				return MAX(p, b << es->block_log) - pos;
			}
		}
		page_cache_set_dirty(&inode->pages, index);
		p = pend;
	}
	return count;
}

/*
 * write(2) through the page cache, from *pos (end of file for O_APPEND),
 * of a count the caller kept within the largest file.
 */
static long cached_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct inode *inode = f->inode;
	struct ext2_sb *es = EXT2_SB(inode->sb);
	uint64_t start = (f->f_flags & LINUX_O_APPEND) ? inode->size : *pos;
	size_t count = iov_iter_count(from), rest;
	uint64_t ok;
	long r;
	int err;

	ok = prepare_write(inode, start, count, &err);
	if (!ok)
		goto out_trim;
	/* copy only what has blocks: shorten the iterator for the call */
	rest = iov_iter_count(from) - (size_t)ok;
	from->count = (size_t)ok;
	r = page_cache_write(f, from, pos);
	from->count += rest;
	if (r < (long)ok)
		ext2_truncate_blocks(inode, size_blocks(es, inode->size));
	return r;

out_trim:
	/* blocks allocated past the size for a write that did not happen */
	ext2_truncate_blocks(inode, size_blocks(es, inode->size));
	return err;
}

/*
 * write(2): whole pages that are not cached go straight to the disk
 * (page_cache_write_direct), the rest through the cache. Where the direct
 * part stops short (a cached page, a partial page, a full disk), the
 * cached write takes over and gives the short count or the error.
 */
static long ext2_file_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct inode *inode = f->inode;
	struct ext2_sb *es = EXT2_SB(inode->sb);
	uint64_t start = (f->f_flags & LINUX_O_APPEND) ? inode->size : *pos;
	size_t count = iov_iter_count(from), rest;
	long d, r;

	if (ext2_rdonly(es))
		return -EROFS;
	if (!count)
		return 0;
	if (start >= es->max_bytes)
		return -EFBIG;
	count = (size_t)MIN((uint64_t)count, es->max_bytes - start);
	rest = iov_iter_count(from) - count;
	from->count = count;
	d = page_cache_write_direct(f, from, pos);
	if (d < 0)
		d = 0;
	r = (size_t)d < count ? cached_write(f, from, pos) : 0;
	from->count += rest;
	if (r < 0)
		return d ? d : r;
	return d + r;
}

static int ext2_setsize(struct inode *inode, uint64_t size)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	pfn_t pfn;
	int err;

	if (ext2_rdonly(es))
		return -EROFS;
	if (size > es->max_bytes)
		return -EFBIG;
	if (size >= inode->size)
		return 0;
	if (size & (es->block_size - 1)) {
		/* the page with the new end must be cached for its tail to be zeroed */
		err = page_cache_get(inode, size >> PAGE_SHIFT, &pfn);
		if (err)
			return err;
	}
	return ext2_truncate_blocks(inode, size_blocks(es, size));
}

const struct file_ops ext2_file_fops = {
	.read = page_cache_read,
	.write = ext2_file_write,
};

const struct inode_ops ext2_file_iops = {
	.setsize = ext2_setsize,
};
