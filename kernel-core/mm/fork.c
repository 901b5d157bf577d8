/*
 * Copying an address space for fork: copy-on-write.
 *
 * The child gets the same VMAs and, for every present page, the same frame
 * with one more reference. Private pages become read-only in both, marked
 * PTE_COW, so the first write in either copies (mm/fault.c); shared
 * mappings keep mapping the same frame writable in both.
 *
 * Protected by the big kernel lock.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/vfs.h>

struct fork_state {
	struct mm *parent, *child;
	struct vma *vma;
	const uaddr_t *hot;
	unsigned nhot;
	int err;
};

static bool is_hot(const struct fork_state *fs, uaddr_t va)
{
	for (unsigned i = 0; i < fs->nhot; i++)
		if ((fs->hot[i] & PAGE_MASK) == va)
			return true;
	return false;
}

/*
 * A hot page (the stack and TLS pages both sides write right after fork)
 * is copied at once: sharing it would cost a write fault in each, and each
 * fault is a round trip through the stub. false: copy it the lazy way.
 */
static bool copy_hot(struct fork_state *fs, uaddr_t va, pte_t p)
{
	long pfn = frame_alloc(0, 0);

	if (pfn < 0)
		return false;
	memcpy(frame_ptr((pfn_t)pfn), frame_ptr(pte_pfn(p)), PAGE_SIZE);
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
