/*
 * The VFS seen from inside: inodes, dentries, super blocks, mounts, path
 * walking, the per-process fd table and fs context, and the operations that
 * file systems (fs/) implement and syscalls (sys/) call.
 *
 * Directories of tmpfs-like file systems live in the dentry tree itself:
 * a linked dentry is a directory entry, and the tree holds one reference on
 * it. A file system with a backing store fills the tree through
 * inode_ops.lookup. Everything runs under the big kernel lock.
 */
#ifndef UMK_VFS_INTERNAL_H
#define UMK_VFS_INTERNAL_H

#include <umk/uaccess.h>
#include <umk/vfs.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_fs.h>

#define NAME_MAX 255
#define MAXSYMLINKS 40
/* Largest byte count one read or write moves, as on Linux (INT_MAX & PAGE_MASK). */
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)
#define MAX_FILE_SIZE INT64_MAX

/* struct file.f_mode */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4
#define FMODE_PREAD 0x8	/* pread and pwrite allowed */
#define FMODE_WRITER 0x10	/* counted in inode->writecount */

/* --- page cache ------------------------------------------------------ */

/*
 * A sparse index of frames by page number: a radix tree of 64-way nodes
 * whose height grows with the largest index, so a file with a page at 1 TiB
 * costs a handful of nodes, not a table proportional to its size. Holds one
 * frame reference per present page.
 */
struct page_cache {
	void *root;
	unsigned height;	/* 0: empty; h covers indices < 64^h */
	uint64_t nr_pages;
	uint64_t nr_dirty;	/* pages waiting for writepage (backing stores) */
	/* on the reclaim list while it holds pages of a backing store (next: NULL if not) */
	struct list_head lru;
};

/* --- inodes ------------------------------------------------------------ */

struct path;

struct inode_ops {
	/*
	 * Directory operations. The VFS has checked names, permissions and
	 * existence, and links or unlinks the dentry itself when the op
	 * succeeds. A NULL op answers -EPERM (create: -EACCES), as Linux.
	 */
	/* regular files, devices, fifos, sockets (mode has the type); fills d->inode */
	int (*create)(struct inode *dir, struct dentry *d, unsigned mode, uint64_t rdev);
	/* O_TMPFILE: a new regular inode of mode with no name (nlink 0), or ERR_PTR. */
	struct inode *(*tmpfile)(struct inode *dir, unsigned mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, unsigned mode);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/* target, if it exists, has been checked; the op drops its link */
	int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir,
		      struct dentry *nd);
	/*
	 * Optional, for file systems with a backing store: fill in the child
	 * called d->name (d_instantiate) or leave it negative (0). tmpfs has
	 * none: the linked children are the whole directory.
	 */
	int (*lookup)(struct inode *dir, struct dentry *d);
	/* symlinks: the target, owned by the inode, or ERR_PTR */
	const char *(*get_link)(struct inode *inode);
	/* size change beyond the page cache (disk blocks); optional */
	int (*setsize)(struct inode *inode, uint64_t size);
	/*
	 * Optional, for directories whose children come and go by themselves
	 * (procfs): is the cached child d still valid? false drops it from
	 * the cache and d_lookup asks lookup again.
	 */
	bool (*revalidate)(struct inode *dir, struct dentry *d);
	/*
	 * Optional, for "magic" symlinks (/proc/PID/fd/N, exe, cwd): where
	 * following the link lands, as a path with a reference, instead of
	 * walking the text get_link gives. 0 or -errno.
	 */
	int (*jump)(struct inode *inode, struct path *out);
};

struct inode {
	int refcount;		/* dentries, open files */
	uint64_t ino;
	unsigned mode;		/* LINUX_S_IF* | permission bits */
	uint32_t uid, gid;
	unsigned nlink;
	uint64_t size;
	uint64_t rdev;		/* devices: LINUX_MKDEV */
	struct linux_timespec atime, mtime, ctime, btime;
	struct super_block *sb;
	const struct inode_ops *iops;
	const struct file_ops *fops;	/* what an open of this inode starts with */
	struct page_cache pages;	/* regular files */
	char *link;		/* symlink target (tmpfs) */
	uint64_t blocks;	/* st_blocks of a backing store (sb->aops); else pages */
	void *priv;		/* the file system's own (ext2: struct ext2_inode) */
	struct pipe *pipe;	/* a FIFO's or pipe's buffer while it is in use (fs/pipe.c) */
	bool linkable;		/* an O_TMPFILE file (without O_EXCL) linkat may still name */
	int writecount;		/* > 0: open for writing; < 0: being executed */
};

