/*
 * Software page tables: a four-level radix tree per address space, mapping
 * a guest virtual page to its entry (frame and host protection).
 *
 * Owns the tree nodes, which come from umk's heap. Each node counts its
 * non-empty slots so that clearing the last entry under a node frees it,
 * and a sparse address space stays a few nodes. An entry is "present" when
 * it has PTE_PRESENT; pt->nr_present counts those. Not locked: each table
 * belongs to one mm, used under the big kernel lock.
 */
#include <umk/errno.h>
#include <umk/pgtable.h>
#include <umk/printk.h>

#include <stdlib.h>
#include <string.h>

#define PT_LEVELS 4
#define PT_BITS 9
#define PT_ENTRIES (1U << PT_BITS)

/*
 * A node: level 0 (the leaves) holds entries, levels 1..3 hold children.
 * used counts non-zero entries or non-NULL children.
 */
struct pt_node {
	unsigned used;
	union {
		struct pt_node *child[PT_ENTRIES];
		pte_t pte[PT_ENTRIES];
	};
};

/* log2 of the bytes one slot of a level-`level` node covers. */
static inline unsigned level_shift(int level)
{
	return PAGE_SHIFT + PT_BITS * level;
}

static inline unsigned slot_of(uaddr_t va, int level)
{
	return (va >> level_shift(level)) & (PT_ENTRIES - 1);
}

void pgtable_init(struct pgtable *pt)
{
	pt->root = NULL;
	pt->nr_present = 0;
}

static void destroy_node(struct pt_node *node, int level, void (*put)(pfn_t pfn))
{
	unsigned i;

	for (i = 0; i < PT_ENTRIES; i++) {
		if (level == 0) {
			if (put && (node->pte[i] & PTE_PRESENT))
				put(pte_pfn(node->pte[i]));
		} else if (node->child[i]) {
			destroy_node(node->child[i], level - 1, put);
		}
	}
	free(node);
}

void pgtable_destroy(struct pgtable *pt, void (*put)(pfn_t pfn))
{
	if (pt->root)
		destroy_node(pt->root, PT_LEVELS - 1, put);
	pgtable_init(pt);
}

static struct pt_node *node_alloc(void)
{
	return calloc(1, sizeof(struct pt_node));
}

/* Find (or with alloc, create) the slot for va and the leaf holding it. */
static pte_t *find_slot(struct pgtable *pt, uaddr_t va, bool alloc,
			struct pt_node **leafp)
{
	struct pt_node **slot = (struct pt_node **)&pt->root;
	struct pt_node *node = NULL;
	int level;

	if (va >= PGTABLE_LIMIT)
		return NULL;
	for (level = PT_LEVELS - 1; level >= 0; level--) {
		if (!*slot) {
			if (!alloc)
				return NULL;
			*slot = node_alloc();
			if (!*slot)
				return NULL;
			if (node)
				node->used++;
		}
		node = *slot;
		if (level > 0)
			slot = &node->child[slot_of(va, level)];
	}
	*leafp = node;
	return &node->pte[slot_of(va, 0)];
}

/*
 * A pointer into the table stays valid while the entry it points to is
 * non-zero: only emptied nodes are freed. Change whether an entry is zero
 * or present only through pgtable_set()/pgtable_clear().
 */
pte_t *pgtable_lookup(struct pgtable *pt, uaddr_t va, bool alloc)
{
	struct pt_node *leaf;

	return find_slot(pt, va, alloc, &leaf);
}

/* Account for an entry changing from old to new in its leaf. */
static void account(struct pgtable *pt, struct pt_node *leaf, pte_t old, pte_t new)
{
	if ((old & PTE_PRESENT) && !(new & PTE_PRESENT))
		pt->nr_present--;
	else if (!(old & PTE_PRESENT) && (new & PTE_PRESENT))
		pt->nr_present++;
	if (old && !new)
		leaf->used--;
	else if (!old && new)
		leaf->used++;
}

