/*
 * ext2 volumes: mounting (with every check a corrupt or unsupported image
 * needs before anything trusts it), the super block and group descriptors
 * written back, statfs, sync and unmount, and the "ext2" fs_type.
 *
 * The state field follows Linux: a read-write mount clears EXT2_VALID_FS
 * on disk at once (and counts the mount); unmount writes back the state the
 * volume had when mounted, with EXT2_ERROR_FS added if an error was seen.
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/printk.h>
#include <umk/sched.h>

#include "ext2.h"

#define SUPPORTED_INCOMPAT LINUX_EXT2_FEATURE_INCOMPAT_FILETYPE
#define SUPPORTED_RO_COMPAT \
	(LINUX_EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | LINUX_EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define MAX_BLOCK_LOG 12	/* blocks no larger than a page */

static const struct super_ops ext2_sops;

static uint32_t now_secs(void)
{
	return (uint32_t)(ktime_real_ns() / NSEC_PER_SEC);
}

static void msg(struct blkdev *bd, const char *what)
{
	printk("EXT2-fs (%s): error: %s\n", bd->name, what);
}

bool ext2_rdonly(const struct ext2_sb *es)
{
	return es->sb->flags & LINUX_MS_RDONLY;
}

void ext2_error(struct ext2_sb *es, const char *fn, const char *what, uint64_t arg)
{
	printk("EXT2-fs error (device %s): %s: %s %llu\n", es->bd->name, fn, what,
	       (unsigned long long)arg);
	/* remembered in the state written back at unmount */
	es->s.s_state |= LINUX_EXT2_ERROR_FS;
	es->super_dirty = true;
}

/* Does group g carry a copy of the super block (sparse_super)? */
static bool group_has_super(const struct ext2_sb *es, uint32_t g)
{
	if (!(es->s.s_feature_ro_compat & LINUX_EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER) || g <= 1)
		return true;
	for (uint32_t base = 3; base <= 7; base += 2) {
		uint64_t p = base;

		while (p < g)
			p *= base;
		if (p == g)
			return true;
	}
	return false;
}

int ext2_write_super(struct ext2_sb *es)
{
	struct linux_ext2_super copy;
	int err;

	es->s.s_free_blocks_count = (uint32_t)ext2_count_free_blocks(es);
	es->s.s_free_inodes_count = (uint32_t)ext2_count_free_inodes(es);
	es->s.s_wtime = now_secs();
	copy = es->s;
	err = es->bd->ops->write(es->bd, LINUX_EXT2_SB_OFFSET, &copy, sizeof(copy));
	if (!err)
		err = ext2_write_blocks(es, es->s.s_first_data_block + 1, es->gdt_blocks, es->gd);
	if (!err)
		es->super_dirty = false;
	return err;
}

/* The checks of a super block, before anything else is read. NULL: fine. */
static const char *check_super(const struct linux_ext2_super *s, const struct blkdev *bd,
			       bool rdonly)
{
	uint32_t bs, groups;

	if (s->s_magic != LINUX_EXT2_MAGIC)
		return "can't find an ext2 filesystem (bad magic)";
	if (s->s_log_block_size > MAX_BLOCK_LOG - LINUX_EXT2_MIN_BLOCK_LOG)
		return "unsupported blocksize";
	bs = 1024U << s->s_log_block_size;
	if (s->s_log_frag_size != s->s_log_block_size)
		return "fragment size differs from block size (not supported)";
	if (s->s_rev_level > LINUX_EXT2_DYNAMIC_REV)
		return "revision level too high";
	if (s->s_rev_level == LINUX_EXT2_DYNAMIC_REV) {
		if (s->s_feature_incompat & ~SUPPORTED_INCOMPAT)
			return "couldn't mount because of unsupported optional features (incompat)";
		if (!rdonly && (s->s_feature_ro_compat & ~SUPPORTED_RO_COMPAT))
			return "couldn't mount RDWR because of unsupported optional features";
		if (s->s_inode_size < LINUX_EXT2_GOOD_OLD_INODE_SIZE || s->s_inode_size > bs ||
		    (s->s_inode_size & (s->s_inode_size - 1)))
			return "unsupported inode size";
		if (s->s_first_ino < LINUX_EXT2_GOOD_OLD_FIRST_INO)
			return "bad first inode number";
	}
	if (s->s_first_data_block != (bs == 1024 ? 1U : 0U))
		return "bad first data block";
	if (s->s_blocks_per_group == 0 || s->s_blocks_per_group > bs * 8 ||
	    s->s_frags_per_group != s->s_blocks_per_group)
		return "bad blocks per group";
	if (s->s_inodes_per_group == 0 || s->s_inodes_per_group > bs * 8)
		return "bad inodes per group";
	if (s->s_blocks_count <= s->s_first_data_block + 1 ||
	    (uint64_t)s->s_blocks_count * bs > bd->size)
		return "block count exceeds the size of the device";
	if (s->s_r_blocks_count > s->s_blocks_count)
		return "bad reserved block count";
	groups = (s->s_blocks_count - s->s_first_data_block + s->s_blocks_per_group - 1) /
		 s->s_blocks_per_group;
	if ((uint64_t)groups * s->s_inodes_per_group != s->s_inodes_count)
		return "inode count does not match the groups";
	return NULL;
}