/*
 * A file system's whole-volume operations; every op is optional (NULL:
 * nothing to do, or the generic answer).
 */
struct linux_statfs;
struct super_ops {
	/* Write back everything dirty (sync, syncfs, umount, halt). 0 or -errno. */
	int (*sync_fs)(struct super_block *sb);
	/* Fill st (f_type, sizes, counts); the caller fills f_flags. 0 or -errno. */
	int (*statfs)(struct super_block *sb, struct linux_statfs *st);
	/* MS_RDONLY and friends changing on a mounted sb (remount). 0 or -errno. */
	int (*remount)(struct super_block *sb, unsigned long flags);
	/* Last unmount: sync, mark clean, free the private state. */
	void (*put_super)(struct super_block *sb);
	/* An inode whose last link and last reference went (free its blocks). */
	void (*evict_inode)(struct inode *inode);
	/* An inode's metadata changed (ext2: write the on-disk inode). 0 or -errno. */
	int (*write_inode)(struct inode *inode);
};

/*
 * A page-cache backing store (ext2): how a page of a regular file or slow
 * symlink comes in from and goes out to the disk. NULL aops: memory only
 * (tmpfs), a missing page is a zeroed one.
 */
struct address_space_ops {
	/* Fill the frame (already zeroed) with page index of inode. 0 or -errno. */
	int (*readpage)(struct inode *inode, uint64_t index, pfn_t pfn);
	/* Write the frame back as page index of inode. 0 or -errno (-ENOSPC, -EIO). */
	int (*writepage)(struct inode *inode, uint64_t index, pfn_t pfn);
	/* Optional readahead: n zeroed frames for pages index.. (all inside the size). */
	int (*readpages)(struct inode *inode, uint64_t index, const pfn_t *pfns, unsigned n);
	/*
	 * Optional direct I/O: npages whole pages from page index between the
	 * disk and the memory segments v (npages pages' worth), bypassing the
	 * cache; a write allocates. Pages moved, 0 (cannot), or -errno.
	 */
	long (*direct)(struct inode *inode, uint64_t index, uint64_t npages,
		       const struct kvec *v, unsigned nv, bool write);
};

/*
 * A file-system type, registered at boot (register_filesystem) and named by
 * mount(2)'s fstype. mount makes a super block for the source: bd is the
 * block device the source named, for types with requires_dev, else NULL.
 */
struct blkdev;
struct fs_type {
	const char *name;
	bool requires_dev;
	/* A new super block with its root dentry, or ERR_PTR(-errno). */
	struct super_block *(*mount)(struct blkdev *bd, unsigned long flags, const char *data);
	struct fs_type *next;
};

int register_filesystem(struct fs_type *fst);
/* The registered type called name, or NULL. */
struct fs_type *get_fs_type(const char *name);
/* Walk the registered types, latest first: NULL starts, NULL ends. */
struct fs_type *fs_type_next(struct fs_type *t);

/* Write back one super block (its sync_fs; nothing when read-only). 0 or -errno. */
int vfs_sync_sb(struct super_block *sb);
/* Write back every mounted file system, then flush every disk. First error or 0. */
int vfs_sync_all(void);
/*
 * Halt: write back every mounted file system and leave it read-only, so a
 * disk file system is marked clean as after an unmount. First error or 0.
 */
int vfs_shutdown(void);
/* Call fn on the super block of every mount (each once per mount); first error or 0. */
int mount_for_each_sb(int (*fn)(struct super_block *sb));