/*
 * Returns -EFAULT for va at or above PGTABLE_LIMIT. Setting 0 is a clear.
 */
int pgtable_set(struct pgtable *pt, uaddr_t va, pte_t pte)
{
	struct pt_node *leaf;
	pte_t *p;

	if (va >= PGTABLE_LIMIT)
		return -EFAULT;
	if (!pte) {
		pgtable_clear(pt, va);
		return 0;
	}
	p = find_slot(pt, va, true, &leaf);
	if (!p)
		return -ENOMEM;
	account(pt, leaf, *p, pte);
	*p = pte;
	return 0;
}

pte_t pgtable_clear(struct pgtable *pt, uaddr_t va)
{
	struct pt_node *path[PT_LEVELS];
	struct pt_node *node = pt->root;
	pte_t old;
	int level;

	if (va >= PGTABLE_LIMIT)
		return 0;
	for (level = PT_LEVELS - 1; level >= 0; level--) {
		if (!node)
			return 0;
		path[level] = node;
		if (level > 0)
			node = node->child[slot_of(va, level)];
	}
	old = path[0]->pte[slot_of(va, 0)];
	if (!old)
		return 0;
	account(pt, path[0], old, 0);
	path[0]->pte[slot_of(va, 0)] = 0;

	/* Free the nodes this clear emptied, bottom up. */
	for (level = 0; level < PT_LEVELS && path[level]->used == 0; level++) {
		free(path[level]);
		if (level == PT_LEVELS - 1) {
			pt->root = NULL;
		} else {
			path[level + 1]->child[slot_of(va, level + 1)] = NULL;
			path[level + 1]->used--;
		}
	}
	return old;
}

struct walk_ctx {
	struct pgtable *pt;
	uaddr_t start, end;
	int (*fn)(uaddr_t va, pte_t *pte, void *arg);
	void *arg;
};

/*
 * Walk the part of [ctx->start, ctx->end) under node, which covers the
 * addresses from base on. Children emptied by fn are freed on the way back.
 */
static int walk_node(struct walk_ctx *ctx, struct pt_node *node, int level, uaddr_t base)
{
	unsigned shift = level_shift(level);
	unsigned first = 0, last = PT_ENTRIES - 1, i;
	int ret = 0;

	if (ctx->start > base)
		first = (ctx->start - base) >> shift;
	if (ctx->end - 1 - base < ((uint64_t)PT_ENTRIES << shift))
		last = (ctx->end - 1 - base) >> shift;

	for (i = first; i <= last && !ret; i++) {
		uaddr_t va = base + ((uint64_t)i << shift);

		if (level == 0) {
			pte_t old = node->pte[i];

			if (!(old & PTE_PRESENT))
				continue;
			ret = ctx->fn(va, &node->pte[i], ctx->arg);
			account(ctx->pt, node, old, node->pte[i]);
		} else {
			struct pt_node *child = node->child[i];

			if (!child)
				continue;
			ret = walk_node(ctx, child, level - 1, va);
			if (child->used == 0) {
				free(child);
				node->child[i] = NULL;
				node->used--;
			}
		}
	}
	return ret;
}

/* fn must not change the table other than through its pte argument. */
int pgtable_walk(struct pgtable *pt, uaddr_t start, uaddr_t end,
		 int (*fn)(uaddr_t va, pte_t *pte, void *arg), void *arg)
{
	struct walk_ctx ctx = {
		.pt = pt,
		.start = start,
		.end = MIN(end, PGTABLE_LIMIT),
		.fn = fn,
		.arg = arg,
	};
	struct pt_node *root = pt->root;
	int ret;

	if (!root || ctx.start >= ctx.end)
		return 0;
	ret = walk_node(&ctx, root, PT_LEVELS - 1, 0);
	if (root->used == 0) {
		free(root);
		pt->root = NULL;
	}
	return ret;
}
