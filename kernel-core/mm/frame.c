/*
 * The frame allocator: a buddy allocator over the frames of physmem, the
 * reference count of every frame, and the queue of freed frames waiting to
 * be released to the host.
 *
 * Owns all of its state (the frame table, the free lists, the release
 * queue); it is global and protected by the big kernel lock.
 *
 * Life of a frame: free (in a buddy block, released, reads as zeros when a
 * release callback exists) -> allocated (refcount > 0, contents unknown) ->
 * queued (refcount 0, not allocatable) -> released and back in the buddy
 * lists. Every frame in the buddy lists has been through release once, so
 * the "clean" bit it carries is what lets FRAME_ZERO skip the memset.
 *
 * The warm pool (only when a populate callback is set): the host's first
 * touch of a released page is a fault that costs ~40 us in this VM, against
 * ~2.5-5 us a page for one MADV_POPULATE_WRITE over a megabyte plus ~17 us
 * for the first user-mode access after it (the VM's shadow page tables
 * fill lazily; only a page touched before is cheap, hence the recycling). So single frames are handed out from a pool of frames the host
 * has already backed: refilled a 1 MiB buddy block at a time, populated in
 * one call, and fed by frame_put() with freed frames (still backed; they
 * lose their clean bit, a memset being far cheaper than a fresh page). The
 * pool is bounded (POOL_MAX frames); beyond it freed frames go back to the
 * host as before, and an allocation that finds the buddy lists empty
 * releases the whole pool first.
 */
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/printk.h>

#include <stdlib.h>
#include <string.h>

/* Freed frames queued before a release is forced. */
#define RELEASE_BATCH 1024
/* The warm pool: at most POOL_MAX frames, refilled 2^POOL_ORDER at a time. */
#define POOL_MAX 4096
#define POOL_ORDER 8

/* struct frame.flags */
#define FRAME_F_FREE 0x1	/* head of a free block, linked in free_list[order] */
#define FRAME_F_CLEAN 0x2	/* released since last handed out: reads as zeros */
#define FRAME_F_QUEUED 0x4	/* freed, waiting in the release queue */
#define FRAME_F_RESERVED 0x8	/* frame 0: never handed out */
#define FRAME_F_POOL 0x10	/* free, in the warm pool, backed by the host */

/*
 * Per-frame metadata, 12 bytes. A free block is described by its first
 * frame only; the other frames of the block have refcount 0 and no links.
 */
struct frame {
	uint32_t ref;		/* references; on a free head: next head in its list */
	uint32_t prev;		/* free head: previous head in its list (0: none) */
	uint8_t order;		/* free head: order of its block */
	uint8_t flags;		/* FRAME_F_* */
};

static char *phys_base;
static uint64_t nr_frames;
static struct frame *frames;
static void (*release_fn)(uint64_t off, uint64_t len);

/* Heads of free blocks per order; 0 ends a list (frame 0 is never free). */
static pfn_t free_list[FRAME_MAX_ORDER + 1];
static uint64_t nr_free;	/* frames in the buddy lists */

static pfn_t release_queue[RELEASE_BATCH];
static unsigned nr_queued;

static void (*populate_fn)(uint64_t off, uint64_t len);
static pfn_t pool[POOL_MAX];
static unsigned nr_pool;

static void free_list_add(pfn_t pfn, unsigned order)
{
	struct frame *f = &frames[pfn];
	pfn_t head = free_list[order];

	f->ref = head;
	f->prev = 0;
	f->order = order;
	f->flags |= FRAME_F_FREE;
	if (head)
		frames[head].prev = pfn;
	free_list[order] = pfn;
}

static void free_list_del(pfn_t pfn)
{
	struct frame *f = &frames[pfn];
	pfn_t next = f->ref;

	if (f->prev)
		frames[f->prev].ref = next;
	else
		free_list[f->order] = next;
	if (next)
		frames[next].prev = f->prev;
	f->ref = 0;
	f->prev = 0;
	f->flags &= ~FRAME_F_FREE;
}

/*
 * Give the block [pfn, pfn + 2^order) back to the buddy lists, merging it
 * with its free buddies as far as they go.
 */
static void buddy_free(pfn_t pfn, unsigned order)
{
	nr_free += 1ULL << order;
	while (order < FRAME_MAX_ORDER) {
		pfn_t buddy = pfn ^ (1U << order);
		struct frame *b;

		if ((uint64_t)buddy + (1U << order) > nr_frames)
			break;
		b = &frames[buddy];
		if (!(b->flags & FRAME_F_FREE) || b->order != order)
			break;
		free_list_del(buddy);
		pfn = MIN(pfn, buddy);
		order++;
	}
	free_list_add(pfn, order);
}