struct super_block {
	uint64_t dev;		/* st_dev */
	uint64_t next_ino;
	uint64_t nr_inodes;	/* live inodes */
	uint64_t max_inodes;	/* 0: no limit (tmpfs: half the frames, as Linux) */
	const char *fstype;
	struct dentry *root;
	struct mount *mnt;	/* where it is mounted (one mount per sb for now) */
	unsigned long flags;	/* LINUX_MS_RDONLY, ... */
	const struct super_ops *ops;	/* NULL: a memory file system */
	const struct address_space_ops *aops;	/* NULL: memory only */
	struct blkdev *bdev;	/* the disk, for block-backed file systems */
	unsigned blocksize;	/* st_blksize; 0: PAGE_SIZE */
	bool time_secs;		/* timestamps in whole seconds (ext2) */
	uint64_t maxbytes;	/* the largest file (Linux's s_maxbytes); 0: MAX_FILE_SIZE */
	void *priv;
	int active;		/* mounts of this sb (bind mounts share it); vfs/mount.c */
	int64_t magic;		/* statfs f_type of the generic statfs */
	const char *source;	/* mount source for /proc/mounts (owned) */
	char *options;		/* fs-specific options for /proc/mounts (owned), or NULL */
};

/* The largest file sb holds (s_maxbytes). */
static inline uint64_t sb_maxbytes(const struct super_block *sb)
{
	return sb->maxbytes ? sb->maxbytes : (uint64_t)MAX_FILE_SIZE;
}

/*
 * A new inode on sb with refcount 1, nlink 1 and all times now; NULL when
 * memory or sb's inode limit runs out (the file system says ENOSPC).
 */
struct inode *inode_alloc(struct super_block *sb, unsigned mode);
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);
/* Update timestamps to now. */
void inode_touch_mtime(struct inode *inode);	/* mtime and ctime */
void inode_touch_ctime(struct inode *inode);
void inode_touch_atime(struct inode *inode);	/* relatime rules */
/* Owner and group for a new inode made by current in dir. */
void inode_init_owner(struct inode *inode, const struct inode *dir);

/*
 * May current access inode? mask: LINUX_R_OK/W_OK/X_OK. real: use the real
 * ids instead of the fs ids (access(2) without AT_EACCESS). 0 or -EACCES.
 */
int inode_permission(const struct inode *inode, int mask, bool real);
/* Is current the owner (or root)? */
bool inode_owner_or_root(const struct inode *inode);

/* --- dentries ------------------------------------------------------------ */

struct dentry {
	int refcount;
	char *name;
	size_t namelen;
	struct dentry *parent;	/* holds a reference; a root is its own parent */
	struct inode *inode;	/* holds a reference; NULL while negative */
	struct super_block *sb;
	struct list_head children;	/* linked children, in cookie order */
	struct list_head child;		/* on parent->children while linked */
	struct list_head hash_link;	/* in the name hash while linked */
	uint32_t hash;			/* of (parent, name), while linked */
	bool linked;
	uint64_t cookie;	/* getdents position in the parent, stable */
	uint64_t next_cookie;
	unsigned mounted;	/* mounts sitting on this dentry */
};

/* A negative, unlinked child of parent named name[0..len). NULL: -ENOMEM. */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
/* A root dentry for sb holding inode (takes the reference). */
struct dentry *d_alloc_root(struct super_block *sb, struct inode *inode);
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
/* Give a negative dentry its inode (takes over the caller's reference). */
void d_instantiate(struct dentry *d, struct inode *inode);
/* Link d into its parent's children (the tree takes a reference). */
void d_link(struct dentry *d);
/* Unlink d from its parent (drops the tree's reference). */
void d_unlink(struct dentry *d);
/* Move a linked d under new_parent with a new name (rename). 0 or -ENOMEM. */
int d_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len);
/*
 * The child of dir named name: a linked dentry with a new reference,
 * NULL if there is none, or ERR_PTR (lookup op errors).
 */
struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len);
/* Unlink d and everything cached below it (a dead /proc/PID, an unmounted tree). */
void d_invalidate(struct dentry *d);
/* Unlinked: removed from its directory (or a directory that was removed). */
bool d_unlinked(const struct dentry *d);
/*
 * Drop every cached dentry under root that nothing but the tree uses (a
 * backing store's names, looked up again on demand), releasing their
 * inodes. Never use on tmpfs, whose tree is its only copy.
 */
