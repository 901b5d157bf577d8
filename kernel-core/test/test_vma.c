/*
 * Unit tests for virtual memory areas (mm/vma.c): lookup, insertion with
 * merging, removal and protection with splits at either edge, the
 * all-or-nothing rule of vma_protect over holes, top-down gap search,
 * cloning, and the file references file-backed areas hold.
 */
#include <check.h>
#include "unit.h"
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/vfs.h>
#include <umk/vma.h>

#define P(n) ((uaddr_t)(n) * PAGE_SIZE)
#define BASE 0x10000000ULL
#define R 1u
#define RW 3u
#define RX 5u

static struct vma_set vs;

static void setup(void)
{
	vma_set_init(&vs);
}

static void teardown(void)
{
	vma_set_destroy(&vs);
}

/* The set must read exactly as this list of {start, end, prot} triples. */
struct want {
	uaddr_t start, end;
	unsigned prot;
};

static void expect(const struct want *w, unsigned n)
{
	struct vma *v;
	unsigned i = 0;

	list_for_each_entry(v, &vs.list, node) {
		ck_assert_uint_lt(i, n);
		ck_assert_uint_eq(v->start, w[i].start);
		ck_assert_uint_eq(v->end, w[i].end);
		ck_assert_uint_eq(v->prot, w[i].prot);
		i++;
	}
	ck_assert_uint_eq(i, n);
	ck_assert_uint_eq(vs.count, n);
}

#define EXPECT(...)                                                        \
	do {                                                               \
		static const struct want w_[] = { __VA_ARGS__ };           \
		expect(w_, ARRAY_SIZE(w_));                                \
	} while (0)

static void add(uaddr_t start, uaddr_t end, unsigned prot)
{
	ck_assert_int_eq(vma_insert(&vs, start, end, prot, 0, NULL, 0), 0);
}

START_TEST(test_find)
{
	struct vma *v;

	add(BASE, BASE + P(4), RW);
	add(BASE + P(10), BASE + P(12), R);
	v = vma_find(&vs, BASE + P(3) + 5);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->start, BASE);
	ck_assert_ptr_null(vma_find(&vs, BASE + P(4)));	/* end is exclusive */
	ck_assert_ptr_null(vma_find(&vs, BASE - 1));
	v = vma_find_next(&vs, BASE + P(4));
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->start, BASE + P(10));
	ck_assert_ptr_null(vma_find_next(&vs, BASE + P(12)));
	ck_assert_ptr_eq(vma_prev(&vs, v), vma_find(&vs, BASE));
	ck_assert_ptr_eq(vma_next(&vs, vma_find(&vs, BASE)), v);
	ck_assert_ptr_null(vma_next(&vs, v));
	ck_assert_ptr_null(vma_prev(&vs, vma_find(&vs, BASE)));
}
END_TEST

START_TEST(test_insert_rejects_overlap_and_bad_ranges)
{
	add(BASE + P(2), BASE + P(6), RW);
	ck_assert_int_eq(vma_insert(&vs, BASE, BASE + P(3), RW, 0, NULL, 0), -EEXIST);
	ck_assert_int_eq(vma_insert(&vs, BASE + P(5), BASE + P(8), RW, 0, NULL, 0), -EEXIST);
	ck_assert_int_eq(vma_insert(&vs, BASE + P(3), BASE + P(4), RW, 0, NULL, 0), -EEXIST);
	ck_assert_int_eq(vma_insert(&vs, BASE, BASE + P(10), RW, 0, NULL, 0), -EEXIST);
	ck_assert_int_ne(vma_insert(&vs, BASE + 1, BASE + P(1), RW, 0, NULL, 0), 0);
	ck_assert_int_ne(vma_insert(&vs, BASE, BASE, RW, 0, NULL, 0), 0);
	EXPECT({ BASE + P(2), BASE + P(6), RW });
	ck_assert(vma_range_free(&vs, BASE, BASE + P(2)));
	ck_assert(!vma_range_free(&vs, BASE, BASE + P(2) + PAGE_SIZE));
	ck_assert(vma_range_free(&vs, BASE + P(6), BASE + P(100)));
}
END_TEST

