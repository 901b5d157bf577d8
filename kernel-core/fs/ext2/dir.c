/*
 * ext2 directories: blocks of variable-length entries chained by rec_len,
 * read and changed through the buffer cache.
 *
 * A directory of FILTER_MIN_BLOCKS blocks or more gets a name filter once
 * it is searched: a counter per hash bucket of the names it holds, kept by
 * every add and removal, so a name whose bucket is empty is known absent
 * without a scan (a create first looks its name up: in a big directory
 * that scan was most of the work). It never says absent wrongly; a bucket
 * shared with other names just means a scan, as before. It is rebuilt
 * bigger, from a scan, when the directory outgrows it.
 *
 * Every block is checked before its first use as Linux's ext2_check_page
 * does (record lengths aligned, at least the entry, inside the block; inode
 * numbers inside the volume), so a corrupt directory is an ext2 error and
 * -EIO, never a read past a buffer; the buffer remembers that it passed
 * until it is read again. A new entry takes the first gap big
 * enough (an unused record or the slack after a live one) or a new block
 * at the end; a removed entry joins its predecessor in the block. Any
 * change clears the htree flag (EXT2_INDEX_FL): the index is not kept, and
 * a directory without the flag is read linearly by everyone.
 * getdents positions are byte offsets in the directory, as on Linux.
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/hash.h>
#include <umk/sched.h>

#include "ext2.h"

#define DIRENT_MIN LINUX_EXT2_DIR_REC_LEN(1)

#define FILTER_MIN_BLOCKS 4

struct ext2_name_filter {
	uint32_t mask;		/* buckets - 1, a power of two minus one */
	uint32_t names;		/* names counted */
	uint16_t count[];	/* saturating: a full bucket never goes back down */
};

static struct linux_ext2_dirent *de_at(struct ext2_buf *b, unsigned off)
{
	return (struct linux_ext2_dirent *)(b->data + off);
}

static unsigned de_namelen(struct ext2_sb *es, const struct linux_ext2_dirent *de)
{
	/* without the filetype feature the type byte is the name length's high byte */
	return es->has_filetype ? de->name_len : de->name_len | ((unsigned)de->file_type << 8);
}

static bool name_is(struct ext2_sb *es, const struct linux_ext2_dirent *de, const char *name,
		    size_t len)
{
	/* names often differ last (f1, f2): look there before memcmp */
	return de_namelen(es, de) == len && len && de->name[len - 1] == name[len - 1] &&
	       !memcmp(de->name, name, len);
}

static uint64_t dir_blocks(struct inode *dir)
{
	return dir->size >> EXT2_SB(dir->sb)->block_log;
}

static uint32_t name_hash(const char *name, size_t len)
{
	return hash_fold(hash_bytes(HASH_INIT, name, len));
}

void ext2_dir_forget(struct ext2_inode *ei)
{
	free(ei->names);
	ei->names = NULL;
}

/* Count name in (or out of) dir's filter, if it has one. */
static void filter_count(struct inode *dir, const char *name, size_t len, int delta)
{
	struct ext2_inode *ei = EXT2_I(dir);
	struct ext2_name_filter *f = ei->names;
	uint16_t *c;

	if (!f)
		return;
	c = &f->count[name_hash(name, len) & f->mask];
	if (*c == UINT16_MAX)
		return;		/* saturated: stays "maybe" for good */
	*c = (uint16_t)(*c + delta);
	f->names += (uint32_t)delta;
	if (delta > 0 && f->names > f->mask / 2)
		ext2_dir_forget(ei);	/* crowded: rebuilt bigger at the next search */
}

static int dir_block(struct inode *dir, uint64_t n, struct ext2_buf **bp);

