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

#include <umk/vma.h>

#include "fs/ext2/ext2.h"

#define EXT2_ICACHE_MIN_TEST 2048	/* fs/ext2/ext2.h: EXT2_ICACHE_MIN */

static unsigned EXT2_SB_REV(struct super_block *sb)
{
	struct linux_ext2_super s;

	ck_assert_int_eq(pread(dev.fd, &s, sizeof(s), 1024), (ssize_t)sizeof(s));
	return s.s_rev_level;
}

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
	/* whole seconds, as Linux's ext2 keeps them */
	ck_assert_int_eq(stat_of("new.txt", false).mtime.tv_nsec, 0);
	ck_assert_int_eq(stat_of("new.txt", false).ctime.tv_nsec, 0);
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
	ia.mtime.tv_nsec = 123456789;
	{
		struct path p;

		ck_assert_int_eq(vfs_lookup(LINUX_AT_FDCWD, at("dir/w.bin"), 0, &p), 0);
		ck_assert_int_eq(vfs_setattr(p.dentry->inode, &ia), 0);
		ck_assert_int_eq(p.dentry->inode->mtime.tv_nsec, 0);
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

/* A full disk: the write that does not fit is short, then ENOSPC; nothing else is lost. */
START_TEST(test_enospc)
{
	char *chunk = pattern_buf(64 * 1024, 3), *all = malloc(4 << 20);
	struct super_block *sb;
	struct file *f;
	size_t total = 0;
	long r;
	int files = 0, err = 0;

	ck_assert_int_eq(sh("rm -rf %s/src/* && echo keep >%s/src/keep", tmp, tmp), 0);
	make_image(1024, "-N 64", "1M");
	sb = mount_img(0);
	f = open_at("fill", LINUX_O_WRONLY | LINUX_O_CREAT, 0644);
	for (int i = 0; i < 64; i++) {
		r = pwrite_f(f, chunk, 64 * 1024, total);
		if (r < 0) {
			ck_assert_int_eq(r, -ENOSPC);
			break;
		}
		memcpy(all + total, chunk, (size_t)r);
		total += (size_t)r;
	}
	ck_assert_int_eq(r, -ENOSPC);
	ck_assert_uint_gt(total, 512 * 1024);
	ck_assert_uint_eq(f->inode->size, total);
	file_put(f);
	/* inodes run out too: empty files until ENOSPC */
	while (files < 100) {
		char name[32];

		snprintf(name, sizeof(name), "e%d", files);
		f = vfs_open(LINUX_AT_FDCWD, at(name), LINUX_O_WRONLY | LINUX_O_CREAT, 0644);
		if (IS_ERR(f)) {
			err = (int)PTR_ERR(f);
			break;
		}
		file_put(f);
		files++;
	}
	ck_assert_int_eq(err, -ENOSPC);
	umk_equals("keep", "keep\n", 5);
	umount_img(sb);
	fsck_clean();
	debugfs_equals("/fill", all, total);
	debugfs_equals("/keep", "keep\n", 5);
	/* and the space comes back */
	sb = mount_img(0);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("fill")), 0);
	write_file("again", chunk, 64 * 1024);
	umount_img(sb);
	fsck_clean();
	free(chunk);
	free(all);
}
END_TEST

/* A read-only mount changes nothing and says EROFS. */
START_TEST(test_read_only)
{
	struct super_block *sb;
	struct file *f;
	char before[160];

	make_image(2048, "", "4M");
	ck_assert_int_eq(sh("cp %s %s.orig", img, img), 0);
	sb = mount_img(LINUX_MS_RDONLY);
	umk_equals("hello.txt", "hello, world\n", 13);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, at("x"), 0755), -EROFS);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("hello.txt")), -EROFS);
	ck_assert_int_eq(vfs_symlink("a", LINUX_AT_FDCWD, at("s")), -EROFS);
	/* open(2): opening a file for writing on a read-only mount is EROFS */
	f = vfs_open(LINUX_AT_FDCWD, at("hello.txt"), LINUX_O_RDWR, 0);
	ck_assert_int_eq(IS_ERR(f) ? PTR_ERR(f) : 0, -EROFS);
	umount_img(sb);
	snprintf(before, sizeof(before), "%s.orig", img);
	ck_assert_int_eq(sh("cmp -s %s %s", img, before), 0);
	ck_assert_int_eq(dev.writes, 0);
}
END_TEST