START_TEST(test_insert_merges_neighbours)
{
	add(BASE, BASE + P(2), RW);
	add(BASE + P(4), BASE + P(6), RW);
	add(BASE + P(6), BASE + P(7), R);	/* other prot: stays apart */
	EXPECT({ BASE, BASE + P(2), RW }, { BASE + P(4), BASE + P(6), RW },
	       { BASE + P(6), BASE + P(7), R });
	add(BASE + P(2), BASE + P(4), RW);	/* fills the hole: one area */
	EXPECT({ BASE, BASE + P(6), RW }, { BASE + P(6), BASE + P(7), R });
	add(BASE - P(1), BASE, RW);		/* merges with next only */
	EXPECT({ BASE - P(1), BASE + P(6), RW }, { BASE + P(6), BASE + P(7), R });
	/* Different flags do not merge either. */
	ck_assert_int_eq(vma_insert(&vs, BASE + P(7), BASE + P(8), R, VMA_HEAP, NULL, 0), 0);
	ck_assert_uint_eq(vs.count, 3);
}
END_TEST

START_TEST(test_remove_splits_middle)
{
	add(BASE, BASE + P(10), RW);
	ck_assert_int_eq(vma_remove(&vs, BASE + P(3), BASE + P(5)), 0);
	EXPECT({ BASE, BASE + P(3), RW }, { BASE + P(5), BASE + P(10), RW });
	ck_assert_ptr_null(vma_find(&vs, BASE + P(4)));
	ck_assert_uint_eq(vma_find(&vs, BASE + P(5))->pgoff, 5);
}
END_TEST

START_TEST(test_remove_edges_and_spans)
{
	add(BASE, BASE + P(4), RW);
	add(BASE + P(6), BASE + P(8), R);
	add(BASE + P(10), BASE + P(14), RX);
	/* Left edge of the first area. */
	ck_assert_int_eq(vma_remove(&vs, BASE - P(2), BASE + P(1)), 0);
	/* Right edge of the last area. */
	ck_assert_int_eq(vma_remove(&vs, BASE + P(13), BASE + P(20)), 0);
	EXPECT({ BASE + P(1), BASE + P(4), RW }, { BASE + P(6), BASE + P(8), R },
	       { BASE + P(10), BASE + P(13), RX });
	ck_assert_uint_eq(vma_find(&vs, BASE + P(1))->pgoff, 1);
	/* Across holes: tail of one, all of the next, head of the third. */
	ck_assert_int_eq(vma_remove(&vs, BASE + P(3), BASE + P(11)), 0);
	EXPECT({ BASE + P(1), BASE + P(3), RW }, { BASE + P(11), BASE + P(13), RX });
	/* Nothing there: fine, no change. */
	ck_assert_int_eq(vma_remove(&vs, BASE + P(5), BASE + P(9)), 0);
	ck_assert_uint_eq(vs.count, 2);
}
END_TEST

START_TEST(test_protect_middle_splits_and_merges_back)
{
	add(BASE, BASE + P(10), RW);
	ck_assert_int_eq(vma_protect(&vs, BASE + P(3), BASE + P(5), R), 0);
	EXPECT({ BASE, BASE + P(3), RW }, { BASE + P(3), BASE + P(5), R },
	       { BASE + P(5), BASE + P(10), RW });
	ck_assert_uint_eq(vma_find(&vs, BASE + P(3))->pgoff, 3);
	ck_assert_int_eq(vma_protect(&vs, BASE + P(3), BASE + P(5), RW), 0);
	EXPECT({ BASE, BASE + P(10), RW });
}
END_TEST

START_TEST(test_protect_edges)
{
	add(BASE, BASE + P(10), RW);
	ck_assert_int_eq(vma_protect(&vs, BASE, BASE + P(2), R), 0);
	EXPECT({ BASE, BASE + P(2), R }, { BASE + P(2), BASE + P(10), RW });
	ck_assert_int_eq(vma_protect(&vs, BASE + P(8), BASE + P(10), RX), 0);
	EXPECT({ BASE, BASE + P(2), R }, { BASE + P(2), BASE + P(8), RW },
	       { BASE + P(8), BASE + P(10), RX });
	/* Spanning areas: all three become one. */
	ck_assert_int_eq(vma_protect(&vs, BASE, BASE + P(10), RX), 0);
	EXPECT({ BASE, BASE + P(10), RX });
}
END_TEST

