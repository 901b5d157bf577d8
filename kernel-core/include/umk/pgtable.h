/*
 * The software page table of one address space: guest virtual page ->
 * frame and the protection it is mapped with in the host process.
 *
 * A four-level radix tree over the 36-bit virtual page number, 512 entries
 * per node like x86-64, so a sparse address space costs a few nodes. Nodes
 * are allocated from umk's heap, not from guest RAM. Not locked: each mm is
 * used under the big kernel lock.
 */
#ifndef UMK_PGTABLE_H
#define UMK_PGTABLE_H

#include <umk/frame.h>
#include <umk/types.h>

typedef uint64_t pte_t;

#define PTE_PRESENT 0x001	/* maps a frame */
#define PTE_R 0x002		/* host mapping readable */
#define PTE_W 0x004		/* host mapping writable */
#define PTE_X 0x008		/* host mapping executable */
#define PTE_COW 0x010		/* frame shared: a write must copy it first */
#define PTE_DIRTY 0x020		/* written through this mapping */
#define PTE_FILE 0x040		/* frame belongs to a file's page cache */
#define PTE_PROT (PTE_R | PTE_W | PTE_X)

#define PTE_PFN_SHIFT 12
static inline pfn_t pte_pfn(pte_t pte) { return (pfn_t)(pte >> PTE_PFN_SHIFT); }
static inline pte_t pte_make(pfn_t pfn, uint64_t flags)
{
	return ((pte_t)pfn << PTE_PFN_SHIFT) | flags | PTE_PRESENT;
}

/* The flag bits of an entry, without its frame and PTE_PRESENT (for pte_make). */
static inline uint64_t pte_flags(pte_t pte)
{
	return pte & ~((pte_t)PAGE_MASK | PTE_PRESENT);
}

/* Highest guest address the table can describe (exclusive): 2^48. */
#define PGTABLE_LIMIT (1ULL << 48)

struct pgtable {
	void *root;	/* top node, NULL while empty */
	uint64_t nr_present;	/* present entries */
};

void pgtable_init(struct pgtable *pt);

/*
 * Free every node. For each present entry, put(pfn) is called first
 * (NULL: just forget the frames).
 */
void pgtable_destroy(struct pgtable *pt, void (*put)(pfn_t pfn));

/*
 * The entry for va (any address inside the page). With alloc false, returns
 * NULL when the nodes on the way do not exist. With alloc true, creates them
 * and returns NULL only when out of host memory. The caller keeps
 * pt->nr_present right through pgtable_set()/pgtable_clear(), not by writing
 * through the pointer to change presence.
 */
pte_t *pgtable_lookup(struct pgtable *pt, uaddr_t va, bool alloc);

/* Set the entry for va (creating nodes). Returns 0 or -ENOMEM. */
int pgtable_set(struct pgtable *pt, uaddr_t va, pte_t pte);

/* Clear the entry for va and return what it held (0 if nothing). */
pte_t pgtable_clear(struct pgtable *pt, uaddr_t va);

/*
 * Call fn(va, pte, arg) for each present entry in [start, end) in ascending
 * order, skipping absent subtrees quickly. fn may modify *pte (including
 * clearing it to 0, which counts as a clear). If fn returns non-zero the walk
 * stops and returns that value; otherwise returns 0.
 */
int pgtable_walk(struct pgtable *pt, uaddr_t start, uaddr_t end,
		 int (*fn)(uaddr_t va, pte_t *pte, void *arg), void *arg);

#endif