void d_prune(struct dentry *root);

/* --- mounts and paths --------------------------------------------------- */

struct mount {
	struct mount *parent;	/* NULL for the root mount and detached ones */
	struct dentry *mountpoint;	/* in parent */
	struct dentry *root;
	struct super_block *sb;
	int id;			/* statx stx_mnt_id */
	int count;		/* paths: open files, cwd/root, walks (path_get) */
	unsigned long flags;	/* per-mount LINUX_MS_RDONLY/NOSUID/NODEV/NOEXEC/atime bits */
	bool detached;		/* umounted; freed when count drops to 0 */
	bool doomed;		/* in a subtree being detached (umount) */
	struct list_head node;	/* on the mount list while attached */
};

struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

void path_get(const struct path *p);
void path_put(struct path *p);
bool path_equal(const struct path *a, const struct path *b);

/* Mount sb's root on the directory at mountpoint. 0 or -errno. */
int vfs_mount(struct super_block *sb, const struct path *mountpoint);
/*
 * Boot: sb becomes "/" (mounted over the rootfs, which stays underneath,
 * as Linux's root= mount does). Tasks made afterwards start there. 0 or -errno.
 */
int vfs_mount_root(struct super_block *sb);
/* Free a super block nothing mounts (put_super, then its dentry tree). */
void deactivate_super(struct super_block *sb);
struct mount *mnt_get(struct mount *m);
void mnt_put(struct mount *m);
/* -EROFS when writes through m are refused (read-only mount or sb), else 0. */
int mnt_want_write(const struct mount *m);
/* -EACCES when m forbids executing (MS_NOEXEC), else 0. */
int mnt_may_exec(const struct mount *m);
/* -EACCES when m forbids device nodes (MS_NODEV), else 0. */
int mnt_may_dev(const struct mount *m);
/*
 * The mount(2)/umount2(2) operations on resolved paths (vfs/mount.c),
 * after the syscall checked privileges and flags. mnt_flags are the
 * per-mount LINUX_MS_* bits. 0 or -errno as Linux.
 */
int mount_new_fs(const struct path *mp, struct super_block *sb, unsigned long mnt_flags);
int mount_bind(const struct path *mp, const struct path *old, bool rec);
int mount_move(const struct path *mp, const struct path *old);
int mount_remount(const struct path *mp, unsigned long sb_flags, unsigned long mnt_flags,
		  bool bind);
int mount_umount(const struct path *p, int flags);
int mount_pivot(const struct path *new_root, const struct path *put_old, const struct path *root);
/* Walk the attached mounts in mount-id order: NULL starts, NULL ends. */
struct mount *mount_next(struct mount *m);
/* The path of (mnt, d) as seen from root into buf[size]; false if it does not fit. */
bool path_name(const struct path *p, const struct path *root, char *buf, size_t size);
/* The mount sitting on (mnt, d), or NULL. */
struct mount *mount_lookup(const struct mount *mnt, const struct dentry *d);
/* The root of the VFS (no reference). */
void vfs_root(struct path *out);
/* A fresh anonymous device number for a new super block (0:N). */
uint64_t anon_dev_alloc(void);

/* --- fs context ----------------------------------------------------------- */

struct fs_struct {
	int refcount;
	struct path root, pwd;	/* each holds a reference */
	unsigned umask;
};

/* Current's root and cwd, or the VFS root when there is no current task. */
void current_root(struct path *out);
void current_pwd(struct path *out);
int vfs_chdir(const struct path *p);
/* Make p current's root (chroot(2): the caller checked it). 0. */
int vfs_chroot(const struct path *p);
/* The cwd as a string into buf; length with the NUL or -errno (ERANGE, ENOENT). */
long vfs_getcwd(char *buf, size_t size);
unsigned vfs_set_umask(unsigned mask);

/* --- path walking ------------------------------------------------------- */

