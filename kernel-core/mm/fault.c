/*
 * Page faults: turning a host SIGSEGV in guest code into a mapped page, or
 * into the guest's own SIGSEGV/SIGBUS.
 *
 * The host does not say whether a fault was a read, write or fetch. A
 * missing page (SEGV_MAPERR) is filled from the VMA with its protection,
 * except that shared frames (page cache of a private file mapping, COW
 * pages) are mapped read-only; a protection fault (SEGV_ACCERR) on a page
 * the VMA allows to be written is a write, and breaks COW.
 *
 * Fault-around: a missing anonymous page brings its aligned window of
 * FAULT_AROUND pages with it, from one contiguous block of frames when the
 * window is empty, so sequential first touches cost one trap per window.
 * Fresh frames are known-zero (released to the host), so this costs no
 * host memory until the guest touches them.
 *
 * Protected by the big kernel lock.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/vfs.h>
#include <uapi/linux_mman.h>
#include <uapi/linux_signal.h>

#define FAULT_AROUND_ORDER 6
#define FAULT_AROUND (1UL << FAULT_AROUND_ORDER)
#define FILE_AROUND 16

#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR 2

static bool window_empty(struct mm *mm, uaddr_t start, uaddr_t end)
{
	for (uaddr_t va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pgtable_lookup(&mm->pt, va, false);

		if (pte && (*pte & PTE_PRESENT))
			return false;
	}
	return true;
}

static int fault_anon(struct mm *mm, struct vma *vma, uaddr_t addr)
{
	uint64_t prot = mm_prot_to_pte(vma->prot);
	uaddr_t start = addr & ~(FAULT_AROUND * PAGE_SIZE - 1);
	uaddr_t end = start + FAULT_AROUND * PAGE_SIZE;
	long pfn;

	start = MAX(start, vma->start);
	end = MIN(end, vma->end);
	if (end - start == FAULT_AROUND * PAGE_SIZE && window_empty(mm, start, end)) {
		pfn = frame_alloc(FAULT_AROUND_ORDER, FRAME_ZERO);
		if (pfn > 0) {
			for (uint64_t i = 0; i < FAULT_AROUND; i++) {
				int err = mm_set_page(mm, start + i * PAGE_SIZE,
						      (pfn_t)pfn + (pfn_t)i, prot);

				if (err) {
					for (uint64_t j = i + 1; j < FAULT_AROUND; j++)
						frame_put((pfn_t)pfn + (pfn_t)j);
					return err;
				}
			}
			return 0;
		}
	}
	/* One page at a time: the faulting one must succeed, the rest may not. */
	for (uaddr_t va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pgtable_lookup(&mm->pt, va, false);
		bool needed = va == (addr & PAGE_MASK);

		if (pte && (*pte & PTE_PRESENT))
			continue;
		pfn = frame_alloc(0, FRAME_ZERO);
		if (pfn < 0) {
			if (needed)
				return (int)pfn;
			continue;
		}
		if (mm_set_page(mm, va, (pfn_t)pfn, prot) < 0 && needed)
			return -ENOMEM;
	}
	return 0;
}

/* The pte bits a page of a file mapping gets: a private one is copy-on-write. */
static uint64_t file_pte_prot(const struct vma *vma)
{
	uint64_t prot = mm_prot_to_pte(vma->prot) | PTE_FILE;

	if (!(vma->flags & VMA_SHARED))
		prot = (prot & ~(uint64_t)PTE_W) | PTE_COW;
	return prot;
}

static int fault_file(struct mm *mm, struct vma *vma, uaddr_t addr)
{
	uint64_t prot = file_pte_prot(vma);
	uaddr_t start, end;

	start = MAX(addr & ~(FILE_AROUND * PAGE_SIZE - 1), vma->start);
	end = MIN((addr & ~(FILE_AROUND * PAGE_SIZE - 1)) + FILE_AROUND * PAGE_SIZE, vma->end);
	for (uaddr_t va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pgtable_lookup(&mm->pt, va, false);
		bool needed = va == (addr & PAGE_MASK);
		pfn_t pfn;
		int err;

		if (pte && (*pte & PTE_PRESENT))
			continue;
		err = file_get_page(vma->file, vma->pgoff + ((va - vma->start) >> PAGE_SHIFT), &pfn);
		if (err) {
			if (needed)
				return err;
			if (va > addr)
				break;	/* past the end of the file */
			continue;
		}
		err = mm_set_page(mm, va, pfn, prot);
		if (err && needed)
			return err;
		if (!err && (prot & PTE_W))	/* shared writable: assume it will be written */
			file_page_mkwrite(vma->file, vma->pgoff + ((va - vma->start) >> PAGE_SHIFT));
	}
	return 0;
}

