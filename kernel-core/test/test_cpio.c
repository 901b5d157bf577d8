/*
 * Unit tests for the initramfs unpacker (fs/cpio.c): a good newc archive
 * lands in the root with its types, modes, owners, times, data, symlinks,
 * device nodes and hard links; corrupt archives (truncated anywhere, bad
 * magic, bad hex, bad name sizes, data past the end, no trailer) are
 * refused with -EINVAL and change nothing. Each test runs in a fresh
 * process (Check forks) on its own physmem and VFS.
 */
#include <check.h>
#include "unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

#define NFRAMES 1024

static void setup(void)
{
	void *physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);

	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, NULL), 0);
	ck_assert_int_eq(vfs_init(), 0);
	current = task_alloc();
	current->fs = fs_create();
	current->files = files_create();
}

/* --- building archives ----------------------------------------------------- */

struct archive {
	char *buf;
	size_t len, cap;
};

static void put(struct archive *ar, const void *p, size_t n)
{
	if (ar->len + n + 4 > ar->cap) {
		ar->cap = (ar->len + n + 4) * 2;
		ar->buf = realloc(ar->buf, ar->cap);
		ck_assert_ptr_nonnull(ar->buf);
	}
	memcpy(ar->buf + ar->len, p, n);
	ar->len += n;
}

static void pad4(struct archive *ar)
{
	while (ar->len & 3)
		put(ar, "", 1);
}

struct ent {
	const char *name;
	unsigned mode, uid, gid, nlink, mtime, ino;
	unsigned rmajor, rminor;
	const char *data;	/* file contents or symlink target */
};

static void add(struct archive *ar, const struct ent *e)
{
	char hdr[160];
	size_t dlen = e->data ? strlen(e->data) : 0;

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 e->ino, e->mode, e->uid, e->gid, e->nlink ? e->nlink : 1, e->mtime, (unsigned)dlen,
		 0u, 0u, e->rmajor, e->rminor, (unsigned)strlen(e->name) + 1, 0u);
	put(ar, hdr, 110);
	put(ar, e->name, strlen(e->name) + 1);
	pad4(ar);
	put(ar, e->data ? e->data : "", dlen);
	pad4(ar);
}

static void trailer(struct archive *ar)
{
	static const struct ent t = { .name = "TRAILER!!!" };

	add(ar, &t);
}

/* The archive every good-path test starts from. */
static struct archive sample(void)
{
	static const struct ent ents[] = {
		{ .name = ".", .mode = 040755 },
		{ .name = "etc", .mode = 040751, .uid = 5, .gid = 6, .mtime = 1000 },
		{ .name = "etc/motd", .mode = 0100640, .uid = 7, .gid = 8, .mtime = 2000,
		  .data = "hello, initramfs\n" },
		{ .name = "etc/empty", .mode = 0100600 },
		{ .name = "bin", .mode = 040755 },
		{ .name = "bin/sh", .mode = 0120777, .data = "busybox" },
		{ .name = "bin/busybox", .mode = 0100755, .data = "\177ELF..." },
		{ .name = "dev", .mode = 040755 },
		{ .name = "dev/console", .mode = 020600, .rmajor = 5, .rminor = 1 },
		{ .name = "a", .mode = 0100644, .nlink = 2, .ino = 42 },
		{ .name = "b", .mode = 0100644, .nlink = 2, .ino = 42, .data = "shared" },
	};
	struct archive ar = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(ents); i++)
		add(&ar, &ents[i]);
	trailer(&ar);
	return ar;
}

static int stat_path(const char *path, struct kstat *st)
{
	return vfs_stat(LINUX_AT_FDCWD, path, LINUX_AT_SYMLINK_NOFOLLOW, st);
}

static void read_file(const char *path, char *buf, size_t size)
{
	struct file *f = kernel_open(path, LINUX_O_RDONLY, 0);
	long n;

	ck_assert(!IS_ERR(f));
	n = kernel_read(f, buf, size - 1, 0);
	ck_assert_int_ge(n, 0);
	buf[n] = '\0';
	file_put(f);
}

/* --- good archives ---------------------------------------------------------- */

