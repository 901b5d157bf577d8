/*
 * Address-space lifetime and the host-mapping queue ("software TLB").
 *
 * Changes to the software page table are mirrored into the host process by
 * queueing map/unmap/protect operations; mm_flush() hands them to the CPU
 * layer in one batch before any thread of the mm runs guest code again.
 * Adjacent operations of the same kind coalesce, so a fault-around of
 * physically contiguous frames is one host mmap.
 *
 * Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/printk.h>
#include <umk/task.h>
#include <umk/vfs.h>
#include <uapi/linux_mman.h>

struct mm *mm_create(void)
{
	struct mm *mm = calloc(1, sizeof(*mm));
	long pfn;
	int err;

	if (!mm)
		return ERR_PTR(-ENOMEM);
	mm->refcount = 1;
	vma_set_init(&mm->vmas);
	pgtable_init(&mm->pt);
	mm->mmap_base = MMAP_BASE;
	pfn = frame_alloc(0, FRAME_ZERO);
	if (pfn < 0) {
		err = (int)pfn;
		goto out_free;
	}
	mm->ctl_pfn = (pfn_t)pfn;
	err = cpu->mm_create(&mm->cpu, &mm->cpu_main, frame_ptr(mm->ctl_pfn),
			     frame_offset(mm->ctl_pfn));
	if (err)
		goto out_put_ctl;
	return mm;

out_put_ctl:
	frame_put(mm->ctl_pfn);
out_free:
	free(mm);
	return ERR_PTR(err);
}

void mm_get(struct mm *mm)
{
	mm->refcount++;
}

static void put_frame(pfn_t pfn)
{
	frame_put(pfn);
}

void mm_put(struct mm *mm)
{
	if (--mm->refcount > 0)
		return;
	if (mm->cpu)
		cpu->mm_destroy(mm->cpu);
	pgtable_destroy(&mm->pt, put_frame);
	vma_set_destroy(&mm->vmas);
	frame_put(mm->ctl_pfn);
	if (mm->exe_file) {
		file_allow_write(mm->exe_file);
		file_put(mm->exe_file);
	}
	free(mm);
}

uint64_t mm_prot_to_pte(unsigned prot)
{
	uint64_t f = 0;

	if (prot & LINUX_PROT_READ)
		f |= PTE_R;
	if (prot & LINUX_PROT_WRITE)
		f |= PTE_R | PTE_W;
	if (prot & LINUX_PROT_EXEC)
		f |= PTE_R | PTE_X;
	return f;
}

void mm_queue_op(struct mm *mm, uint8_t kind, uaddr_t start, uint64_t len,
		 uint8_t prot, uint64_t offset)
{
	struct host_map_op *last = mm->nr_ops ? &mm->ops[mm->nr_ops - 1] : NULL;

	if (last && last->kind == kind && last->prot == prot &&
	    last->start + last->len == start &&
	    (kind != HOST_MAP || last->offset + last->len == offset)) {
		last->len += len;
		return;
	}
	if (mm->nr_ops == MM_OPQ_MAX) {
		int err = mm_flush(mm);

		if (err)
			printk("umk: host mapping flush failed: %d\n", err);
	}
	mm->ops[mm->nr_ops++] = (struct host_map_op){
		.kind = kind, .prot = prot, .start = start, .len = len, .offset = offset,
	};
}

int mm_flush(struct mm *mm)
{
	int err;

	if (!mm->nr_ops)
		return 0;
	/* The stub runs on the thread being handled when it is one of mm's. */
	err = cpu->mm_apply(mm->cpu, current && current->mm == mm ? current->cpu : NULL,
			    mm->ops, mm->nr_ops);
	mm->nr_ops = 0;
	return err;
}

bool mm_flushable(struct mm *mm)
{
	return mm->cpu && cpu->mm_stopped && cpu->mm_stopped(mm->cpu);
}

int mm_set_page(struct mm *mm, uaddr_t va, pfn_t pfn, uint64_t pte_flags)
{
	pte_t *pte = pgtable_lookup(&mm->pt, va, false);

	if (pte && (*pte & PTE_PRESENT)) {
		frame_put(pte_pfn(*pte));
		mm->rss_pages--;
	}
	if (pgtable_set(&mm->pt, va, pte_make(pfn, pte_flags)) < 0) {
		frame_put(pfn);
		return -ENOMEM;
	}
	mm->rss_pages++;
	mm_queue_op(mm, HOST_MAP, va & PAGE_MASK, PAGE_SIZE, pte_flags & PTE_PROT,
		    frame_offset(pfn));
	return 0;
}