void mm_prefault_cached(struct mm *mm, uaddr_t start, uaddr_t end, unsigned max, bool copy)
{
	struct vma *vma = vma_find(&mm->vmas, start);

	if (!vma || !vma->file || (vma->flags & VMA_SHARED))
		return;
	copy = copy && (vma->prot & LINUX_PROT_WRITE);
	end = MIN(end, vma->end);
	for (uaddr_t va = start; va < end && max; va += PAGE_SIZE, max--) {
		pte_t *pte = pgtable_lookup(&mm->pt, va, false);
		uint64_t prot = file_pte_prot(vma);
		pfn_t pfn;

		if ((pte && (*pte & PTE_PRESENT)) ||
		    file_cached_page(vma->file, vma->pgoff + ((va - vma->start) >> PAGE_SHIFT), &pfn))
			continue;
		if (copy) {
			/* the write fault's copy, made now (see fault_write) */
			long c = frame_copy(pfn);

			frame_put(pfn);
			if (c < 0)
				return;
			pfn = (pfn_t)c;
			prot = mm_prot_to_pte(vma->prot) | PTE_DIRTY;
		}
		if (mm_set_page(mm, va, pfn, prot))
			return;
	}
}

/* Upgrade a present page in place to prot, writable, and tell the host. */
static void pte_make_writable(struct mm *mm, uaddr_t va, pte_t *pte, uint64_t prot)
{
	*pte = (*pte & ~(pte_t)(PTE_PROT | PTE_COW)) | prot | PTE_DIRTY;
	mm_queue_op(mm, HOST_PROTECT, va, PAGE_SIZE, prot & PTE_PROT, 0);
}

/* Beyond this many pages the table is not swept. */
#define REGAIN_MAX_RSS 65536

struct regain {
	struct mm *mm;
	uint64_t prot;
};

static int regain_pte(uaddr_t va, pte_t *pte, void *arg)
{
	struct regain *g = arg;
	pte_t p = *pte;

	if ((p & (PTE_PRESENT | PTE_COW | PTE_FILE)) != (PTE_PRESENT | PTE_COW) ||
	    frame_refcount(pte_pfn(p)) != 1)
		return 0;
	pte_make_writable(g->mm, va, pte, g->prot);
	return 0;
}

void mm_cow_regain(struct mm *mm)
{
	struct vma *v;

	if (mm->rss_pages > REGAIN_MAX_RSS)
		return;
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->mm == mm && t->on_cpu)
			return;
	list_for_each_entry(v, &mm->vmas.list, node) {
		struct regain g = { .mm = mm, .prot = mm_prot_to_pte(v->prot) };

		if (!(v->flags & VMA_SHARED) && (v->prot & LINUX_PROT_WRITE))
			pgtable_walk(&mm->pt, v->start, v->end, regain_pte, &g);
	}
}

/*
 * Make a present page writable for a write: copy it if it is shared
 * (COW or page cache of a private mapping), else just upgrade the mapping.
 */
static int fault_write(struct mm *mm, struct vma *vma, uaddr_t va, pte_t *pte)
{
	uint64_t prot = mm_prot_to_pte(vma->prot);
	pfn_t old = pte_pfn(*pte);
	long pfn;

	if ((*pte & PTE_COW) && (frame_refcount(old) > 1 || (*pte & PTE_FILE))) {
		pfn = frame_copy(old);
		if (pfn < 0)
			return (int)pfn;
		return mm_set_page(mm, va, (pfn_t)pfn, prot | PTE_DIRTY);
	}
	if (*pte & PTE_COW) {
		mm_cow_regain(mm);	/* this page with the others it finds */
		if (*pte & PTE_W)
			return 0;
	}
	pte_make_writable(mm, va & PAGE_MASK, pte, prot);
	if ((*pte & PTE_FILE) && (vma->flags & VMA_SHARED))
		file_page_mkwrite(vma->file, vma->pgoff + ((va - vma->start) >> PAGE_SHIFT));
	return 0;
}

