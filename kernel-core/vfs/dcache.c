/*
 * Dentries: names in the directory tree.
 *
 * A dentry names an inode (or nothing yet: negative) under a parent. While
 * it is linked into its parent's children list the tree holds one reference
 * on it, so for tmpfs the tree *is* the directory; a file system with a
 * backing store would add children through inode_ops.lookup. Children keep
 * the order in which they were linked, and each gets a cookie from its
 * parent's counter that getdents uses as a stable position.
 *
 * A dentry holds a reference on its parent and on its inode; the last dput
 * releases both.
 *
 * Every linked dentry is also in one hash table keyed by (parent, name), so
 * a lookup costs one bucket whatever the size of the directory. The table
 * doubles when it holds more dentries than buckets; if memory for a bigger
 * one is short it stays as it is, only slower.
 *
 * Listing such a directory (getdents64(2)): a position (f_pos, d_off) is 0
 * for ".", 1 for "..", and otherwise the cookie of the next child to list.
 * Cookies only grow within a directory, so a listing interrupted by
 * creations and removals neither repeats nor skips the entries that stayed.
 * Everything runs under the big kernel lock.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/hash.h>
#include <umk/printk.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_misc.h>

/* Cookies 0 and 1 are "." and ".." in getdents. */
#define FIRST_COOKIE 2

#define DHASH_MIN 1024	/* buckets, a power of two */

static struct list_head dhash_first[DHASH_MIN];
static struct list_head *dhash;
static size_t dhash_size, dhash_count;

static uint32_t name_hash(const struct dentry *parent, const char *name, size_t len)
{
	return hash_fold(hash_bytes(HASH_INIT ^ (uint64_t)(uintptr_t)parent, name, len));
}

static struct list_head *dhash_bucket(uint32_t h)
{
	if (!dhash) {
		for (size_t i = 0; i < DHASH_MIN; i++)
			list_init(&dhash_first[i]);
		dhash = dhash_first;
		dhash_size = DHASH_MIN;
	}
	return &dhash[h & (dhash_size - 1)];
}

static void dhash_grow(void)
{
	size_t size = dhash_size * 2;
	struct list_head *t = malloc(sizeof(*t) * size);

	if (!t)
		return;
	for (size_t i = 0; i < size; i++)
		list_init(&t[i]);
	for (size_t i = 0; i < dhash_size; i++) {
		while (!list_empty(&dhash[i])) {
			struct dentry *d = list_first_entry(&dhash[i], struct dentry, hash_link);

			list_del(&d->hash_link);
			list_add_tail(&d->hash_link, &t[d->hash & (size - 1)]);
		}
	}
	if (dhash != dhash_first)
		free(dhash);
	dhash = t;
	dhash_size = size;
}

static void dhash_add(struct dentry *d)
{
	d->hash = name_hash(d->parent, d->name, d->namelen);
	list_add_tail(&d->hash_link, dhash_bucket(d->hash));
	if (++dhash_count > dhash_size)
		dhash_grow();
}

static void dhash_del(struct dentry *d)
{
	list_del(&d->hash_link);
	dhash_count--;
}

