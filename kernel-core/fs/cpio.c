/*
 * The initramfs: unpacking a cpio "newc" archive into the root tmpfs.
 *
 * Format (the kernel's buffer-format.txt, cpio(5)): each entry is a
 * 110-byte header of the magic "070701" (or "070702", with checksum) and
 * thirteen 8-digit hex fields, the NUL-terminated name, padding to 4 bytes,
 * the data, padding to 4 bytes. "TRAILER!!!" ends an archive; several may
 * follow each other with zero padding between them.
 *
 * The whole buffer is validated first, so a corrupt archive changes
 * nothing: a bad field, a size past the end or a missing trailer is
 * reported with its offset and refused with -EINVAL. Then entries are
 * applied in order, as Linux does: an entry replaces what is at its path
 * (a directory over a directory only updates it), regular files with
 * nlink > 1 and the same inode number become hard links, and directory
 * times are set last, once nothing is created in them any more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/printk.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

#define HDR_LEN 110
#define NR_FIELDS 13
#define ALIGN4(x) (((x) + 3) & ~(size_t)3)

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
       F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

static const char *const field_names[NR_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor",
	"devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

struct entry {
	uint32_t f[NR_FIELDS];
	const char *name;
	const char *body;	/* filesize bytes */
	size_t next;		/* offset of what follows */
};

