/*
 * Copying an address space for fork: copy-on-write.
 *
 * The child gets the same VMAs and, for every present page, the same frame
 * with one more reference. Private pages become read-only in both, marked
 * PTE_COW, so the first write in either copies (mm/fault.c); shared
 * mappings keep mapping the same frame writable in both. The first write
 * to a page the parent holds alone again (its children gone) gives all
 * such pages their write access back at once (mm_cow_regain).
 *
 * Protected by the big kernel lock.
 */

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/vfs.h>

/*
 * A process with at most this many writable private pages has them all
 * copied at fork: a shell's whole data, heap and stack, which it and its
 * child would otherwise write-fault on one by one.
 */
#define COPY_ALL_MAX 64

struct fork_state {
	struct mm *parent, *child;
	struct vma *vma;
	const uaddr_t *hot;
	unsigned nhot;
	bool all_hot;		/* every writable private page is hot */
	uint64_t nwritable;
	int err;
};

static bool is_hot(const struct fork_state *fs, uaddr_t va)
{
	if (fs->all_hot)
		return true;
	for (unsigned i = 0; i < fs->nhot; i++)
		if ((fs->hot[i] & PAGE_MASK) == va)
			return true;
	return false;
}

/*
 * A hot page (the stack and TLS pages both sides write right after fork,
 * or every writable page of a small process) is copied at once: sharing it
 * would cost a write fault in each, and each fault is a round trip through
 * the stub. false: copy it the lazy way.
 */
static bool copy_hot(struct fork_state *fs, uaddr_t va, pte_t p)
{
	long pfn = frame_copy(pte_pfn(p));

	if (pfn < 0)
		return false;
	if (mm_set_page(fs->child, va, (pfn_t)pfn, pte_flags(p) | PTE_DIRTY))
		fs->err = -ENOMEM;
	return true;
}

static int copy_pte(uaddr_t va, pte_t *pte, void *arg)
{
	struct fork_state *fs = arg;
	pte_t p = *pte;

	if (!(fs->vma->flags & VMA_SHARED) && (p & PTE_W) && is_hot(fs, va) &&
	    copy_hot(fs, va, p))
		return fs->err ? 1 : 0;
	if (!(fs->vma->flags & VMA_SHARED) && (p & PTE_W)) {
		/* Both now share the frame: write-protect it in the parent. */
		p = (p & ~(pte_t)PTE_W) | PTE_COW;
		*pte = p;
		mm_queue_op(fs->parent, HOST_PROTECT, va, PAGE_SIZE, p & PTE_PROT, 0);
	} else if (!(fs->vma->flags & VMA_SHARED)) {
		p |= PTE_COW;
		*pte = p;
	}
	frame_get(pte_pfn(p));
	if (mm_set_page(fs->child, va, pte_pfn(p), pte_flags(p))) {
		fs->err = -ENOMEM;
		return 1;
	}
	return 0;
}

static int count_writable(uaddr_t va, pte_t *pte, void *arg)
{
	struct fork_state *fs = arg;

	(void)va;
	if (*pte & PTE_W)
		fs->nwritable++;
	return fs->nwritable > COPY_ALL_MAX;
}

struct mm *mm_fork(struct mm *parent, const uaddr_t *hot, unsigned nhot)
{
	struct fork_state fs = { .parent = parent, .hot = hot, .nhot = nhot };
	struct mm *child = mm_create();
	struct vma *v;

	if (IS_ERR(child))
		return child;
	fs.child = child;
	if (vma_set_clone(&child->vmas, &parent->vmas)) {
		mm_put(child);
		return ERR_PTR(-ENOMEM);
	}
	child->start_brk = parent->start_brk;
	child->brk = parent->brk;
	child->start_stack = parent->start_stack;
	child->mmap_base = parent->mmap_base;
	child->arg_start = parent->arg_start;
	child->arg_end = parent->arg_end;
	child->env_start = parent->env_start;
	child->env_end = parent->env_end;
	if (parent->exe_file && !file_deny_write(parent->exe_file))
		child->exe_file = file_get(parent->exe_file);
	list_for_each_entry(v, &parent->vmas.list, node)
		if (!(v->flags & VMA_SHARED) &&
		    pgtable_walk(&parent->pt, v->start, v->end, count_writable, &fs))
			break;
	fs.all_hot = fs.nwritable <= COPY_ALL_MAX;
	list_for_each_entry(v, &parent->vmas.list, node) {
		fs.vma = v;
		pgtable_walk(&parent->pt, v->start, v->end, copy_pte, &fs);
		if (fs.err) {
			mm_put(child);
			return ERR_PTR(fs.err);
		}
	}
	return child;
}
