/*
 * Unit tests for the page cache of tmpfs files (vfs/pagecache.c): sparse
 * files cost only their written pages, holes read as zeros, truncation
 * frees pages and zeroes the tail so growing again shows zeros, and
 * file_get_page hands out referenced frames inside the size only. Each
 * test runs in a fresh process (Check forks) on its own physmem and VFS.
 */
#include <check.h>
#include "unit.h"
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

#define NFRAMES 256

static struct file *f;

static void setup(void)
{
	void *physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);

	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, NULL), 0);
	ck_assert_int_eq(vfs_init(), 0);
	current = task_alloc();
	current->fs = fs_create();
	current->files = files_create();
	f = vfs_open(LINUX_AT_FDCWD, "/f", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	ck_assert(!IS_ERR(f));
}

static long pwrite_k(const void *buf, size_t n, uint64_t pos)
{
	struct iov_iter it;

	iov_iter_kernel(&it, (void *)buf, n);
	return vfs_write(f, &it, &pos);
}

START_TEST(test_sparse_file)
{
	const uint64_t far = 1ULL << 40;	/* 1 TiB */
	uint64_t free_before = frame_free_count();
	char buf[16];

	ck_assert_int_eq(pwrite_k("x", 1, far), 1);
	ck_assert_uint_eq(f->inode->size, far + 1);
	ck_assert_uint_eq(f->inode->pages.nr_pages, 1);
	/* one data frame; the radix nodes are malloc'd, not frames */
	ck_assert_uint_eq(frame_free_count(), free_before - 1);
	memset(buf, 0x55, sizeof(buf));
	ck_assert_int_eq(kernel_read(f, buf, sizeof(buf), far - 8), 9);
	ck_assert_mem_eq(buf, "\0\0\0\0\0\0\0\0x", 9);
	ck_assert_int_eq(kernel_read(f, buf, sizeof(buf), far + 1), 0);
	ck_assert_int_eq(kernel_read(f, buf, 4, 12345), 4);	/* a hole */
	ck_assert_mem_eq(buf, "\0\0\0\0", 4);
	ck_assert_uint_eq(f->inode->pages.nr_pages, 1);	/* reading allocates nothing */
}
END_TEST

START_TEST(test_truncate_zeroes_tail)
{
	char page[PAGE_SIZE * 2], buf[PAGE_SIZE * 2];

	memset(page, 'a', sizeof(page));
	ck_assert_int_eq(pwrite_k(page, sizeof(page), 0), (long)sizeof(page));
	ck_assert_uint_eq(f->inode->pages.nr_pages, 2);
	ck_assert_int_eq(vfs_truncate_inode(f->inode, 100), 0);
	ck_assert_uint_eq(f->inode->pages.nr_pages, 1);
	ck_assert_int_eq(vfs_truncate_inode(f->inode, sizeof(buf)), 0);
	ck_assert_int_eq(kernel_read(f, buf, sizeof(buf), 0), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		ck_assert_int_eq(buf[i], i < 100 ? 'a' : 0);
	ck_assert_int_eq(vfs_truncate_inode(f->inode, 0), 0);
	ck_assert_uint_eq(f->inode->pages.nr_pages, 0);
	ck_assert_ptr_null(f->inode->pages.root);
}
END_TEST

START_TEST(test_get_page)
{
	pfn_t pfn, again;

	ck_assert_int_eq(file_get_page(f, 0, &pfn), -ENXIO);	/* empty file */
	ck_assert_int_eq(pwrite_k("hi", 2, PAGE_SIZE + 10), 2);
	ck_assert_int_eq(file_get_page(f, 0, &pfn), 0);	/* a hole: made on demand */
	ck_assert_uint_eq(frame_refcount(pfn), 2);
	ck_assert_int_eq(file_get_page(f, 0, &again), 0);
	ck_assert_uint_eq(again, pfn);
	ck_assert_uint_eq(frame_refcount(pfn), 3);
	frame_put(pfn);
	frame_put(pfn);
	ck_assert_int_eq(file_get_page(f, 1, &pfn), 0);
	ck_assert_mem_eq((char *)frame_ptr(pfn) + 10, "hi", 2);
	frame_put(pfn);
	ck_assert_int_eq(file_get_page(f, 2, &pfn), -ENXIO);
}
END_TEST

START_TEST(test_append_and_efbig)
{
	char buf[8];

	f->f_flags |= LINUX_O_APPEND;
	ck_assert_int_eq(pwrite_k("ab", 2, 0), 2);
	ck_assert_int_eq(pwrite_k("cd", 2, 0), 2);	/* pwrite(2) BUGS: appends */
	ck_assert_int_eq(kernel_read(f, buf, sizeof(buf), 0), 4);
	ck_assert_mem_eq(buf, "abcd", 4);
	f->f_flags &= ~(unsigned)LINUX_O_APPEND;
	ck_assert_int_eq(pwrite_k("x", 1, (uint64_t)INT64_MAX), -EFBIG);
}
END_TEST

START_TEST(test_unlinked_file_keeps_data)
{
	char buf[4];

	ck_assert_int_eq(pwrite_k("data", 4, 0), 4);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, "/f"), 0);
	ck_assert_uint_eq(f->inode->nlink, 0);
	ck_assert_int_eq(kernel_read(f, buf, 4, 0), 4);
	ck_assert_mem_eq(buf, "data", 4);
	file_put(f);	/* the last reference frees the page */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pagecache");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_sparse_file);
	tcase_add_test(tc, test_truncate_zeroes_tail);
	tcase_add_test(tc, test_get_page);
	tcase_add_test(tc, test_append_and_efbig);
	tcase_add_test(tc, test_unlinked_file_keeps_data);
	suite_add_tcase(s, tc);

	return unit_run(s);
}
