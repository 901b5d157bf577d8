/*
 * Unit tests for vfs/locks.c: record-lock ranges split, merge and convert
 * as POSIX says, conflicts are per owner (two fd tables stand for two
 * processes), closing releases them, and flock locks follow the open file.
 */
#include <stdlib.h>

#include "unit.h"
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/locks.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_flock.h>

#define NFRAMES 256

static struct files *owner_a, *owner_b;
static struct file *fa, *fb;

static void setup(void)
{
	void *physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);

	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, NULL), 0);
	ck_assert_int_eq(vfs_init(), 0);
	current = task_alloc();
	current->fs = fs_create();
	owner_a = current->files = files_create();
	owner_b = files_create();
	fa = vfs_open(LINUX_AT_FDCWD, "/f", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
	ck_assert(!IS_ERR(fa));
	fb = vfs_open(LINUX_AT_FDCWD, "/f", LINUX_O_RDWR, 0);
	ck_assert(!IS_ERR(fb));
}

static int set(struct files *owner, int type, int64_t start, int64_t end)
{
	struct lock_range r = { .type = type, .start = start, .end = end };

	current->files = owner;
	return posix_lock(owner == owner_a ? fa : fb, false, &r, false);
}

/* What the other owner sees in the way of a write lock on [start, end]. */
static struct lock_range probe(struct files *owner, int64_t start, int64_t end)
{
	struct lock_range r = { .type = LINUX_F_WRLCK, .start = start, .end = end };

	current->files = owner;
	posix_test(owner == owner_a ? fa : fb, false, &r);
	return r;
}

#define CHECK_RANGE(r, t, s, e)                           \
	do {                                              \
		struct lock_range r_ = (r);               \
		ck_assert_int_eq(r_.type, (t));           \
		if ((t) != LINUX_F_UNLCK) {               \
			ck_assert_int_eq(r_.start, (s));  \
			ck_assert_int_eq(r_.end, (e));    \
		}                                         \
	} while (0)

START_TEST(test_split_merge)
{
	ck_assert_int_eq(set(owner_a, LINUX_F_WRLCK, 0, 99), 0);
	ck_assert_int_eq(set(owner_a, LINUX_F_UNLCK, 40, 59), 0);
	CHECK_RANGE(probe(owner_b, 45, 49), LINUX_F_UNLCK, 0, 0);
	CHECK_RANGE(probe(owner_b, 30, 49), LINUX_F_WRLCK, 0, 39);
	CHECK_RANGE(probe(owner_b, 50, LOCK_OFFSET_MAX), LINUX_F_WRLCK, 60, 99);
	/* adjacent on both sides: one lock again */
	ck_assert_int_eq(set(owner_a, LINUX_F_WRLCK, 40, 59), 0);
	CHECK_RANGE(probe(owner_b, 50, 50), LINUX_F_WRLCK, 0, 99);
	/* a read lock inside a write lock splits it in three */
	ck_assert_int_eq(set(owner_a, LINUX_F_RDLCK, 10, 19), 0);
	CHECK_RANGE(probe(owner_b, 0, LOCK_OFFSET_MAX), LINUX_F_WRLCK, 0, 9);
	CHECK_RANGE(probe(owner_b, 10, 19), LINUX_F_RDLCK, 10, 19);
	CHECK_RANGE(probe(owner_b, 15, 30), LINUX_F_RDLCK, 10, 19);
	CHECK_RANGE(probe(owner_b, 20, 30), LINUX_F_WRLCK, 20, 99);
	/* the owner itself is never in its own way */
	CHECK_RANGE(probe(owner_a, 0, LOCK_OFFSET_MAX), LINUX_F_UNLCK, 0, 0);
}
END_TEST

START_TEST(test_conflicts)
{
	ck_assert_int_eq(set(owner_a, LINUX_F_RDLCK, 0, 9), 0);
	ck_assert_int_eq(set(owner_b, LINUX_F_RDLCK, 5, 14), 0);
	ck_assert_int_eq(set(owner_b, LINUX_F_WRLCK, 5, 14), -EAGAIN);
	ck_assert_int_eq(set(owner_b, LINUX_F_WRLCK, 10, 14), 0);
	ck_assert_int_eq(set(owner_a, LINUX_F_WRLCK, 14, 20), -EAGAIN);
	/* an unlock of nothing is fine; to the end of the file */
	ck_assert_int_eq(set(owner_a, LINUX_F_UNLCK, 100, LOCK_OFFSET_MAX), 0);
	ck_assert_int_eq(set(owner_a, LINUX_F_WRLCK, 15, LOCK_OFFSET_MAX), 0);
	CHECK_RANGE(probe(owner_b, 1000, 1000), LINUX_F_WRLCK, 15, LOCK_OFFSET_MAX);
	/* owner a closes an fd of the file: all its locks go */
	locks_remove_posix(fa, owner_a);
	CHECK_RANGE(probe(owner_b, 0, LOCK_OFFSET_MAX), LINUX_F_UNLCK, 0, 0);
	ck_assert_int_eq(set(owner_a, LINUX_F_WRLCK, 0, 4), 0);
}
END_TEST

START_TEST(test_flock)
{
	ck_assert_int_eq(flock_lock(fa, LINUX_F_RDLCK, false), 0);
	ck_assert_int_eq(flock_lock(fb, LINUX_F_RDLCK, false), 0);
	ck_assert_int_eq(flock_lock(fb, LINUX_F_WRLCK, false), -EWOULDBLOCK);
	/* the failed conversion dropped fb's shared lock, as on Linux */
	ck_assert_int_eq(flock_lock(fa, LINUX_F_WRLCK, false), 0);
	ck_assert_int_eq(flock_lock(fb, LINUX_F_RDLCK, false), -EWOULDBLOCK);
	locks_release_file(fa);
	ck_assert_int_eq(flock_lock(fb, LINUX_F_WRLCK, false), 0);
	/* record locks and flock locks do not meet */
	ck_assert_int_eq(set(owner_a, LINUX_F_WRLCK, 0, LOCK_OFFSET_MAX), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("locks");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_split_merge);
	tcase_add_test(tc, test_conflicts);
	tcase_add_test(tc, test_flock);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
