/*
 * The page cache: a regular file's bytes, in frames of guest RAM indexed
 * by page number, and the read/write/truncate that work on it.
 *
 * The index is a radix tree of 64-slot nodes. Its height grows only as far
 * as the largest index needs, so a sparse file costs nodes along the paths
 * to its present pages, not a table the size of its largest offset. Each
 * present page holds one frame reference; mappers take their own through
 * file_get_page. A page inside the file that was never written is a hole:
 * reads see zeros without allocating it.
 *
 * Invariant: bytes of a cached page past the file's size are zero, so
 * growing a file (truncate up, write past the end) exposes only zeros.
 *
 * With a backing store (sb->aops, ext2) a missing page is read in through
 * readpage, with readahead of the pages after it on a read miss, and a
 * page written by write(2) or through a shared writable mapping carries a
 * dirty bit (bit 0 of its slot; the pfn is shifted above it) until
 * page_cache_writeback() hands it to writepage.
 *
 * Direct I/O around the cache: a read or write of at least DIRECT_MIN
 * bytes over whole pages that are not cached moves between the guest's
 * buffer and the disk in one request (aops->direct), taking no frames. A
 * disk is a host file, so the host's page cache already holds what the
 * guest reads; a second copy in guest frames costs guest memory and, for
 * every fresh frame, a first touch of a host page that in this VM costs
 * more than reading the page (a cold 256 MiB read through the cache took
 * 60x the host's time, direct about 2x). Cached pages (mapped, written,
 * read in small pieces) are always the ones used, so read, write and mmap
 * stay coherent: a page is either in the cache or only on the disk.
 *
 * Memory pressure: the page caches of backing stores that hold pages are
 * on a list, oldest first. page_cache_balance() (between traps) keeps a
 * sixteenth of guest RAM free: it walks the list, writes each file's dirty
 * pages back and drops the clean ones only the cache holds. When those are
 * not enough, it takes back the file's pages that processes map read-only
 * (a touch faults them in again): from each address space with a stopped
 * thread, whose host mappings the stub changes on that thread before a
 * frame is let go. A shared writable mapping's pages are dirty from the
 * moment they are mapped writable; write-back first takes the write
 * permission from every such mapping (mkclean_mappings), so a later write
 * faults and dirties the page again, and the written, now read-only pages
 * can be taken back like any other. Memory-only files (tmpfs) have nowhere to go
 * and are never dropped. A pass that falls short is not repeated
 * until the caches have grown again, so a guest whose memory is all
 * anonymous does not rescan them at every trap.
 *
 * Runs under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_mman.h>

#define RADIX_SHIFT 6
#define RADIX_SLOTS (1U << RADIX_SHIFT)
#define RADIX_MASK (RADIX_SLOTS - 1)

struct radix_node {
	void *slot[RADIX_SLOTS];	/* child nodes, or pfns at height 1 */
	unsigned count;			/* used slots */
};

static const char zero_page[PAGE_SIZE];

/* Page caches of backing stores with pages, least recently filled first. */
static LIST_HEAD(reclaim_list);
static uint64_t nr_reclaimable;		/* caches on it */
static uint64_t added_since_short;	/* pages read in since a pass fell short */
static bool short_pass;

/* Pages in every cache, dirty ones, and those of memory-only files (meminfo). */
static uint64_t all_pages, all_dirty, all_shmem;

static bool backed(const struct page_cache *pc)
{
	return container_of(pc, struct inode, pages)->sb->aops != NULL;
}

static void count_pages(struct page_cache *pc, int delta)
{
	pc->nr_pages += (uint64_t)(int64_t)delta;
	all_pages += (uint64_t)(int64_t)delta;
	if (!backed(pc))
		all_shmem += (uint64_t)(int64_t)delta;
}

static void count_dirty(struct page_cache *pc, int delta)
{
	pc->nr_dirty += (uint64_t)(int64_t)delta;
	all_dirty += (uint64_t)(int64_t)delta;
}