/* Grow a stack VMA down to cover addr, if the stack limit allows. */
static struct vma *grow_stack(struct mm *mm, uaddr_t addr)
{
	struct vma *next = vma_find_next(&mm->vmas, addr);
	struct vma *prev;
	uint64_t limit = current ? current->rlim[LINUX_RLIMIT_STACK].rlim_cur : 8 << 20;
	uaddr_t start = addr & PAGE_MASK;

	if (!next || !(next->flags & VMA_GROWSDOWN) || addr >= next->start)
		return NULL;
	if (next->end - start > limit)
		return NULL;
	prev = vma_prev(&mm->vmas, next);
	if (prev && prev->end + STACK_GUARD_GAP > start)
		return NULL;
	if (vma_insert(&mm->vmas, start, next->start, next->prot, next->flags,
		       next->file, next->pgoff) < 0)
		return NULL;
	return vma_find(&mm->vmas, addr);
}

static int fault_in(struct mm *mm, struct vma *vma, uaddr_t addr)
{
	return vma->file ? fault_file(mm, vma, addr) : fault_anon(mm, vma, addr);
}

int mm_handle_fault(struct mm *mm, uaddr_t addr, int host_si_code, int *si_code)
{
	struct vma *vma = vma_find(&mm->vmas, addr);
	pte_t *pte;
	int err;

	if (!vma)
		vma = grow_stack(mm, addr);
	if (!vma) {
		*si_code = SEGV_MAPERR;
		return LINUX_SIGSEGV;
	}
	*si_code = SEGV_ACCERR;
	if (!(vma->prot & (LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC)))
		return LINUX_SIGSEGV;
	pte = pgtable_lookup(&mm->pt, addr, false);
	if (pte && (*pte & PTE_PRESENT) && host_si_code == SEGV_MAPERR)
		return 0;	/* another thread's fault mapped it meanwhile: retry */
	if (pte && (*pte & PTE_PRESENT)) {
		/* Mapped, yet it faulted: an access the host mapping denies. */
		if ((vma->prot & LINUX_PROT_WRITE) && !(*pte & PTE_W))
			err = fault_write(mm, vma, addr, pte);
		else
			return LINUX_SIGSEGV;
	} else {
		err = fault_in(mm, vma, addr);
	}
	if (err == -ENXIO) {
		*si_code = BUS_ADRERR;
		return LINUX_SIGBUS;
	}
	if (err) {
		/* Out of guest RAM: the guest's OOM, never umk's. */
		*si_code = 0;
		return LINUX_SIGKILL;
	}
	return 0;
}

void *mm_user_page(struct mm *mm, uaddr_t va, bool write)
{
	struct vma *vma;
	pte_t *pte;

	pte = pgtable_lookup(&mm->pt, va, false);
	if (pte && (*pte & PTE_PRESENT) && (!write || (*pte & PTE_W)) && (*pte & PTE_R))
		return (char *)frame_ptr(pte_pfn(*pte)) + (va & ~PAGE_MASK);
	vma = vma_find(&mm->vmas, va);
	if (!vma)
		vma = grow_stack(mm, va);
	if (!vma)
		return NULL;
	if (write ? !(vma->prot & LINUX_PROT_WRITE) : !(vma->prot & LINUX_PROT_READ))
		return NULL;
	if (!pte || !(*pte & PTE_PRESENT)) {
		if (fault_in(mm, vma, va) < 0)
			return NULL;
		pte = pgtable_lookup(&mm->pt, va, false);
		if (!pte || !(*pte & PTE_PRESENT))
			return NULL;
	}
	if (write && !(*pte & PTE_W)) {
		if (fault_write(mm, vma, va, pte) < 0)
			return NULL;
		pte = pgtable_lookup(&mm->pt, va, false);
	}
	return (char *)frame_ptr(pte_pfn(*pte)) + (va & ~PAGE_MASK);
}