static struct dentry *dentry_new(const char *name, size_t len)
{
	struct dentry *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->name = malloc(len + 1);
	if (!d->name) {
		free(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->namelen = len;
	d->refcount = 1;
	d->next_cookie = FIRST_COOKIE;
	list_init(&d->children);
	list_init(&d->child);
	list_init(&d->hash_link);
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = dentry_new(name, len);

	if (!d)
		return NULL;
	d->parent = dget(parent);
	d->sb = parent->sb;
	return d;
}

struct dentry *d_alloc_root(struct super_block *sb, struct inode *inode)
{
	struct dentry *d = dentry_new("/", 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->sb = sb;
	d->inode = inode;
	return d;
}

struct dentry *dget(struct dentry *d)
{
	d->refcount++;
	return d;
}

void dput(struct dentry *d)
{
	/* iterative, so a long chain of dying parents cannot overflow the stack */
	while (d && --d->refcount == 0) {
		struct dentry *parent = d->parent != d ? d->parent : NULL;

		BUG_ON(d->linked || !list_empty(&d->children));
		inode_put(d->inode);
		free(d->name);
		free(d);
		d = parent;
	}
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	BUG_ON(d->inode);
	d->inode = inode;
}

void d_link(struct dentry *d)
{
	struct dentry *parent = d->parent;

	BUG_ON(d->linked || parent == d);
	d->cookie = parent->next_cookie++;
	list_add_tail(&d->child, &parent->children);
	dhash_add(d);
	d->linked = true;
	dget(d);
}

void d_unlink(struct dentry *d)
{
	if (!d->linked)
		return;
	list_del(&d->child);
	dhash_del(d);
	d->linked = false;
	dput(d);
}

int d_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len)
{
	char *copy = malloc(len + 1);
	struct dentry *old_parent = d->parent;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	if (d->linked)
		dhash_del(d);
	free(d->name);
	d->name = copy;
	d->namelen = len;
	list_del(&d->child);
	if (new_parent != old_parent) {
		d->parent = dget(new_parent);
		dput(old_parent);
	}
	d->cookie = new_parent->next_cookie++;
	list_add_tail(&d->child, &new_parent->children);
	if (d->linked)
		dhash_add(d);
	return 0;
}

struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len)
{
	uint32_t h = name_hash(dir, name, len);
	struct dentry *d;
	int err;

	list_for_each_entry(d, dhash_bucket(h), hash_link) {
		if (d->hash != h || d->parent != dir || d->namelen != len ||
		    memcmp(d->name, name, len) != 0)
			continue;
		if (dir->inode->iops && dir->inode->iops->revalidate &&
		    !dir->inode->iops->revalidate(dir->inode, d)) {
			d_invalidate(d);	/* gone (a /proc/PID that exited): ask lookup */
			break;
		}
		return dget(d);
	}
	if (!dir->inode->iops || !dir->inode->iops->lookup)
		return NULL;
	d = d_alloc(dir, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = dir->inode->iops->lookup(dir->inode, d);
	if (err || !d->inode) {
		dput(d);
		return err ? ERR_PTR(err) : NULL;
	}
	d_link(d);
	return d;
}

static void d_unlink_children(struct dentry *d)
{
	while (!list_empty(&d->children)) {
		struct dentry *c = list_first_entry(&d->children, struct dentry, child);

		dget(c);
		d_unlink_children(c);
		d_unlink(c);
		dput(c);
	}
}

void d_invalidate(struct dentry *d)
{
	dget(d);
	d_unlink_children(d);
	d_unlink(d);
	dput(d);
}

bool d_unlinked(const struct dentry *d)
{
	return d->parent != d && !d->linked;
}

void d_prune(struct dentry *root)
{
	struct dentry *d = root;
	struct list_head *pos = root->children.next;

	/* depth-first without recursion: pos is the next child of d to visit */
	for (;;) {
		struct dentry *up;

		if (pos != &d->children) {
			struct dentry *c = list_entry(pos, struct dentry, child);

			if (!list_empty(&c->children)) {
				d = c;
				pos = c->children.next;
				continue;
			}
			pos = pos->next;
			if (c->refcount == 1 && !c->mounted)
				d_unlink(c);
			continue;
		}
		if (d == root)
			return;
		up = d->parent;
		pos = d->child.next;
		if (d->refcount == 1 && !d->mounted && list_empty(&d->children))
			d_unlink(d);
		d = up;
	}
}

/* --- listing ------------------------------------------------------------ */

#define DIRENT_ALIGN 8

bool dir_emit(struct dir_ctx *ctx, const char *name, size_t len, uint64_t ino,
	      unsigned mode, uint64_t next)
{
	char rec[offsetof(struct linux_dirent64, d_name) + NAME_MAX + 1 + DIRENT_ALIGN];
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
	size_t reclen = offsetof(struct linux_dirent64, d_name) + len + 1;

	reclen = (reclen + DIRENT_ALIGN - 1) & ~(size_t)(DIRENT_ALIGN - 1);
	if (len > NAME_MAX)
		return true;	/* cannot happen for names the VFS made; skip */
	if (ctx->used + reclen > ctx->len) {
		if (!ctx->used)
			ctx->err = -EINVAL;	/* getdents64(2): buffer too small */
		return false;
	}
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = (int64_t)next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = (uint8_t)((mode & LINUX_S_IFMT) >> 12);
	memcpy(d->d_name, name, len);
	if (copy_to_user(ctx->buf + ctx->used, rec, reclen)) {
		ctx->err = -EFAULT;
		return false;
	}
	ctx->used += reclen;
	ctx->pos = next;
	return true;
}

long dir_emit_end(struct file *f, const struct dir_ctx *ctx, long err)
{
	f->f_pos = ctx->pos;
	if (ctx->used)
		return (long)ctx->used;
	return ctx->err ? ctx->err : err;
}

long dcache_getdents(struct file *f, uaddr_t buf, size_t len)
{
	struct dentry *dir = f->dentry, *c;
	struct dir_ctx ctx = { .buf = buf, .len = len, .pos = f->f_pos };

	if (ctx.pos == 0 && !dir_emit(&ctx, ".", 1, dir->inode->ino, LINUX_S_IFDIR, 1))
		goto done;
	/* ".." of a file system's root is itself, as in dcache_readdir */
	if (ctx.pos == 1 &&
	    !dir_emit(&ctx, "..", 2, dir->parent->inode->ino, LINUX_S_IFDIR, 2))
		goto done;
	list_for_each_entry(c, &dir->children, child) {
		if (c->cookie < ctx.pos)
			continue;
		if (!dir_emit(&ctx, c->name, c->namelen, c->inode->ino, c->inode->mode,
			      c->cookie + 1))
			break;
	}
done:
	inode_touch_atime(dir->inode);
	return dir_emit_end(f, &ctx, 0);
}

long dcache_dir_llseek(struct file *f, int64_t off, int whence)
{
	long r;

	if (whence != LINUX_SEEK_SET && whence != LINUX_SEEK_CUR)
		return -EINVAL;
	r = generic_llseek(f, off, whence, 0);
	return r == -EOVERFLOW ? -EINVAL : r;	/* no size, no EOVERFLOW */
}
