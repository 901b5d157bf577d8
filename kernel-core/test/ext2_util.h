/*
 * Shared by the ext2 unit tests (test_ext2.c, test_ext2_fuzz.c): images
 * that mke2fs makes at test time in a temporary directory, a small block
 * device over a host file (or memory) defined here, host checks with
 * e2fsck and debugfs, and umk-side helpers over the VFS. Each test runs
 * in a fresh process (Check forks) with its own physmem, VFS, a fake CPU
 * back end and an mm with a buffer for getdents.
 */
#ifndef UMK_TEST_EXT2_UTIL_H
#define UMK_TEST_EXT2_UTIL_H

#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"

#include <check.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* <sys/wait.h> would bring <signal.h>, whose names clash with the uapi ones */
pid_t waitpid(pid_t pid, int *status, int options);

#include <umk/blkdev.h>
#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_ext2.h>
#include <uapi/linux_misc.h>
#include <uapi/linux_mman.h>

#define NFRAMES 8192	/* 32 MiB of guest RAM for the page cache */
#define UBUF 0x10000000UL	/* a guest buffer for getdents */
#define UBUF_LEN (64 * 1024)

static char tmp[64];
static char img[128];
static int mounts;	/* mount points made so far: /m0, /m1, ... */

/* --- a fake CPU, so that an mm (for guest buffers) can exist --------------- */

struct cpu_mm {
	struct cpu_thread *main_thread;
};
struct cpu_thread {
	int unused;
};

static int fake_mm_create(struct cpu_mm **mm, struct cpu_thread **main_thread,
			  void *data, uint64_t data_off)
{
	*mm = calloc(1, sizeof(**mm));
	*main_thread = calloc(1, sizeof(**main_thread));
	(*mm)->main_thread = *main_thread;
	return 0;
}

static void fake_mm_destroy(struct cpu_mm *mm)
{
	free(mm->main_thread);
	free(mm);
}

static int fake_mm_apply(struct cpu_mm *mm, struct cpu_thread *via,
			 const struct host_map_op *ops, unsigned n)
{
	return 0;
}

static const struct cpu_ops fake_cpu = {
	.name = "fake",
	.mm_create = fake_mm_create,
	.mm_destroy = fake_mm_destroy,
	.mm_apply = fake_mm_apply,
};

/* --- block devices: a host file, or memory (fuzz) ---------------------------- */

struct testdev {
	struct blkdev bd;
	int fd;		/* -1: data is the disk */
	char *data;
	int writes;
};