void page_cache_stats(uint64_t *pages, uint64_t *dirty, uint64_t *shmem)
{
	*pages = all_pages;
	*dirty = all_dirty;
	*shmem = all_shmem;
}

#define SLOT_DIRTY 1UL
#define READAHEAD_PAGES 32
/* Direct I/O: from this many bytes of uncached pages, up to DIRECT_PAGES per request. */
#define DIRECT_MIN (64u << 10)
#define DIRECT_PAGES 512u
#define DIRECT_SEGS (DIRECT_PAGES + 1)

static pfn_t slot_pfn(const void *slot)
{
	return (pfn_t)((uintptr_t)slot >> 1);
}

/* Can a tree of this height hold index? (Indices stay below 2^52.) */
static bool fits(unsigned height, uint64_t index)
{
	return height * RADIX_SHIFT >= 64 || index < (1ULL << (height * RADIX_SHIFT));
}

static unsigned slot_of(uint64_t index, unsigned height)
{
	return (unsigned)(index >> ((height - 1) * RADIX_SHIFT)) & RADIX_MASK;
}

pfn_t page_cache_lookup(const struct page_cache *pc, uint64_t index)
{
	struct radix_node *n = pc->root;

	if (!n || !fits(pc->height, index))
		return 0;
	for (unsigned h = pc->height; h > 1; h--) {
		n = n->slot[slot_of(index, h)];
		if (!n)
			return 0;
	}
	return slot_pfn(n->slot[index & RADIX_MASK]);
}

/* The slot of index at the bottom level, or NULL if no node covers it. */
static void **leaf_slot(const struct page_cache *pc, uint64_t index)
{
	struct radix_node *n = pc->root;

	if (!n || !fits(pc->height, index))
		return NULL;
	for (unsigned h = pc->height; h > 1; h--) {
		n = n->slot[slot_of(index, h)];
		if (!n)
			return NULL;
	}
	return &n->slot[index & RADIX_MASK];
}

void page_cache_set_dirty(struct page_cache *pc, uint64_t index)
{
	void **slot = leaf_slot(pc, index);

	if (slot && *slot && !((uintptr_t)*slot & SLOT_DIRTY)) {
		*slot = (void *)((uintptr_t)*slot | SLOT_DIRTY);
		count_dirty(pc, 1);
	}
}

int page_cache_insert(struct page_cache *pc, uint64_t index, pfn_t pfn)
{
	struct radix_node *n;

	while (!pc->root || !fits(pc->height, index)) {
		n = calloc(1, sizeof(*n));
		if (!n)
			return -ENOMEM;
		if (pc->root) {
			n->slot[0] = pc->root;
			n->count = 1;
		}
		pc->root = n;
		pc->height++;
	}
	n = pc->root;
	for (unsigned h = pc->height; h > 1; h--) {
		void **slot = &n->slot[slot_of(index, h)];

		if (!*slot) {
			*slot = calloc(1, sizeof(struct radix_node));
			if (!*slot)
				return -ENOMEM;
			n->count++;
		}
		n = *slot;
	}
	if (!n->slot[index & RADIX_MASK]) {
		n->count++;
		count_pages(pc, 1);
	} else {
		if ((uintptr_t)n->slot[index & RADIX_MASK] & SLOT_DIRTY)
			count_dirty(pc, -1);
		frame_put(slot_pfn(n->slot[index & RADIX_MASK]));
	}
	n->slot[index & RADIX_MASK] = (void *)((uintptr_t)pfn << 1);
	return 0;
}