/* Every group's bitmaps and inode table must lie inside the group. */
static const char *check_descriptors(struct ext2_sb *es)
{
	uint32_t itb = (es->s.s_inodes_per_group * es->inode_size + es->block_size - 1) >>
		       es->block_log;

	for (uint32_t g = 0; g < es->groups; g++) {
		const struct linux_ext2_group_desc *d = &es->gd[g];
		uint32_t first = es->s.s_first_data_block + g * es->s.s_blocks_per_group;
		uint32_t last = MIN(first + es->s.s_blocks_per_group, es->s.s_blocks_count) - 1;

		if (d->bg_block_bitmap < first || d->bg_block_bitmap > last)
			return "block bitmap not in group";
		if (d->bg_inode_bitmap < first || d->bg_inode_bitmap > last)
			return "inode bitmap not in group";
		if (d->bg_inode_table < first || d->bg_inode_table > last ||
		    last - d->bg_inode_table + 1 < itb)
			return "inode table not in group";
		if (d->bg_free_blocks_count > last - first + 1 ||
		    d->bg_free_inodes_count > es->s.s_inodes_per_group ||
		    d->bg_used_dirs_count > es->s.s_inodes_per_group)
			return "group descriptor counts out of range";
	}
	return NULL;
}

/* Linux's largest file for this block size: the indirect tree and i_blocks. */
static uint64_t max_file_size(unsigned block_log)
{
	uint64_t apb = 1ULL << (block_log - 2);
	uint64_t tree = LINUX_EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
	uint64_t limit = (1ULL << 32) - 1;	/* i_blocks, 512-byte units */
	uint64_t meta, n;

	limit >>= block_log - 9;
	meta = 1 + (1 + apb) + (1 + apb + apb * apb);
	if (tree + meta > limit) {
		/* the data blocks that fit with the indirect blocks they need */
		n = limit;
		meta = 1;
		if (n - LINUX_EXT2_NDIR_BLOCKS - apb < apb * apb) {
			meta += 1 + (n - LINUX_EXT2_NDIR_BLOCKS - apb + apb - 1) / apb;
		} else {
			uint64_t rest = n - LINUX_EXT2_NDIR_BLOCKS - apb - apb * apb;

			meta += 1 + apb;
			meta += 1 + (rest + apb - 1) / apb + (rest + apb * apb - 1) / (apb * apb);
		}
		tree = n - meta;
	}
	return MIN(tree << block_log, (uint64_t)MAX_FILE_SIZE);
}

