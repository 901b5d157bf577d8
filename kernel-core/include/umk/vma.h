/*
 * Virtual memory areas: the ranges of an address space and how they are
 * backed. A pure data structure; the page table and the host mappings are
 * the business of mm/mmap.c and mm/fault.c.
 *
 * A vma_set keeps its areas sorted by address in a list, with a one-entry
 * lookup cache. Areas never overlap. Adjacent areas that agree on
 * everything (prot, flags, file, and contiguous file offsets) are merged.
 * A file-backed area holds a reference on its struct file (file_get/put).
 */
#ifndef UMK_VMA_H
#define UMK_VMA_H

#include <umk/list.h>
#include <umk/types.h>

struct file;

/* prot: LINUX_PROT_READ/WRITE/EXEC bits. flags: */
#define VMA_SHARED 0x01		/* MAP_SHARED: writes reach the file/other mms */
#define VMA_GROWSDOWN 0x02	/* stack: grows down on faults below start */
#define VMA_STACK 0x04		/* the main thread's stack, for /proc maps */
#define VMA_HEAP 0x08		/* the brk area, for /proc maps */
#define VMA_NOWRITE 0x10	/* mprotect may not add PROT_WRITE: a shared mapping of a file not open for writing */
#define VMA_NOEXEC 0x20		/* mprotect may not add PROT_EXEC: a file on a noexec mount */

struct vma {
	uaddr_t start;		/* page aligned, inclusive */
	uaddr_t end;		/* page aligned, exclusive */
	unsigned prot;
	unsigned flags;
	struct file *file;	/* NULL for anonymous memory */
	uint64_t pgoff;		/* file offset of start, in pages */
	struct list_head node;
};

struct vma_set {
	struct list_head list;	/* sorted by start */
	unsigned count;
	struct vma *cache;	/* last vma found */
};

void vma_set_init(struct vma_set *vs);

/* Free every area (dropping file references). */
void vma_set_destroy(struct vma_set *vs);

/* Copy every area into an empty set (fork). Returns 0 or -ENOMEM. */
int vma_set_clone(struct vma_set *dst, const struct vma_set *src);

/* The area containing addr, or NULL. */
struct vma *vma_find(struct vma_set *vs, uaddr_t addr);

/* The first area that ends above addr (contains it or lies after it), or NULL. */
struct vma *vma_find_next(struct vma_set *vs, uaddr_t addr);

/* The area before vma in address order, or NULL. */
struct vma *vma_prev(struct vma_set *vs, struct vma *vma);
struct vma *vma_next(struct vma_set *vs, struct vma *vma);

/*
 * Add [start, end) with the given attributes. The range must be page
 * aligned, non-empty and free (-EEXIST otherwise). Takes its own reference
 * on file. Merges with neighbours where possible. Returns 0 or -errno.
 */
int vma_insert(struct vma_set *vs, uaddr_t start, uaddr_t end, unsigned prot,
	       unsigned flags, struct file *file, uint64_t pgoff);

/*
 * Remove [start, end) from whatever areas cover it, splitting areas that
 * straddle the edges. Parts not mapped are ignored. Returns 0 or -ENOMEM
 * (a split needs memory; nothing has changed then).
 */
int vma_remove(struct vma_set *vs, uaddr_t start, uaddr_t end);

/*
 * Set prot on [start, end), splitting at the edges and merging after.
 * The whole range must be covered by areas: -ENOMEM otherwise (as mprotect
 * reports a hole), with nothing changed.
 */
int vma_protect(struct vma_set *vs, uaddr_t start, uaddr_t end, unsigned prot);

/*
 * Find a free range of len bytes (page aligned) below top and at or above
 * bottom, highest first (top-down, as Linux's mmap does). Returns its start,
 * or 0 if there is none.
 */
uaddr_t vma_find_gap(struct vma_set *vs, uint64_t len, uaddr_t bottom, uaddr_t top);

/* Is [start, end) free of areas? */
bool vma_range_free(struct vma_set *vs, uaddr_t start, uaddr_t end);

#endif