/* Build dir's filter from a scan of all its blocks (nothing on any error). */
static void filter_build(struct inode *dir)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	struct ext2_inode *ei = EXT2_I(dir);
	uint64_t blocks = dir_blocks(dir), buckets = 1024;
	struct ext2_name_filter *f;

	/* four buckets a name, at most one name per 12 bytes of directory */
	while (buckets < 4 * ((blocks << es->block_log) / 12) && buckets < (1u << 24))
		buckets <<= 1;
	f = calloc(1, sizeof(*f) + buckets * sizeof(f->count[0]));
	if (!f)
		return;
	f->mask = (uint32_t)buckets - 1;
	ei->names = f;
	for (uint64_t n = 0; n < blocks; n++) {
		struct ext2_buf *b;

		if (dir_block(dir, n, &b)) {
			ext2_dir_forget(ei);
			return;
		}
		for (unsigned off = 0; off < es->block_size;) {
			struct linux_ext2_dirent *de = de_at(b, off);

			if (de->inode)
				filter_count(dir, de->name, de_namelen(es, de), 1);
			off += de->rec_len;
		}
		ext2_brelse(es, b);
		if (!ei->names)
			return;	/* more names than the size allowed for */
	}
}

/* false when name is certainly not in dir. */
static bool filter_maybe(struct inode *dir, const char *name, size_t len)
{
	struct ext2_inode *ei = EXT2_I(dir);

	if (!ei->names && dir_blocks(dir) >= FILTER_MIN_BLOCKS)
		filter_build(dir);
	return !ei->names || ei->names->count[name_hash(name, len) & ei->names->mask] != 0;
}

/* Block n of dir, read and checked. */
static int dir_block(struct inode *dir, uint64_t n, struct ext2_buf **bp)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	struct ext2_buf *b;
	uint32_t pblk;
	unsigned off = 0;
	int err = ext2_bmap(dir, n, false, &pblk);

	if (err)
		return err;
	if (!pblk) {
		ext2_error(es, "ext2_check_page", "hole in directory", dir->ino);
		return -EIO;
	}
	b = ext2_bread(es, pblk);
	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	/* once checked, only this file changes it, and keeps it well formed */
	while (!b->dir_checked && off < es->block_size) {
		const struct linux_ext2_dirent *de = de_at(b, off);
		unsigned rl = es->block_size - off < 8 ? 0 : de->rec_len;

		if (rl < DIRENT_MIN || (rl & 3) ||
		    rl > es->block_size - off ||
		    rl < LINUX_EXT2_DIR_REC_LEN(de_namelen(es, de)) ||
		    de->inode > es->s.s_inodes_count) {
			ext2_error(es, "ext2_check_page", "bad entry in directory", dir->ino);
			ext2_brelse(es, b);
			return -EIO;
		}
		off += rl;
	}
	b->dir_checked = true;
	*bp = b;
	return 0;
}

/* Where a name was found: its block (with a reference), offsets of it and its predecessor. */
struct dir_slot {
	struct ext2_buf *b;
	uint64_t n;		/* the block's index in the directory */
	unsigned off;
	int prev;		/* -1: first in its block */
};

/* Find name in dir: 1 and *s filled, 0 when absent, -errno. */
static int find_slot(struct inode *dir, const char *name, size_t len, struct dir_slot *s)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);

	if (!filter_maybe(dir, name, len))
		return 0;
	for (uint64_t n = 0; n < dir_blocks(dir); n++) {
		int prev = -1, err = dir_block(dir, n, &s->b);

		if (err)
			return err;
		for (unsigned off = 0; off < es->block_size;) {
			struct linux_ext2_dirent *de = de_at(s->b, off);

			if (de->inode && name_is(es, de, name, len)) {
				s->n = n;
				s->off = off;
				s->prev = prev;
				return 1;
			}
			prev = (int)off;
			off += de->rec_len;
		}
		ext2_brelse(es, s->b);
	}
	return 0;
}

long ext2_find_entry(struct inode *dir, const char *name, size_t len)
{
	struct dir_slot s;
	int r = find_slot(dir, name, len, &s);
	long ino;

	if (r <= 0)
		return r;
	ino = de_at(s.b, s.off)->inode;
	ext2_brelse(EXT2_SB(dir->sb), s.b);
	return ino;
}

