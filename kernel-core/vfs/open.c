/*
 * Opening files: the open(2) state machine (create, truncate, the checks
 * and their errno order), struct file lifetime, and the small accessors
 * the rest of the kernel uses (file_mode, file_size, file_get_page,
 * kernel_open).
 *
 * A file holds references on its inode and dentry; the last file_put calls
 * the release op. Runs under the big kernel lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/locks.h>
#include <umk/poll.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

/* Status flags an open file keeps (F_GETFL); the rest act at open time only. */
#define KEEP_FLAGS (LINUX_O_ACCMODE | LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_DSYNC | \
		    LINUX_O_ASYNC | LINUX_O_DIRECT | LINUX_O_LARGEFILE | LINUX_O_DIRECTORY | \
		    LINUX_O_NOFOLLOW | LINUX_O_NOATIME | LINUX_O_SYNC | LINUX_O_PATH)

/* An O_PATH file: no I/O at all (every op NULL; read and write fail EBADF). */
static const struct file_ops path_fops = { .read = NULL };

struct file *file_get(struct file *f)
{
	f->refcount++;
	return f;
}

void file_put(struct file *f)
{
	if (!f || --f->refcount > 0)
		return;
	eventpoll_release(f);
	locks_release_file(f);
	if (f->fops && f->fops->release)
		f->fops->release(f);
	if (f->f_mode & FMODE_WRITER)
		f->inode->writecount--;
	if (f->dentry)
		dput(f->dentry);
	inode_put(f->inode);
	/* last: a detached mount's super block goes with it, and the inode needs it */
	if (f->mnt)
		mnt_put(f->mnt);
	free(f);
}

static struct file *file_new(struct inode *inode, const struct file_ops *fops, unsigned flags)
{
	struct file *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->refcount = 1;
	f->f_flags = flags & KEEP_FLAGS;
	f->fops = fops;
	f->inode = inode ? inode_get(inode) : NULL;
	if (flags & LINUX_O_PATH)
		return f;
	switch (flags & LINUX_O_ACCMODE) {
	case LINUX_O_RDONLY:
		f->f_mode = FMODE_READ;
		break;
	case LINUX_O_WRONLY:
		f->f_mode = FMODE_WRITE;
		break;
	case LINUX_O_RDWR:
		f->f_mode = FMODE_READ | FMODE_WRITE;
		break;
	}
	f->f_mode |= FMODE_LSEEK | FMODE_PREAD;
	return f;
}

struct file *file_alloc_anon(struct inode *inode, const struct file_ops *fops, unsigned flags)
{
	struct file *f = file_new(inode, fops, flags);

	return f ? f : ERR_PTR(-ENOMEM);
}

void nonseekable_open(struct file *f)
{
	f->f_mode &= ~(unsigned)(FMODE_LSEEK | FMODE_PREAD);
}

struct file *file_open_path(const struct path *p, unsigned flags)
{
	struct inode *inode = p->dentry->inode;
	bool opath = flags & LINUX_O_PATH;
	struct file *f = file_new(inode, opath ? &path_fops : inode->fops, flags);
	int err;

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->dentry = dget(p->dentry);
	f->mnt = mnt_get(p->mnt);
	/* a writer of a regular file keeps it from being executed, and back */
	if ((f->f_mode & FMODE_WRITE) && LINUX_S_ISREG(inode->mode)) {
		if (inode->writecount < 0) {
			f->fops = NULL;
			file_put(f);
			return ERR_PTR(-ETXTBSY);
		}
		inode->writecount++;
		f->f_mode |= FMODE_WRITER;
	}
	if (!opath && f->fops && f->fops->open) {
		/* the op may replace f->fops (a device node finds its driver);
		 * it sees O_NOCTTY (a tty), which the file then forgets */
		f->f_flags |= flags & LINUX_O_NOCTTY;
		err = f->fops->open(inode, f);
		f->f_flags &= ~(unsigned)LINUX_O_NOCTTY;
		if (err) {
			f->fops = NULL;
			file_put(f);
			return ERR_PTR(err);
		}
	}
	if (!f->fops)
		f->fops = &path_fops;
	return f;
}

/* The permission an open asks for (open(2)): read, write, and write to truncate. */
static int open_mask(unsigned flags)
{
	int mask = 0;

	switch (flags & LINUX_O_ACCMODE) {
	case LINUX_O_RDONLY:
		mask = LINUX_R_OK;
		break;
	case LINUX_O_WRONLY:
		mask = LINUX_W_OK;
		break;
	default:
		mask = LINUX_R_OK | LINUX_W_OK;
		break;
	}
	if (flags & LINUX_O_TRUNC)
		mask |= LINUX_W_OK;
	return mask;
}

