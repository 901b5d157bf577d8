/*
 * Unit tests for path walking (vfs/namei.c) and the operations built on
 * it: ".", "..", trailing slashes, symlinks (relative, absolute, chained,
 * dangling, looping, the 40-link limit), ENOTDIR, ENOENT, ENAMETOOLONG,
 * search permission, mount crossing, dirfd-relative walks and the cwd.
 * Each test runs in a fresh process (Check forks) on its own VFS, as root
 * unless it says otherwise.
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

#define NFRAMES 512

static void mkfile(const char *path)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_WRONLY | LINUX_O_CREAT, 0644);

	ck_assert_msg(!IS_ERR(f), "create %s: %ld", path, PTR_ERR(f));
	file_put(f);
}

/*
 *  /a/b/file         regular
 *  /a/rel -> b       /a/abs -> /a/b      /a/up -> ../a/b/file
 *  /a/dangling -> nowhere                /a/self -> self
 *  /a/chain1 -> chain2 -> abs            /file -> a/b/file
 */
static void setup(void)
{
	void *physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);

	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, NULL), 0);
	ck_assert_int_eq(vfs_init(), 0);
	current = task_alloc();
	current->fs = fs_create();
	current->files = files_create();
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, "/a", 0755), 0);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, "/a/b", 0755), 0);
	mkfile("/a/b/file");
	ck_assert_int_eq(vfs_symlink("b", LINUX_AT_FDCWD, "/a/rel"), 0);
	ck_assert_int_eq(vfs_symlink("/a/b", LINUX_AT_FDCWD, "/a/abs"), 0);
	ck_assert_int_eq(vfs_symlink("../a/b/file", LINUX_AT_FDCWD, "/a/up"), 0);
	ck_assert_int_eq(vfs_symlink("nowhere", LINUX_AT_FDCWD, "/a/dangling"), 0);
	ck_assert_int_eq(vfs_symlink("self", LINUX_AT_FDCWD, "/a/self"), 0);
	ck_assert_int_eq(vfs_symlink("chain2", LINUX_AT_FDCWD, "/a/chain1"), 0);
	ck_assert_int_eq(vfs_symlink("abs", LINUX_AT_FDCWD, "/a/chain2"), 0);
	ck_assert_int_eq(vfs_symlink("a/b/file", LINUX_AT_FDCWD, "/file"), 0);
}

/* Resolve name (following) and return its inode number, or the errno. */
static long ino_of(const char *name, unsigned flags)
{
	struct path p;
	long r = vfs_lookup(LINUX_AT_FDCWD, name, flags, &p);

	if (r)
		return r;
	r = (long)p.dentry->inode->ino;
	path_put(&p);
	return r;
}

#define FOLLOW LOOKUP_FOLLOW

START_TEST(test_plain_dot_dotdot)
{
	long file = ino_of("/a/b/file", FOLLOW), root = ino_of("/", FOLLOW);

	ck_assert_int_gt(file, 0);
	ck_assert_int_eq(ino_of("/a/./b/../b/file", FOLLOW), file);
	ck_assert_int_eq(ino_of("//a///b//file", FOLLOW), file);
	ck_assert_int_eq(ino_of("/..", FOLLOW), root);
	ck_assert_int_eq(ino_of("/../../a/../..", FOLLOW), root);
	ck_assert_int_eq(ino_of("/a/b/..", FOLLOW), ino_of("/a", FOLLOW));
	ck_assert_int_eq(ino_of("a/b/file", FOLLOW), file);	/* cwd is / */
	ck_assert_int_eq(ino_of("/a/b/", FOLLOW), ino_of("/a/b", FOLLOW));
}
END_TEST

START_TEST(test_enoent_enotdir)
{
	ck_assert_int_eq(ino_of("", FOLLOW), -ENOENT);
	ck_assert_int_eq(ino_of("/nope", FOLLOW), -ENOENT);
	ck_assert_int_eq(ino_of("/nope/x", FOLLOW), -ENOENT);
	ck_assert_int_eq(ino_of("/a/b/file/", FOLLOW), -ENOTDIR);
	ck_assert_int_eq(ino_of("/a/b/file/x", FOLLOW), -ENOTDIR);
	ck_assert_int_eq(ino_of("/a/b/file/.", FOLLOW), -ENOTDIR);
	ck_assert_int_eq(ino_of("/a/b/file/..", FOLLOW), -ENOTDIR);
	ck_assert_int_eq(ino_of("/a/b/file", FOLLOW | LOOKUP_DIRECTORY), -ENOTDIR);
	ck_assert_int_eq(ino_of("/file/x", FOLLOW), -ENOTDIR);	/* via a link */
}
END_TEST

