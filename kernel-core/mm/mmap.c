/*
 * Changing an address space: map, unmap, protect, zap.
 *
 * These keep the VMAs, the page table and the host mappings in step: pages
 * leave the page table (and their frames are put) before their VMA goes,
 * and every host-visible change is queued for the next mm_flush().
 *
 * Protected by the big kernel lock.
 */
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/vfs.h>
#include <uapi/linux_mman.h>

struct zap_state {
	struct mm *mm;
	uaddr_t run_start, run_end;	/* host range still to unmap */
};

static void zap_flush_run(struct zap_state *z)
{
	if (z->run_end > z->run_start)
		mm_queue_op(z->mm, HOST_UNMAP, z->run_start, z->run_end - z->run_start, 0, 0);
	z->run_start = z->run_end = 0;
}

/* Take a page out of the table (its host mapping is the caller's business). */
static void pte_drop(struct mm *mm, pte_t *pte)
{
	frame_put(pte_pfn(*pte));
	*pte = 0;
	mm->rss_pages--;
}

/* Add va's page to the host range to unmap, queueing the run before it if apart. */
static void zap_extend(struct zap_state *z, uaddr_t va)
{
	if (z->run_end != va) {
		zap_flush_run(z);
		z->run_start = va;
	}
	z->run_end = va + PAGE_SIZE;
}

static int zap_one(uaddr_t va, pte_t *pte, void *arg)
{
	struct zap_state *z = arg;

	pte_drop(z->mm, pte);
	zap_extend(z, va);
	return 0;
}

int mm_zap(struct mm *mm, uaddr_t start, uint64_t len)
{
	struct zap_state z = { .mm = mm };

	pgtable_walk(&mm->pt, start, start + len, zap_one, &z);
	zap_flush_run(&z);
	return 0;
}

struct zap_pages_state {
	struct zap_state z;
	struct vma *vma;
	bool readonly;
	bool (*keep)(struct vma *vma, uaddr_t va, pfn_t pfn);
	bool drop;		/* second walk: the host has let go, drop the pages */
	uint64_t n;
};

static int zap_pages_one(uaddr_t va, pte_t *pte, void *arg)
{
	struct zap_pages_state *s = arg;

	if (!(*pte & PTE_PRESENT) || (s->readonly && (*pte & PTE_W)) ||
	    (s->keep && s->keep(s->vma, va, pte_pfn(*pte))))
		return 0;
	s->n++;
	if (s->drop)
		pte_drop(s->z.mm, pte);
	else
		zap_extend(&s->z, va);
	return 0;
}

uint64_t mm_zap_pages(struct mm *mm, struct vma *vma, uaddr_t start, uaddr_t end, bool readonly,
		      bool (*keep)(struct vma *vma, uaddr_t va, pfn_t pfn))
{
	struct zap_pages_state s = {
		.z = { .mm = mm }, .vma = vma, .readonly = readonly, .keep = keep,
	};

	start = MAX(start, vma->start);
	end = MIN(end, vma->end);
	if (start >= end)
		return 0;
	/* the host unmaps first: a frame it still maps must keep its reference */
	pgtable_walk(&mm->pt, start, end, zap_pages_one, &s);
	zap_flush_run(&s.z);
	if (!s.n || mm_flush(mm))
		return 0;
	s.drop = true;
	s.n = 0;
	pgtable_walk(&mm->pt, start, end, zap_pages_one, &s);
	return s.n;
}

int mm_unmap(struct mm *mm, uaddr_t start, uint64_t len)
{
	int err = vma_remove(&mm->vmas, start, start + len);

	if (err)
		return err;
	return mm_zap(mm, start, len);
}

long mm_map(struct mm *mm, uaddr_t addr, uint64_t len, unsigned prot,
	    unsigned vma_flags, bool fixed, struct file *file, uint64_t pgoff)
{
	int err;

	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (fixed) {
		if (addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE || addr + len < addr)
			return -ENOMEM;
		err = mm_unmap(mm, addr, len);
		if (err)
			return err;
	} else {
		if (!addr || addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE ||
		    !vma_range_free(&mm->vmas, addr, addr + len))
			addr = vma_find_gap(&mm->vmas, len, MMAP_MIN_ADDR, mm->mmap_base);
		if (!addr)
			addr = vma_find_gap(&mm->vmas, len, mm->mmap_base, TASK_SIZE);
		if (!addr)
			return -ENOMEM;
	}
	err = vma_insert(&mm->vmas, addr, addr + len, prot, vma_flags, file, pgoff);
	if (err)
		return err;
	return (long)addr;
}

struct protect_state {
	struct mm *mm;
	uint64_t prot;
};

static int protect_one(uaddr_t va, pte_t *pte, void *arg)
{
	struct protect_state *p = arg;
	uint64_t prot = p->prot;

	/* A shared frame stays read-only until a write fault copies it. */
	if (*pte & PTE_COW)
		prot &= ~(uint64_t)PTE_W;
	*pte = (*pte & ~(pte_t)PTE_PROT) | prot;
	mm_queue_op(p->mm, HOST_PROTECT, va, PAGE_SIZE, prot, 0);
	return 0;
}

int mm_protect(struct mm *mm, uaddr_t start, uint64_t len, unsigned prot)
{
	struct protect_state p = { .mm = mm, .prot = mm_prot_to_pte(prot) };
	int err = vma_protect(&mm->vmas, start, start + len, prot);

	if (err)
		return err;
	pgtable_walk(&mm->pt, start, start + len, protect_one, &p);
	return 0;
}

static int wrprotect_one(uaddr_t va, pte_t *pte, void *arg)
{
	if ((*pte & (PTE_PRESENT | PTE_W)) != (PTE_PRESENT | PTE_W))
		return 0;
	return protect_one(va, pte, arg);
}

void mm_wrprotect(struct mm *mm, struct vma *vma)
{
	struct protect_state p = { .mm = mm, .prot = mm_prot_to_pte(vma->prot) & ~(uint64_t)PTE_W };

	pgtable_walk(&mm->pt, vma->start, vma->end, wrprotect_one, &p);
}