static void set_name(struct ext2_sb *es, struct linux_ext2_dirent *de, const char *name,
		     size_t len, uint32_t ino, unsigned mode)
{
	de->inode = ino;
	de->name_len = (uint8_t)len;
	de->file_type = es->has_filetype ? ext2_ftype(mode) : 0;
	memcpy(de->name, name, len);
}

/* The directory changed: times, and no htree index any more. */
static void dir_modified(struct inode *dir)
{
	EXT2_I(dir)->flags &= ~(uint32_t)LINUX_EXT2_INDEX_FL;
	inode_touch_mtime(dir);
}

/* Block n of dir, allocated and zeroed. */
static struct ext2_buf *new_dir_block(struct inode *dir, uint64_t n)
{
	uint32_t pblk;
	int err = ext2_bmap(dir, n, true, &pblk);

	if (err)
		return ERR_PTR(err);
	return ext2_bzero(EXT2_SB(dir->sb), pblk);
}

int ext2_add_entry(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	unsigned need = LINUX_EXT2_DIR_REC_LEN(len);
	struct ext2_inode *ei = EXT2_I(dir);
	struct linux_ext2_dirent *de;
	struct ext2_buf *b;
	uint64_t n;
	int err;

	/* the first fit, in block order, after the blocks known to be full */
	for (n = ei->dir_full; n < dir_blocks(dir); n++) {
		bool room = false;

		err = dir_block(dir, n, &b);
		if (err)
			return err;
		for (unsigned off = 0; off < es->block_size;) {
			unsigned used, rl;

			de = de_at(b, off);
			rl = de->rec_len;
			used = de->inode ? LINUX_EXT2_DIR_REC_LEN(de_namelen(es, de)) : 0;
			room |= rl - used >= DIRENT_MIN;
			if (rl - used >= need) {
				if (used) {
					/* split: the new entry takes the slack */
					de->rec_len = (uint16_t)used;
					de = de_at(b, off + used);
					de->rec_len = (uint16_t)(rl - used);
				}
				set_name(es, de, name, len, ino, mode);
				ext2_bdirty(b);
				ext2_brelse(es, b);
				dir_modified(dir);
				filter_count(dir, name, len, 1);
				return 0;
			}
			off += rl;
		}
		ext2_brelse(es, b);
		if (!room && n == ei->dir_full)
			ei->dir_full++;
	}
	/* no room: a new block at the end */
	if (dir->size + es->block_size > 0xffffffffULL)
		return -ENOSPC;
	b = new_dir_block(dir, n);
	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	de = de_at(b, 0);
	de->rec_len = (uint16_t)es->block_size;
	set_name(es, de, name, len, ino, mode);
	ext2_brelse(es, b);
	dir->size += es->block_size;
	dir_modified(dir);
	filter_count(dir, name, len, 1);
	return 0;
}

int ext2_delete_entry(struct inode *dir, const char *name, size_t len)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	struct ext2_inode *ei;
	struct dir_slot s;
	int r = find_slot(dir, name, len, &s);

	if (r <= 0)
		return r ? r : -ENOENT;
	if (s.prev >= 0)
		de_at(s.b, (unsigned)s.prev)->rec_len += de_at(s.b, s.off)->rec_len;
	else
		de_at(s.b, s.off)->inode = 0;
	ei = EXT2_I(dir);
	if (ei->dir_full > s.n)
		ei->dir_full = (uint32_t)s.n;	/* its block has room now */
	filter_count(dir, name, len, -1);
	ext2_bdirty(s.b);
	ext2_brelse(es, s.b);
	dir_modified(dir);
	return 0;
}

int ext2_set_entry(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);
	struct linux_ext2_dirent *de;
	struct dir_slot s;
	int r = find_slot(dir, name, len, &s);

	if (r <= 0)
		return r ? r : -ENOENT;
	de = de_at(s.b, s.off);
	de->inode = ino;
	if (es->has_filetype)
		de->file_type = ext2_ftype(mode);
	ext2_bdirty(s.b);
	ext2_brelse(es, s.b);
	/* Linux leaves a directory's times alone when only its ".." moves */
	if (len != 2 || memcmp(name, "..", 2))
		dir_modified(dir);
	return 0;
}