/* Revision 0 (128-byte inodes, no features, no file types in entries). */
START_TEST(test_revision_0)
{
	struct super_block *sb;
	char *big = pattern_buf(BIG_LEN, 1);

	make_image(1024, "-r 0", "8M");
	sb = mount_img(0);
	ck_assert_uint_eq(EXT2_SB_REV(sb), 0);
	umk_equals("big.bin", big, BIG_LEN);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, at("newdir"), 0755), 0);
	write_file("newdir/f", "rev0\n", 5);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, at("newdir"), LINUX_AT_FDCWD, at("dir/nd"), 0), 0);
	ck_assert_str_eq(list_dir("dir"), "nd sub");
	umount_img(sb);
	fsck_clean();
	debugfs_equals("/dir/nd/f", "rev0\n", 5);
	free(big);
}
END_TEST

/* MAP_SHARED and MAP_PRIVATE see the same frames; shared writes reach the disk on msync. */
START_TEST(test_mmap_shared_msync)
{
	const uaddr_t sh_va = 0x20000000UL, pr_va = 0x30000000UL;
	struct super_block *sb;
	struct file *f;
	char *p, *q, *big = pattern_buf(BIG_LEN, 1);
	uint64_t a[3];

	make_image(1024, "", "8M");
	sb = mount_img(0);
	f = open_at("big.bin", LINUX_O_RDWR, 0);
	ck_assert_int_ge(mm_map(current->mm, sh_va, 16 * PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
				VMA_SHARED, true, f, 1), 0);
	ck_assert_int_ge(mm_map(current->mm, pr_va, 16 * PAGE_SIZE, LINUX_PROT_READ, 0, true, f, 1), 0);
	p = mm_user_page(current->mm, sh_va + 5, true);
	q = mm_user_page(current->mm, pr_va + 5, false);
	ck_assert_ptr_eq(p, q);	/* one page-cache frame */
	ck_assert_int_eq(*p, big[PAGE_SIZE + 5]);
	memcpy(p, "SHARED", 6);
	memcpy(big + PAGE_SIZE + 5, "SHARED", 6);
	/* msync's checks, then the write-back */
	a[0] = sh_va + 1; a[1] = PAGE_SIZE; a[2] = LINUX_MS_SYNC;
	ck_assert_int_eq(sys_msync(a), -EINVAL);
	a[0] = sh_va; a[2] = LINUX_MS_SYNC | LINUX_MS_ASYNC;
	ck_assert_int_eq(sys_msync(a), -EINVAL);
	a[0] = 0x40000000UL; a[2] = LINUX_MS_SYNC;
	ck_assert_int_eq(sys_msync(a), -ENOMEM);
	a[0] = sh_va; a[1] = 16 * PAGE_SIZE; a[2] = LINUX_MS_SYNC;
	ck_assert_int_eq(sys_msync(a), 0);
	debugfs_equals("/big.bin", big, BIG_LEN);	/* on the disk while still mounted */
	ck_assert_int_eq(mm_unmap(current->mm, sh_va, 16 * PAGE_SIZE), 0);
	ck_assert_int_eq(mm_unmap(current->mm, pr_va, 16 * PAGE_SIZE), 0);
	file_put(f);
	umount_img(sb);
	fsck_clean();
	free(big);
}
END_TEST