/* Drop the pages in [from, to) under n (covering indices from base); true if n is now empty. */
static bool truncate_node(struct page_cache *pc, struct radix_node *n, unsigned height,
			  uint64_t base, uint64_t from, uint64_t to)
{
	uint64_t span = 1ULL << ((height - 1) * RADIX_SHIFT);

	for (unsigned i = 0; i < RADIX_SLOTS; i++) {
		uint64_t start = base + i * span;

		if (!n->slot[i] || start + span <= from || start >= to)
			continue;
		if (height == 1) {
			if ((uintptr_t)n->slot[i] & SLOT_DIRTY)
				count_dirty(pc, -1);
			frame_put(slot_pfn(n->slot[i]));
			count_pages(pc, -1);
		} else if (!truncate_node(pc, n->slot[i], height - 1, start, from, to)) {
			continue;
		} else {
			free(n->slot[i]);
		}
		n->slot[i] = NULL;
		n->count--;
	}
	return n->count == 0;
}

/* Drop the pages in [from, to). */
static void remove_range(struct page_cache *pc, uint64_t from, uint64_t to)
{
	if (!pc->root)
		return;
	if (truncate_node(pc, pc->root, pc->height, 0, from, to)) {
		free(pc->root);
		pc->root = NULL;
		pc->height = 0;
		if (pc->lru.next) {
			list_del(&pc->lru);
			pc->lru.next = NULL;
			nr_reclaimable--;
		}
	}
}

void page_cache_truncate(struct page_cache *pc, uint64_t from)
{
	remove_range(pc, from, UINT64_MAX);
}

/* A page of a backing store came in: its cache goes (or stays) on the reclaim list. */
static void reclaim_track(struct inode *inode)
{
	struct page_cache *pc = &inode->pages;

	added_since_short++;
	if (pc->lru.next)
		return;
	list_add_tail(&pc->lru, &reclaim_list);
	nr_reclaimable++;
}

/*
 * Drop the clean pages under n that only the cache holds, until *freed
 * reaches want; true if n is now empty.
 */
static bool evict_node(struct page_cache *pc, struct radix_node *n, unsigned height,
		       uint64_t *freed, uint64_t want)
{
	for (unsigned i = 0; i < RADIX_SLOTS && *freed < want; i++) {
		uintptr_t v = (uintptr_t)n->slot[i];

		if (!v)
			continue;
		if (height > 1) {
			if (!evict_node(pc, n->slot[i], height - 1, freed, want))
				continue;
			free(n->slot[i]);
		} else {
			if ((v & SLOT_DIRTY) || frame_refcount(slot_pfn(n->slot[i])) != 1)
				continue;
			frame_put(slot_pfn(n->slot[i]));
			count_pages(pc, -1);
			(*freed)++;
		}
		n->slot[i] = NULL;
		n->count--;
	}
	return n->count == 0;
}

/* A page of a file mapping whose frame is not the file's cached page stays (a COW copy). */
static bool keep_uncached(struct vma *vma, uaddr_t va, pfn_t pfn)
{
	uint64_t index = vma->pgoff + ((va - vma->start) >> PAGE_SHIFT);

	return page_cache_lookup(&vma->file->inode->pages, index) != pfn;
}

/* Call fn once for each address space of a task. */
static void for_each_mm(void (*fn)(struct mm *mm, void *arg), void *arg)
{
	static uint64_t gen;

	gen++;
	for (struct task *t = task_first(); t; t = task_next(t)) {
		struct mm *mm = t->mm;

		if (!mm || mm->walk_gen == gen)
			continue;
		mm->walk_gen = gen;
		fn(mm, arg);
	}
}

struct mapping_walk {
	struct inode *inode;
	uint64_t n;		/* pages unmapped */
	bool missed;		/* a writable mapping out of reach */
	uint64_t from, to;	/* unmap_range: the page indices to go */
	bool even_cows;		/* and private copies of them */
};

/* Unmap the inode's cached pages from mm's read-only mappings, if mm can flush now. */
static void unmap_readonly_mm(struct mm *mm, void *arg)
{
	struct mapping_walk *w = arg;
	struct vma *v;

	if (!mm_flushable(mm))
		return;
	list_for_each_entry(v, &mm->vmas.list, node)
		if (v->file && v->file->inode == w->inode)
			w->n += mm_zap_pages(mm, v, v->start, v->end, true, keep_uncached);
}