static int dev_read(struct blkdev *bd, uint64_t off, void *buf, size_t len)
{
	struct testdev *d = bd->priv;

	if (off + len > bd->size || off + len < off)
		return -EIO;
	if (d->fd < 0) {
		memcpy(buf, d->data + off, len);
		return 0;
	}
	return pread(d->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static int dev_write(struct blkdev *bd, uint64_t off, const void *buf, size_t len)
{
	struct testdev *d = bd->priv;

	if (bd->read_only)
		return -EROFS;
	if (off + len > bd->size || off + len < off)
		return -EIO;
	d->writes++;
	if (d->fd < 0) {
		memcpy(d->data + off, buf, len);
		return 0;
	}
	return pwrite(d->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static int dev_flush(struct blkdev *bd)
{
	struct testdev *d = bd->priv;

	return d->fd < 0 || fsync(d->fd) == 0 ? 0 : -EIO;
}

static int dev_rwv(struct blkdev *bd, bool write, uint64_t off, const struct kvec *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		int err = write ? dev_write(bd, off, v[i].base, v[i].len)
				: dev_read(bd, off, v[i].base, v[i].len);

		if (err)
			return err;
		off += v[i].len;
	}
	return 0;
}

static int dev_readv(struct blkdev *bd, uint64_t off, const struct kvec *v, unsigned n)
{
	return dev_rwv(bd, false, off, v, n);
}

static int dev_writev(struct blkdev *bd, uint64_t off, const struct kvec *v, unsigned n)
{
	return dev_rwv(bd, true, off, v, n);
}

static const struct blkdev_ops dev_ops = {
	.read = dev_read,
	.write = dev_write,
	.flush = dev_flush,
};

/* The same with vectored I/O, so that large reads and writes go direct (as ubd's do). */
static const struct blkdev_ops dev_ops_vectored = {
	.read = dev_read,
	.write = dev_write,
	.readv = dev_readv,
	.writev = dev_writev,
	.flush = dev_flush,
};

static struct testdev dev;

/* --- host helpers ------------------------------------------------------------- */

static int sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void put_file(const char *rel, const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/src/%s", tmp, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* Deterministic bytes for offset i of a file seeded s. */
static char pattern(uint64_t i, unsigned s)
{
	uint64_t x = (i / 7 + s) * 0x9E3779B97F4A7C15ULL;

	return (char)((x >> 56) ^ (i & 0xff));
}

static char *pattern_buf(size_t len, unsigned s)
{
	char *p = malloc(len);

	for (size_t i = 0; i < len; i++)
		p[i] = pattern(i, s);
	return p;
}

#define BIG_LEN (600 * 1024)
#define SLOW_TARGET "dir/sub/../sub/./././././././././././././././././././././././././deep.txt"
#define SLOW_TARGET2 "dir/sub/" DOTS DOTS DOTS DOTS "deep.txt"
#define DOTS "./././././././././././././././././././././././././././././././././././././././././"

/* The tree mke2fs -d copies: small, big (double indirect at 1 KiB), links, dirs. */
static void make_source(void)
{
	char path[256], *big = pattern_buf(BIG_LEN, 1);

	snprintf(path, sizeof(path), "%s/src/dir/sub", tmp);
	ck_assert_int_eq(sh("mkdir -p %s && mkdir %s/src/emptydir", path, tmp), 0);
	put_file("hello.txt", "hello, world\n", 13);
	put_file("big.bin", big, BIG_LEN);
	put_file("dir/sub/deep.txt", "deep\n", 5);
	put_file("empty", "", 0);
	free(big);
	ck_assert_int_eq(sh("cd %s/src && ln -s hello.txt fast && ln -s %s slow && "
			    "ln hello.txt hard && chmod 0640 hello.txt", tmp, SLOW_TARGET), 0);
	/* a sparse file: 8 KiB of data at 3 MiB */
	ck_assert_int_eq(sh("dd if=/dev/urandom of=%s/src/sparse bs=1k count=8 seek=3072 "
			    "status=none", tmp), 0);
}

static void make_image(unsigned bs, const char *opts, const char *size)
{
	ck_assert_int_eq(sh("mke2fs -q -F -t ext2 -b %u %s -d %s/src %s %s >/dev/null 2>&1",
			    bs, opts, tmp, img, size), 0);
}

static void open_dev(bool rdonly)
{
	struct stat st;

	memset(&dev, 0, sizeof(dev));
	dev.fd = open(img, rdonly ? O_RDONLY : O_RDWR);
	ck_assert_int_ge(dev.fd, 0);
	ck_assert_int_eq(fstat(dev.fd, &st), 0);
	strcpy(dev.bd.name, "ubdb");
	dev.bd.rdev = LINUX_MKDEV(98, 16);
	dev.bd.size = (uint64_t)st.st_size;
	dev.bd.read_only = rdonly;
	dev.bd.ops = &dev_ops;
	dev.bd.priv = &dev;
}

static char mnt[16];

/* Mount sb at a new /mN; mnt names it. */
static void attach(struct super_block *sb)
{
	struct path p;

	snprintf(mnt, sizeof(mnt), "/m%d", mounts++);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, mnt, 0755), 0);
	ck_assert_int_eq(vfs_lookup(LINUX_AT_FDCWD, mnt, LOOKUP_FOLLOW, &p), 0);
	ck_assert_int_eq(vfs_mount(sb, &p), 0);
	path_put(&p);
}

static struct super_block *mount_img(unsigned long flags)
{
	struct super_block *sb;

	open_dev(false);
	sb = ext2_mount(&dev.bd, flags, NULL);
	ck_assert_msg(!IS_ERR(sb), "mount: %ld", PTR_ERR(sb));
	attach(sb);
	return sb;
}

/* umount2(mnt, 0): busy if anything still holds the mount; the last put frees sb. */
static int umount_path(const char *path)
{
	struct path p;
	int err = vfs_lookup(LINUX_AT_FDCWD, path, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = mount_umount(&p, 0);
	path_put(&p);
	return err;
}

static void umount_img(struct super_block *sb)
{
	(void)sb;
	ck_assert_int_eq(umount_path(mnt), 0);
	close(dev.fd);
}

static void fsck_clean(void)
{
	char log[256];
	int st;

	snprintf(log, sizeof(log), "%s/fsck.log", tmp);
	st = sh("e2fsck -fn %s >%s 2>&1", img, log);
	if (st != 0)
		sh("cat %s >&2", log);
	ck_assert_msg(st == 0, "e2fsck -fn found problems (status %d)", st);
}

/* debugfs's copy of path in the image equals want[0..len). */
static void debugfs_equals(const char *path, const void *want, size_t len)
{
	char out[256];
	struct stat st;
	char *got;
	FILE *f;

	snprintf(out, sizeof(out), "%s/cat.out", tmp);
	ck_assert_int_eq(sh("debugfs -R 'cat %s' %s >%s 2>/dev/null", path, img, out), 0);
	ck_assert_int_eq(stat(out, &st), 0);
	ck_assert_msg((size_t)st.st_size == len, "%s: debugfs reads %ld bytes, want %zu", path,
		      (long)st.st_size, len);
	got = malloc(len + 1);
	f = fopen(out, "r");
	ck_assert_uint_eq(fread(got, 1, len, f), len);
	fclose(f);
	ck_assert_msg(memcmp(got, want, len) == 0, "%s: debugfs reads other bytes", path);
	free(got);
}

/* --- umk-side helpers ------------------------------------------------------- */

static const char *at(const char *rel)
{
	static char buf[4][512];
	static int n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof(buf[n]), "%s/%s", mnt, rel);
	return buf[n];
}

static struct file *open_at(const char *rel, unsigned flags, unsigned mode)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, at(rel), flags, mode);

	ck_assert_msg(!IS_ERR(f), "open %s: %ld", rel, PTR_ERR(f));
	return f;
}