/* Writes reach the disk at fsync, without an unmount. */
START_TEST(test_fsync_writes_back)
{
	struct super_block *sb;
	char *w = pattern_buf(100000, 9);
	uint64_t a[1];
	struct file *f;
	int fd;

	make_image(4096, "", "8M");
	sb = mount_img(0);
	f = open_at("fs.bin", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	ck_assert_int_eq(pwrite_f(f, w, 100000, 0), 100000);
	fd = fd_install(f, false);
	ck_assert_int_ge(fd, 0);
	a[0] = (uint64_t)fd;
	ck_assert_int_eq(sys_fsync(a), 0);
	debugfs_equals("/fs.bin", w, 100000);
	a[0] = 999;
	ck_assert_int_eq(sys_fsync(a), -EBADF);
	ck_assert_int_eq(sys_sync(a), 0);
	fd_close(fd);
	umount_img(sb);
	fsck_clean();
	free(w);
}
END_TEST

/* A directory with an htree index (e2fsck -D) stays valid when it changes. */
START_TEST(test_htree_directory)
{
	struct super_block *sb;
	char name[64];

	ck_assert_int_eq(sh("mkdir %s/src/many && cd %s/src/many && "
			    "for i in $(seq 1 400); do echo $i >file-with-a-long-name-$i; done",
			    tmp, tmp), 0);
	make_image(1024, "", "8M");
	ck_assert_int_le(sh("e2fsck -fyD %s >/dev/null 2>&1", img), 1);
	ck_assert_int_eq(sh("debugfs -R 'stat /many' %s 2>/dev/null | grep -q 'Flags: 0x1000'",
			    img), 0);
	sb = mount_img(0);
	umk_equals("many/file-with-a-long-name-399", "399\n", 4);
	for (int i = 1; i <= 400; i += 2) {
		snprintf(name, sizeof(name), "many/file-with-a-long-name-%d", i);
		ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at(name)), 0);
	}
	write_file("many/new", "n\n", 2);
	umount_img(sb);
	fsck_clean();
	/* no index kept: the flag went when the directory changed */
	ck_assert_int_eq(sh("debugfs -R 'stat /many' %s 2>/dev/null | grep -q 'Flags: 0x0'",
			    img), 0);
	debugfs_equals("/many/new", "n\n", 2);
	debugfs_equals("/many/file-with-a-long-name-400", "400\n", 4);
}
END_TEST

/*
 * A new entry goes where Linux's ext2_add_link puts it: the first gap big
 * enough, in block order, even in a block before others that are full; a
 * new block only when no block has room. (umk skips the leading blocks it
 * knows to be full, so a removal must make its block count again.)
 */
START_TEST(test_dir_first_fit)
{
	struct super_block *sb;
	uint64_t size;
	char name[64];
	int i;

	ck_assert_int_eq(sh("mkdir %s/src/fill", tmp), 0);
	make_image(1024, "", "8M");
	sb = mount_img(0);
	/* "n0000".. take 16 bytes each: 64 to a block, the first has . and .. */
	for (i = 0; i < 4 * 64 - 2; i++) {
		snprintf(name, sizeof(name), "fill/n%04d", i);
		write_file(name, "", 0);
	}
	size = stat_of("fill", false).size;
	ck_assert_uint_eq(size, 4 * 1024);
	write_file("fill/n0254", "", 0);	/* no room anywhere: a fifth block */
	ck_assert_uint_eq(stat_of("fill", false).size, 5 * 1024);
	/* a gap too small for a long name is still there for a short one */
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("fill/n0070")), 0);	/* block 1 */
	write_file("fill/a-longer-name", "", 0);
	write_file("fill/m0070", "", 0);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("fill/n0150")), 0);	/* block 2 */
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, at("fill/n0010")), 0);	/* block 0 */
	write_file("fill/m0010", "", 0);
	write_file("fill/m0150", "", 0);
	write_file("fill/m0255", "", 0);	/* the fifth block's room */
	ck_assert_uint_eq(stat_of("fill", false).size, 5 * 1024);
	umount_img(sb);
	fsck_clean();
	/* on the disk, in block order, each new name took the removed one's place */
	ck_assert_int_eq(sh("debugfs -R 'ls /fill' %s 2>/dev/null | tr -s ' ' '\\n' | "
			    "grep -E '^[nm][0-9]{4}$' | "
			    "grep -A1 -x -E 'n0009|n0069|n0149|n0254' | tr '\\n' ' ' | "
			    "grep -q -x 'n0009 m0010 -- n0069 m0070 -- n0149 m0150 -- n0254 m0255 '",
			    img), 0);
}
END_TEST

