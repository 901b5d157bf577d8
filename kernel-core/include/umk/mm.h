/*
 * Address spaces.
 *
 * An mm is the VMAs, the software page table, and the host process that
 * mirrors them (cpu_mm). Changes to host mappings are queued in the mm and
 * flushed through the CPU layer before any thread of the mm runs again:
 * mm_flush() is the "TLB flush". Every mm is used under the big kernel lock.
 */
#ifndef UMK_MM_H
#define UMK_MM_H

#include <umk/pgtable.h>
#include <umk/types.h>
#include <umk/vma.h>

struct cpu_mm;
struct file;

/*
 * Guest address-space layout. The stub sits at the top of the host's user
 * address space (STUB_START..) and is outside the guest's reach: guest
 * mappings live in [MMAP_MIN_ADDR, TASK_SIZE).
 */
#define MMAP_MIN_ADDR 0x10000ULL
#define TASK_SIZE 0x7fffff000000ULL
/* Linux's TASK_SIZE_MAX: the end of user space, the bound of fs/gs bases */
#define TASK_SIZE_MAX 0x7ffffffff000ULL
#define STACK_TOP TASK_SIZE
#define STACK_INIT_SIZE (128 * 1024ULL)
#define STACK_GUARD_GAP (256 * PAGE_SIZE)
#define MMAP_BASE (STACK_TOP - 0x10000000ULL)	/* below an 256 MiB stack gap */
#define ELF_ET_DYN_BASE 0x555555554000ULL	/* where static-PIE loads, as on Linux */

/* One queued change to the host mappings, applied in order. */
struct host_map_op {
	uint8_t kind;		/* HOST_MAP, HOST_UNMAP, HOST_PROTECT */
	uint8_t prot;		/* PTE_R/W/X */
	uaddr_t start;
	uint64_t len;
	uint64_t offset;	/* physmem byte offset (HOST_MAP) */
};
#define HOST_MAP 1
#define HOST_UNMAP 2
#define HOST_PROTECT 3
#define MM_OPQ_MAX 256

struct mm {
	int refcount;
	struct vma_set vmas;
	struct pgtable pt;
	struct cpu_mm *cpu;	/* the host process */
	struct cpu_thread *cpu_main;	/* its first thread, until a task takes it */
	pfn_t ctl_pfn;		/* the stub's control page */

	uaddr_t start_brk, brk;	/* heap: [start_brk, brk) */
	uaddr_t start_stack;	/* initial stack pointer area (for /proc) */
	uaddr_t mmap_base;	/* top of the top-down mmap region */
	uaddr_t arg_start, arg_end, env_start, env_end;
	struct file *exe_file;	/* the program exec ran, kept from writers (ETXTBSY) */

	/* queued host-mapping changes (the software TLB) */
	unsigned nr_ops;
	struct host_map_op ops[MM_OPQ_MAX];

	uint64_t rss_pages;	/* present pages */
	uint64_t walk_gen;	/* last page-cache reclaim pass that looked at it */
};

/*
 * A new, empty mm with refcount 1 and its host process (stopped, holding
 * nothing the guest can see), or ERR_PTR(-errno).
 */
struct mm *mm_create(void);
void mm_get(struct mm *mm);
/*
 * A copy-on-write copy of parent for fork, with a host process of its own,
 * or ERR_PTR(-errno). Queues write-protection for the parent's pages: flush
 * the parent before it runs again. The private writable pages holding the
 * nhot addresses in hot (the caller's stack pointer and TLS) are copied at
 * once instead of shared, since both sides write them straight away.
 */
struct mm *mm_fork(struct mm *parent, const uaddr_t *hot, unsigned nhot);
/* Drop a reference; the last one frees the pages, VMAs and host process. */
void mm_put(struct mm *mm);

/*
 * Map [addr, addr+len) (do_mmap semantics after argument checks: addr is
 * page aligned, len is a page multiple). With fixed, replaces whatever is
 * there; otherwise addr is a hint. Returns the address or -errno.
 */
