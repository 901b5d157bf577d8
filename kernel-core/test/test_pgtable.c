/*
 * Unit tests for the software page table (mm/pgtable.c): set, lookup and
 * clear over sparse addresses, nr_present bookkeeping, ordered and bounded
 * walks (including early stop and clearing from the callback), and destroy
 * handing back every present frame.
 */
#include <check.h>
#include "unit.h"
#include <stdlib.h>
#include <string.h>

#include <umk/pgtable.h>

#define LOW 0x10000ULL
#define HIGH 0x7ffffe000000ULL

static struct pgtable pt;

/* What a walk saw. */
#define MAX_SEEN 4096
static struct {
	unsigned n;
	uaddr_t va[MAX_SEEN];
	pte_t pte[MAX_SEEN];
	unsigned stop_at;	/* return stop_ret on this call (1-based), 0: never */
	int stop_ret;
	bool clear_odd;		/* clear entries at odd page numbers */
	bool drop_write;	/* clear PTE_W in every entry */
} seen;

static int record(uaddr_t va, pte_t *pte, void *arg)
{
	ck_assert_ptr_eq(arg, &seen);
	ck_assert_uint_lt(seen.n, MAX_SEEN);
	seen.va[seen.n] = va;
	seen.pte[seen.n] = *pte;
	seen.n++;
	if (seen.clear_odd && ((va >> PAGE_SHIFT) & 1))
		*pte = 0;
	if (seen.drop_write)
		*pte &= ~(pte_t)PTE_W;
	if (seen.stop_at && seen.n == seen.stop_at)
		return seen.stop_ret;
	return 0;
}

/* Frames destroy handed back, by pfn. */
static unsigned put_calls[256];

static void reset_records(void)
{
	memset(&seen, 0, sizeof(seen));
	memset(put_calls, 0, sizeof(put_calls));
}

static void setup(void)
{
	pgtable_init(&pt);
	reset_records();
}

static void teardown(void)
{
	pgtable_destroy(&pt, NULL);
}

/* Sparse addresses, ascending: same leaf, other leaf, other top slot. */
static const uaddr_t sparse[] = {
	LOW, LOW + 0x1000, 0x200000, 0x40000000, 0x8000000000ULL, HIGH,
	0x7ffffffff000ULL,
};
#define NSPARSE ARRAY_SIZE(sparse)

static void fill_sparse(void)
{
	unsigned i;

	for (i = 0; i < NSPARSE; i++)
		ck_assert_int_eq(pgtable_set(&pt, sparse[i], pte_make(100 + i, PTE_R)), 0);
	ck_assert_uint_eq(pt.nr_present, NSPARSE);
}

START_TEST(test_empty_table)
{
	ck_assert_ptr_null(pgtable_lookup(&pt, LOW, false));
	ck_assert_uint_eq(pgtable_clear(&pt, LOW), 0);
	ck_assert_int_eq(pgtable_walk(&pt, 0, PGTABLE_LIMIT, record, &seen), 0);
	ck_assert_uint_eq(seen.n, 0);
	ck_assert_uint_eq(pt.nr_present, 0);
}
END_TEST

START_TEST(test_set_lookup_far_apart)
{
	pte_t *p;

	ck_assert_int_eq(pgtable_set(&pt, LOW, pte_make(7, PTE_R | PTE_W)), 0);
	ck_assert_int_eq(pgtable_set(&pt, HIGH, pte_make(9, PTE_R | PTE_X)), 0);
	ck_assert_uint_eq(pt.nr_present, 2);

	p = pgtable_lookup(&pt, LOW + 0x123, false);	/* any address in the page */
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(pte_pfn(*p), 7);
	ck_assert_uint_eq(*p & (PTE_PRESENT | PTE_PROT), PTE_PRESENT | PTE_R | PTE_W);
	p = pgtable_lookup(&pt, HIGH + 0xfff, false);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(pte_pfn(*p), 9);
	ck_assert_uint_eq(*p & PTE_X, PTE_X);

	/* A neighbour in the same leaf is empty; one in a missing subtree has no slot. */
	p = pgtable_lookup(&pt, LOW + PAGE_SIZE, false);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(*p, 0);
	ck_assert_ptr_null(pgtable_lookup(&pt, 0x40000000, false));
}
END_TEST