START_TEST(test_good_archive)
{
	struct archive ar = sample();
	struct kstat st, st2;
	char buf[64];

	ck_assert_int_eq(initramfs_unpack(ar.buf, ar.len), 0);

	ck_assert_int_eq(stat_path("/etc", &st), 0);
	ck_assert_uint_eq(st.mode, 040751);
	ck_assert_uint_eq(st.uid, 5);
	ck_assert_uint_eq(st.gid, 6);
	ck_assert_int_eq(st.mtime.tv_sec, 1000);	/* set after its children */

	ck_assert_int_eq(stat_path("/etc/motd", &st), 0);
	ck_assert_uint_eq(st.mode, 0100640);
	ck_assert_uint_eq(st.size, 17);
	ck_assert_uint_eq(st.uid, 7);
	ck_assert_int_eq(st.mtime.tv_sec, 2000);
	read_file("/etc/motd", buf, sizeof(buf));
	ck_assert_str_eq(buf, "hello, initramfs\n");

	ck_assert_int_eq(stat_path("/etc/empty", &st), 0);
	ck_assert_uint_eq(st.size, 0);

	ck_assert_int_eq(stat_path("/bin/sh", &st), 0);
	ck_assert_uint_eq(st.mode & LINUX_S_IFMT, LINUX_S_IFLNK);
	ck_assert_int_eq(vfs_readlink(LINUX_AT_FDCWD, "/bin/sh", buf, sizeof(buf)), 7);
	read_file("/bin/sh", buf, sizeof(buf));
	ck_assert_str_eq(buf, "\177ELF...");

	ck_assert_int_eq(stat_path("/dev/console", &st), 0);
	ck_assert_uint_eq(st.mode, 020600);
	ck_assert_uint_eq(LINUX_MAJOR(st.rdev), 5);
	ck_assert_uint_eq(LINUX_MINOR(st.rdev), 1);

	/* hard links: one inode, two names, the data of the last entry */
	ck_assert_int_eq(stat_path("/a", &st), 0);
	ck_assert_int_eq(stat_path("/b", &st2), 0);
	ck_assert_uint_eq(st.ino, st2.ino);
	ck_assert_uint_eq(st.nlink, 2);
	read_file("/a", buf, sizeof(buf));
	ck_assert_str_eq(buf, "shared");
	free(ar.buf);
}
END_TEST

