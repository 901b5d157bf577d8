/*
 * Unit tests for the frame allocator (mm/frame.c): buddy allocation and
 * merging, reference counts, the release queue and its coalesced ranges,
 * and FRAME_ZERO on released frames.
 *
 * Each test runs in its own forked child with a fresh physmem buffer.
 */
#include <check.h>
#include "unit.h"
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>

#define NFRAMES 4096ULL		/* 16 MiB: four order-10 blocks, one holds frame 0 */
#define MAXBLOCK (1UL << FRAME_MAX_ORDER)

static void *physmem;

/* What the release callback was given. */
#define MAX_RELEASES 4096
static struct {
	uint64_t off, len;
} releases[MAX_RELEASES];
static unsigned nr_releases;

static void record_release(uint64_t off, uint64_t len)
{
	ck_assert_uint_lt(nr_releases, MAX_RELEASES);
	releases[nr_releases].off = off;
	releases[nr_releases].len = len;
	nr_releases++;
}

static void init_physmem(void (*release)(uint64_t, uint64_t))
{
	physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);
	ck_assert_ptr_nonnull(physmem);
	memset(physmem, 0x5a, NFRAMES * PAGE_SIZE);
	nr_releases = 0;
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, release), 0);
}

static void setup(void)
{
	init_physmem(record_release);
	nr_releases = 0;
}

static void teardown(void)
{
	frame_fini();
	free(physmem);
}

/* Allocate every free frame one by one; returns how many. */
static unsigned alloc_all(pfn_t *out)
{
	unsigned n = 0;
	long pfn;

	while ((pfn = frame_alloc(0, 0)) > 0)
		out[n++] = (pfn_t)pfn;
	ck_assert_int_eq(pfn, -ENOMEM);
	return n;
}

START_TEST(test_init_releases_all_but_frame0)
{
	frame_fini();
	free(physmem);
	init_physmem(record_release);
	ck_assert_uint_eq(nr_releases, 1);
	ck_assert_uint_eq(releases[0].off, PAGE_SIZE);
	ck_assert_uint_eq(releases[0].len, (NFRAMES - 1) * PAGE_SIZE);
	ck_assert_uint_eq(frame_total(), NFRAMES);
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1);
}
END_TEST

START_TEST(test_alloc_all_unique_never_frame0)
{
	static pfn_t got[NFRAMES];
	static unsigned char seen[NFRAMES];
	unsigned n, i;

	n = alloc_all(got);
	ck_assert_uint_eq(n, NFRAMES - 1);
	for (i = 0; i < n; i++) {
		ck_assert_uint_gt(got[i], 0);
		ck_assert_uint_lt(got[i], NFRAMES);
		ck_assert_int_eq(seen[got[i]], 0);
		seen[got[i]] = 1;
		ck_assert_uint_eq(frame_refcount(got[i]), 1);
	}
	ck_assert_uint_eq(frame_free_count(), 0);
	ck_assert_int_eq(frame_alloc(0, 0), -ENOMEM);
	ck_assert_int_eq(frame_alloc(FRAME_MAX_ORDER + 1, 0), -ENOMEM);
}
END_TEST

START_TEST(test_block_is_aligned_and_counted_per_frame)
{
	long pfn = frame_alloc(3, 0);
	unsigned i;

	ck_assert_int_gt(pfn, 0);
	ck_assert_int_eq(pfn % 8, 0);
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1 - 8);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(frame_refcount(pfn + i), 1);
	/* Frames of a block are freed one at a time. */
	frame_put(pfn + 3);
	ck_assert_uint_eq(frame_refcount(pfn + 3), 0);
	ck_assert_uint_eq(frame_refcount(pfn + 4), 1);
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1 - 7);
}
END_TEST

START_TEST(test_refcount_last_put_frees)
{
	uint64_t free0 = frame_free_count();
	long pfn = frame_alloc(0, 0);

	ck_assert_int_gt(pfn, 0);
	frame_get(pfn);
	frame_get(pfn);
	ck_assert_uint_eq(frame_refcount(pfn), 3);
	frame_put(pfn);
	frame_put(pfn);
	ck_assert_uint_eq(frame_refcount(pfn), 1);
	ck_assert_uint_eq(frame_free_count(), free0 - 1);
	frame_put(pfn);
	ck_assert_uint_eq(frame_refcount(pfn), 0);
	ck_assert_uint_eq(frame_free_count(), free0);
}
END_TEST

START_TEST(test_queued_frame_not_reused_before_release)
{
	long a = frame_alloc(0, 0), b;

	ck_assert_int_gt(a, 0);
	frame_put(a);
	b = frame_alloc(0, 0);
	ck_assert_int_gt(b, 0);
	ck_assert_int_ne(b, a);
	ck_assert_uint_eq(nr_releases, 0);
	frame_flush_release();
	ck_assert_uint_eq(nr_releases, 1);
	ck_assert_uint_eq(releases[0].off, frame_offset(a));
	ck_assert_uint_eq(releases[0].len, PAGE_SIZE);
}
END_TEST

