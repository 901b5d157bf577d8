/*
 * Unit tests for ext2 (fs/ext2/) and the page cache's write-back, against
 * images that mke2fs makes at test time (block sizes 1, 2 and 4 KiB,
 * revision 0 and 1): mount and read what mke2fs -d copied; create, write,
 * rename and delete, unmount, then e2fsck -fn must find nothing and
 * debugfs must read back the same bytes; ENOSPC, read-only mounts, shared
 * mappings reaching the disk on msync, htree directories, statfs.
 */
#include "unit.h"
#include "ext2_util.h"

START_TEST(test_read_mke2fs_image)
{
	unsigned bs = block_sizes[_i];
	struct super_block *sb;
	struct linux_statfs sf;
	struct kstat st, st2;
	char *big = pattern_buf(BIG_LEN, 1);
	char buf[256];

	make_image(bs, "", "8M");
	sb = mount_img(0);
	ck_assert_str_eq(list_dir(""), "big.bin dir empty emptydir fast hard hello.txt "
			 "lost+found slow sparse");
	ck_assert_str_eq(list_dir("dir"), "sub");
	umk_equals("hello.txt", "hello, world\n", 13);
	umk_equals("big.bin", big, BIG_LEN);
	umk_equals("dir/sub/deep.txt", "deep\n", 5);
	umk_equals("empty", "", 0);
	umk_equals("slow", "deep\n", 5);	/* through the slow symlink */
	ck_assert_int_eq(vfs_readlink(LINUX_AT_FDCWD, at("fast"), buf, sizeof(buf)), 9);
	ck_assert_mem_eq(buf, "hello.txt", 9);
	ck_assert_int_eq(vfs_readlink(LINUX_AT_FDCWD, at("slow"), buf, sizeof(buf)),
			 (long)strlen(SLOW_TARGET));
	ck_assert_mem_eq(buf, SLOW_TARGET, strlen(SLOW_TARGET));
	st = stat_of("hello.txt", false);
	ck_assert_uint_eq(st.mode, LINUX_S_IFREG | 0640);
	ck_assert_uint_eq(st.nlink, 2);
	ck_assert_uint_eq(st.uid, getuid());
	ck_assert_uint_eq(st.blksize, bs);
	st2 = stat_of("hard", false);
	ck_assert_uint_eq(st.ino, st2.ino);	/* hard links share one inode */
	st = stat_of("dir", false);
	ck_assert_uint_eq(st.mode & LINUX_S_IFMT, LINUX_S_IFDIR);
	ck_assert_uint_eq(st.nlink, 3);
	ck_assert_uint_eq(stat_of("", false).nlink, 5);	/* 2 + dir emptydir lost+found */
	/* the sparse file: 8 KiB of data at 3 MiB, holes take nothing */
	st = stat_of("sparse", false);
	ck_assert_uint_eq(st.size, 3 * 1024 * 1024 + 8192);
	ck_assert_uint_le(st.blocks, (8192 + 3 * bs) / 512);
	{
		struct file *f = open_at("sparse", LINUX_O_RDONLY, 0);

		ck_assert_int_eq(kernel_read(f, buf, 16, 1024 * 1024), 16);
		for (int i = 0; i < 16; i++)
			ck_assert_int_eq(buf[i], 0);
		file_put(f);
	}
	ck_assert_int_eq(stat_err("nothere"), -ENOENT);
	ck_assert_int_eq(stat_err("hello.txt/x"), -ENOTDIR);
	ck_assert_int_eq(sb->ops->statfs(sb, &sf), 0);
	ck_assert_int_eq(sf.f_type, LINUX_EXT2_SUPER_MAGIC);
	ck_assert_int_eq(sf.f_bsize, bs);
	ck_assert_uint_gt(sf.f_bfree, 0);
	ck_assert_uint_lt(sf.f_ffree, sf.f_files);
	ck_assert_uint_le(sf.f_bavail, sf.f_bfree);
	ck_assert_int_eq(sf.f_namelen, 255);
	umount_img(sb);
	fsck_clean();
	free(big);
}
END_TEST