#define LOOKUP_FOLLOW 0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2	/* the result must be a directory */
#define LOOKUP_EMPTY 0x4	/* "" means dfd itself (AT_EMPTY_PATH) */

/* LAST_BIND: the walk ended on where a magic symlink jumped */
enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT, LAST_BIND };

struct nameidata;	/* private to namei.c */

/* Resolve name from dfd (LINUX_AT_FDCWD or an fd). *out holds a reference. */
int vfs_lookup(int dfd, const char *name, unsigned flags, struct path *out);
/* The same for a guest path string at uname, from the cwd (-EFAULT etc.). */
int user_lookup(uaddr_t uname, unsigned flags, struct path *out);

/*
 * Resolve all but the last component. On success *parent is the directory
 * (with a reference); last, len and type describe the last component, and
 * slash says it had a trailing slash. The caller path_put()s parent.
 */
int vfs_lookup_parent(int dfd, const char *name, struct path *parent,
		      const char **last, size_t *len, enum last_type *type, bool *slash);

/*
 * Open-time walk. oflags are the LINUX_O_* of the open: the last component
 * is followed if it is a symlink unless O_NOFOLLOW or O_CREAT|O_EXCL (so a
 * creating open makes the target of a dangling link), and with O_CREAT it
 * may come back negative. On success *dir is its parent and *res the last
 * component (res->dentry->inode NULL when negative), both with references;
 * *type is its kind and *slash says it had a trailing slash.
 */
int vfs_open_lookup(int dfd, const char *name, unsigned oflags, struct path *dir,
		    struct path *res, enum last_type *type, bool *slash);

/* --- open files ----------------------------------------------------------- */

/* A new open file on path with the inode's fops; calls fops->open. */
struct file *file_open_path(const struct path *p, unsigned flags);
/* Open-style flags of the *at syscalls to a file or ERR_PTR. */
struct file *vfs_open(int dfd, const char *name, unsigned flags, unsigned mode);
/* A file with no path (pipes, sockets...). Takes a reference on inode if given. */
struct file *file_alloc_anon(struct inode *inode, const struct file_ops *fops, unsigned flags);
/* Turn off lseek/pread for a device that cannot seek (call from fops->open). */
void nonseekable_open(struct file *f);

long vfs_read(struct file *f, struct iov_iter *to, uint64_t *pos);
/*
 * read/write(2) and readv/writev(2) on a guest buffer or iovec array: the
 * checks in Linux's order (EBADF for the wrong mode, EINVAL without the op,
 * EFAULT for a buffer outside user space), then the op.
 */
long vfs_read_user(struct file *f, uaddr_t buf, size_t count, uint64_t *pos);
long vfs_write_user(struct file *f, uaddr_t buf, size_t count, uint64_t *pos);
long vfs_readv_user(struct file *f, uaddr_t uiov, long iovcnt, uint64_t *pos);
long vfs_writev_user(struct file *f, uaddr_t uiov, long iovcnt, uint64_t *pos, bool sync);
long vfs_write(struct file *f, struct iov_iter *from, uint64_t *pos);
/*
 * vfs_write, durable on return when sync (RWF_SYNC/RWF_DSYNC) or when the
 * file or its mount says so (O_SYNC, O_DSYNC, MS_SYNCHRONOUS): then an
 * error of the write-back is the call's.
 */
long vfs_write_sync(struct file *f, struct iov_iter *from, uint64_t *pos, bool sync);
/* Write back f's data and its volume's metadata and flush the disk (fsync). 0 or -errno. */
int vfs_fsync_file(struct file *f);
long vfs_llseek(struct file *f, int64_t off, int whence);
long vfs_ioctl(struct file *f, int fd, unsigned cmd, uint64_t arg);
long vfs_getdents(struct file *f, uaddr_t buf, size_t len);
/*
 * sendfile and copy_file_range: up to count bytes from in at *in_pos (a
 * file that reads without blocking: regular or block device) to out at
 * *out_pos, both advanced by what was written. Bytes moved (possibly
 * short), or -errno when none were; a blocking out that takes nothing yet
 * sleeps (-ERESTART_WAIT) with nothing consumed.
 */