int ext2_dir_empty(struct inode *dir)
{
	struct ext2_sb *es = EXT2_SB(dir->sb);

	for (uint64_t n = 0; n < dir_blocks(dir); n++) {
		struct ext2_buf *b;
		int err = dir_block(dir, n, &b);

		if (err)
			return err;
		for (unsigned off = 0; off < es->block_size;) {
			struct linux_ext2_dirent *de = de_at(b, off);
			unsigned nl = de_namelen(es, de);

			if (de->inode && !(nl == 1 && de->name[0] == '.') &&
			    !(nl == 2 && de->name[0] == '.' && de->name[1] == '.')) {
				ext2_brelse(es, b);
				return 0;
			}
			off += de->rec_len;
		}
		ext2_brelse(es, b);
	}
	return 1;
}

int ext2_make_empty_dir(struct inode *inode, struct inode *parent)
{
	struct ext2_sb *es = EXT2_SB(inode->sb);
	struct linux_ext2_dirent *de;
	struct ext2_buf *b = new_dir_block(inode, 0);

	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	de = de_at(b, 0);
	set_name(es, de, ".", 1, (uint32_t)inode->ino, LINUX_S_IFDIR);
	de->rec_len = LINUX_EXT2_DIR_REC_LEN(1);
	de = de_at(b, LINUX_EXT2_DIR_REC_LEN(1));
	set_name(es, de, "..", 2, (uint32_t)parent->ino, LINUX_S_IFDIR);
	de->rec_len = (uint16_t)(es->block_size - LINUX_EXT2_DIR_REC_LEN(1));
	ext2_brelse(es, b);
	inode->size = es->block_size;
	return 0;
}

static unsigned ftype_mode(struct ext2_sb *es, uint8_t ft)
{
	static const unsigned modes[] = {
		[LINUX_EXT2_FT_REG_FILE] = LINUX_S_IFREG, [LINUX_EXT2_FT_DIR] = LINUX_S_IFDIR,
		[LINUX_EXT2_FT_CHRDEV] = LINUX_S_IFCHR, [LINUX_EXT2_FT_BLKDEV] = LINUX_S_IFBLK,
		[LINUX_EXT2_FT_FIFO] = LINUX_S_IFIFO, [LINUX_EXT2_FT_SOCK] = LINUX_S_IFSOCK,
		[LINUX_EXT2_FT_SYMLINK] = LINUX_S_IFLNK,
	};

	if (!es->has_filetype || ft >= sizeof(modes) / sizeof(modes[0]))
		return 0;	/* DT_UNKNOWN */
	return modes[ft];
}

static long ext2_getdents(struct file *f, uaddr_t buf, size_t len)
{
	struct inode *dir = f->inode;
	struct ext2_sb *es = EXT2_SB(dir->sb);
	struct dir_ctx ctx = { .buf = buf, .len = len, .pos = f->f_pos };
	bool full = false;
	int err = 0;

	while (!full && ctx.pos < dir_blocks(dir) << es->block_log) {
		uint64_t n = ctx.pos >> es->block_log;
		uint64_t base = n << es->block_log;
		struct ext2_buf *b;

		err = dir_block(dir, n, &b);
		if (err)
			break;
		for (unsigned off = 0; off < es->block_size;) {
			struct linux_ext2_dirent *de = de_at(b, off);
			unsigned next = off + de->rec_len;

			/* a position inside a record (seek, or a changed block) resumes at the next */
			if (base + off >= ctx.pos && de->inode &&
			    !dir_emit(&ctx, de->name, de_namelen(es, de), de->inode,
				      ftype_mode(es, de->file_type), base + next)) {
				full = true;
				break;
			}
			off = next;
		}
		ext2_brelse(es, b);
		if (!full)
			ctx.pos = base + es->block_size;
	}
	inode_touch_atime(dir);
	return dir_emit_end(f, &ctx, err);
}

const struct file_ops ext2_dir_fops = {
	.read = read_dir_eisdir,
	.getdents = ext2_getdents,
};