static uint64_t unmap_readonly(struct inode *inode)
{
	struct mapping_walk w = { .inode = inode };

	for_each_mm(unmap_readonly_mm, &w);
	return w.n;
}

/* Unmap mm's pages of the inode's indices [w->from, w->to), if mm can flush now. */
static void unmap_range_mm(struct mm *mm, void *arg)
{
	struct mapping_walk *w = arg;
	struct vma *v;

	if (!mm_flushable(mm))
		return;
	list_for_each_entry(v, &mm->vmas.list, node) {
		uint64_t pages = (v->end - v->start) >> PAGE_SHIFT;
		uaddr_t start = v->start, end = v->end;

		if (!v->file || v->file->inode != w->inode || v->pgoff + pages <= w->from ||
		    v->pgoff >= w->to)
			continue;
		if (w->from > v->pgoff)
			start += (w->from - v->pgoff) << PAGE_SHIFT;
		if (w->to < v->pgoff + pages)
			end = v->start + ((w->to - v->pgoff) << PAGE_SHIFT);
		mm_zap_pages(mm, v, start, end, false, w->even_cows ? NULL : keep_uncached);
	}
}

/*
 * The file's pages [from, to) leave every mapping of it (a truncation:
 * private copies too, so that a touch past the end is SIGBUS; a punched
 * hole: the copies stay), and a touch maps what the cache holds then, as
 * on Linux. An address space with no thread stopped is out of reach and
 * keeps its pages until it unmaps them.
 */
static void unmap_range(struct inode *inode, uint64_t from, uint64_t to, bool even_cows)
{
	struct mapping_walk w = { .inode = inode, .from = from, .to = to, .even_cows = even_cows };

	for_each_mm(unmap_range_mm, &w);
}

/* Write-protect mm's shared writable mappings of the inode (missed if mm cannot flush now). */
static void mkclean_mm(struct mm *mm, void *arg)
{
	struct mapping_walk *w = arg;
	bool any = false;
	struct vma *v;

	list_for_each_entry(v, &mm->vmas.list, node) {
		if (!v->file || v->file->inode != w->inode || !(v->flags & VMA_SHARED) ||
		    !(v->prot & LINUX_PROT_WRITE))
			continue;
		if (!mm_flushable(mm)) {
			w->missed = true;
			return;
		}
		mm_wrprotect(mm, v);
		any = true;
	}
	if (any && mm_flush(mm))
		w->missed = true;
}

/*
 * Before a mapped dirty page is written back and cleaned, every shared
 * writable mapping of the inode loses write permission, so that a write
 * after the page was written faults and dirties it again (Linux's
 * page_mkclean). False if a mapping was out of reach (an address space
 * with no thread stopped): then mapped pages stay dirty.
 */
static bool mkclean_mappings(struct inode *inode)
{
	struct mapping_walk w = { .inode = inode };

	for_each_mm(mkclean_mm, &w);
	return !w.missed;
}

/* Free up to want frames from the caches on the reclaim list; how many were freed. */
static uint64_t reclaim(uint64_t want)
{
	uint64_t freed = 0;

	for (uint64_t left = nr_reclaimable; left && freed < want; left--) {
		struct page_cache *pc = list_first_entry(&reclaim_list, struct page_cache, lru);
		struct inode *inode = container_of(pc, struct inode, pages);

		list_del(&pc->lru);
		list_add_tail(&pc->lru, &reclaim_list);
		page_cache_writeback(inode);	/* what fails to write stays dirty, and stays */
		if (pc->root && evict_node(pc, pc->root, pc->height, &freed, want))
			page_cache_truncate(pc, 0);	/* empty: frees the root, leaves the list */
		else if (pc->root && freed < want && unmap_readonly(inode) &&
			 evict_node(pc, pc->root, pc->height, &freed, want))
			page_cache_truncate(pc, 0);
	}
	return freed;
}