START_TEST(test_alloc_flushes_queue_when_empty)
{
	static pfn_t got[NFRAMES];
	unsigned n = alloc_all(got);
	pfn_t victim = got[n / 2];

	frame_put(victim);
	ck_assert_uint_eq(frame_free_count(), 1);
	ck_assert_uint_eq(nr_releases, 0);
	/* The only free frame is queued: the allocation must release it. */
	ck_assert_int_eq(frame_alloc(0, 0), victim);
	ck_assert_uint_eq(nr_releases, 1);
	ck_assert_uint_eq(releases[0].off, frame_offset(victim));
	ck_assert_uint_eq(releases[0].len, PAGE_SIZE);
	ck_assert_uint_eq(frame_free_count(), 0);
}
END_TEST

START_TEST(test_release_coalesces_runs)
{
	long p = frame_alloc(3, 0);

	ck_assert_int_gt(p, 0);
	/* Freed out of order: p+0..p+2 and p+5..p+6 are two runs. */
	frame_put(p + 6);
	frame_put(p + 1);
	frame_put(p + 5);
	frame_put(p + 0);
	frame_put(p + 2);
	ck_assert_uint_eq(nr_releases, 0);
	frame_flush_release();
	ck_assert_uint_eq(nr_releases, 2);
	ck_assert_uint_eq(releases[0].off, frame_offset(p));
	ck_assert_uint_eq(releases[0].len, 3 * PAGE_SIZE);
	ck_assert_uint_eq(releases[1].off, frame_offset(p + 5));
	ck_assert_uint_eq(releases[1].len, 2 * PAGE_SIZE);
	/* Nothing left to release. */
	frame_flush_release();
	ck_assert_uint_eq(nr_releases, 2);
}
END_TEST

START_TEST(test_full_queue_releases_by_itself)
{
	static pfn_t got[NFRAMES];
	unsigned n = alloc_all(got), i;
	uint64_t released = 0;

	for (i = 0; i < n; i++)
		frame_put(got[i]);
	/* The queue cannot hold all of physmem: some went back unasked. */
	ck_assert_uint_gt(nr_releases, 0);
	frame_flush_release();
	for (i = 0; i < nr_releases; i++)
		released += releases[i].len;
	ck_assert_uint_eq(released, (NFRAMES - 1) * PAGE_SIZE);
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1);
}
END_TEST

START_TEST(test_zero_is_free_for_released_frames)
{
	static pfn_t got[NFRAMES];
	unsigned n = alloc_all(got);
	pfn_t victim = got[n - 1];
	unsigned char *p = frame_ptr(victim);

	memset(p, 0xaa, PAGE_SIZE);
	frame_put(victim);
	frame_flush_release();
	/*
	 * record_release() does not really zero the range, so the old bytes
	 * are still there: FRAME_ZERO must trust the release, not memset.
	 */
	ck_assert_int_eq(frame_alloc(0, FRAME_ZERO), victim);
	ck_assert_uint_eq(p[0], 0xaa);
	ck_assert_uint_eq(p[PAGE_SIZE - 1], 0xaa);
}
END_TEST

START_TEST(test_zero_clears_without_release)
{
	static pfn_t got[NFRAMES];
	unsigned n, i;
	unsigned char *p;
	pfn_t victim;

	frame_fini();
	free(physmem);
	init_physmem(NULL);
	n = alloc_all(got);
	victim = got[n / 3];
	p = frame_ptr(victim);
	memset(p, 0xaa, PAGE_SIZE);
	frame_put(victim);
	ck_assert_int_eq(frame_alloc(0, FRAME_ZERO), victim);
	for (i = 0; i < PAGE_SIZE; i++)
		ck_assert_uint_eq(p[i], 0);
}
END_TEST

START_TEST(test_zero_first_use_without_release)
{
	long pfn;
	unsigned char *p;
	unsigned i;

	frame_fini();
	free(physmem);
	init_physmem(NULL);	/* physmem is 0x5a-filled, never released */
	pfn = frame_alloc(2, FRAME_ZERO);
	ck_assert_int_gt(pfn, 0);
	p = frame_ptr(pfn);
	for (i = 0; i < 4 * PAGE_SIZE; i++)
		ck_assert_uint_eq(p[i], 0);
}
END_TEST

START_TEST(test_buddies_merge_back)
{
	static pfn_t got[NFRAMES];
	unsigned n = alloc_all(got), i;
	long blk[4];

	for (i = 0; i < n; i++)
		frame_put(got[i]);
	frame_flush_release();
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1);
	/* Three order-10 blocks exist again; the fourth holds frame 0. */
	for (i = 0; i < 3; i++) {
		blk[i] = frame_alloc(FRAME_MAX_ORDER, 0);
		ck_assert_int_gt(blk[i], 0);
		ck_assert_int_eq(blk[i] % MAXBLOCK, 0);
	}
	blk[3] = frame_alloc(FRAME_MAX_ORDER, 0);
	ck_assert_int_eq(blk[3], -ENOMEM);
	ck_assert_uint_eq(frame_free_count(), MAXBLOCK - 1);
	/* The rest is still there in smaller blocks. */
	ck_assert_int_gt(frame_alloc(FRAME_MAX_ORDER - 1, 0), 0);
}
END_TEST