long mm_map(struct mm *mm, uaddr_t addr, uint64_t len, unsigned prot,
	    unsigned vma_flags, bool fixed, struct file *file, uint64_t pgoff);
/* Unmap a page-aligned range: drop pages, VMAs and host mappings. */
int mm_unmap(struct mm *mm, uaddr_t start, uint64_t len);
/* Change protection of a page-aligned, fully mapped range. */
int mm_protect(struct mm *mm, uaddr_t start, uint64_t len, unsigned prot);
/* Drop the pages (not the VMAs) of a range: MADV_DONTNEED. */
int mm_zap(struct mm *mm, uaddr_t start, uint64_t len);
/*
 * Drop the present pages of vma in [start, end) (memory pressure, a
 * truncation, a punched hole): with readonly only those the host maps
 * read-only, and only those for which keep(vma, va, pfn) is false (keep
 * may be NULL). The host mappings go first (mm_flush(), so a thread of mm
 * must be stopped): if that fails, nothing is dropped. How many went.
 */
uint64_t mm_zap_pages(struct mm *mm, struct vma *vma, uaddr_t start, uaddr_t end, bool readonly,
		      bool (*keep)(struct vma *vma, uaddr_t va, pfn_t pfn));
/*
 * Take write permission from vma's present pages, queued for the host
 * (mm_flush()): the next write faults (write-back cleaning a page that a
 * shared mapping could write behind its back).
 */
void mm_wrprotect(struct mm *mm, struct vma *vma);
/* mm_flush() could run now: a thread of mm is stopped. */
bool mm_flushable(struct mm *mm);

/*
 * Resolve a fault at addr taken by guest code (is_write unknown: the host
 * reports SEGV_MAPERR for an unmapped page and SEGV_ACCERR for a protection
 * fault). Returns 0 when resolved and the access may be retried, or a guest
 * signal number (SIGSEGV, SIGBUS) with *si_code set for the guest siginfo.
 */
int mm_handle_fault(struct mm *mm, uaddr_t addr, int host_si_code, int *si_code);

/*
 * umk's pointer to the byte at va for an access of the given kind, faulting
 * the page in (and breaking COW for writes) as the guest's own access would.
 * Returns NULL if the guest could not make that access. Valid to the end of
 * the page.
 */
void *mm_user_page(struct mm *mm, uaddr_t va, bool write);

/*
 * A write found a copy-on-write page that mm alone holds (the children it
 * was shared with are gone): so are its others, likely. Make every such
 * page writable now, in the same host batch as this one, instead of one
 * write fault each; only while no other thread of mm runs (its host
 * mapping would lag behind the table) and mm is not large.
 */
void mm_cow_regain(struct mm *mm);

/*
 * Map the pages of a private file mapping in [start, end) that are already
 * in the page cache, at most max of them, as their faults would (exec does
 * this for a program's segments: each fault it saves is a round trip
 * through the host). With copy, a writable mapping gets private copies at
 * once, as its write faults would make them. Nothing is read from the
 * file; failures are ignored.
 */
void mm_prefault_cached(struct mm *mm, uaddr_t start, uaddr_t end, unsigned max, bool copy);

/* Map one frame at va with pte flags (taking over the caller's frame reference). */
int mm_set_page(struct mm *mm, uaddr_t va, pfn_t pfn, uint64_t pte_flags);

/* pte protection bits for a vma's LINUX_PROT_* */
uint64_t mm_prot_to_pte(unsigned prot);

/* Queue a host-mapping change; flushes first if the queue is full. */
void mm_queue_op(struct mm *mm, uint8_t kind, uaddr_t start, uint64_t len,
		 uint8_t prot, uint64_t offset);
/* Apply queued host-mapping changes through the CPU layer. 0 or -errno. */
int mm_flush(struct mm *mm);

#endif