/* Frames to free: up to half again the reserve, once free ones fall below it; else 0. */
static uint64_t shortfall(void)
{
	uint64_t low = frame_total() / 16, free_now = frame_free_count();

	return free_now < low && nr_reclaimable ? low + low / 2 - free_now : 0;
}

void page_cache_balance(void)
{
	uint64_t want = shortfall();

	if (!want || (short_pass && added_since_short < 256))
		return;
	short_pass = reclaim(want) < want;
	added_since_short = 0;
}

void page_cache_balance_fault(void)
{
	uint64_t want = shortfall();

	/* no short-pass holdoff: the faulting mm's mappings are in reach only now */
	if (want)
		reclaim(want);
}

struct writeback {
	struct inode *inode;
	uint64_t end;		/* pages past the size have nothing to write */
	int mkclean;		/* 0: not yet; 1: mappings write-protected; -1: one was out of reach */
};

/*
 * Hand each dirty page under n (indices from base) below end to writepage;
 * clean the ones written, and the ones past end (nothing to write), except
 * a mapped page whose writable mappings could not all be write-protected.
 * First error or 0.
 */
static int writeback_node(struct writeback *wb, struct radix_node *n, unsigned height,
			  uint64_t base)
{
	uint64_t span = 1ULL << ((height - 1) * RADIX_SHIFT);
	struct inode *inode = wb->inode;
	struct page_cache *pc = &inode->pages;
	int err = 0;

	for (unsigned i = 0; i < RADIX_SLOTS && pc->nr_dirty; i++) {
		uintptr_t v = (uintptr_t)n->slot[i];
		bool mapped;
		int r = 0;

		if (!v)
			continue;
		if (height > 1) {
			r = writeback_node(wb, n->slot[i], height - 1, base + i * span);
		} else if (v & SLOT_DIRTY) {
			mapped = frame_refcount(slot_pfn(n->slot[i])) > 1;
			if (mapped && !wb->mkclean)
				wb->mkclean = mkclean_mappings(inode) ? 1 : -1;
			if (base + i < wb->end)
				r = inode->sb->aops->writepage(inode, base + i, slot_pfn(n->slot[i]));
			if (!r && !(mapped && wb->mkclean < 0)) {
				n->slot[i] = (void *)(v & ~SLOT_DIRTY);
				count_dirty(pc, -1);
			}
		}
		if (r && !err)
			err = r;
	}
	return err;
}

int page_cache_writeback(struct inode *inode)
{
	struct page_cache *pc = &inode->pages;
	struct writeback wb = { .inode = inode, .end = PAGE_ALIGN(inode->size) >> PAGE_SHIFT };

	if (!pc->root || !pc->nr_dirty || !inode->sb->aops || !inode->sb->aops->writepage)
		return 0;
	return writeback_node(&wb, pc->root, pc->height, 0);
}

/*
 * A zeroed frame for the cache. When none is free, reclaim first (as
 * Linux's direct reclaim): the pass between traps may be holding off, and
 * a read or fault must not fail while clean or written-back pages could
 * go. Callers hold no page-table entry pointers across it.
 */
static long cache_frame_alloc(void)
{
	long r = frame_alloc(0, FRAME_ZERO);

	if (r == -ENOMEM && reclaim(MAX(shortfall(), 1)))
		r = frame_alloc(0, FRAME_ZERO);
	return r;
}