/* Everything a guest does to names and data, checked by e2fsck and debugfs. */
START_TEST(test_write_then_fsck)
{
	unsigned bs = block_sizes[_i];
	const size_t wlen = 2 * 1024 * 1024 + 123;
	char *w = pattern_buf(wlen, 7), *big = pattern_buf(BIG_LEN, 1), buf[512];
	const uint64_t far = 5ULL << 30;	/* past 4 GiB: large_file */
	struct super_block *sb;
	struct iattr ia = { 0 };
	struct kstat st;
	struct file *f;

	make_image(bs, "", "16M");
	sb = mount_img(0);
	write_file("new.txt", "new file\n", 9);
	write_file("dir/w.bin", w, wlen);
	f = open_at("huge", LINUX_O_RDWR | LINUX_O_CREAT, 0600);
	ck_assert_int_eq(pwrite_f(f, "tail", 4, far), 4);
	ck_assert_uint_eq(f->inode->size, far + 4);
	ck_assert_uint_le(f->inode->blocks, 8 * bs / 512);	/* data + 3 indirect */
	ck_assert_int_eq(kernel_read(f, buf, 8, far - 4), 8);
	ck_assert_mem_eq(buf, "\0\0\0\0tail", 8);
	file_put(f);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, at("d1"), 0750), 0);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, at("d1/d2"), 0755), 0);
	write_file("d1/d2/inner", "inner\n", 6);
	ck_assert_uint_eq(stat_of("d1", false).nlink, 3);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, at("d1/d2")), -ENOTEMPTY);
	/* a directory moves to another parent: its ".." and both link counts follow */
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, at("d1/d2"), LINUX_AT_FDCWD, at("dir/moved"), 0), 0);
	ck_assert_uint_eq(stat_of("d1", false).nlink, 2);
	ck_assert_uint_eq(stat_of("dir", false).nlink, 4);
	ck_assert_uint_eq(stat_of("dir/moved/..", true).ino, stat_of("dir", false).ino);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, at("new.txt"), LINUX_AT_FDCWD, at("empty"),
				    LINUX_RENAME_NOREPLACE), -EEXIST);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, at("new.txt"), LINUX_AT_FDCWD, at("empty"), 0), 0);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, at("fast"), LINUX_AT_FDCWD, at("d1/fast2"),
				    LINUX_RENAME_NOREPLACE), 0);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, at("emptydir")), 0);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, at("d1")), -ENOTEMPTY);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("hello.txt")), 0);
	ck_assert_uint_eq(stat_of("hard", false).nlink, 1);
	ck_assert_int_eq(vfs_link(LINUX_AT_FDCWD, at("hard"), LINUX_AT_FDCWD, at("d1/hard2"), 0), 0);
	ck_assert_int_eq(vfs_symlink("short", LINUX_AT_FDCWD, at("sym1")), 0);
	ck_assert_int_eq(vfs_symlink(SLOW_TARGET2, LINUX_AT_FDCWD, at("sym2")), 0);
	ck_assert_int_eq(vfs_mknod(LINUX_AT_FDCWD, at("fifo"), LINUX_S_IFIFO | 0644, 0), 0);
	ck_assert_int_eq(vfs_mknod(LINUX_AT_FDCWD, at("null"), LINUX_S_IFCHR | 0666,
				   LINUX_MKDEV(1, 3)), 0);
	ck_assert_int_eq(vfs_mknod(LINUX_AT_FDCWD, at("bigdev"), LINUX_S_IFBLK | 0600,
				   LINUX_MKDEV(300, 70000)), 0);
	/* truncate down inside a block, then up again: the tail reads as zeros */
	f = open_at("big.bin", LINUX_O_RDWR, 0);
	ck_assert_int_eq(vfs_truncate_inode(f->inode, 1000), 0);
	ck_assert_int_eq(vfs_truncate_inode(f->inode, 300000), 0);
	file_put(f);
	memset(big + 1000, 0, 300000 - 1000);
	/* attributes */
	ia.valid = ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_MTIME;
	ia.mode = 0604;
	ia.uid = 70000;
	ia.gid = 1234;
	ia.mtime.tv_sec = 1000000000;
	{
		struct path p;

		ck_assert_int_eq(vfs_lookup(LINUX_AT_FDCWD, at("dir/w.bin"), 0, &p), 0);
		ck_assert_int_eq(vfs_setattr(p.dentry->inode, &ia), 0);
		path_put(&p);
	}
	umount_img(sb);
	fsck_clean();
	debugfs_equals("/dir/w.bin", w, wlen);
	debugfs_equals("/empty", "new file\n", 9);
	debugfs_equals("/big.bin", big, 300000);
	debugfs_equals("/dir/moved/inner", "inner\n", 6);

	/* mount again: umk reads back what it wrote */
	sb = mount_img(0);
	ck_assert_str_eq(list_dir(""), "big.bin bigdev d1 dir empty fifo hard huge lost+found "
			 "null slow sparse sym1 sym2");
	ck_assert_str_eq(list_dir("dir/moved"), "inner");
	ck_assert_str_eq(list_dir("d1"), "fast2 hard2");
	umk_equals("dir/w.bin", w, wlen);
	umk_equals("big.bin", big, 300000);
	umk_equals("d1/hard2", "hello, world\n", 13);
	ck_assert_int_eq(vfs_readlink(LINUX_AT_FDCWD, at("d1/fast2"), buf, sizeof(buf)), 9);
	umk_equals("sym2", "deep\n", 5);
	st = stat_of("dir/w.bin", false);
	ck_assert_uint_eq(st.mode, LINUX_S_IFREG | 0604);
	ck_assert_uint_eq(st.uid, 70000);
	ck_assert_uint_eq(st.gid, 1234);
	ck_assert_int_eq(st.mtime.tv_sec, 1000000000);
	ck_assert_uint_eq(stat_of("hard", false).nlink, 2);
	ck_assert_uint_eq(stat_of("fifo", false).mode, LINUX_S_IFIFO | 0644);
	ck_assert_uint_eq(stat_of("null", false).rdev, LINUX_MKDEV(1, 3));
	ck_assert_uint_eq(stat_of("bigdev", false).rdev, LINUX_MKDEV(300, 70000));
	ck_assert_uint_eq(stat_of("huge", false).size, far + 4);
	ck_assert_uint_eq(stat_of("dir/moved/..", true).ino, stat_of("dir", false).ino);
	/* and takes it all away again */
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("huge")), 0);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("dir/w.bin")), 0);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("dir/moved/inner")), 0);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, at("dir/moved")), 0);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("sym2")), 0);
	umount_img(sb);
	fsck_clean();
	free(w);
	free(big);
}
END_TEST

Suite *ext2_suite(void);
Suite *ext2_suite(void)
{
	Suite *s = suite_create("ext2");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_read_mke2fs_image, 0, 3);
	tcase_add_loop_test(tc, test_write_then_fsck, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(ext2_suite());
}