START_TEST(test_symlinks)
{
	long file = ino_of("/a/b/file", FOLLOW), b = ino_of("/a/b", FOLLOW);

	ck_assert_int_eq(ino_of("/a/rel/file", FOLLOW), file);
	ck_assert_int_eq(ino_of("/a/abs/file", FOLLOW), file);
	ck_assert_int_eq(ino_of("/a/up", FOLLOW), file);
	ck_assert_int_eq(ino_of("/a/chain1", FOLLOW), b);
	ck_assert_int_eq(ino_of("/a/chain1/file", FOLLOW), file);
	ck_assert_int_eq(ino_of("/a/rel/../b/file", FOLLOW), file);
	/* the link itself unless following; a trailing slash follows */
	ck_assert_int_ne(ino_of("/a/rel", 0), b);
	ck_assert_int_eq(ino_of("/a/rel/", 0), b);
	ck_assert_int_eq(ino_of("/a/dangling", FOLLOW), -ENOENT);
	ck_assert_int_gt(ino_of("/a/dangling", 0), 0);
	ck_assert_int_eq(ino_of("/file", FOLLOW), file);
}
END_TEST

START_TEST(test_eloop)
{
	char name[32], target[32];

	ck_assert_int_eq(ino_of("/a/self", FOLLOW), -ELOOP);
	ck_assert_int_eq(ino_of("/a/self/x", 0), -ELOOP);
	ck_assert_int_gt(ino_of("/a/self", 0), 0);
	/* l0 -> b, l1 -> l0, ... : 40 links followed is fine, 41 is ELOOP */
	ck_assert_int_eq(vfs_symlink("b", LINUX_AT_FDCWD, "/a/l0"), 0);
	for (int i = 1; i <= 40; i++) {
		snprintf(name, sizeof(name), "/a/l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		ck_assert_int_eq(vfs_symlink(target, LINUX_AT_FDCWD, name), 0);
	}
	ck_assert_int_eq(ino_of("/a/l39", FOLLOW), ino_of("/a/b", FOLLOW));
	ck_assert_int_eq(ino_of("/a/l39/file", FOLLOW), ino_of("/a/b/file", FOLLOW));
	ck_assert_int_eq(ino_of("/a/l40", FOLLOW), -ELOOP);
	ck_assert_int_eq(ino_of("/a/l40/file", FOLLOW), -ELOOP);
}
END_TEST

START_TEST(test_enametoolong)
{
	char name[300];

	name[0] = '/';
	memset(name + 1, 'n', 256);
	name[257] = '\0';
	ck_assert_int_eq(ino_of(name, FOLLOW), -ENAMETOOLONG);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, name, 0755), -ENAMETOOLONG);
	name[256] = '\0';	/* 255 is NAME_MAX: fine */
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, name, 0755), 0);
	ck_assert_int_gt(ino_of(name, FOLLOW), 0);
	memset(name + 1, 'n', 256);
	name[257] = '\0';
	strcat(name, "/x");
	ck_assert_int_eq(ino_of(name, FOLLOW), -ENAMETOOLONG);
}
END_TEST

START_TEST(test_search_permission)
{
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, "/private", 0700), 0);
	mkfile("/private/f");
	current->cred.fsuid = current->cred.uid = 1000;
	current->cred.fsgid = current->cred.gid = 1000;
	current->cred.cap_eff = current->cred.cap_prm = 0;	/* no longer root */
	ck_assert_int_eq(ino_of("/private/f", FOLLOW), -EACCES);
	ck_assert_int_gt(ino_of("/private", FOLLOW), 0);	/* the dir itself is visible */
	ck_assert_int_gt(ino_of("/a/b/file", FOLLOW), 0);
}
END_TEST

START_TEST(test_mount_crossing)
{
	struct super_block *sb = tmpfs_create("tmpfs", 0755);
	struct path mp;
	struct kstat root, mnt, dotdot;

	ck_assert_ptr_nonnull(sb);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, "/mnt", 0755), 0);
	ck_assert_int_eq(vfs_lookup(LINUX_AT_FDCWD, "/mnt", FOLLOW, &mp), 0);
	ck_assert_int_eq(vfs_mount(sb, &mp), 0);
	path_put(&mp);
	mkfile("/mnt/inside");
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/", 0, &root), 0);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/mnt", 0, &mnt), 0);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/mnt/..", 0, &dotdot), 0);
	ck_assert_uint_ne(mnt.dev, root.dev);
	ck_assert_uint_eq(dotdot.dev, root.dev);
	ck_assert_uint_eq(dotdot.ino, root.ino);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/mnt/../a/b/file", 0, &mnt), 0);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/mnt/inside/..", 0, &mnt), -ENOTDIR);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, "/mnt"), -EBUSY);
}
END_TEST