/* may_open: what the inode's type, the mount and the permissions allow. */
static int may_open(const struct path *p, unsigned flags, bool check_perm)
{
	struct inode *inode = p->dentry->inode;
	unsigned acc = flags & LINUX_O_ACCMODE;
	unsigned type = inode->mode & LINUX_S_IFMT;
	int err;

	if (LINUX_S_ISLNK(inode->mode))
		return (flags & LINUX_O_PATH) ? 0 : -ELOOP;
	if ((flags & LINUX_O_DIRECTORY) && !LINUX_S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (flags & LINUX_O_PATH)
		return 0;
	if (LINUX_S_ISDIR(inode->mode) && (acc != LINUX_O_RDONLY || (flags & LINUX_O_TRUNC)))
		return -EISDIR;
	/* devices on a nodev mount cannot be opened at all */
	if ((type == LINUX_S_IFCHR || type == LINUX_S_IFBLK) && mnt_may_dev(p->mnt))
		return -EACCES;
	/* writing a file (not a device or fifo) through a read-only mount */
	if ((open_mask(flags) & LINUX_W_OK) && (type == LINUX_S_IFREG || type == LINUX_S_IFDIR)) {
		err = mnt_want_write(p->mnt);
		if (err)
			return err;
	}
	if (!check_perm)
		return 0;
	err = inode_permission(inode, open_mask(flags), false);
	if (!err && (flags & LINUX_O_NOATIME) && !inode_owner_or_root(inode))
		err = -EPERM;	/* O_NOATIME is the owner's (or CAP_FOWNER's) */
	return err;
}

/* A new file may go in dir: its mount is writable, and one may write and search dir. */
static int may_create_in(const struct path *dir)
{
	int err = mnt_want_write(dir->mnt);

	return err ? err : inode_permission(dir->dentry->inode, LINUX_W_OK | LINUX_X_OK, false);
}

/* The mode of a new regular file asked for with mode, less the umask. */
static unsigned new_file_mode(unsigned mode)
{
	return LINUX_S_IFREG | (mode & 07777 & ~(current ? fs_umask(current->fs) : 0));
}

/* Create the regular file res names (negative) in dir. */
static int open_create(struct path *dir, struct path *res, unsigned mode)
{
	struct inode *d = dir->dentry->inode;
	int err;

	if (d->nlink == 0)
		return -ENOENT;
	err = may_create_in(dir);
	if (err)
		return err;
	if (!d->iops || !d->iops->create)
		return -EACCES;
	err = d->iops->create(d, res->dentry, new_file_mode(mode), 0);
	if (!err)
		d_link(res->dentry);
	return err;
}

/*
 * O_TMPFILE: Linux's checks (it must be asked with write access, without
 * O_CREAT; the path must be a directory one may create in, on a writable
 * mount), then an unnamed regular file from the file system (EOPNOTSUPP
 * where it makes none, as Linux answers: ext2 here, and C libraries then
 * create and unlink a named file instead). Its dentry "#ino" is in no
 * directory; linkat can give it a name unless O_EXCL said never.
 */
static struct file *open_tmpfile(int dfd, const char *name, unsigned flags, unsigned mode)
{
	struct inode *dir_inode, *inode;
	struct file *f = NULL;
	struct dentry *d;
	struct path dir;
	char dname[32];
	int err;

	if ((flags & LINUX_O_CREAT) || !(open_mask(flags) & LINUX_W_OK))
		return ERR_PTR(-EINVAL);
	err = vfs_lookup(dfd, name, (flags & LINUX_O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &dir);
	if (err)
		return ERR_PTR(err);
	dir_inode = dir.dentry->inode;
	if (!LINUX_S_ISDIR(dir_inode->mode))
		err = -ENOTDIR;
	else if (!(err = may_create_in(&dir)) && (!dir_inode->iops || !dir_inode->iops->tmpfile))
		err = -EOPNOTSUPP;
	if (err)
		goto out;
	inode = dir_inode->iops->tmpfile(dir_inode, new_file_mode(mode));
	if (IS_ERR(inode)) {
		err = (int)PTR_ERR(inode);
		goto out;
	}
	inode->linkable = !(flags & LINUX_O_EXCL);
	snprintf(dname, sizeof(dname), "#%llu", (unsigned long long)inode->ino);
	d = d_alloc(dir.dentry, dname, strlen(dname));
	if (!d) {
		inode_put(inode);
		err = -ENOMEM;
		goto out;
	}
	d_instantiate(d, inode);
	f = file_open_path(&(struct path){ dir.mnt, d }, flags & ~(unsigned)LINUX_O_EXCL);
	dput(d);
out:
	path_put(&dir);
	return err ? ERR_PTR(err) : f;
}

/*
 * open(2). check_perm: the read/write permission check of an open (a new
 * file and kernel opens skip it; exec checks execute permission itself).
 */
static struct file *do_open(int dfd, const char *name, unsigned flags, unsigned mode,
			    bool check_perm)
{
	struct path dir, res;
	enum last_type type;
	bool created = false, slash;
	struct inode *inode;
	struct file *f;
	int err;

	if ((flags & LINUX_O_TMPFILE) == LINUX_O_TMPFILE)
		return open_tmpfile(dfd, name, flags, mode);
	if ((flags & (LINUX_O_CREAT | LINUX_O_DIRECTORY)) == (LINUX_O_CREAT | LINUX_O_DIRECTORY))
		return ERR_PTR(-EINVAL);
	if (flags & LINUX_O_PATH)
		flags &= LINUX_O_PATH | LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW | LINUX_O_CLOEXEC;
	err = vfs_open_lookup(dfd, name, flags, &dir, &res, &type, &slash);
	if (err)
		return ERR_PTR(err);
	if (!res.dentry->inode) {
		err = open_create(&dir, &res, mode);
		created = !err;
	} else if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL)) {
		err = -EEXIST;
	} else if ((flags & LINUX_O_CREAT) && LINUX_S_ISDIR(res.dentry->inode->mode)) {
		err = -EISDIR;
	}
	if (err)
		goto out_put_paths;
	inode = res.dentry->inode;
	if (slash && !LINUX_S_ISDIR(inode->mode))
		err = -ENOTDIR;
	else
		err = may_open(&res, flags, check_perm && !created);
	if (err)
		goto out_put_paths;
	if ((flags & LINUX_O_TRUNC) && !(flags & LINUX_O_PATH) && LINUX_S_ISREG(inode->mode) &&
	    !created) {
		err = inode->writecount < 0 ? -ETXTBSY : vfs_truncate_inode(inode, 0);
		if (err)
			goto out_put_paths;
		inode_touch_mtime(inode);
	}
	f = file_open_path(&res, flags);
	path_put(&res);
	path_put(&dir);
	return f;

out_put_paths:
	path_put(&res);
	path_put(&dir);
	return ERR_PTR(err);
}