static bool parse_hex(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static int corrupt(size_t off, const char *what)
{
	printk("initramfs: corrupt cpio archive at offset %zu: %s\n", off, what);
	return -EINVAL;
}

/* Parse and check the entry at off. 0 or -EINVAL (after saying why). */
static int parse_entry(const char *data, size_t len, size_t off, struct entry *e)
{
	size_t name_off, body_off;
	uint32_t size;
	char msg[64];

	if (len - off < HDR_LEN)
		return corrupt(off, "truncated header");
	if (memcmp(data + off, "070701", 6) && memcmp(data + off, "070702", 6))
		return corrupt(off, "bad magic (not a newc archive)");
	for (int i = 0; i < NR_FIELDS; i++) {
		if (!parse_hex(data + off + 6 + 8 * i, &e->f[i])) {
			snprintf(msg, sizeof(msg), "bad hex digit in field c_%s", field_names[i]);
			return corrupt(off + 6 + 8 * (size_t)i, msg);
		}
	}
	size = e->f[F_NAMESIZE];
	if (size == 0 || size > PATH_MAX)
		return corrupt(off, "bad name size");
	name_off = off + HDR_LEN;
	if (size > len - name_off)
		return corrupt(name_off, "name runs past the end");
	e->name = data + name_off;
	if (e->name[size - 1] != '\0' || memchr(e->name, 0, size - 1))
		return corrupt(name_off, "name is not one NUL-terminated string");
	body_off = ALIGN4(name_off + size);
	if (body_off > len || e->f[F_FILESIZE] > len - body_off)
		return corrupt(body_off, "file data runs past the end");
	e->body = data + body_off;
	e->next = ALIGN4(body_off + e->f[F_FILESIZE]);
	if (e->next > len)
		return corrupt(body_off + e->f[F_FILESIZE], "padding runs past the end");
	if (LINUX_S_ISLNK(e->f[F_MODE]) && (e->f[F_FILESIZE] == 0 || e->f[F_FILESIZE] >= PATH_MAX))
		return corrupt(body_off, "bad symlink target size");
	return 0;
}

/*
 * Walk the archive(s), calling apply (if not NULL) per entry. Returns 0 or
 * -EINVAL for a corrupt archive.
 */
static int walk(const char *data, size_t len, void (*apply)(const struct entry *e, void *arg),
		void *arg)
{
	bool ended = false;
	size_t off = 0;
	struct entry e;
	int err;

	for (;;) {
		if (ended) {
			/* zero padding may follow a trailer, then another archive */
			while (off < len && data[off] == '\0')
				off++;
			if (off == len)
				return 0;
			off &= ~(size_t)3;	/* archives start 4-byte aligned */
		} else if (off == len) {
			return corrupt(off, "archive ends without a TRAILER!!! entry");
		}
		err = parse_entry(data, len, off, &e);
		if (err)
			return err;
		ended = !strcmp(e.name, "TRAILER!!!");
		if (!ended && apply)
			apply(&e, arg);
		off = e.next;
	}
}

/* --- applying entries ---------------------------------------------------- */

struct hardlink {
	uint32_t ino, major, minor;
	struct dentry *d;
};

struct dir_time {
	struct dentry *d;
	int64_t mtime;
};

struct unpack {
	struct hardlink *links;
	size_t nr_links;
	struct dir_time *dirs;
	size_t nr_dirs;
};

static void *grow(void *arr, size_t n, size_t size)
{
	/* double at powers of two */
	if (n & (n - 1))
		return arr;
	return realloc(arr, (n ? 2 * n : 8) * size);
}

static void set_attrs(struct unpack *u, struct dentry *d, const struct entry *e)
{
	struct inode *inode = d->inode;
	struct dir_time *dirs;

	inode->mode = (inode->mode & LINUX_S_IFMT) | (e->f[F_MODE] & 07777);
	inode->uid = e->f[F_UID];
	inode->gid = e->f[F_GID];
	inode->mtime.tv_sec = inode->atime.tv_sec = e->f[F_MTIME];
	inode->mtime.tv_nsec = inode->atime.tv_nsec = 0;
	if (!LINUX_S_ISDIR(inode->mode))
		return;
	dirs = grow(u->dirs, u->nr_dirs, sizeof(*dirs));
	if (!dirs)
		return;
	u->dirs = dirs;
	u->dirs[u->nr_dirs].d = dget(d);
	u->dirs[u->nr_dirs++].mtime = e->f[F_MTIME];
}

/* Remove what is in the way of a new entry. 0, or -errno to skip the entry. */
static int remove_old(struct dentry *parent, struct dentry *old)
{
	struct inode *dir = parent->inode;
	int err;

	if (LINUX_S_ISDIR(old->inode->mode))
		err = dir->iops->rmdir ? dir->iops->rmdir(dir, old) : -EPERM;
	else
		err = dir->iops->unlink ? dir->iops->unlink(dir, old) : -EPERM;
	if (!err)
		d_unlink(old);
	return err;
}

static struct dentry *find_hardlink(struct unpack *u, const struct entry *e)
{
	for (size_t i = 0; i < u->nr_links; i++) {
		struct hardlink *h = &u->links[i];

		if (h->ino == e->f[F_INO] && h->major == e->f[F_DEVMAJOR] &&
		    h->minor == e->f[F_DEVMINOR])
			return h->d;
	}
	return NULL;
}

static void remember_hardlink(struct unpack *u, const struct entry *e, struct dentry *d)
{
	struct hardlink *links = grow(u->links, u->nr_links, sizeof(*links));

	if (!links)
		return;
	u->links = links;
	u->links[u->nr_links++] = (struct hardlink){
		e->f[F_INO], e->f[F_DEVMAJOR], e->f[F_DEVMINOR], dget(d),
	};
}

/* Make the regular file, or a hard link to an earlier one, and fill it. */
static struct dentry *make_file(struct unpack *u, const struct path *parent, const char *last,
				const struct entry *e)
{
	struct dentry *first = e->f[F_NLINK] > 1 ? find_hardlink(u, e) : NULL;
	struct inode *dir = parent->dentry->inode;
	struct path p = { parent->mnt, NULL };
	struct iov_iter it;
	struct file *f;
	uint64_t pos = 0;
	long r;

	if (first) {
		p.dentry = d_alloc(parent->dentry, last, strlen(last));
		if (!p.dentry)
			return ERR_PTR(-ENOMEM);
		r = dir->iops->link(first, dir, p.dentry);
		if (r) {
			dput(p.dentry);
			return ERR_PTR(r);
		}
		d_link(p.dentry);
	} else {
		p.dentry = vfs_create_child(parent->dentry, last, LINUX_S_IFREG | 0600, 0, NULL);
		if (IS_ERR(p.dentry))
			return p.dentry;
		if (e->f[F_NLINK] > 1)
			remember_hardlink(u, e, p.dentry);
	}
	if (!e->f[F_FILESIZE])
		return p.dentry;
	f = file_open_path(&p, LINUX_O_WRONLY);
	r = IS_ERR(f) ? PTR_ERR(f) : vfs_truncate_inode(f->inode, 0);
	if (!r) {
		iov_iter_kernel(&it, (void *)e->body, e->f[F_FILESIZE]);
		r = vfs_write(f, &it, &pos);
		r = r == (long)e->f[F_FILESIZE] ? 0 : (r < 0 ? r : -ENOSPC);
	}
	if (!IS_ERR(f))
		file_put(f);
	if (r) {
		dput(p.dentry);
		return ERR_PTR(r);
	}
	return p.dentry;
}

static struct dentry *make_entry(struct unpack *u, const struct path *parent, const char *last,
				 const struct entry *e)
{
	unsigned mode = e->f[F_MODE];
	uint64_t rdev = LINUX_MKDEV(e->f[F_RDEVMAJOR], e->f[F_RDEVMINOR]);
	char *target;
	struct dentry *d;

	switch (mode & LINUX_S_IFMT) {
	case LINUX_S_IFREG:
		return make_file(u, parent, last, e);
	case LINUX_S_IFDIR:
		return vfs_create_child(parent->dentry, last, LINUX_S_IFDIR | 0700, 0, NULL);
	case LINUX_S_IFLNK:
		target = strndup(e->body, e->f[F_FILESIZE]);
		if (!target)
			return ERR_PTR(-ENOMEM);
		d = vfs_create_child(parent->dentry, last, LINUX_S_IFLNK | 0777, 0, target);
		free(target);
		return d;
	case LINUX_S_IFCHR:
	case LINUX_S_IFBLK:
	case LINUX_S_IFIFO:
	case LINUX_S_IFSOCK:
		return vfs_create_child(parent->dentry, last, (mode & LINUX_S_IFMT) | 0600, rdev,
					NULL);
	default:
		return ERR_PTR(-EINVAL);
	}
}

static void apply_entry(const struct entry *e, void *arg)
{
	struct unpack *u = arg;
	char *path = malloc(strlen(e->name) + 2);
	struct dentry *old, *d;
	struct path parent;
	enum last_type type;
	const char *last;
	size_t len;
	bool slash;
	int err;

	if (!path)
		return;
	path[0] = '/';
	strcpy(path + 1, e->name);
	err = vfs_lookup_parent(LINUX_AT_FDCWD, path, &parent, &last, &len, &type, &slash);
	if (err)
		goto out_warn;
	if (type != LAST_NORM) {
		/* ".": the root itself takes the entry's mode and owner */
		if (LINUX_S_ISDIR(e->f[F_MODE]) && LINUX_S_ISDIR(parent.dentry->inode->mode))
			set_attrs(u, parent.dentry, e);
		goto out_parent;
	}
	old = d_lookup(parent.dentry, last, len);
	if (IS_ERR(old)) {
		err = (int)PTR_ERR(old);
		goto out_parent_warn;
	}
	if (old && LINUX_S_ISDIR(old->inode->mode) && LINUX_S_ISDIR(e->f[F_MODE])) {
		set_attrs(u, old, e);
		dput(old);
		goto out_parent;
	}
	if (old) {
		err = remove_old(parent.dentry, old);
		dput(old);
		if (err)
			goto out_parent_warn;
	}
	d = make_entry(u, &parent, last, e);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto out_parent_warn;
	}
	set_attrs(u, d, e);
	dput(d);
out_parent:
	path_put(&parent);
	free(path);
	return;
out_parent_warn:
	path_put(&parent);
out_warn:
	printk("initramfs: skipping %s: %s\n", e->name, errno_text(err));
	free(path);
}

int initramfs_unpack(const void *data, size_t len)
{
	struct unpack u = { 0 };
	int err = walk(data, len, NULL, NULL);

	if (err)
		return err;
	walk(data, len, apply_entry, &u);
	for (size_t i = 0; i < u.nr_dirs; i++) {
		u.dirs[i].d->inode->mtime.tv_sec = u.dirs[i].mtime;
		u.dirs[i].d->inode->mtime.tv_nsec = 0;
		dput(u.dirs[i].d);
	}
	for (size_t i = 0; i < u.nr_links; i++)
		dput(u.links[i].d);
	free(u.dirs);
	free(u.links);
	return 0;
}