/* A fresh frame filled by readpage (or zeroed), inserted at index. */
static int page_read_in(struct inode *inode, uint64_t index, pfn_t *pfn)
{
	const struct address_space_ops *aops = inode->sb->aops;
	long r = cache_frame_alloc();
	int err;

	if (r < 0)
		return -ENOMEM;
	if (aops && aops->readpage && index < PAGE_ALIGN(inode->size) >> PAGE_SHIFT) {
		err = aops->readpage(inode, index, (pfn_t)r);
		if (err) {
			frame_put((pfn_t)r);
			return err;
		}
	}
	if (page_cache_insert(&inode->pages, index, (pfn_t)r)) {
		frame_put((pfn_t)r);
		return -ENOMEM;
	}
	if (aops)
		reclaim_track(inode);
	*pfn = (pfn_t)r;
	return 0;
}

int page_cache_get(struct inode *inode, uint64_t index, pfn_t *pfn)
{
	*pfn = page_cache_lookup(&inode->pages, index);
	return *pfn ? 0 : page_read_in(inode, index, pfn);
}

/*
 * A read missed at index: bring in index and the missing pages after it
 * (up to READAHEAD_PAGES, within the size), as one readpages call when
 * the file system has one. 0 or the error of the page at index.
 */
static int readahead(struct inode *inode, uint64_t index, pfn_t *pfn)
{
	const struct address_space_ops *aops = inode->sb->aops;
	uint64_t last = PAGE_ALIGN(inode->size) >> PAGE_SHIFT;
	pfn_t frames[READAHEAD_PAGES];
	unsigned n = 0;
	int err;

	if (!aops->readpages)
		return page_read_in(inode, index, pfn);
	while (n < READAHEAD_PAGES && index + n < last &&
	       (n == 0 || !page_cache_lookup(&inode->pages, index + n))) {
		long r = n ? frame_alloc(0, FRAME_ZERO) : cache_frame_alloc();

		if (r < 0)
			break;
		frames[n++] = (pfn_t)r;
	}
	if (!n)
		return -ENOMEM;
	err = aops->readpages(inode, index, frames, n);
	for (unsigned i = 0; i < n; i++) {
		if (err || page_cache_insert(&inode->pages, index + i, frames[i])) {
			frame_put(frames[i]);
			if (i == 0)
				return err ? err : -ENOMEM;
		}
	}
	reclaim_track(inode);
	*pfn = frames[0];
	return 0;
}

/* How many of the pages index.. (at most max) are not cached, up to the first that is. */
static uint64_t uncached_pages(const struct page_cache *pc, uint64_t index, uint64_t max)
{
	uint64_t n = 0;

	while (n < max && !page_cache_lookup(pc, index + n))
		n++;
	return n;
}

/* Cut the segments down to len bytes; returns how many are left. */
static unsigned kvec_trim(struct kvec *v, unsigned n, size_t len)
{
	unsigned i;

	for (i = 0; i < n && len; i++) {
		v[i].len = MIN(v[i].len, len);
		len -= v[i].len;
	}
	return i;
}

/*
 * Move up to max whole pages from *pos (page-aligned) between the iterator
 * and the disk, around the cache, stopping at the first cached page.
 * Returns the bytes moved and advances; 0 when nothing went direct (too
 * little, a cached page, a bad guest page: the cached path takes those,
 * and gives the short count or -EFAULT), or -errno.
 */
static long direct_io(struct inode *inode, struct iov_iter *it, uint64_t *pos, uint64_t max,
		      bool write)
{
	const struct address_space_ops *aops = inode->sb->aops;
	uint64_t index = *pos >> PAGE_SHIFT, n;
	struct kvec *v;
	unsigned nv;
	size_t len;
	long r;

	if (!aops || !aops->direct || !PAGE_ALIGNED(*pos) || iov_iter_count(it) < DIRECT_MIN)
		return 0;
	n = MIN(MIN(max, iov_iter_count(it) >> PAGE_SHIFT), (uint64_t)DIRECT_PAGES);
	n = uncached_pages(&inode->pages, index, n);
	if ((n << PAGE_SHIFT) < DIRECT_MIN)
		return 0;
	v = malloc(sizeof(*v) * DIRECT_SEGS);
	if (!v)
		return 0;
	len = iov_iter_segments(it, (size_t)n << PAGE_SHIFT, !write, v, DIRECT_SEGS, &nv);
	/* faulting the buffer in may have cached some (it maps this file) */
	n = uncached_pages(&inode->pages, index, len >> PAGE_SHIFT);
	r = 0;
	if (n) {
		nv = kvec_trim(v, nv, (size_t)n << PAGE_SHIFT);
		r = aops->direct(inode, index, n, v, nv, write);
	}
	free(v);
	if (r <= 0)
		return r;
	len = (size_t)r << PAGE_SHIFT;
	iov_iter_advance(it, len);
	*pos += len;
	return (long)len;
}