struct file *vfs_open(int dfd, const char *name, unsigned flags, unsigned mode)
{
	return do_open(dfd, name, flags, mode, true);
}

struct file *kernel_open(const char *path, unsigned flags, unsigned mode)
{
	return do_open(LINUX_AT_FDCWD, path, flags | LINUX_O_LARGEFILE, mode, false);
}

int file_deny_write(struct file *f)
{
	if (!f->inode)
		return 0;
	if (f->inode->writecount > 0)
		return -ETXTBSY;
	f->inode->writecount--;
	return 0;
}

void file_allow_write(struct file *f)
{
	if (f->inode)
		f->inode->writecount++;
}

unsigned file_mode(const struct file *f)
{
	return f->inode ? f->inode->mode : 0;
}

uint64_t file_size(const struct file *f)
{
	return f->inode ? f->inode->size : 0;
}

int file_permission(struct file *f, int mask)
{
	return f->inode ? inode_permission(f->inode, mask, false) : -EACCES;
}

int file_get_page(struct file *f, uint64_t index, pfn_t *pfn)
{
	struct inode *inode = f->inode;
	int err;

	if (!inode || !LINUX_S_ISREG(inode->mode))
		return -ENODEV;
	if (index >= PAGE_ALIGN(inode->size) >> PAGE_SHIFT)
		return -ENXIO;
	err = page_cache_get(inode, index, pfn);
	if (err)
		return err;
	frame_get(*pfn);
	return 0;
}

int file_cached_page(struct file *f, uint64_t index, pfn_t *pfn)
{
	struct inode *inode = f->inode;

	if (!inode || !LINUX_S_ISREG(inode->mode) ||
	    index >= PAGE_ALIGN(inode->size) >> PAGE_SHIFT)
		return -ENOENT;
	*pfn = page_cache_lookup(&inode->pages, index);
	if (!*pfn)
		return -ENOENT;
	frame_get(*pfn);
	return 0;
}

void file_page_mkwrite(struct file *f, uint64_t index)
{
	struct inode *inode = f->inode;

	if (inode && inode->sb->aops)
		page_cache_set_dirty(&inode->pages, index);
}
