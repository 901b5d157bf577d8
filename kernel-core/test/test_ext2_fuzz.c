/*
 * Unit tests for ext2 on bad images: every corrupt or unsupported super
 * block and group descriptor that mount must refuse (-EINVAL and a clear
 * "EXT2-fs" message), and a fuzz check: thousands of images with random
 * bytes flipped in the super block, group descriptors, inode table and
 * directory and indirect blocks, each mounted in its own child (with an
 * alarm) and walked path by path, read-only or read-write with a few
 * changes. umk must never crash or hang, whatever it finds.
 */
#include "unit.h"
#include "ext2_util.h"

#define FUZZ_IMAGES 5000
#define FUZZ_SECONDS 50
#define FUZZ_CHILD_ALARM 10

static char *image;	/* a fresh image, in memory */
static size_t image_len;

static void load_image(void)
{
	FILE *f = fopen(img, "r");

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	image_len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	image = malloc(image_len);
	ck_assert_uint_eq(fread(image, 1, image_len, f), image_len);
	fclose(f);
}

/* A memory disk holding data (len bytes). */
static void mem_dev(char *data, size_t len, bool rdonly)
{
	memset(&dev, 0, sizeof(dev));
	dev.fd = -1;
	dev.data = data;
	strcpy(dev.bd.name, "ubdb");
	dev.bd.rdev = LINUX_MKDEV(98, 16);
	dev.bd.size = len;
	dev.bd.read_only = rdonly;
	dev.bd.ops = &dev_ops;
	dev.bd.priv = &dev;
}

static struct linux_ext2_super *super_of(char *data)
{
	return (struct linux_ext2_super *)(data + 1024);
}

static struct linux_ext2_group_desc *gd_of(char *data)
{
	unsigned bs = 1024U << super_of(data)->s_log_block_size;

	return (struct linux_ext2_group_desc *)(data + (bs == 1024 ? 2048 : bs));
}

/*
 * Mount a copy of the image after change() edits it: the mount's result,
 * with the printk output checked for an EXT2-fs message when it fails.
 */
static long try_mount(void (*change)(char *data), unsigned long flags)
{
	char *copy = malloc(image_len), log[160], text[4096] = "";
	struct super_block *sb;
	int fd, saved = dup(2);
	long ret;
	FILE *f;

	memcpy(copy, image, image_len);
	change(copy);
	snprintf(log, sizeof(log), "%s/printk.log", tmp);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	mem_dev(copy, image_len, false);
	sb = ext2_mount(&dev.bd, flags, NULL);
	dup2(saved, 2);
	close(saved);
	f = fopen(log, "r");
	fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	if (IS_ERR(sb)) {
		ck_assert_msg(strstr(text, "EXT2-fs (ubdb): error: "), "no message: '%s'", text);
		ret = PTR_ERR(sb);
	} else {
		sb->ops->put_super(sb);
		ret = 0;
	}
	free(copy);
	return ret;
}

static void no_change(char *d) { (void)d; }
static void bad_magic(char *d) { super_of(d)->s_magic = 0x1234; }
static void huge_block_size(char *d) { super_of(d)->s_log_block_size = 20; }
static void block_size_8k(char *d) { super_of(d)->s_log_block_size = 3; super_of(d)->s_log_frag_size = 3; }
static void frag_size(char *d) { super_of(d)->s_log_frag_size = 1; }
static void too_many_blocks(char *d) { super_of(d)->s_blocks_count = 0x7fffffff; }
static void no_blocks_per_group(char *d) { super_of(d)->s_blocks_per_group = 0; }
static void no_inodes_per_group(char *d) { super_of(d)->s_inodes_per_group = 0; }
static void huge_inodes_per_group(char *d) { super_of(d)->s_inodes_per_group = 1U << 30; }
static void inode_count(char *d) { super_of(d)->s_inodes_count += 8; }
static void bad_inode_size(char *d) { super_of(d)->s_inode_size = 100; }
static void first_ino(char *d) { super_of(d)->s_first_ino = 3; }
static void rev_2(char *d) { super_of(d)->s_rev_level = 2; }
static void incompat(char *d) { super_of(d)->s_feature_incompat |= 0x8000; }
static void needs_recovery(char *d) { super_of(d)->s_feature_incompat |= LINUX_EXT3_FEATURE_INCOMPAT_RECOVER; }
static void meta_bg(char *d) { super_of(d)->s_feature_incompat |= LINUX_EXT2_FEATURE_INCOMPAT_META_BG; }
static void ro_compat(char *d) { super_of(d)->s_feature_ro_compat |= 0x8000; }
static void first_data_block(char *d) { super_of(d)->s_first_data_block = 5; }
static void itable_out(char *d) { gd_of(d)[0].bg_inode_table = 999999; }
static void bitmap_zero(char *d) { gd_of(d)[0].bg_block_bitmap = 0; }
static void itable_end(char *d) { gd_of(d)[0].bg_inode_table = super_of(d)->s_blocks_count - 2; }
static void free_count(char *d) { gd_of(d)[0].bg_free_inodes_count = 60000; }