START_TEST(test_protect_merges_with_outside_neighbours)
{
	add(BASE, BASE + P(2), R);
	add(BASE + P(2), BASE + P(4), RW);
	add(BASE + P(4), BASE + P(6), R);
	ck_assert_int_eq(vma_protect(&vs, BASE + P(2), BASE + P(4), R), 0);
	EXPECT({ BASE, BASE + P(6), R });
}
END_TEST

START_TEST(test_protect_hole_changes_nothing)
{
	add(BASE, BASE + P(4), RW);
	add(BASE + P(5), BASE + P(8), RW);
	ck_assert_int_eq(vma_protect(&vs, BASE + P(2), BASE + P(6), R), -ENOMEM);
	EXPECT({ BASE, BASE + P(4), RW }, { BASE + P(5), BASE + P(8), RW });
	/* A range starting or ending in a hole. */
	ck_assert_int_eq(vma_protect(&vs, BASE + P(4), BASE + P(6), R), -ENOMEM);
	ck_assert_int_eq(vma_protect(&vs, BASE + P(6), BASE + P(9), R), -ENOMEM);
	ck_assert_int_eq(vma_protect(&vs, BASE - P(1), BASE + P(1), R), -ENOMEM);
	EXPECT({ BASE, BASE + P(4), RW }, { BASE + P(5), BASE + P(8), RW });
}
END_TEST

START_TEST(test_find_gap_top_down)
{
	uaddr_t top = BASE + P(100);

	ck_assert_uint_eq(vma_find_gap(&vs, P(4), BASE, top), top - P(4));
	add(top - P(10), top, RW);			/* [90, 100) */
	add(BASE + P(80), BASE + P(87), RW);		/* [80, 87): gap of 3 */
	add(BASE + P(20), BASE + P(70), RW);		/* [20, 70): gap of 10 */
	ck_assert_uint_eq(vma_find_gap(&vs, P(3), BASE, top), BASE + P(87));
	ck_assert_uint_eq(vma_find_gap(&vs, P(4), BASE, top), BASE + P(76));
	ck_assert_uint_eq(vma_find_gap(&vs, P(10), BASE, top), BASE + P(70));
	ck_assert_uint_eq(vma_find_gap(&vs, P(11), BASE, top), BASE + P(9));
	ck_assert_uint_eq(vma_find_gap(&vs, P(20), BASE, top), BASE);
	ck_assert_uint_eq(vma_find_gap(&vs, P(21), BASE, top), 0);
	/* bottom cuts the lowest gap; top below an area's end. */
	ck_assert_uint_eq(vma_find_gap(&vs, P(11), BASE + P(10), top), 0);
	ck_assert_uint_eq(vma_find_gap(&vs, P(2), BASE, BASE + P(85)), BASE + P(78));
}
END_TEST

START_TEST(test_clone_is_equal_and_independent)
{
	struct vma_set copy;
	struct vma *a, *b;

	add(BASE, BASE + P(2), RW);
	add(BASE + P(4), BASE + P(6), R);
	ck_assert_int_eq(vma_insert(&vs, BASE + P(8), BASE + P(9), RW,
				    VMA_GROWSDOWN | VMA_STACK, NULL, 0), 0);
	vma_set_init(&copy);
	ck_assert_int_eq(vma_set_clone(&copy, &vs), 0);
	ck_assert_uint_eq(copy.count, vs.count);
	b = list_first_entry(&copy.list, struct vma, node);
	list_for_each_entry(a, &vs.list, node) {
		ck_assert_ptr_ne(a, b);
		ck_assert_uint_eq(a->start, b->start);
		ck_assert_uint_eq(a->end, b->end);
		ck_assert_uint_eq(a->prot, b->prot);
		ck_assert_uint_eq(a->flags, b->flags);
		ck_assert_uint_eq(a->pgoff, b->pgoff);
		b = list_entry(b->node.next, struct vma, node);
	}
	ck_assert_ptr_eq(&b->node, &copy.list);

	ck_assert_int_eq(vma_remove(&copy, BASE, BASE + P(10)), 0);
	ck_assert_uint_eq(copy.count, 0);
	EXPECT({ BASE, BASE + P(2), RW }, { BASE + P(4), BASE + P(6), R },
	       { BASE + P(8), BASE + P(9), RW });
	vma_set_destroy(&copy);
}
END_TEST