/* Mount counts and the clean flag, as Linux keeps them. */
START_TEST(test_state_and_mount_count)
{
	struct linux_ext2_super s;
	struct super_block *sb;
	int fd;

	make_image(1024, "", "4M");
	sb = mount_img(0);
	fd = open(img, O_RDONLY);
	ck_assert_int_eq(pread(fd, &s, sizeof(s), 1024), (ssize_t)sizeof(s));
	ck_assert_uint_eq(s.s_state & LINUX_EXT2_VALID_FS, 0);	/* not clean while mounted */
	ck_assert_uint_eq(s.s_mnt_count, 1);
	umount_img(sb);
	ck_assert_int_eq(pread(fd, &s, sizeof(s), 1024), (ssize_t)sizeof(s));
	ck_assert_uint_eq(s.s_state, LINUX_EXT2_VALID_FS);
	close(fd);
	fsck_clean();
}
END_TEST

/* Many files: unused names and inodes are dropped and come back on lookup. */
START_TEST(test_inode_cache_is_bounded)
{
	struct super_block *sb;
	char name[32], want[32];

	make_image(4096, "-N 4096", "32M");
	sb = mount_img(0);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, at("many"), 0755), 0);
	for (int i = 0; i < 3000; i++) {
		snprintf(name, sizeof(name), "many/f%d", i);
		snprintf(want, sizeof(want), "%d\n", i);
		write_file(name, want, strlen(want));
	}
	ck_assert_uint_lt(sb->nr_inodes, EXT2_ICACHE_MIN_TEST);	/* pruned on the way */
	for (int i = 0; i < 3000; i += 7) {
		snprintf(name, sizeof(name), "many/f%d", i);
		snprintf(want, sizeof(want), "%d\n", i);
		umk_equals(name, want, strlen(want));
	}
	ck_assert_uint_eq(stat_of("many", false).nlink, 2);
	umount_img(sb);
	fsck_clean();
	debugfs_equals("/many/f2999", "2999\n", 5);
}
END_TEST

/*
 * ext2_bmap_run maps a range as ext2_bmap does block by block: across the
 * direct, single and double indirect pointers, and over holes that leave
 * a whole indirect block missing.
 */