/* Zero the cached bytes from `from` to the end of its page (see the invariant). */
static void zero_page_tail(struct inode *inode, uint64_t from)
{
	pfn_t pfn;

	if (!(from & ~PAGE_MASK))
		return;
	pfn = page_cache_lookup(&inode->pages, from >> PAGE_SHIFT);
	if (!pfn)
		return;
	memset((char *)frame_ptr(pfn) + (from & ~PAGE_MASK), 0, PAGE_SIZE - (from & ~PAGE_MASK));
	if (inode->sb->aops)
		page_cache_set_dirty(&inode->pages, from >> PAGE_SHIFT);
}

int vfs_truncate_inode(struct inode *inode, uint64_t size)
{
	int err;

	if (LINUX_S_ISDIR(inode->mode))
		return -EISDIR;
	if (!LINUX_S_ISREG(inode->mode))
		return -EINVAL;
	if (size > (uint64_t)MAX_FILE_SIZE)
		return -EFBIG;
	if (inode->iops && inode->iops->setsize) {
		err = inode->iops->setsize(inode, size);
		if (err)
			return err;
	}
	if (size < inode->size) {
		unmap_range(inode, PAGE_ALIGN(size) >> PAGE_SHIFT, UINT64_MAX, true);
		page_cache_truncate(&inode->pages, PAGE_ALIGN(size) >> PAGE_SHIFT);
		zero_page_tail(inode, size);
	}
	inode->size = size;
	return 0;
}

/* Zero bytes [from, to) of the cached page holding them (one page), if it is cached. */
static void zero_cached(struct inode *inode, uint64_t from, uint64_t to)
{
	pfn_t pfn = page_cache_lookup(&inode->pages, from >> PAGE_SHIFT);

	if (pfn && to > from)
		memset((char *)frame_ptr(pfn) + (from & ~PAGE_MASK), 0, to - from);
}

void page_cache_punch_hole(struct inode *inode, uint64_t start, uint64_t end)
{
	uint64_t first = PAGE_ALIGN(start) >> PAGE_SHIFT, last = end >> PAGE_SHIFT;

	if (start >> PAGE_SHIFT == (end - 1) >> PAGE_SHIFT && (start & ~PAGE_MASK || end & ~PAGE_MASK)) {
		zero_cached(inode, start, end);	/* within one page */
		return;
	}
	if (start & ~PAGE_MASK)
		zero_cached(inode, start, PAGE_ALIGN(start));
	if (end & ~PAGE_MASK)
		zero_cached(inode, end & PAGE_MASK, end);
	if (first < last) {
		unmap_range(inode, first, last, false);
		remove_range(&inode->pages, first, last);
	}
}