long vfs_transfer(struct file *in, uint64_t *in_pos, struct file *out, uint64_t *out_pos,
		  size_t count);
/* The generic seek on a size (SEEK_SET/CUR/END/DATA/HOLE). */
long generic_llseek(struct file *f, int64_t off, int whence, uint64_t size);
/* A read op for directories: -EISDIR. */
long read_dir_eisdir(struct file *f, struct iov_iter *to, uint64_t *pos);

/* --- fd table ------------------------------------------------------------ */

struct files {
	int refcount;
	unsigned size;		/* slots in fd[] */
	struct file **fd;
	uint8_t *cloexec;	/* one flag per slot */
};

/* Install f at the lowest free fd >= min. fd or -EMFILE / -EINVAL. */
int fd_alloc_from(struct file *f, int min, bool cloexec);
/* Put f at fd, closing what was there. fd or -EBADF (past RLIMIT_NOFILE). */
int fd_replace(int fd, struct file *f, bool cloexec);
int fd_close(int fd);
/* Close-on-exec flag of fd: 0/1, or -EBADF. */
int fd_get_cloexec(int fd);
int fd_set_cloexec(int fd, bool on);
/* close_range(2): close (or mark close-on-exec) every open fd in [first, last]. */
void fd_close_range(unsigned first, unsigned last, bool cloexec_only);

/* --- stat ----------------------------------------------------------------- */

struct kstat {
	uint64_t dev, ino, rdev, size, blocks;
	unsigned mode, nlink, blksize;
	uint32_t uid, gid;
	struct linux_timespec atime, mtime, ctime, btime;
	int mnt_id;
};

/* Fill st from inode (mnt_id stays 0: the caller knows the mount). */
void vfs_getattr(const struct inode *inode, struct kstat *st);
/* AT_* flags of the stat family (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
int vfs_stat(int dfd, const char *name, unsigned at_flags, struct kstat *st);

/* --- attribute changes ---------------------------------------------------- */

#define ATTR_MODE 0x1
#define ATTR_UID 0x2
#define ATTR_GID 0x4
#define ATTR_SIZE 0x8
#define ATTR_ATIME 0x10
#define ATTR_MTIME 0x20
#define ATTR_ATIME_NOW 0x40
#define ATTR_MTIME_NOW 0x80

struct iattr {
	unsigned valid;
	unsigned mode;
	uint32_t uid, gid;
	uint64_t size;
	struct linux_timespec atime, mtime;
};

/* Apply attr to inode after permission checks (setattr_prepare rules). */
int vfs_setattr(struct inode *inode, const struct iattr *attr);
/* Truncate or extend: frees page-cache pages past size and zeroes the tail. */
int vfs_truncate_inode(struct inode *inode, uint64_t size);

/* --- directory operations ------------------------------------------------ */

int vfs_mknod(int dfd, const char *name, unsigned mode, uint64_t rdev);
int vfs_mkdir(int dfd, const char *name, unsigned mode);
int vfs_rmdir(int dfd, const char *name);
int vfs_unlink(int dfd, const char *name);
int vfs_symlink(const char *target, int dfd, const char *name);
int vfs_link(int odfd, const char *oldname, int ndfd, const char *newname, unsigned at_flags);
int vfs_rename(int odfd, const char *oldname, int ndfd, const char *newname, unsigned flags);
/* Target of the symlink at name into buf (not NUL-terminated): length or -errno. */
long vfs_readlink(int dfd, const char *name, char *buf, size_t size);

/*
 * Make a child in dir directly (boot, cpio, devtmpfs): no permission checks,
 * current's umask is not applied. The new dentry is returned with a
 * reference, or ERR_PTR.
 */
struct dentry *vfs_create_child(struct dentry *dir, const char *name, unsigned mode,
				uint64_t rdev, const char *target);
/*
 * Make each directory named in path[0..len) below root as needed (0755, as
 * vfs_create_child); empty components are skipped. The last directory is
 * returned with a reference, or ERR_PTR.
 */
struct dentry *vfs_create_dirs(struct dentry *root, const char *path, size_t len);

