/*
 * tmpfs: a file system that lives entirely in the VFS caches.
 *
 * Directories are the dentry tree (the VFS links and unlinks names around
 * these ops), regular files are their page cache, symlink targets are a
 * string on the inode. The ops here only make inodes and keep link counts,
 * sizes and times right: a directory's nlink is 2 plus its subdirectories,
 * and its size counts 20 bytes per entry, as Linux's tmpfs reports.
 * Used for the root (rootfs), for devtmpfs, and by mount -t tmpfs, whose
 * options (size=, nr_inodes=, mode=, uid=, gid=) bound the blocks and
 * inodes as Linux's shmem does. Big kernel lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>

#define BOGO_DIRENT_SIZE 20

static const struct inode_ops tmpfs_dir_iops;
static const struct inode_ops tmpfs_symlink_iops;

/* A mounted tmpfs's limits (sb->priv); NULL for the internal ones. */
struct tmpfs_info {
	uint64_t max_blocks;	/* pages; 0: no limit */
	unsigned mode;
	uint32_t uid, gid;
	bool size_set, inodes_set;
};

static uint64_t tree_pages(const struct dentry *d)
{
	const struct dentry *c;
	uint64_t n = 0;

	if (d->inode && LINUX_S_ISREG(d->inode->mode))
		n += d->inode->pages.nr_pages;
	list_for_each_entry(c, &d->children, child)
		n += tree_pages(c);
	return n;
}

/* Pages the tmpfs of sb uses (files reachable by name). */
static uint64_t tmpfs_used_pages(const struct super_block *sb)
{
	return tree_pages(sb->root);
}

/* Writes stop at the size= limit: a short write, then ENOSPC. */
static long tmpfs_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct tmpfs_info *ti = f->inode->sb->priv;
	size_t count = iov_iter_count(from), allowed = count;
	uint64_t start, used, end, fits;
	long r;

	if (!ti || !ti->max_blocks || !count)
		return page_cache_write(f, from, pos);
	start = (f->f_flags & LINUX_O_APPEND) ? f->inode->size : *pos;
	used = tmpfs_used_pages(f->inode->sb);
	fits = ti->max_blocks > used ? ti->max_blocks - used : 0;
	/* pages already in the cache cost nothing: count the new ones only */
	for (uint64_t i = start >> PAGE_SHIFT; i <= (start + count - 1) >> PAGE_SHIFT; i++) {
		if (page_cache_lookup(&f->inode->pages, i))
			continue;
		if (!fits) {
			end = i << PAGE_SHIFT;
			if (end <= start)
				return -ENOSPC;
			allowed = (size_t)(end - start);
			break;
		}
		fits--;
	}
	from->count = allowed;
	r = page_cache_write(f, from, pos);
	from->count += count - allowed;
	return r;
}

/*
 * fallocate(2) as Linux's tmpfs: zeroed pages over the range up to the
 * size the file will have (growing it unless KEEP_SIZE; pages past the end
 * are not kept), within the size= limit; or a hole punched.
 */
static long tmpfs_fallocate(struct file *f, int mode, uint64_t off, uint64_t len)
{
	struct inode *inode = f->inode;
	struct tmpfs_info *ti = inode->sb->priv;
	uint64_t end = off + len, size, last, missing = 0;

	if (mode & ~(LINUX_FALLOC_FL_KEEP_SIZE | LINUX_FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & LINUX_FALLOC_FL_PUNCH_HOLE) {
		page_cache_punch_hole(inode, off, end);
		return 0;
	}
	size = (mode & LINUX_FALLOC_FL_KEEP_SIZE) ? inode->size : MAX(inode->size, end);
	last = (MIN(end, size) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (uint64_t i = off >> PAGE_SHIFT; i < last; i++)
		missing += !page_cache_lookup(&inode->pages, i);
	if (ti && ti->max_blocks && tmpfs_used_pages(inode->sb) + missing > ti->max_blocks)
		return -ENOSPC;
	for (uint64_t i = off >> PAGE_SHIFT; i < last; i++) {
		pfn_t pfn;
		int err = page_cache_get(inode, i, &pfn);

		if (err)
			return err == -ENOMEM ? -ENOSPC : err;
	}
	inode->size = size;
	return 0;
}

static const struct file_ops tmpfs_file_fops = {
	.read = page_cache_read,
	.write = tmpfs_write,
	.fallocate = tmpfs_fallocate,
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

static struct inode *tmpfs_tmpfile(struct inode *dir, unsigned mode)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, dir, mode, 0);

	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->nlink = 0;
	return inode;
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

	/* a first name (an O_TMPFILE file's) takes the slot its inode has */
	if (inode->nlink) {
		if (sb->max_inodes && sb->nr_inodes >= sb->max_inodes)
			return -ENOSPC;
		sb->nr_inodes++;
	}
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
	.tmpfile = tmpfs_tmpfile,
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
	sb->magic = LINUX_TMPFS_MAGIC;
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

/* --- mount -t tmpfs -------------------------------------------------------- */

/* memparse: a number with an optional k/m/g/t/p/e suffix; false if garbage. */
static bool parse_size(const char *s, uint64_t *out, bool percent_ok, bool *percent)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);

	if (end == s || *s == '-')
		return false;
	*percent = false;
	switch (*end) {
	case 'e': case 'E': v <<= 10; /* fall through */
	case 'p': case 'P': v <<= 10; /* fall through */
	case 't': case 'T': v <<= 10; /* fall through */
	case 'g': case 'G': v <<= 10; /* fall through */
	case 'm': case 'M': v <<= 10; /* fall through */
	case 'k': case 'K': v <<= 10;
		end++;
		break;
	case '%':
		if (!percent_ok)
			return false;
		*percent = true;
		end++;
		break;
	}
	if (*end)
		return false;
	*out = v;
	return true;
}