static long pwrite_f(struct file *f, const void *buf, size_t n, uint64_t pos)
{
	struct iov_iter it;

	iov_iter_kernel(&it, (void *)buf, n);
	return vfs_write(f, &it, &pos);
}

static void write_file(const char *rel, const void *buf, size_t n)
{
	struct file *f = open_at(rel, LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, 0644);

	ck_assert_int_eq(pwrite_f(f, buf, n, 0), (long)n);
	file_put(f);
}

/* The whole file at rel equals want[0..len). */
static void umk_equals(const char *rel, const void *want, size_t len)
{
	struct file *f = open_at(rel, LINUX_O_RDONLY, 0);
	char *got = malloc(len + 16);

	ck_assert_uint_eq(f->inode->size, len);
	ck_assert_int_eq(kernel_read(f, got, len + 16, 0), (long)len);
	ck_assert_msg(memcmp(got, want, len) == 0, "%s: umk reads other bytes", rel);
	free(got);
	file_put(f);
}

static struct kstat stat_of(const char *rel, bool follow)
{
	struct kstat st;

	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, at(rel), follow ? 0 : LINUX_AT_SYMLINK_NOFOLLOW,
				  &st), 0);
	return st;
}

static int stat_err(const char *rel)
{
	struct kstat st;

	return vfs_stat(LINUX_AT_FDCWD, at(rel), LINUX_AT_SYMLINK_NOFOLLOW, &st);
}

/* The names in directory rel, sorted and joined by spaces ("." and ".." left out). */
static char *list_dir(const char *rel)
{
	static char out[8192];
	char names[256][64];
	int n = 0;
	struct file *f = vfs_open(LINUX_AT_FDCWD, at(rel), LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	char *buf = malloc(UBUF_LEN);
	long got;

	ck_assert(!IS_ERR(f));
	while ((got = vfs_getdents(f, UBUF, 512)) > 0) {
		ck_assert_int_eq(copy_from_user(buf, UBUF, (size_t)got), 0);
		for (long off = 0; off < got;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") && n < 256)
				snprintf(names[n++], 64, "%s", d->d_name);
			off += d->d_reclen;
		}
	}
	ck_assert_int_eq(got, 0);
	file_put(f);
	free(buf);
	qsort(names, (size_t)n, sizeof(names[0]), (int (*)(const void *, const void *))strcmp);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, names[i]);
	}
	return out;
}

static void setup(void)
{
	void *physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);

	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, NULL), 0);
	ck_assert_int_eq(vfs_init(), 0);
	cpu = &fake_cpu;
	current = task_alloc();
	current->fs = fs_create();
	current->files = files_create();
	current->mm = mm_create();
	ck_assert(!IS_ERR(current->mm));
	ck_assert_int_ge(mm_map(current->mm, UBUF, UBUF_LEN, LINUX_PROT_READ | LINUX_PROT_WRITE, 0,
				true, NULL, 0), 0);
	snprintf(tmp, sizeof(tmp), "/tmp/umk-ext2.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(img, sizeof(img), "%s/disk.img", tmp);
	ck_assert_int_eq(sh("mkdir %s/src", tmp), 0);
	make_source();
}

static void teardown(void)
{
	if (tmp[0])
		sh("rm -rf %s", tmp);
}

static const unsigned block_sizes[] = { 1024, 2048, 4096 };


#endif