/* --- readdir --------------------------------------------------------------- */

struct dir_ctx {
	uaddr_t buf;		/* guest buffer */
	size_t len, used;
	long err;
	uint64_t pos;		/* position of the next entry */
};

/*
 * Append one linux_dirent64 record; next is the position after it.
 * false when the buffer is full (or a fault), which ends the listing.
 */
bool dir_emit(struct dir_ctx *ctx, const char *name, size_t len, uint64_t ino,
	      unsigned mode, uint64_t next);
/*
 * End a listing: f's position becomes ctx->pos. Returns the bytes written,
 * or else ctx->err, or else err (the file system's own error, or 0).
 */
long dir_emit_end(struct file *f, const struct dir_ctx *ctx, long err);
/* getdents on the dentry tree ("." and "..", then the children by cookie). */
long dcache_getdents(struct file *f, uaddr_t buf, size_t len);
/* lseek of a dentry-tree directory: SEEK_SET and SEEK_CUR only. */
long dcache_dir_llseek(struct file *f, int64_t off, int whence);

/* --- page cache ------------------------------------------------------------ */

/* The frame at index, or 0. */
pfn_t page_cache_lookup(const struct page_cache *pc, uint64_t index);
/* Store pfn at index (the cache takes over the caller's reference). */
int page_cache_insert(struct page_cache *pc, uint64_t index, pfn_t pfn);
/*
 * The frame of page index of inode (no new reference), read in through
 * sb->aops when missing (a zeroed frame without aops). 0 or -errno.
 */
int page_cache_get(struct inode *inode, uint64_t index, pfn_t *pfn);
/* Mark a present page dirty (it goes to aops->writepage at the next write-back). */
void page_cache_set_dirty(struct page_cache *pc, uint64_t index);
/* Write every dirty page of inode inside its size through writepage. 0 or first error. */
int page_cache_writeback(struct inode *inode);
/* Drop every page at index >= from. */
void page_cache_truncate(struct page_cache *pc, uint64_t from);
/*
 * A hole over bytes [start, end) of a file kept in memory only (tmpfs):
 * the whole pages leave the cache and every mapping (private copies stay),
 * the partial ones are zeroed there.
 */
void page_cache_punch_hole(struct inode *inode, uint64_t start, uint64_t end);


/* read/write of a regular file on its page cache (tmpfs file ops). */
long page_cache_read(struct file *f, struct iov_iter *to, uint64_t *pos);
long page_cache_write(struct file *f, struct iov_iter *from, uint64_t *pos);
/*
 * The direct part of a write: whole pages from *pos (end of file for
 * O_APPEND) that are not cached go straight to the disk, as far as they
 * go. Bytes written, 0 (none could), or -errno.
 */
long page_cache_write_direct(struct file *f, struct iov_iter *from, uint64_t *pos);

/* --- file systems ---------------------------------------------------------- */

/* Register the ext2 file system type (vfs_init calls it). 0 or -errno. */
int ext2_init(void);
/* ext2 on bd: a new super block, or ERR_PTR(-EINVAL) for a bad or unsupported image. */
struct super_block *ext2_mount(struct blkdev *bd, unsigned long flags, const char *data);

/* A new, empty tmpfs with its root directory (mode). NULL: -ENOMEM. */
struct super_block *tmpfs_create(const char *fstype, unsigned mode);
/* An unnamed tmpfs file for a shared anonymous mapping (fs/tmpfs.c). */
struct file *shmem_file(uint64_t size);

/*
 * Make the node name (may contain '/': directories are created) in the
 * mounted devtmpfs; nothing before devtmpfs_mount(), which then makes a
 * node for every device registered so far.
 */
void devtmpfs_add_node(const char *name, unsigned mode, uint64_t rdev);

/* Char-device and special-file openers (vfs/chardev.c). */
extern const struct file_ops chrdev_open_fops;
extern const struct file_ops special_open_fops;	/* fifos: pipes; blockdevs: disks; sockets: -ENXIO */
/* fsync of an open block-device node: the disk's flush. 0 or -errno. */
int blkdev_file_fsync(struct file *f);

#endif