START_TEST(test_bmap_run)
{
	static const uint64_t ranges[][2] = {
		{ 0, 600 }, { 10, 3 }, { 11, 300 }, { 260, 20 }, { 267, 600 }, { 0, 70100 },
	};
	struct super_block *sb;
	struct file *big, *sparse;
	uint32_t *run = malloc(70100 * sizeof(*run));
	char blk[1024];

	memset(blk, 'x', sizeof(blk));
	make_image(1024, "", "16M");
	sb = mount_img(0);
	sparse = open_at("sparse", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	ck_assert_int_eq(pwrite_f(sparse, blk, sizeof(blk), 5 * 1024), 1024);
	ck_assert_int_eq(pwrite_f(sparse, blk, sizeof(blk), 300 * 1024), 1024);
	ck_assert_int_eq(pwrite_f(sparse, blk, sizeof(blk), 70000 * 1024), 1024);
	ck_assert_int_eq(page_cache_writeback(sparse->inode), 0);
	big = open_at("big.bin", LINUX_O_RDONLY, 0);
	for (int f = 0; f < 2; f++) {
		struct inode *inode = (f ? sparse : big)->inode;
		unsigned nonzero = 0;

		for (size_t r = 0; r < ARRAY_SIZE(ranges); r++) {
			uint64_t first = ranges[r][0], n = ranges[r][1], done = 0;

			ck_assert_int_eq(ext2_bmap_run(inode, first, n, false, run, &done), 0);
			ck_assert_uint_eq(done, n);
			for (uint64_t k = 0; k < n; k++) {
				uint32_t one;

				ck_assert_int_eq(ext2_bmap(inode, first + k, false, &one), 0);
				ck_assert_uint_eq(run[k], one);
				nonzero += one != 0;
			}
		}
		ck_assert_uint_gt(nonzero, 0);
	}
	ck_assert_uint_ne(run[5], 0);
	ck_assert_uint_eq(run[6], 0);
	ck_assert_uint_ne(run[70000], 0);
	ck_assert_uint_eq(run[69999], 0);
	file_put(big);
	file_put(sparse);
	umount_img(sb);
	fsck_clean();
	free(run);
}
END_TEST

/*
 * A large write is placed for the host's page cache (fs/ext2/bmap.c): its
 * data blocks are contiguous across the indirect blocks (which go
 * elsewhere), and each agrees with its file block modulo 1 MiB, also after
 * the run jumps over the next group's bitmaps and inode table. Small files
 * keep Linux's placement around it, and e2fsck finds nothing.
 */
START_TEST(test_large_run_placement)
{
	unsigned bs = _i ? 4096 : 1024, align = (1u << 20) / bs;
	const size_t len = 12u << 20;	/* 1 KiB blocks: crosses a group (8 MiB) */
	char *data = pattern_buf(len, 3);
	uint64_t nblk = len / bs, done = 0, jumps = 0;
	uint32_t *map = malloc(nblk * sizeof(*map));
	struct super_block *sb;
	struct file *f;

	make_image(bs, "", "64M");
	sb = mount_img(0);
	dev.bd.ops = &dev_ops_vectored;
	write_file("small", "small\n", 6);	/* the first free block is now out of phase */
	f = open_at("big", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	for (size_t off = 0; off < len; off += 1u << 20)
		ck_assert_int_eq(pwrite_f(f, data + off, 1u << 20, off), 1u << 20);
	ck_assert_int_eq(ext2_bmap_run(f->inode, 0, nblk, false, map, &done), 0);
	ck_assert_uint_eq(done, nblk);
	for (uint64_t k = 0; k < nblk; k++) {
		ck_assert_uint_ne(map[k], 0);
		ck_assert_uint_eq(map[k] % align, k % align);
		if (k && map[k] != map[k - 1] + 1)
			jumps++;
	}
	/* only where a group's own blocks are in the way */
	ck_assert_uint_le(jumps, len / (8u * bs * bs) + 1);
	file_put(f);
	umount_img(sb);
	fsck_clean();
	free(map);
	free(data);
}
END_TEST

/* A file's offset stays within the largest file the volume holds (s_maxbytes): lseek EINVAL. */
START_TEST(test_llseek_max)
{
	struct super_block *sb;
	struct file *f;
	uint64_t max;

	make_image(1024, "", "16M");
	sb = mount_img(0);
	max = EXT2_SB(sb)->max_bytes;
	ck_assert_uint_eq(sb->maxbytes, max);
	f = open_at("seek", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	ck_assert_int_eq(vfs_llseek(f, (int64_t)max, LINUX_SEEK_SET), (long)max);
	ck_assert_int_eq(vfs_llseek(f, (int64_t)max + 1, LINUX_SEEK_SET), -EINVAL);
	ck_assert_int_eq(vfs_llseek(f, 1, LINUX_SEEK_CUR), -EINVAL);
	ck_assert_uint_eq(f->f_pos, max);
	file_put(f);
	umount_img(sb);
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
	tcase_add_test(tc, test_enospc);
	tcase_add_test(tc, test_read_only);
	tcase_add_test(tc, test_revision_0);
	tcase_add_test(tc, test_mmap_shared_msync);
	tcase_add_test(tc, test_fsync_writes_back);
	tcase_add_test(tc, test_htree_directory);
	tcase_add_test(tc, test_dir_first_fit);
	tcase_add_test(tc, test_state_and_mount_count);
	tcase_add_test(tc, test_inode_cache_is_bounded);
	tcase_add_test(tc, test_bmap_run);
	tcase_add_loop_test(tc, test_large_run_placement, 0, 2);
	tcase_add_test(tc, test_llseek_max);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(ext2_suite());
}