START_TEST(test_overwrite_keeps_count)
{
	ck_assert_int_eq(pgtable_set(&pt, LOW, pte_make(1, PTE_R)), 0);
	ck_assert_int_eq(pgtable_set(&pt, LOW, pte_make(2, PTE_R | PTE_W)), 0);
	ck_assert_uint_eq(pt.nr_present, 1);
	ck_assert_uint_eq(pte_pfn(*pgtable_lookup(&pt, LOW, false)), 2);
}
END_TEST

START_TEST(test_lookup_alloc_creates_slot)
{
	pte_t *p = pgtable_lookup(&pt, HIGH, true);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(*p, 0);
	ck_assert_ptr_eq(pgtable_lookup(&pt, HIGH, false), p);
	ck_assert_uint_eq(pt.nr_present, 0);
	ck_assert_ptr_null(pgtable_lookup(&pt, PGTABLE_LIMIT, true));
	ck_assert_int_ne(pgtable_set(&pt, PGTABLE_LIMIT, pte_make(1, 0)), 0);
}
END_TEST

START_TEST(test_clear_returns_old_and_frees)
{
	pte_t old;

	fill_sparse();
	old = pgtable_clear(&pt, HIGH);
	ck_assert_uint_eq(pte_pfn(old), 100 + 5);
	ck_assert_uint_eq(old & PTE_PRESENT, PTE_PRESENT);
	ck_assert_uint_eq(pt.nr_present, NSPARSE - 1);
	ck_assert_uint_eq(pgtable_clear(&pt, HIGH), 0);
	ck_assert_uint_eq(pt.nr_present, NSPARSE - 1);
	/* Its neighbour in the top slot is untouched. */
	ck_assert_uint_eq(pte_pfn(*pgtable_lookup(&pt, 0x7ffffffff000ULL, false)), 106);

	for (unsigned i = 0; i < NSPARSE; i++)
		pgtable_clear(&pt, sparse[i]);
	ck_assert_uint_eq(pt.nr_present, 0);
	ck_assert_ptr_null(pt.root);
}
END_TEST

START_TEST(test_walk_ascending_all)
{
	unsigned i;

	/* Insert in descending order; the walk must still ascend. */
	for (i = NSPARSE; i-- > 0;)
		ck_assert_int_eq(pgtable_set(&pt, sparse[i], pte_make(100 + i, PTE_R)), 0);
	ck_assert_int_eq(pgtable_walk(&pt, 0, PGTABLE_LIMIT, record, &seen), 0);
	ck_assert_uint_eq(seen.n, NSPARSE);
	for (i = 0; i < NSPARSE; i++) {
		ck_assert_uint_eq(seen.va[i], sparse[i]);
		ck_assert_uint_eq(pte_pfn(seen.pte[i]), 100 + i);
	}
}
END_TEST

START_TEST(test_walk_bounds)
{
	fill_sparse();
	/* end is exclusive; start inside a page includes that page. */
	ck_assert_int_eq(pgtable_walk(&pt, LOW + 0x1800, 0x40000000, record, &seen), 0);
	ck_assert_uint_eq(seen.n, 2);
	ck_assert_uint_eq(seen.va[0], LOW + 0x1000);
	ck_assert_uint_eq(seen.va[1], 0x200000);

	seen.n = 0;
	ck_assert_int_eq(pgtable_walk(&pt, 0x8000000000ULL, HIGH + 1, record, &seen), 0);
	ck_assert_uint_eq(seen.n, 2);
	ck_assert_uint_eq(seen.va[0], 0x8000000000ULL);
	ck_assert_uint_eq(seen.va[1], HIGH);

	seen.n = 0;
	ck_assert_int_eq(pgtable_walk(&pt, 0x201000, 0x40000000, record, &seen), 0);
	ck_assert_uint_eq(seen.n, 0);
}
END_TEST