START_TEST(test_cache_survives_removal)
{
	add(BASE, BASE + P(2), RW);
	add(BASE + P(4), BASE + P(6), RW);
	ck_assert_ptr_nonnull(vma_find(&vs, BASE + P(4)));	/* now cached */
	ck_assert_int_eq(vma_remove(&vs, BASE + P(4), BASE + P(6)), 0);
	ck_assert_ptr_null(vma_find(&vs, BASE + P(4)));
	ck_assert_ptr_null(vma_find_next(&vs, BASE + P(2)));
}
END_TEST

/*
 * File-backed areas. The test holds the first reference on f, so the real
 * file_put() never releases it; only the count moves.
 */
START_TEST(test_file_refs_and_pgoff_merge)
{
	struct file f = { .refcount = 1 };
	struct vma_set copy;

	ck_assert_int_eq(vma_insert(&vs, BASE, BASE + P(4), R, 0, &f, 10), 0);
	ck_assert_int_eq(f.refcount, 2);
	/* Contiguous offsets: merges, no new reference. */
	ck_assert_int_eq(vma_insert(&vs, BASE + P(4), BASE + P(6), R, 0, &f, 14), 0);
	ck_assert_uint_eq(vs.count, 1);
	ck_assert_int_eq(f.refcount, 2);
	/* Offsets that do not follow on: a separate area with its own ref. */
	ck_assert_int_eq(vma_insert(&vs, BASE + P(6), BASE + P(8), R, 0, &f, 100), 0);
	ck_assert_uint_eq(vs.count, 2);
	ck_assert_int_eq(f.refcount, 3);
	/* Anonymous memory next to a file mapping stays apart. */
	add(BASE - P(2), BASE, R);
	ck_assert_uint_eq(vs.count, 3);

	/* A split takes a reference; the pieces keep their file offsets. */
	ck_assert_int_eq(vma_protect(&vs, BASE + P(1), BASE + P(2), RW), 0);
	ck_assert_int_eq(f.refcount, 5);
	ck_assert_uint_eq(vma_find(&vs, BASE + P(1))->pgoff, 11);
	ck_assert_uint_eq(vma_find(&vs, BASE + P(2))->pgoff, 12);
	/* Merging back drops them again. */
	ck_assert_int_eq(vma_protect(&vs, BASE + P(1), BASE + P(2), R), 0);
	ck_assert_int_eq(f.refcount, 3);
	ck_assert_uint_eq(vma_find(&vs, BASE + P(5))->pgoff, 10);

	vma_set_init(&copy);
	ck_assert_int_eq(vma_set_clone(&copy, &vs), 0);
	ck_assert_int_eq(f.refcount, 5);
	vma_set_destroy(&copy);
	ck_assert_int_eq(f.refcount, 3);

	ck_assert_int_eq(vma_remove(&vs, BASE, BASE + P(8)), 0);
	ck_assert_int_eq(f.refcount, 1);
	ck_assert_uint_eq(vs.count, 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vma");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_insert_rejects_overlap_and_bad_ranges);
	tcase_add_test(tc, test_insert_merges_neighbours);
	tcase_add_test(tc, test_remove_splits_middle);
	tcase_add_test(tc, test_remove_edges_and_spans);
	tcase_add_test(tc, test_protect_middle_splits_and_merges_back);
	tcase_add_test(tc, test_protect_edges);
	tcase_add_test(tc, test_protect_merges_with_outside_neighbours);
	tcase_add_test(tc, test_protect_hole_changes_nothing);
	tcase_add_test(tc, test_find_gap_top_down);
	tcase_add_test(tc, test_clone_is_equal_and_independent);
	tcase_add_test(tc, test_cache_survives_removal);
	tcase_add_test(tc, test_file_refs_and_pgoff_merge);
	suite_add_tcase(s, tc);

	return unit_run(s);
}