START_TEST(test_dirfd_and_cwd)
{
	struct file *d = vfs_open(LINUX_AT_FDCWD, "/a", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	struct file *f = vfs_open(LINUX_AT_FDCWD, "/a/b/file", LINUX_O_RDONLY, 0);
	int dfd, ffd;
	struct kstat st;
	struct path p;
	char buf[64];

	ck_assert(!IS_ERR(d) && !IS_ERR(f));
	dfd = fd_install(d, false);
	ffd = fd_install(f, false);
	ck_assert_int_eq(vfs_stat(dfd, "b/file", 0, &st), 0);
	ck_assert_int_eq(vfs_stat(dfd, "/a", 0, &st), 0);
	ck_assert_int_eq(vfs_stat(ffd, "x", 0, &st), -ENOTDIR);
	ck_assert_int_eq(vfs_stat(ffd, "", LINUX_AT_EMPTY_PATH, &st), 0);
	ck_assert_int_eq(vfs_stat(dfd, "", 0, &st), -ENOENT);
	ck_assert_int_eq(vfs_stat(99, "x", 0, &st), -EBADF);
	ck_assert_int_eq(vfs_stat(99, "/a", 0, &st), 0);

	ck_assert_int_eq(vfs_lookup(LINUX_AT_FDCWD, "/a/rel", FOLLOW, &p), 0);
	ck_assert_int_eq(vfs_chdir(&p), 0);
	path_put(&p);
	ck_assert_int_eq(vfs_getcwd(buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "/a/b");
	ck_assert_int_eq(vfs_getcwd(buf, 4), -ERANGE);
	ck_assert_int_eq(ino_of("file", FOLLOW), ino_of("/a/b/file", FOLLOW));
	ck_assert_int_eq(ino_of("../rel/file", FOLLOW), ino_of("/a/b/file", FOLLOW));
}
END_TEST

START_TEST(test_open_rules)
{
	struct file *f;
	struct kstat st;

	f = vfs_open(LINUX_AT_FDCWD, "/a/dangling", LINUX_O_WRONLY | LINUX_O_CREAT, 0600);
	ck_assert(!IS_ERR(f));	/* creates the link's target */
	file_put(f);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/a/nowhere", 0, &st), 0);
	f = vfs_open(LINUX_AT_FDCWD, "/a/dangling",
		     LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL, 0600);
	ck_assert_int_eq(PTR_ERR(f), -EEXIST);
	f = vfs_open(LINUX_AT_FDCWD, "/a/rel", LINUX_O_RDONLY | LINUX_O_NOFOLLOW, 0);
	ck_assert_int_eq(PTR_ERR(f), -ELOOP);
	f = vfs_open(LINUX_AT_FDCWD, "/a/b/file", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	ck_assert_int_eq(PTR_ERR(f), -ENOTDIR);
	f = vfs_open(LINUX_AT_FDCWD, "/a/b", LINUX_O_WRONLY, 0);
	ck_assert_int_eq(PTR_ERR(f), -EISDIR);
	f = vfs_open(LINUX_AT_FDCWD, "/a/new/", LINUX_O_WRONLY | LINUX_O_CREAT, 0600);
	ck_assert_int_eq(PTR_ERR(f), -EISDIR);
	f = vfs_open(LINUX_AT_FDCWD, "/a/b/file/", LINUX_O_RDONLY, 0);
	ck_assert_int_eq(PTR_ERR(f), -ENOTDIR);
	f = vfs_open(LINUX_AT_FDCWD, "/a/none/x", LINUX_O_WRONLY | LINUX_O_CREAT, 0600);
	ck_assert_int_eq(PTR_ERR(f), -ENOENT);
}
END_TEST

START_TEST(test_rename_and_unlink)
{
	struct kstat st;
	long ino = ino_of("/a/b/file", FOLLOW);

	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, "/a/b/file", LINUX_AT_FDCWD, "/moved", 0), 0);
	ck_assert_int_eq(ino_of("/moved", FOLLOW), ino);
	ck_assert_int_eq(ino_of("/a/b/file", FOLLOW), -ENOENT);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, "/a", LINUX_AT_FDCWD, "/a/b/x", 0), -EINVAL);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, "/a/b", LINUX_AT_FDCWD, "/moved", 0), -ENOTDIR);
	ck_assert_int_eq(vfs_rename(LINUX_AT_FDCWD, "/moved", LINUX_AT_FDCWD, "/a", 0), -EISDIR);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, "/a"), -ENOTEMPTY);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, "/a/b/."), -EINVAL);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, "/a/b"), -EISDIR);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, "/moved/"), -ENOTDIR);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, "/moved"), 0);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/a/b", 0, &st), 0);
	ck_assert_uint_eq(st.nlink, 2);
	ck_assert_int_eq(vfs_rmdir(LINUX_AT_FDCWD, "/a/b"), 0);
	ck_assert_int_eq(vfs_stat(LINUX_AT_FDCWD, "/a", 0, &st), 0);
	ck_assert_uint_eq(st.nlink, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("namei");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_plain_dot_dotdot);
	tcase_add_test(tc, test_enoent_enotdir);
	tcase_add_test(tc, test_symlinks);
	tcase_add_test(tc, test_eloop);
	tcase_add_test(tc, test_enametoolong);
	tcase_add_test(tc, test_search_permission);
	tcase_add_test(tc, test_mount_crossing);
	tcase_add_test(tc, test_dirfd_and_cwd);
	tcase_add_test(tc, test_open_rules);
	tcase_add_test(tc, test_rename_and_unlink);
	suite_add_tcase(s, tc);

	return unit_run(s);
}