START_TEST(test_walk_stops_early)
{
	fill_sparse();
	seen.stop_at = 3;
	seen.stop_ret = 42;
	ck_assert_int_eq(pgtable_walk(&pt, 0, PGTABLE_LIMIT, record, &seen), 42);
	ck_assert_uint_eq(seen.n, 3);
	ck_assert_uint_eq(seen.va[2], 0x200000);
}
END_TEST

START_TEST(test_walk_can_clear_and_modify)
{
	uaddr_t va;
	unsigned i;

	/* 1024 dense pages across two leaves, plus one far away. */
	for (i = 0; i < 1024; i++)
		ck_assert_int_eq(pgtable_set(&pt, 0x400000 + i * PAGE_SIZE,
					     pte_make(i + 1, PTE_R | PTE_W)), 0);
	ck_assert_int_eq(pgtable_set(&pt, HIGH, pte_make(5000, PTE_R)), 0);
	seen.clear_odd = true;
	ck_assert_int_eq(pgtable_walk(&pt, 0, PGTABLE_LIMIT, record, &seen), 0);
	ck_assert_uint_eq(seen.n, 1025);
	ck_assert_uint_eq(pt.nr_present, 513);	/* 512 even pages + HIGH (even) */
	for (i = 0; i < 1024; i++) {
		pte_t *p = pgtable_lookup(&pt, 0x400000 + i * PAGE_SIZE, false);

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq(*p, i & 1 ? 0 : pte_make(i + 1, PTE_R | PTE_W));
	}

	/* Changing flags of a present entry through the walk keeps it present. */
	seen.n = 0;
	seen.clear_odd = false;
	seen.drop_write = true;
	ck_assert_int_eq(pgtable_walk(&pt, 0, PGTABLE_LIMIT, record, &seen), 0);
	ck_assert_uint_eq(seen.n, 513);
	ck_assert_uint_eq(pt.nr_present, 513);
	for (va = 0x400000; va < 0x800000; va += 2 * PAGE_SIZE)
		ck_assert_uint_eq(*pgtable_lookup(&pt, va, false),
				  pte_make((va - 0x400000) / PAGE_SIZE + 1, PTE_R));
}
END_TEST

static void count_put(pfn_t pfn)
{
	ck_assert_uint_lt(pfn, ARRAY_SIZE(put_calls));
	put_calls[pfn]++;
}

START_TEST(test_destroy_puts_every_present)
{
	unsigned i;

	fill_sparse();
	ck_assert_int_eq(pgtable_set(&pt, 0x300000, pte_make(200, PTE_R)), 0);
	pgtable_clear(&pt, 0x300000);
	pgtable_destroy(&pt, count_put);
	for (i = 0; i < ARRAY_SIZE(put_calls); i++)
		ck_assert_uint_eq(put_calls[i], i >= 100 && i < 100 + NSPARSE ? 1 : 0);
	ck_assert_ptr_null(pt.root);
	ck_assert_uint_eq(pt.nr_present, 0);
	ck_assert_ptr_null(pgtable_lookup(&pt, LOW, false));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pgtable");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty_table);
	tcase_add_test(tc, test_set_lookup_far_apart);
	tcase_add_test(tc, test_overwrite_keeps_count);
	tcase_add_test(tc, test_lookup_alloc_creates_slot);
	tcase_add_test(tc, test_clear_returns_old_and_frees);
	tcase_add_test(tc, test_walk_ascending_all);
	tcase_add_test(tc, test_walk_bounds);
	tcase_add_test(tc, test_walk_stops_early);
	tcase_add_test(tc, test_walk_can_clear_and_modify);
	tcase_add_test(tc, test_destroy_puts_every_present);
	suite_add_tcase(s, tc);

	return unit_run(s);
}