/* The root inode (2) as a regular file. */
static void root_not_dir(char *d)
{
	unsigned bs = 1024U << super_of(d)->s_log_block_size;
	uint32_t it = gd_of(d)[0].bg_inode_table;
	uint16_t isz = super_of(d)->s_rev_level ? super_of(d)->s_inode_size : 128;
	struct linux_ext2_inode *root = (struct linux_ext2_inode *)(d + (size_t)it * bs + isz);

	root->i_mode = LINUX_S_IFREG | 0644;
}

START_TEST(test_refuses_bad_images)
{
	make_image(1024, "", "8M");
	load_image();
	ck_assert_int_eq(try_mount(no_change, 0), 0);
	ck_assert_int_eq(try_mount(bad_magic, 0), -EINVAL);
	ck_assert_int_eq(try_mount(huge_block_size, 0), -EINVAL);
	ck_assert_int_eq(try_mount(block_size_8k, 0), -EINVAL);
	ck_assert_int_eq(try_mount(frag_size, 0), -EINVAL);
	ck_assert_int_eq(try_mount(too_many_blocks, 0), -EINVAL);
	ck_assert_int_eq(try_mount(no_blocks_per_group, 0), -EINVAL);
	ck_assert_int_eq(try_mount(no_inodes_per_group, 0), -EINVAL);
	ck_assert_int_eq(try_mount(huge_inodes_per_group, 0), -EINVAL);
	ck_assert_int_eq(try_mount(inode_count, 0), -EINVAL);
	ck_assert_int_eq(try_mount(bad_inode_size, 0), -EINVAL);
	ck_assert_int_eq(try_mount(first_ino, 0), -EINVAL);
	ck_assert_int_eq(try_mount(rev_2, 0), -EINVAL);
	ck_assert_int_eq(try_mount(incompat, 0), -EINVAL);
	ck_assert_int_eq(try_mount(incompat, LINUX_MS_RDONLY), -EINVAL);
	ck_assert_int_eq(try_mount(needs_recovery, 0), -EINVAL);
	ck_assert_int_eq(try_mount(meta_bg, 0), -EINVAL);
	/* an unknown read-only feature: read-only mounts only */
	ck_assert_int_eq(try_mount(ro_compat, 0), -EINVAL);
	ck_assert_int_eq(try_mount(ro_compat, LINUX_MS_RDONLY), 0);
	ck_assert_int_eq(try_mount(first_data_block, 0), -EINVAL);
	ck_assert_int_eq(try_mount(itable_out, 0), -EINVAL);
	ck_assert_int_eq(try_mount(bitmap_zero, 0), -EINVAL);
	ck_assert_int_eq(try_mount(itable_end, 0), -EINVAL);
	ck_assert_int_eq(try_mount(free_count, 0), -EINVAL);
	ck_assert_int_eq(try_mount(root_not_dir, 0), -EINVAL);
	/* a device too small for a super block, and garbage mount options */
	mem_dev(image, 1500, false);
	ck_assert_int_eq(PTR_ERR(ext2_mount(&dev.bd, 0, NULL)), -EINVAL);
	mem_dev(image, image_len, false);
	ck_assert_int_eq(PTR_ERR(ext2_mount(&dev.bd, 0, "bogus=1")), -EINVAL);
	free(image);
}
END_TEST

/* --- fuzz -------------------------------------------------------------------- */

static unsigned walk_ops;

static void walk(const char *path, int depth)
{
	char *buf, names[64][256];
	int n = 0;
	struct file *f;
	long got;

	if (depth > 6 || walk_ops > 3000)
		return;
	f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	if (IS_ERR(f))
		return;
	buf = malloc(UBUF_LEN);
	for (int calls = 0; calls < 64 && (got = vfs_getdents(f, UBUF, 4096)) > 0; calls++) {
		if (copy_from_user(buf, UBUF, (size_t)got))
			break;
		for (long off = 0; off < got; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			const char *name = ((struct linux_dirent64 *)(buf + off))->d_name;

			if (strcmp(name, ".") && strcmp(name, "..") && n < 64 && !strchr(name, '/'))
				snprintf(names[n++], 256, "%s", name);
		}
	}
	file_put(f);
	free(buf);
	for (int i = 0; i < n; i++) {
		char child[1024], data[4096];
		struct kstat st;

		walk_ops++;
		if (snprintf(child, sizeof(child), "%s/%s", path, names[i]) >= (int)sizeof(child))
			continue;
		if (vfs_stat(LINUX_AT_FDCWD, child, LINUX_AT_SYMLINK_NOFOLLOW, &st))
			continue;
		if (LINUX_S_ISDIR(st.mode)) {
			walk(child, depth + 1);
		} else if (LINUX_S_ISLNK(st.mode)) {
			vfs_readlink(LINUX_AT_FDCWD, child, data, sizeof(data));
			vfs_stat(LINUX_AT_FDCWD, child, 0, &st);
		} else if (LINUX_S_ISREG(st.mode)) {
			f = vfs_open(LINUX_AT_FDCWD, child, LINUX_O_RDONLY, 0);
			if (IS_ERR(f))
				continue;
			for (uint64_t pos = 0; pos < 65536; pos += sizeof(data))
				if (kernel_read(f, data, sizeof(data), pos) <= 0)
					break;
			file_put(f);
		}
	}
}