/* Mount options Linux's ext2 knows; nothing here changes behaviour yet. */
static int parse_options(struct blkdev *bd, const char *data)
{
	static const char *const known[] = {
		"errors=continue", "errors=remount-ro", "errors=panic", "nouid32", "grpid",
		"bsdgroups", "nogrpid", "sysvgroups", "oldalloc", "orlov", "nobh", "user_xattr",
		"nouser_xattr", "acl", "noacl", "minixdf", "bsddf", "debug", "nocheck",
		"check=none", "reservation", "noreservation", "quota", "noquota", "usrquota",
		"grpquota", "rw", "ro", "defaults",
	};
	const char *p = data;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool ok = len == 0 || (len > 7 && (!strncmp(p, "resuid=", 7) || !strncmp(p, "resgid=", 7)));

		for (size_t i = 0; !ok && i < sizeof(known) / sizeof(known[0]); i++)
			ok = strlen(known[i]) == len && !strncmp(p, known[i], len);
		if (!ok) {
			printk("EXT2-fs (%s): Unrecognized mount option \"%.*s\" or missing value\n",
			       bd->name, (int)len, p);
			return -EINVAL;
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static void free_es(struct ext2_sb *es)
{
	ext2_bfree_all(es);
	free(es->gd);
	free(es);
}

static struct ext2_sb *load_volume(struct blkdev *bd, bool rdonly)
{
	struct ext2_sb *es = calloc(1, sizeof(*es));
	const char *why;

	if (!es)
		return ERR_PTR(-ENOMEM);
	es->bd = bd;
	list_init(&es->lru);
	for (unsigned i = 0; i < EXT2_BHASH; i++)
		list_init(&es->bhash[i]);
	for (unsigned i = 0; i < EXT2_IHASH; i++)
		list_init(&es->ihash[i]);
	if (bd->size < LINUX_EXT2_SB_OFFSET + sizeof(es->s) ||
	    bd->ops->read(bd, LINUX_EXT2_SB_OFFSET, &es->s, sizeof(es->s))) {
		msg(bd, "unable to read superblock");
		goto out_inval;
	}
	why = check_super(&es->s, bd, rdonly);
	if (why) {
		msg(bd, why);
		goto out_inval;
	}
	es->block_log = LINUX_EXT2_MIN_BLOCK_LOG + es->s.s_log_block_size;
	es->block_size = 1U << es->block_log;
	es->addr_per_block = es->block_size / 4;
	es->groups = (es->s.s_blocks_count - es->s.s_first_data_block +
		      es->s.s_blocks_per_group - 1) / es->s.s_blocks_per_group;
	es->gdt_blocks = (es->groups * 32 + es->block_size - 1) >> es->block_log;
	if (es->s.s_rev_level == LINUX_EXT2_GOOD_OLD_REV) {
		es->inode_size = LINUX_EXT2_GOOD_OLD_INODE_SIZE;
		es->first_ino = LINUX_EXT2_GOOD_OLD_FIRST_INO;
	} else {
		es->inode_size = es->s.s_inode_size;
		es->first_ino = es->s.s_first_ino;
		es->has_filetype = es->s.s_feature_incompat & LINUX_EXT2_FEATURE_INCOMPAT_FILETYPE;
	}
	if (es->first_ino > es->s.s_inodes_count || es->gdt_blocks >= es->s.s_blocks_per_group) {
		msg(bd, "bad inode or group counts");
		goto out_inval;
	}
	es->max_bytes = max_file_size(es->block_log);
	es->gd = malloc((size_t)es->gdt_blocks << es->block_log);
	if (!es->gd) {
		free(es);
		return ERR_PTR(-ENOMEM);
	}
	if (ext2_read_blocks(es, es->s.s_first_data_block + 1, es->gdt_blocks, es->gd)) {
		msg(bd, "unable to read group descriptors");
		goto out_inval;
	}
	why = check_descriptors(es);
	if (why) {
		msg(bd, why);
		goto out_inval;
	}
	return es;

out_inval:
	free_es(es);
	return ERR_PTR(-EINVAL);
}

struct super_block *ext2_mount(struct blkdev *bd, unsigned long flags, const char *data)
{
	struct super_block *sb;
	struct ext2_sb *es;
	struct inode *root;

	if (parse_options(bd, data))
		return ERR_PTR(-EINVAL);
	if (bd->read_only)
		flags |= LINUX_MS_RDONLY;
	es = load_volume(bd, flags & LINUX_MS_RDONLY);
	if (IS_ERR(es))
		return (struct super_block *)es;
	sb = calloc(1, sizeof(*sb));
	if (!sb) {
		free_es(es);
		return ERR_PTR(-ENOMEM);
	}
	es->sb = sb;
	sb->dev = bd->rdev;
	sb->fstype = "ext2";
	sb->flags = flags;
	sb->ops = &ext2_sops;
	sb->aops = &ext2_aops;
	sb->bdev = bd;
	sb->blocksize = es->block_size;
	sb->time_secs = true;
	sb->maxbytes = es->max_bytes;
	es->icache_limit = EXT2_ICACHE_MIN;
	sb->priv = es;
	root = ext2_iget(es, LINUX_EXT2_ROOT_INO);
	if (!IS_ERR(root) && (!LINUX_S_ISDIR(root->mode) || !root->nlink)) {
		inode_put(root);
		root = ERR_PTR(-EINVAL);
	}
	if (IS_ERR(root)) {
		msg(bd, "corrupt root inode, run e2fsck");
		goto out_free;
	}
	sb->root = d_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		goto out_free;
	}
	if (!(es->s.s_state & LINUX_EXT2_VALID_FS))
		printk("EXT2-fs (%s): warning: mounting unchecked fs, running e2fsck is recommended\n",
		       bd->name);
	else if (es->s.s_state & LINUX_EXT2_ERROR_FS)
		printk("EXT2-fs (%s): warning: mounting fs with errors, running e2fsck is recommended\n",
		       bd->name);
	es->s.s_mtime = now_secs();
	es->mount_state = es->s.s_state;
	if (!(flags & LINUX_MS_RDONLY)) {
		es->s.s_mnt_count++;
		es->s.s_state &= (uint16_t)~LINUX_EXT2_VALID_FS;
		if (ext2_write_super(es))
			printk("EXT2-fs (%s): error: cannot write superblock\n", bd->name);
	}
	return sb;

out_free:
	ext2_forget_inodes(es);
	free_es(es);
	free(sb);
	return ERR_PTR(-EINVAL);
}

static int ext2_sync_fs(struct super_block *sb)
{
	struct ext2_sb *es = EXT2_SB(sb);
	int err = ext2_sync_inodes(es);
	int r = ext2_bsync(es);

	if (r && !err)
		err = r;
	r = ext2_write_super(es);
	return err ? err : r;
}

static int ext2_statfs(struct super_block *sb, struct linux_statfs *st)
{
	struct ext2_sb *es = EXT2_SB(sb);
	uint32_t itb = (es->s.s_inodes_per_group * es->inode_size + es->block_size - 1) >>
		       es->block_log;
	uint64_t overhead = es->s.s_first_data_block, lo, hi;
	uint64_t bfree = ext2_count_free_blocks(es);

	for (uint32_t g = 0; g < es->groups; g++)
		overhead += group_has_super(es, g) ? 1 + es->gdt_blocks : 0;
	overhead += (uint64_t)es->groups * (2 + itb);
	memset(st, 0, sizeof(*st));
	st->f_type = LINUX_EXT2_SUPER_MAGIC;
	st->f_bsize = es->block_size;
	st->f_blocks = es->s.s_blocks_count > overhead ? es->s.s_blocks_count - overhead : 0;
	st->f_bfree = bfree;
	st->f_bavail = bfree > es->s.s_r_blocks_count ? bfree - es->s.s_r_blocks_count : 0;
	st->f_files = es->s.s_inodes_count;
	st->f_ffree = ext2_count_free_inodes(es);
	st->f_namelen = NAME_MAX;
	st->f_frsize = es->block_size;
	memcpy(&lo, es->s.s_uuid, 8);
	memcpy(&hi, es->s.s_uuid + 8, 8);
	lo ^= hi;
	st->f_fsid.val[0] = (int32_t)(uint32_t)lo;
	st->f_fsid.val[1] = (int32_t)(uint32_t)(lo >> 32);
	return 0;
}

static int ext2_remount(struct super_block *sb, unsigned long flags)
{
	struct ext2_sb *es = EXT2_SB(sb);
	bool was_ro = sb->flags & LINUX_MS_RDONLY;
	int err = 0;

	if (!(flags & LINUX_MS_RDONLY) && es->bd->read_only)
		return -EACCES;
	if (!(flags & LINUX_MS_RDONLY) && was_ro) {
		if (es->s.s_rev_level == LINUX_EXT2_DYNAMIC_REV &&
		    (es->s.s_feature_ro_compat & ~SUPPORTED_RO_COMPAT)) {
			msg(es->bd, "couldn't remount RDWR because of unsupported optional features");
			return -EROFS;
		}
		es->mount_state = es->s.s_state;
		es->s.s_mnt_count++;
		es->s.s_state &= (uint16_t)~LINUX_EXT2_VALID_FS;
		sb->flags &= ~(unsigned long)LINUX_MS_RDONLY;
		err = ext2_write_super(es);
	} else if ((flags & LINUX_MS_RDONLY) && !was_ro) {
		err = ext2_sync_fs(sb);
		es->s.s_state = es->mount_state | (es->s.s_state & LINUX_EXT2_ERROR_FS);
		if (!err)
			err = ext2_write_super(es);
		sb->flags |= LINUX_MS_RDONLY;
	}
	return err;
}

/*
 * The last mount went (deactivate_super): write everything back, mark the
 * volume clean again, and let go of the in-core state. The VFS frees the
 * dentry tree afterwards; the inodes it still holds are detached from ext2
 * here (and written back by the sync before), so their eviction is a no-op.
 */
static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb *es = EXT2_SB(sb);

	if (sb->root)
		d_prune(sb->root);
	if (!ext2_rdonly(es)) {
		ext2_sync_fs(sb);
		es->s.s_state = es->mount_state | (es->s.s_state & LINUX_EXT2_ERROR_FS);
		ext2_write_super(es);
		if (es->bd->ops->flush)
			es->bd->ops->flush(es->bd);
	}
	ext2_forget_inodes(es);
	free_es(es);
	sb->priv = NULL;
}

static int ext2_write_inode_op(struct inode *inode)
{
	return ext2_write_inode(inode);
}

static const struct super_ops ext2_sops = {
	.sync_fs = ext2_sync_fs,
	.statfs = ext2_statfs,
	.remount = ext2_remount,
	.put_super = ext2_put_super,
	.evict_inode = ext2_evict_inode,
	.write_inode = ext2_write_inode_op,
};

static struct fs_type ext2_fs_type = {
	.name = "ext2",
	.requires_dev = true,
	.mount = ext2_mount,
};

int ext2_init(void)
{
	return get_fs_type("ext2") ? 0 : register_filesystem(&ext2_fs_type);
}