START_TEST(test_alloc_flush_merges_queued_frames)
{
	static pfn_t got[NFRAMES];
	long big[3], pfn;
	unsigned i;

	for (i = 0; i < 3; i++) {
		big[i] = frame_alloc(FRAME_MAX_ORDER, 0);
		ck_assert_int_gt(big[i], 0);
	}
	alloc_all(got);
	/* 256 aligned frames queued: an order-8 block once released. */
	for (i = 0; i < 256; i++)
		frame_put(big[1] + i);
	ck_assert_uint_eq(nr_releases, 0);
	pfn = frame_alloc(8, 0);
	ck_assert_int_eq(pfn, big[1]);
	ck_assert_uint_eq(nr_releases, 1);
	ck_assert_uint_eq(releases[0].off, frame_offset(big[1]));
	ck_assert_uint_eq(releases[0].len, 256 * PAGE_SIZE);
	ck_assert_int_eq(frame_alloc(0, 0), -ENOMEM);
}
END_TEST

START_TEST(test_frame_ptr_and_offset)
{
	long pfn = frame_alloc(0, 0);

	ck_assert_int_gt(pfn, 0);
	ck_assert_ptr_eq(frame_ptr(pfn), (char *)physmem + pfn * PAGE_SIZE);
	ck_assert_uint_eq(frame_offset(pfn), (uint64_t)pfn * PAGE_SIZE);
}
END_TEST

/* The warm pool: what populate was asked to back. */
static uint64_t populated;

static void record_populate(uint64_t off, uint64_t len)
{
	ck_assert_uint_eq(off % PAGE_SIZE, 0);
	populated += len;
}

START_TEST(test_pool_populates_in_batches_and_recycles)
{
	pfn_t a, b;
	uint64_t free0 = frame_free_count();

	frame_set_populate(record_populate);
	populated = 0;
	a = (pfn_t)frame_alloc(0, FRAME_ZERO);
	ck_assert_uint_gt(a, 0);
	/* One call backed a whole block, not just the one frame. */
	ck_assert_uint_ge(populated, 2 * PAGE_SIZE);
	ck_assert_uint_eq(frame_free_count(), free0 - 1);
	b = (pfn_t)frame_alloc(0, 0);
	ck_assert_uint_eq(b, a + 1);
	memset(frame_ptr(a), 0x77, PAGE_SIZE);
	frame_put(a);
	/* Kept warm, not released, and handed out again zeroed on request. */
	ck_assert_uint_eq(nr_releases, 0);
	ck_assert_uint_eq(frame_refcount(a), 0);
	ck_assert_uint_eq(frame_free_count(), free0 - 1);
	ck_assert_uint_eq((pfn_t)frame_alloc(0, FRAME_ZERO), a);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		ck_assert_uint_eq(((unsigned char *)frame_ptr(a))[i], 0);
	frame_put(a);
	frame_put(b);
	ck_assert_uint_eq(frame_free_count(), free0);
}
END_TEST

START_TEST(test_pool_drains_for_large_blocks)
{
	static pfn_t got[NFRAMES];
	unsigned n;
	long big;

	frame_set_populate(record_populate);
	n = alloc_all(got);
	ck_assert_uint_eq(n, NFRAMES - 1);
	for (unsigned i = 0; i < n; i++)
		frame_put(got[i]);
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1);
	/* The pool holds freed frames; a big block still comes out. */
	nr_releases = 0;
	big = frame_alloc(FRAME_MAX_ORDER, 0);
	ck_assert_int_gt(big, 0);
	/* ...after the pooled frames went back to the host. */
	ck_assert_uint_gt(nr_releases, 0);
	ck_assert_uint_eq(frame_free_count(), NFRAMES - 1 - MAXBLOCK);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_releases_all_but_frame0);
	tcase_add_test(tc, test_alloc_all_unique_never_frame0);
	tcase_add_test(tc, test_block_is_aligned_and_counted_per_frame);
	tcase_add_test(tc, test_refcount_last_put_frees);
	tcase_add_test(tc, test_queued_frame_not_reused_before_release);
	tcase_add_test(tc, test_alloc_flushes_queue_when_empty);
	tcase_add_test(tc, test_release_coalesces_runs);
	tcase_add_test(tc, test_full_queue_releases_by_itself);
	tcase_add_test(tc, test_zero_is_free_for_released_frames);
	tcase_add_test(tc, test_zero_clears_without_release);
	tcase_add_test(tc, test_zero_first_use_without_release);
	tcase_add_test(tc, test_buddies_merge_back);
	tcase_add_test(tc, test_alloc_flush_merges_queued_frames);
	tcase_add_test(tc, test_frame_ptr_and_offset);
	tcase_add_test(tc, test_pool_populates_in_batches_and_recycles);
	tcase_add_test(tc, test_pool_drains_for_large_blocks);
	suite_add_tcase(s, tc);

	return unit_run(s);
}
