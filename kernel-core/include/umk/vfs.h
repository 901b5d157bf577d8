/*
 * The virtual file system: what the rest of the kernel sees of it.
 *
 * Inodes, dentries (the name cache and, for tmpfs, the directory itself),
 * mounts, open files with ops tables, per-process fd tables and fs contexts.
 * Regular-file data lives in each inode's page cache, as frames of guest
 * RAM, so that read/write and mmap see the same bytes and executables are
 * mapped from the cache.
 *
 * Everything here runs under the big kernel lock. Anything another path can
 * find is refcounted: inodes, dentries, files, fd tables, fs contexts.
 */
#ifndef UMK_VFS_H
#define UMK_VFS_H

#include <umk/frame.h>
#include <umk/list.h>
#include <umk/types.h>
#include <uapi/linux_stat.h>
#include <uapi/linux_time.h>

struct iov_iter;
struct inode;
struct dentry;
struct file;
struct super_block;
struct mount;

struct file_ops {
	/* optional; NULL: -EINVAL for read/write, as Linux does */
	long (*read)(struct file *f, struct iov_iter *to, uint64_t *pos);
	long (*write)(struct file *f, struct iov_iter *from, uint64_t *pos);
	/* NULL: generic seek on inode size; devices that cannot seek say -ESPIPE */
	long (*llseek)(struct file *f, int64_t off, int whence);
	/* NULL: -ENOTTY */
	long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
	/* directories: fill guest buffer with linux_dirent64 records */
	long (*getdents)(struct file *f, uaddr_t buf, size_t len);
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct file *f);
	/*
	 * Readiness as LINUX_POLL* bits. NULL: always readable and writable
	 * (regular files, most devices). A file that is not ready must make
	 * sure a later change of state calls wake_up() on some wait queue:
	 * every wake_up() also wakes the tasks sleeping in poll and select.
	 */
	unsigned (*poll)(struct file *f);
	/* fallocate(2) once the generic checks passed. NULL: -EOPNOTSUPP (as ext2 on Linux) */
	long (*fallocate)(struct file *f, int mode, uint64_t off, uint64_t len);
};

struct file {
	int refcount;
	unsigned f_flags;	/* LINUX_O_* as opened (access mode, APPEND, NONBLOCK...) */
	unsigned f_mode;	/* FMODE_* (vfs_internal.h): read, write, seek, pread */
	uint64_t f_pos;
	struct inode *inode;	/* holds a reference */
	struct dentry *dentry;	/* holds a reference; NULL for anonymous files */
	struct mount *mnt;	/* the mount of dentry; NULL for anonymous files */
	const struct file_ops *fops;
	void *priv;
	const char *anon_name;	/* "[eventfd]": readlink of /proc/PID/fd/N for anonymous files */
};

struct file *file_get(struct file *f);
void file_put(struct file *f);

/* Mode bits (LINUX_S_IF* | permissions) and size of a file's inode. */
unsigned file_mode(const struct file *f);
uint64_t file_size(const struct file *f);

/*
 * The page cache frame holding page `index` of a regular file, with a new
 * reference for the caller (frame_put when done). Pages inside the file's
 * size that were never written are allocated zeroed. Returns 0, -ENXIO
 * past the end of the file (the mapper's SIGBUS), -ENODEV when the file
 * cannot be mapped, or -ENOMEM.
 */
int file_get_page(struct file *f, uint64_t index, pfn_t *pfn);
/* The same, only if the page is already in the cache (no I/O, no allocation): 0 or -ENOENT. */
int file_cached_page(struct file *f, uint64_t index, pfn_t *pfn);
/* Page index of f is mapped writable and shared: it will need writing back. */
void file_page_mkwrite(struct file *f, uint64_t index);

/*
 * Memory pressure: when free frames run below a sixteenth of guest RAM,
 * write back and drop page-cache pages of backing stores, taking them back
 * from read-only mappings of processes that have a thread stopped when
 * the cache alone is not enough. Called between traps, when no kernel
 * path holds a page.
 */
void page_cache_balance(void);
/* The same, from a page fault whose thread is stopped, so that its mappings can be taken back. */
void page_cache_balance_fault(void);
/* Pages in all page caches, the dirty ones, those of memory-only files (tmpfs, shared anonymous memory). */
void page_cache_stats(uint64_t *pages, uint64_t *dirty, uint64_t *shmem);

/*
 * Kernel-internal open of a path, resolved against current's root and cwd
 * (or the initial root when there is no current task). flags are LINUX_O_*.
 * Search permission along the path is checked, the read/write permission of
 * the open is not: the caller checks what it needs (exec: file_permission
 * with X_OK, as an execute-only binary must still run). Returns a file or
 * ERR_PTR(-errno).
 */
struct file *kernel_open(const char *path, unsigned flags, unsigned mode);

/*
 * Executing a file keeps it from being written (Linux's deny_write_access):
 * 0, or -ETXTBSY while it is open for writing. Undo with file_allow_write.
 */
int file_deny_write(struct file *f);
void file_allow_write(struct file *f);

/* Read up to n bytes at pos into a kernel buffer: bytes read or -errno. */
long kernel_read(struct file *f, void *buf, size_t n, uint64_t pos);

/*
 * May the current credentials access the file's inode? mask is a bit set of
 * LINUX_R_OK/W_OK/X_OK. 0 or -EACCES. (Root may execute only if some x bit
 * is set, as on Linux.)
 */
int file_permission(struct file *f, int mask);

/* Per-process state, created at boot for init and shared or copied later. */
struct files;
struct fs_struct;

struct files *files_create(void);
struct files *files_get(struct files *fs);	/* CLONE_FILES: share */
struct files *files_dup(struct files *fs);	/* fork: copy (NULL: -ENOMEM) */
void files_put(struct files *fs);
/* Close every fd marked close-on-exec (execve). */
void files_close_on_exec(struct files *fs);
/*
 * Install f (taking over the caller's reference) at the lowest free fd.
 * Returns the fd, or -EMFILE (the caller then still owns its reference).
 */
int fd_install(struct file *f, bool cloexec);
/*
 * The same for a new file or the ERR_PTR that stands for it: the fd, or
 * -errno with the reference given up.
 */
int fd_install_or_put(struct file *f, bool cloexec);
/* The file at fd in current's table, borrowed (no reference), or NULL. */
struct file *fd_lookup(int fd);

struct fs_struct *fs_create(void);	/* root and cwd at the root of the VFS */
struct fs_struct *fs_get(struct fs_struct *fs);	/* CLONE_FS: share */
struct fs_struct *fs_copy(const struct fs_struct *fs);	/* fork: copy (NULL: -ENOMEM) */
void fs_put(struct fs_struct *fs);
unsigned fs_umask(const struct fs_struct *fs);

/* Boot: an empty tmpfs as "/". 0 or -errno. */
int vfs_init(void);

/*
 * Unpack a cpio "newc" archive (initramfs) into the root. Returns 0 or
 * -EINVAL for a corrupt archive, after printing what is wrong.
 */
int initramfs_unpack(const void *data, size_t len);

/* Register the built-in file-system types (tmpfs, devtmpfs, proc, sysfs). */
int filesystems_init(void);
/* Mount proc on /proc and sysfs on /sys where the root has those directories. */
void boot_mounts(void);

/* Mount devtmpfs at /dev (creating the directory) with a node per chardev. */
int devtmpfs_mount(void);

#endif
