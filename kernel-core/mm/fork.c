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
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>

struct fork_state {
	struct mm *parent, *child;
	struct vma *vma;
	int err;
};

static int copy_pte(uaddr_t va, pte_t *pte, void *arg)
{
	struct fork_state *fs = arg;
	pte_t p = *pte;

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

struct mm *mm_fork(struct mm *parent)
{
	struct fork_state fs = { .parent = parent };
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