long page_cache_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct inode *inode = f->inode;
	long done = 0;

	while (iov_iter_count(to) && *pos < inode->size) {
		uint64_t off = *pos & ~PAGE_MASK;
		size_t n = (size_t)MIN(PAGE_SIZE - off, inode->size - *pos);
		pfn_t pfn = page_cache_lookup(&inode->pages, *pos >> PAGE_SHIFT);
		const char *src;
		long r;

		if (!pfn) {
			r = direct_io(inode, to, pos, (inode->size >> PAGE_SHIFT) - (*pos >> PAGE_SHIFT),
				      false);
			if (r < 0)
				return done ? done : r;
			done += r;
			if (r)
				continue;
		}
		if (!pfn && inode->sb->aops) {
			int err = readahead(inode, *pos >> PAGE_SHIFT, &pfn);

			if (err)
				return done ? done : err;
		}
		src = pfn ? (const char *)frame_ptr(pfn) : zero_page;
		r = copy_to_iter(src + off, n, to);

		if (r < 0)
			return done ? done : r;
		done += r;
		*pos += (uint64_t)r;
		if ((size_t)r < n)
			break;
	}
	if (done && !(f->f_flags & LINUX_O_NOATIME))
		inode_touch_atime(inode);
	return done;
}

/* A write without CAP_FSETID drops set-user-ID and group-executable set-group-ID. */
static void remove_privs(struct inode *inode)
{
	if (!current || capable(CAP_FSETID))
		return;
	inode->mode &= ~(unsigned)LINUX_S_ISUID;
	if (inode->mode & 0010)
		inode->mode &= ~(unsigned)LINUX_S_ISGID;
}

long page_cache_write_direct(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct inode *inode = f->inode;
	long done = 0, r;

	if (f->f_flags & LINUX_O_APPEND)
		*pos = inode->size;
	while ((r = direct_io(inode, from, pos, UINT64_MAX, true)) > 0) {
		done += r;
		inode->size = MAX(inode->size, *pos);
	}
	if (done) {
		remove_privs(inode);
		inode_touch_mtime(inode);
		return done;
	}
	return r;
}

/* The page for index, allocated (zeroed) if it is a hole. 0 or -ENOSPC. */
static int page_for_write(struct inode *inode, uint64_t index, pfn_t *pfn)
{
	int err = page_cache_get(inode, index, pfn);

	if (err == -ENOMEM)
		return -ENOSPC;	/* tmpfs full: guest RAM is its backing */
	return err;
}

long page_cache_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct inode *inode = f->inode;
	size_t count = iov_iter_count(from);
	long done = 0, err = 0;

	/* pwrite(2) BUGS: with O_APPEND even pwrite appends */
	if (f->f_flags & LINUX_O_APPEND)
		*pos = inode->size;
	if (!count)
		return 0;
	if (*pos >= (uint64_t)MAX_FILE_SIZE)
		return -EFBIG;
	count = (size_t)MIN((uint64_t)count, (uint64_t)MAX_FILE_SIZE - *pos);
	while ((size_t)done < count) {
		uint64_t off = *pos & ~PAGE_MASK;
		size_t n = (size_t)MIN(PAGE_SIZE - off, count - (size_t)done);
		char *page;
		pfn_t pfn;
		long r;

		err = page_for_write(inode, *pos >> PAGE_SHIFT, &pfn);
		if (err)
			break;
		page = frame_ptr(pfn);
		if (inode->sb->aops)
			page_cache_set_dirty(&inode->pages, *pos >> PAGE_SHIFT);
		r = copy_from_iter(page + off, n, from);
		if (r < 0) {
			err = r;
			r = 0;
		}
		if ((size_t)r < n) {
			/* a fault part-way: keep what lies past the new end zero */
			uint64_t end = MAX(inode->size, *pos + (uint64_t)r);
			uint64_t stop = *pos + n;

			if (end < stop)
				memset(page + (end & ~PAGE_MASK), 0, (size_t)(stop - end));
		}
		done += r;
		*pos += (uint64_t)r;
		if (*pos > inode->size)
			inode->size = *pos;
		if ((size_t)r < n) {
			if (!err)
				err = -EFAULT;
			break;
		}
	}
	if (done) {
		remove_privs(inode);
		inode_touch_mtime(inode);
		return done;
	}
	return err;
}