START_TEST(test_concatenated_and_padded)
{
	static const struct ent e1 = { .name = "one", .mode = 0100644, .data = "1" };
	static const struct ent e2 = { .name = "two", .mode = 0100644, .data = "2" };
	struct archive ar = { 0 };
	struct kstat st;

	add(&ar, &e1);
	trailer(&ar);
	put(&ar, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
	add(&ar, &e2);
	trailer(&ar);
	put(&ar, "\0\0\0\0\0\0\0", 7);
	ck_assert_int_eq(initramfs_unpack(ar.buf, ar.len), 0);
	ck_assert_int_eq(stat_path("/one", &st), 0);
	ck_assert_int_eq(stat_path("/two", &st), 0);
	free(ar.buf);
}
END_TEST

START_TEST(test_entry_replaces_and_dir_updates)
{
	static const struct ent ents[] = {
		{ .name = "x", .mode = 0100644, .data = "file" },
		{ .name = "x", .mode = 0120777, .data = "target" },
		{ .name = "d", .mode = 040700 },
		{ .name = "d/f", .mode = 0100644 },
		{ .name = "d", .mode = 040755, .uid = 3 },
	};
	struct archive ar = { 0 };
	struct kstat st;

	for (size_t i = 0; i < ARRAY_SIZE(ents); i++)
		add(&ar, &ents[i]);
	trailer(&ar);
	ck_assert_int_eq(initramfs_unpack(ar.buf, ar.len), 0);
	ck_assert_int_eq(stat_path("/x", &st), 0);
	ck_assert_uint_eq(st.mode & LINUX_S_IFMT, LINUX_S_IFLNK);
	ck_assert_int_eq(stat_path("/d/f", &st), 0);	/* the directory was kept */
	ck_assert_int_eq(stat_path("/d", &st), 0);
	ck_assert_uint_eq(st.mode, 040755);
	ck_assert_uint_eq(st.uid, 3);
	free(ar.buf);
}
END_TEST

/* --- corrupt archives --------------------------------------------------------- */

/* A refused archive must leave the root as it was: no /etc. */
static void refused(const char *buf, size_t len)
{
	struct kstat st;

	ck_assert_int_eq(initramfs_unpack(buf, len), -EINVAL);
	ck_assert_int_eq(stat_path("/etc", &st), -ENOENT);
}

START_TEST(test_truncated_anywhere)
{
	struct archive ar = sample();

	/* every proper prefix lacks at least the end of its trailer */
	for (size_t len = 0; len < ar.len; len++)
		refused(ar.buf, len);
	free(ar.buf);
}
END_TEST

START_TEST(test_bad_magic)
{
	struct archive ar = sample();

	memcpy(ar.buf, "070707", 6);	/* old binary-ish "odc" magic */
	refused(ar.buf, ar.len);
	memcpy(ar.buf, "\0\0\0\0\0\0", 6);
	refused(ar.buf, ar.len);
	free(ar.buf);
}
END_TEST

START_TEST(test_bad_hex)
{
	struct archive ar = sample();

	for (size_t field = 0; field < 13; field++) {
		char saved = ar.buf[6 + field * 8 + 3];

		ar.buf[6 + field * 8 + 3] = 'g';
		refused(ar.buf, ar.len);
		ar.buf[6 + field * 8 + 3] = ' ';
		refused(ar.buf, ar.len);
		ar.buf[6 + field * 8 + 3] = saved;
	}
	free(ar.buf);
}
END_TEST

/* Overwrite the namesize field (index 11) of the first header. */
static void set_namesize(struct archive *ar, unsigned v)
{
	char hex[9];

	snprintf(hex, sizeof(hex), "%08X", v);
	memcpy(ar->buf + 6 + 11 * 8, hex, 8);
}

START_TEST(test_name_overflow)
{
	struct archive ar = sample();

	set_namesize(&ar, 0);
	refused(ar.buf, ar.len);
	set_namesize(&ar, 0xffffffff);
	refused(ar.buf, ar.len);
	set_namesize(&ar, (unsigned)ar.len);	/* past the end */
	refused(ar.buf, ar.len);
	set_namesize(&ar, 1);		/* "." without its NUL where it should be */
	refused(ar.buf, ar.len);
	free(ar.buf);
}
END_TEST

START_TEST(test_file_size_past_end)
{
	static const struct ent e = { .name = "etc", .mode = 0100644, .data = "abcd" };
	struct archive ar = { 0 };
	char hex[9];

	add(&ar, &e);
	trailer(&ar);
	snprintf(hex, sizeof(hex), "%08X", (unsigned)ar.len);
	memcpy(ar.buf + 6 + 6 * 8, hex, 8);	/* c_filesize */
	refused(ar.buf, ar.len);
	memcpy(ar.buf + 6 + 6 * 8, "FFFFFFFF", 8);
	refused(ar.buf, ar.len);
	free(ar.buf);
}
END_TEST

START_TEST(test_missing_trailer_and_garbage)
{
	struct archive ar = sample();

	/* cut exactly before the trailer entry */
	refused(ar.buf, ar.len - 124);
	/* garbage after the trailer is a new, bad archive */
	put(&ar, "junkjunk", 8);
	refused(ar.buf, ar.len);
	free(ar.buf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cpio");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_good_archive);
	tcase_add_test(tc, test_concatenated_and_padded);
	tcase_add_test(tc, test_entry_replaces_and_dir_updates);
	tcase_add_test(tc, test_truncated_anywhere);
	tcase_add_test(tc, test_bad_magic);
	tcase_add_test(tc, test_bad_hex);
	tcase_add_test(tc, test_name_overflow);
	tcase_add_test(tc, test_file_size_past_end);
	tcase_add_test(tc, test_missing_trailer_and_garbage);
	suite_add_tcase(s, tc);

	return unit_run(s);
}