/* Take a block of 2^order frames off the buddy lists, or return 0. */
static pfn_t buddy_alloc(unsigned order)
{
	unsigned o = order;
	pfn_t pfn;

	while (o <= FRAME_MAX_ORDER && !free_list[o])
		o++;
	if (o > FRAME_MAX_ORDER)
		return 0;
	pfn = free_list[o];
	free_list_del(pfn);
	/* Split off the upper halves until the block has the asked size. */
	while (o > order) {
		o--;
		free_list_add(pfn + (1U << o), o);
	}
	nr_free -= 1ULL << order;
	return pfn;
}

static int cmp_pfn(const void *a, const void *b)
{
	pfn_t x = *(const pfn_t *)a, y = *(const pfn_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Release a run of consecutive frames to the host and make them
 * allocatable again.
 */
static void release_run(pfn_t first, uint64_t count)
{
	uint64_t i;

	if (release_fn)
		release_fn(frame_offset(first), count << PAGE_SHIFT);
	for (i = 0; i < count; i++) {
		struct frame *f = &frames[first + i];

		f->flags &= ~FRAME_F_QUEUED;
		if (release_fn)
			f->flags |= FRAME_F_CLEAN;
		buddy_free(first + i, 0);
	}
}

/*
 * Release every queued frame: sorted, so that neighbours go to the host as
 * one range.
 */
void frame_flush_release(void)
{
	unsigned i, run_start = 0;

	if (!nr_queued)
		return;
	qsort(release_queue, nr_queued, sizeof(release_queue[0]), cmp_pfn);
	for (i = 1; i <= nr_queued; i++) {
		if (i < nr_queued && release_queue[i] == release_queue[i - 1] + 1)
			continue;
		release_run(release_queue[run_start], i - run_start);
		run_start = i;
	}
	nr_queued = 0;
}

/* The allocator's state for n frames at base, none of them free yet. */
static void reset_state(void *base, uint64_t n, void (*release)(uint64_t off, uint64_t len))
{
	phys_base = base;
	nr_frames = n;
	release_fn = release;
	memset(free_list, 0, sizeof(free_list));
	nr_free = 0;
	nr_queued = 0;
	nr_pool = 0;
	populate_fn = NULL;
}

/*
 * frame_init() returns -EINVAL for a size that is not a page multiple, is
 * smaller than two pages, or has more frames than a pfn_t can name. When
 * release is given, all of physmem but frame 0 is released through it once
 * here, so that every free frame is known to read as zeros from the start.
 */
int frame_init(void *base, uint64_t size, void (*release)(uint64_t off, uint64_t len))
{
	uint64_t n = size >> PAGE_SHIFT;
	uint64_t pfn;

	BUG_ON(frames);
	if (!PAGE_ALIGNED(size) || n < 2 || n > UINT32_MAX)
		return -EINVAL;
	frames = calloc(n, sizeof(*frames));
	if (!frames)
		return -ENOMEM;
	reset_state(base, n, release);

	frames[0].flags = FRAME_F_RESERVED;
	if (release)
		release(PAGE_SIZE, size - PAGE_SIZE);
	/* Cover [1, n) with the largest aligned blocks that fit. */
	for (pfn = 1; pfn < n;) {
		unsigned order = 0;

		while (order < FRAME_MAX_ORDER &&
		       (pfn & ((2ULL << order) - 1)) == 0 &&
		       pfn + (2ULL << order) <= n)
			order++;
		if (release) {
			uint64_t i;

			for (i = 0; i < (1ULL << order); i++)
				frames[pfn + i].flags |= FRAME_F_CLEAN;
		}
		buddy_free((pfn_t)pfn, order);
		pfn += 1ULL << order;
	}
	return 0;
}

void frame_fini(void)
{
	free(frames);
	frames = NULL;
	reset_state(NULL, 0, NULL);
}

void frame_set_populate(void (*populate)(uint64_t off, uint64_t len))
{
	populate_fn = populate;
}

/* Take a block off the buddy lists, have the host back it, put it in the pool. */
static void pool_refill(void)
{
	long pfn = 0;
	int order;

	for (order = POOL_ORDER; order >= 0 && !pfn; order--)
		pfn = buddy_alloc((unsigned)order);
	if (!pfn && nr_queued) {
		frame_flush_release();
		pfn = buddy_alloc(0);
		order = -1;
	}
	if (!pfn)
		return;
	order++;
	populate_fn(frame_offset((pfn_t)pfn), (uint64_t)PAGE_SIZE << order);
	/* Highest first, so that frames come out in ascending order. */
	for (long i = (1L << order) - 1; i >= 0; i--) {
		frames[pfn + i].flags |= FRAME_F_POOL;
		pool[nr_pool++] = (pfn_t)(pfn + i);
	}
}

/* Give every pooled frame back to the host and the buddy lists. */
static void pool_drain(void)
{
	while (nr_pool) {
		pfn_t pfn = pool[--nr_pool];

		frames[pfn].flags &= ~FRAME_F_POOL;
		frames[pfn].flags |= FRAME_F_QUEUED;
		release_queue[nr_queued++] = pfn;
		if (nr_queued == RELEASE_BATCH)
			frame_flush_release();
	}
	frame_flush_release();
}

/* One frame from the warm pool, or 0 if there is none to be had. */
static pfn_t pool_alloc(void)
{
	if (!nr_pool && POOL_MAX - nr_pool >= (1u << POOL_ORDER))
		pool_refill();
	if (!nr_pool)
		return 0;
	return pool[--nr_pool];
}

long frame_copy(pfn_t src)
{
	long pfn = frame_alloc(0, 0);

	if (pfn > 0)
		memcpy(frame_ptr((pfn_t)pfn), frame_ptr(src), PAGE_SIZE);
	return pfn;
}

long frame_alloc(unsigned order, unsigned flags)
{
	pfn_t pfn;
	uint64_t i;

	if (order > FRAME_MAX_ORDER)
		return -ENOMEM;
	if (order == 0 && populate_fn) {
		pfn = pool_alloc();
		if (pfn)
			frames[pfn].flags &= ~FRAME_F_POOL;
	} else {
		pfn = buddy_alloc(order);
	}
	if (!pfn && nr_queued) {
		frame_flush_release();
		pfn = buddy_alloc(order);
	}
	if (!pfn && nr_pool) {
		pool_drain();
		pfn = buddy_alloc(order);
	}
	if (!pfn)
		return -ENOMEM;
	for (i = 0; i < (1ULL << order); i++) {
		struct frame *f = &frames[pfn + i];

		if ((flags & FRAME_ZERO) && !(f->flags & FRAME_F_CLEAN))
			memset(frame_ptr(pfn + i), 0, PAGE_SIZE);
		f->flags &= ~FRAME_F_CLEAN;
		f->ref = 1;
	}
	return pfn;
}

/* An allocated frame: in range, not reserved, not free, not queued. */
static struct frame *frame_in_use(pfn_t pfn, const char *who)
{
	struct frame *f;

	if (pfn == 0 || pfn >= nr_frames)
		panic("%s: bad frame %u", who, pfn);
	f = &frames[pfn];
	if (f->ref == 0 || (f->flags & (FRAME_F_FREE | FRAME_F_QUEUED | FRAME_F_POOL)))
		panic("%s: frame %u is free", who, pfn);
	return f;
}

void frame_get(pfn_t pfn)
{
	struct frame *f = frame_in_use(pfn, "frame_get");

	BUG_ON(f->ref == UINT32_MAX);
	f->ref++;
}

/* The last put queues the frame for release; it is not reusable before. */
void frame_put(pfn_t pfn)
{
	struct frame *f = frame_in_use(pfn, "frame_put");

	if (--f->ref)
		return;
	if (populate_fn && nr_pool < POOL_MAX) {
		/* Still backed by the host: keep it warm (its bytes are stale). */
		f->flags &= ~FRAME_F_CLEAN;
		f->flags |= FRAME_F_POOL;
		pool[nr_pool++] = pfn;
		return;
	}
	f->flags |= FRAME_F_QUEUED;
	release_queue[nr_queued++] = pfn;
	if (nr_queued == RELEASE_BATCH)
		frame_flush_release();
}

/* 0 for a free, queued or reserved frame. */
unsigned frame_refcount(pfn_t pfn)
{
	struct frame *f;

	BUG_ON(pfn >= nr_frames);
	f = &frames[pfn];
	if (f->flags & (FRAME_F_FREE | FRAME_F_QUEUED | FRAME_F_RESERVED | FRAME_F_POOL))
		return 0;
	return f->ref;
}

void *frame_ptr(pfn_t pfn)
{
	BUG_ON(pfn >= nr_frames);
	return phys_base + ((uint64_t)pfn << PAGE_SHIFT);
}

uint64_t frame_total(void)
{
	return nr_frames;
}

uint64_t frame_free_count(void)
{
	return nr_free + nr_queued + nr_pool;
}
