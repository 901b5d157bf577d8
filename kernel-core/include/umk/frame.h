/*
 * Guest physical memory ("physmem") and its frame allocator.
 *
 * Guest RAM is one host memfd of --mem bytes, mapped whole in umk's address
 * space. A frame is one page of it, named by its frame number (pfn): the
 * frame's byte offset in the memfd is pfn << PAGE_SHIFT. Frame 0 is reserved
 * and never handed out, so 0 can mean "no frame".
 *
 * Allocation is a buddy allocator. A block of 2^order frames comes back as
 * individual frames, each with its own reference count of 1; frames are
 * released one at a time with frame_put(), and free buddies merge again.
 *
 * Freed frames go back to the host: they are queued, and the queue is
 * released in coalesced runs (the release callback punches a hole in the
 * memfd) when it fills, when frame_flush_release() is called, or when an
 * allocation would otherwise fail. A queued frame is not allocatable until
 * it has been released. A released frame reads as zeros, so FRAME_ZERO costs
 * nothing for it.
 *
 * State is global and protected by the big kernel lock (umk is one thread).
 */
#ifndef UMK_FRAME_H
#define UMK_FRAME_H

#include <umk/types.h>

typedef uint32_t pfn_t;

#define FRAME_ZERO 0x1	/* contents must read as zeros */
#define FRAME_MAX_ORDER 10	/* largest block: 2^10 frames = 4 MiB */

/*
 * Give the allocator physmem: base is umk's mapping of it, size its length
 * in bytes (a multiple of PAGE_SIZE, at least 2 pages). release(off, len) is
 * called to give a byte range back to the host; it may be NULL (tests).
 * Returns 0 or -ENOMEM if the bookkeeping cannot be allocated.
 */
int frame_init(void *base, uint64_t size, void (*release)(uint64_t off, uint64_t len));

/*
 * Keep a warm pool of single frames the host already backs: populate(off,
 * len) is called to have the host back a range in one go (MADV_POPULATE_WRITE),
 * and freed frames are kept (up to a bound) instead of released. NULL: off.
 */
void frame_set_populate(void (*populate)(uint64_t off, uint64_t len));

/* Drop all allocator state (tests). */
void frame_fini(void);

/*
 * Allocate 2^order physically contiguous frames. Returns the first pfn (> 0)
 * or -ENOMEM. Each frame has reference count 1.
 */
long frame_alloc(unsigned order, unsigned flags);
/* A new frame holding a copy of frame src (a copy-on-write break): its pfn or -ENOMEM. */
long frame_copy(pfn_t src);

/* Take / drop a reference on one frame. The last put frees it. */
void frame_get(pfn_t pfn);
void frame_put(pfn_t pfn);
unsigned frame_refcount(pfn_t pfn);

/* umk's pointer to a frame's bytes. */
void *frame_ptr(pfn_t pfn);

/* Byte offset of a frame in the physmem memfd. */
static inline uint64_t frame_offset(pfn_t pfn) { return (uint64_t)pfn << PAGE_SHIFT; }

/* Release every queued free frame to the host now. */
void frame_flush_release(void);

/* Frames in physmem, frames free (queued ones included). */
uint64_t frame_total(void);
uint64_t frame_free_count(void);

#endif