static bool parse_uint(const char *s, int base, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-')
		return false;
	v = strtoull(s, &end, base);
	if (*end || v > max)
		return false;
	*out = v;
	return true;
}

/* shmem's option parser: EINVAL for an unknown option or a bad value. */
static int tmpfs_parse(char *data, struct tmpfs_info *ti, uint64_t *max_inodes)
{
	char *opt, *next;

	for (opt = data; opt && *opt; opt = next) {
		char *val = strchr(opt, '=');
		uint64_t v;
		bool pct;

		next = strchr(opt, ',');
		if (next)
			*next++ = '\0';
		if (!*opt)
			continue;
		if (val)
			*val++ = '\0';
		if (!val) {
			if (strcmp(opt, "inode64") && strcmp(opt, "inode32") &&
			    strcmp(opt, "noswap"))
				return -EINVAL;
			continue;
		}
		if (strcmp(opt, "size") == 0) {
			if (!parse_size(val, &v, true, &pct))
				return -EINVAL;
			if (pct)
				v = frame_total() * PAGE_SIZE / 100 * v;
			ti->max_blocks = (v + PAGE_SIZE - 1) / PAGE_SIZE;
			ti->size_set = true;
		} else if (strcmp(opt, "nr_blocks") == 0) {
			if (!parse_size(val, &v, false, &pct))
				return -EINVAL;
			ti->max_blocks = v;
			ti->size_set = true;
		} else if (strcmp(opt, "nr_inodes") == 0) {
			if (!parse_size(val, &v, false, &pct))
				return -EINVAL;
			*max_inodes = v;
			ti->inodes_set = true;
		} else if (strcmp(opt, "mode") == 0) {
			if (!parse_uint(val, 8, 0xffffffffULL, &v))
				return -EINVAL;
			ti->mode = (unsigned)v & 07777;
		} else if (strcmp(opt, "uid") == 0 || strcmp(opt, "gid") == 0) {
			if (!parse_uint(val, 10, 0xfffffffeULL, &v))
				return -EINVAL;
			if (opt[0] == 'u')
				ti->uid = (uint32_t)v;
			else
				ti->gid = (uint32_t)v;
		} else if (strcmp(opt, "huge") == 0 || strcmp(opt, "mpol") == 0) {
			continue;
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

/* The options /proc/mounts shows (shmem_show_options): those not default. */
static char *tmpfs_show(const struct tmpfs_info *ti, uint64_t max_inodes)
{
	char buf[160];
	size_t n = 0;

	buf[0] = '\0';
	if (ti->size_set)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ",size=%luk",
				      (unsigned long)(ti->max_blocks * (PAGE_SIZE / 1024)));
	if (ti->inodes_set)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ",nr_inodes=%lu",
				      (unsigned long)max_inodes);
	if (ti->mode != 01777)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ",mode=%03o", ti->mode);
	if (ti->uid)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ",uid=%u", ti->uid);
	if (ti->gid)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ",gid=%u", ti->gid);
	return strdup(buf);
}

static int tmpfs_statfs(struct super_block *sb, struct linux_statfs *st)
{
	struct tmpfs_info *ti = sb->priv;
	uint64_t used = tmpfs_used_pages(sb);

	st->f_type = LINUX_TMPFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	if (ti && ti->max_blocks) {
		st->f_blocks = ti->max_blocks;
		st->f_bfree = st->f_bavail = ti->max_blocks > used ? ti->max_blocks - used : 0;
	}
	if (sb->max_inodes) {
		st->f_files = sb->max_inodes;
		st->f_ffree = sb->max_inodes - MIN(sb->nr_inodes, sb->max_inodes);
	}
	return 0;
}

static void tmpfs_put_super(struct super_block *sb)
{
	free(sb->priv);
	sb->priv = NULL;
}

static const struct super_ops tmpfs_sops = {
	.statfs = tmpfs_statfs,
	.put_super = tmpfs_put_super,
};

static struct super_block *tmpfs_mount(struct blkdev *bd, unsigned long flags, const char *data)
{
	struct tmpfs_info *ti = calloc(1, sizeof(*ti));
	uint64_t max_inodes = frame_total() / 2;
	struct super_block *sb;
	char *opts = strdup(data);
	int err;

	(void)bd;
	(void)flags;
	if (!ti || !opts) {
		free(ti);
		free(opts);
		return ERR_PTR(-ENOMEM);
	}
	ti->max_blocks = frame_total() / 2;
	ti->mode = 01777;
	err = tmpfs_parse(opts, ti, &max_inodes);
	free(opts);
	if (err) {
		free(ti);
		return ERR_PTR(err);
	}
	sb = tmpfs_create("tmpfs", ti->mode);
	if (!sb) {
		free(ti);
		return ERR_PTR(-ENOMEM);
	}
	sb->root->inode->uid = ti->uid;
	sb->root->inode->gid = ti->gid;
	sb->max_inodes = max_inodes;
	sb->priv = ti;
	sb->ops = &tmpfs_sops;
	sb->options = tmpfs_show(ti, max_inodes);
	return sb;
}

struct fs_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
};