/* Changes a read-write fuzz mount makes after the walk. */
static void scribble(const char *root)
{
	char path[64], data[3000];
	struct file *f;

	memset(data, 'z', sizeof(data));
	snprintf(path, sizeof(path), "%s/newdir", root);
	vfs_mkdir(LINUX_AT_FDCWD, path, 0755);
	snprintf(path, sizeof(path), "%s/newdir/f", root);
	f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	if (!IS_ERR(f)) {
		uint64_t pos = 0;
		struct iov_iter it;

		iov_iter_kernel(&it, data, sizeof(data));
		vfs_write(f, &it, &pos);
		file_put(f);
	}
	for (const char *const *v = (const char *const[]){ "a", "d/b", "d", "l", NULL }; *v; v++) {
		snprintf(path, sizeof(path), "%s/%s", root, *v);
		vfs_unlink(LINUX_AT_FDCWD, path);
		vfs_rmdir(LINUX_AT_FDCWD, path);
	}
	snprintf(path, sizeof(path), "%s/newdir", root);
	snprintf(data, sizeof(data), "%s/renamed", root);
	vfs_rename(LINUX_AT_FDCWD, path, LINUX_AT_FDCWD, data, 0);
	vfs_sync_all();
}

/* Flip a few bytes where they hurt: super block, descriptors, inodes, early blocks. */
static void mutate(char *d, unsigned seed)
{
	uint32_t itable = gd_of(image)[0].bg_inode_table;
	int flips = 1 + (int)(rand_r(&seed) % 12);

	for (int i = 0; i < flips; i++) {
		size_t off;

		switch (rand_r(&seed) % 4) {
		case 0: off = 1024 + rand_r(&seed) % 264; break;
		case 1: off = 2048 + rand_r(&seed) % 96; break;
		case 2: off = (size_t)itable * 1024 + rand_r(&seed) % (16 * 256); break;
		default: off = rand_r(&seed) % MIN(image_len, (size_t)200 * 1024); break;
		}
		if (rand_r(&seed) % 2)
			d[off] ^= (char)(1 << (rand_r(&seed) % 8));
		else
			d[off] = (char)rand_r(&seed);
	}
}

/* One mutated image in a child: 0 refused, 1 mounted and walked, else how it died. */
static int fuzz_one(unsigned seed, char *copy)
{
	pid_t pid;
	int st;

	memcpy(copy, image, image_len);
	mutate(copy, seed);
	pid = fork();
	if (pid == 0) {
		struct super_block *sb;
		struct path p;
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 2);
		alarm(FUZZ_CHILD_ALARM);
		mem_dev(copy, image_len, false);
		sb = ext2_mount(&dev.bd, seed % 2 ? 0 : LINUX_MS_RDONLY, NULL);
		if (IS_ERR(sb))
			_exit(PTR_ERR(sb) == -EINVAL ? 0 : 3);
		if (vfs_lookup(LINUX_AT_FDCWD, "/fz", LOOKUP_FOLLOW, &p) || vfs_mount(sb, &p))
			_exit(4);
		walk("/fz", 0);
		if (seed % 2)
			scribble("/fz");
		sb->ops->put_super(sb);
		_exit(1);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) <= 1 ? WEXITSTATUS(st) : st | 0x10000;
}

START_TEST(test_fuzz_images)
{
	time_t start = time(NULL);
	unsigned done = 0, failed = 0, mounted = 0;
	char *copy;

	ck_assert_int_eq(sh("rm -rf %s/src/* && cd %s/src && mkdir -p d/e lost+found && "
			    "echo a >a && echo b >d/b && ln -s a l && ln -s d/e/../b l2 && "
			    "head -c 20000 /dev/zero | tr '\\0' x >d/e/big && ln a hard", tmp, tmp), 0);
	make_image(1024, "-N 32", "256K");
	load_image();
	copy = malloc(image_len);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, "/fz", 0755), 0);
	for (unsigned seed = 1; seed <= FUZZ_IMAGES && time(NULL) - start < FUZZ_SECONDS; seed++) {
		int st = fuzz_one(seed, copy);

		done++;
		if (st == 1)
			mounted++;
		else if (st) {
			failed++;
			fprintf(stderr, "fuzz: seed %u: child status 0x%x\n", seed, st);
		}
	}
	fprintf(stderr, "fuzz: %u images in %ld s, %u mounted, %u failed\n", done,
		(long)(time(NULL) - start), mounted, failed);
	ck_assert_uint_eq(failed, 0);
	ck_assert_uint_ge(done, 500);
	ck_assert_uint_ge(mounted, done / 4);	/* most damage is past the super block */
	free(copy);
	free(image);
}
END_TEST

Suite *ext2_fuzz_suite(void);
Suite *ext2_fuzz_suite(void)
{
	Suite *s = suite_create("ext2-fuzz");
	TCase *tc = tcase_create("bad images");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_refuses_bad_images);
	tcase_add_test(tc, test_fuzz_images);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(ext2_fuzz_suite());
}
