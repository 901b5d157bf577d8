/*
 * Virtual memory areas: the sorted list of an address space's ranges, and
 * the splitting and merging that mmap, munmap and mprotect need.
 *
 * Owns the struct vma objects and the file references they hold. A vma_set
 * belongs to one mm and is used under the big kernel lock. Every operation
 * that can fail allocates what it needs before touching the list, so a
 * failure leaves the set as it was.
 */
#include <umk/errno.h>
#include <umk/printk.h>
#include <umk/vfs.h>
#include <umk/vma.h>
#include <uapi/linux_mman.h>

#include <stdlib.h>

static inline uint64_t vma_pages(const struct vma *v)
{
	return (v->end - v->start) >> PAGE_SHIFT;
}

static inline struct vma *vma_of(struct list_head *n)
{
	return list_entry(n, struct vma, node);
}

void vma_set_init(struct vma_set *vs)
{
	list_init(&vs->list);
	vs->count = 0;
	vs->cache = NULL;
}

/* Unlink vma, drop its file reference and free it. */
static void vma_free(struct vma_set *vs, struct vma *vma)
{
	list_del(&vma->node);
	vs->count--;
	if (vs->cache == vma)
		vs->cache = NULL;
	if (vma->file)
		file_put(vma->file);
	free(vma);
}

void vma_set_destroy(struct vma_set *vs)
{
	struct vma *v, *tmp;

	list_for_each_entry_safe(v, tmp, &vs->list, node)
		vma_free(vs, v);
	vma_set_init(vs);
}

/* dst must be empty. On -ENOMEM, dst is left empty again. */
int vma_set_clone(struct vma_set *dst, const struct vma_set *src)
{
	struct vma *v, *copy;

	BUG_ON(!list_empty(&dst->list));
	list_for_each_entry(v, &src->list, node) {
		copy = malloc(sizeof(*copy));
		if (!copy) {
			vma_set_destroy(dst);
			return -ENOMEM;
		}
		*copy = *v;
		if (copy->file)
			file_get(copy->file);
		list_add_tail(&copy->node, &dst->list);
		dst->count++;
	}
	return 0;
}

struct vma *vma_find_next(struct vma_set *vs, uaddr_t addr)
{
	struct vma *v = vs->cache;

	if (v && v->start <= addr && addr < v->end)
		return v;
	list_for_each_entry(v, &vs->list, node) {
		if (v->end > addr) {
			vs->cache = v;
			return v;
		}
	}
	return NULL;
}

struct vma *vma_find(struct vma_set *vs, uaddr_t addr)
{
	struct vma *v = vma_find_next(vs, addr);

	return v && v->start <= addr ? v : NULL;
}

struct vma *vma_prev(struct vma_set *vs, struct vma *vma)
{
	return vma->node.prev == &vs->list ? NULL : vma_of(vma->node.prev);
}

struct vma *vma_next(struct vma_set *vs, struct vma *vma)
{
	return vma->node.next == &vs->list ? NULL : vma_of(vma->node.next);
}

bool vma_range_free(struct vma_set *vs, uaddr_t start, uaddr_t end)
{
	struct vma *v = vma_find_next(vs, start);

	return !v || v->start >= end;
}

/*
 * Could an area [.., at) described by a be followed directly by one at
 * `at` with these attributes and file offset, as a single area?
 */
static bool can_join(const struct vma *a, uaddr_t at, unsigned prot, unsigned flags,
		     struct file *file, uint64_t pgoff)
{
	if (a->end != at || a->prot != prot || a->flags != flags || a->file != file)
		return false;
	return !file || a->pgoff + vma_pages(a) == pgoff;
}

/* Merge b, which follows a in the list, into a if they agree. */
static bool try_merge(struct vma_set *vs, struct vma *a, struct vma *b)
{
	if (!can_join(a, b->start, b->prot, b->flags, b->file, b->pgoff))
		return false;
	a->end = b->end;
	vma_free(vs, b);
	return true;
}

/*
 * Split vma at addr (strictly inside it): vma keeps [start, addr) and the
 * preallocated spare becomes [addr, end), right after it.
 */
static void split_at(struct vma_set *vs, struct vma *vma, uaddr_t addr, struct vma *spare)
{
	*spare = *vma;
	spare->start = addr;
	spare->pgoff = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
	if (spare->file)
		file_get(spare->file);
	vma->end = addr;
	list_add(&spare->node, &vma->node);
	vs->count++;
}

/*
 * Returns -EINVAL for an unaligned or empty range, -EEXIST if any part of
 * it is mapped, -ENOMEM.
 */
int vma_insert(struct vma_set *vs, uaddr_t start, uaddr_t end, unsigned prot,
	       unsigned flags, struct file *file, uint64_t pgoff)
{
	struct vma want = {
		.start = start, .end = end, .prot = prot, .flags = flags,
		.file = file, .pgoff = pgoff,
	};
	struct vma *next, *prev, *v;
	struct list_head *pos;

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(end) || start >= end)
		return -EINVAL;
	next = vma_find_next(vs, start);
	if (next && next->start < end)
		return -EEXIST;
	pos = next ? &next->node : &vs->list;
	prev = pos->prev == &vs->list ? NULL : vma_of(pos->prev);

	if (prev && can_join(prev, start, prot, flags, file, pgoff)) {
		prev->end = end;
		if (next)
			try_merge(vs, prev, next);
		return 0;
	}
	if (next && can_join(&want, next->start, next->prot, next->flags, next->file,
			     next->pgoff)) {
		next->start = start;
		next->pgoff = pgoff;
		return 0;
	}

	v = malloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	*v = want;
	if (file)
		file_get(file);
	list_add_tail(&v->node, pos);
	vs->count++;
	return 0;
}

/* Returns -EINVAL for an unaligned range; an empty one is a no-op. */
int vma_remove(struct vma_set *vs, uaddr_t start, uaddr_t end)
{
	struct vma *v, *next, *spare;

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(end))
		return -EINVAL;
	if (start >= end)
		return 0;
	v = vma_find_next(vs, start);
	if (!v)
		return 0;
	/* Punching a hole in the middle of one area is the only split. */
	if (v->start < start && v->end > end) {
		spare = malloc(sizeof(*spare));
		if (!spare)
			return -ENOMEM;
		split_at(vs, v, end, spare);
		v->end = start;
		return 0;
	}

	for (; &v->node != &vs->list && v->start < end; v = next) {
		next = vma_of(v->node.next);
		if (v->start < start) {
			v->end = start;
		} else if (v->end > end) {
			v->pgoff += (end - v->start) >> PAGE_SHIFT;
			v->start = end;
		} else {
			vma_free(vs, v);
		}
	}
	return 0;
}

/*
 * Returns -EINVAL for an unaligned range; an empty one is a no-op. The
 * areas' prot is replaced by prot; nothing else about them changes.
 */
int vma_protect(struct vma_set *vs, uaddr_t start, uaddr_t end, unsigned prot)
{
	struct vma *first, *last, *v, *spare[2] = { NULL, NULL };
	unsigned nr_spare = 0, used = 0;
	uaddr_t covered;

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(end))
		return -EINVAL;
	if (start >= end)
		return 0;

	/* The range must be covered without holes, by areas that allow prot. */
	first = vma_find_next(vs, start);
	if (!first || first->start > start)
		return -ENOMEM;
	covered = first->end;
	last = first;
	while (covered < end) {
		v = vma_next(vs, last);
		if (!v || v->start != covered)
			return -ENOMEM;
		last = v;
		covered = v->end;
	}
	for (v = first;; v = vma_next(vs, v)) {
		if (((prot & LINUX_PROT_WRITE) && (v->flags & VMA_NOWRITE)) ||
		    ((prot & LINUX_PROT_EXEC) && (v->flags & VMA_NOEXEC)))
			return -EACCES;
		if (v == last)
			break;
	}

	/* Allocate the pieces before changing anything. */
	if (first->start < start && first->prot != prot)
		nr_spare++;
	if (last->end > end && last->prot != prot)
		nr_spare++;
	for (used = 0; used < nr_spare; used++) {
		spare[used] = malloc(sizeof(struct vma));
		if (!spare[used]) {
			while (used--)
				free(spare[used]);
			return -ENOMEM;
		}
	}

	used = 0;
	if (first->start < start && first->prot != prot) {
		split_at(vs, first, start, spare[used++]);
		if (last == first)
			last = vma_next(vs, first);
		first = vma_next(vs, first);
	}
	if (last->end > end && last->prot != prot)
		split_at(vs, last, end, spare[used++]);

	for (v = first;; v = vma_next(vs, v)) {
		v->prot = prot;
		if (v == last)
			break;
	}

	/* Merge from the area before the range to the one after it. */
	v = vma_prev(vs, first);
	if (!v)
		v = first;
	while (v->start < end) {
		struct vma *next = vma_next(vs, v);

		if (!next || next->start > end)
			break;
		if (!try_merge(vs, v, next))
			v = next;
	}
	return 0;
}

/*
 * A candidate start is returned only if it is non-zero; callers keep bottom
 * at or above MMAP_MIN_ADDR.
 */
uaddr_t vma_find_gap(struct vma_set *vs, uint64_t len, uaddr_t bottom, uaddr_t top)
{
	struct list_head *pos;
	uaddr_t hi;

	len = PAGE_ALIGN(len);
	bottom = PAGE_ALIGN(bottom);
	top &= PAGE_MASK;
	if (!len || top <= bottom || top - bottom < len)
		return 0;

	hi = top;
	for (pos = vs->list.prev; pos != &vs->list; pos = pos->prev) {
		struct vma *v = vma_of(pos);
		uaddr_t lo;

		if (v->start >= hi)
			continue;
		lo = MAX(v->end, bottom);
		if (hi > lo && hi - lo >= len)
			return hi - len;
		hi = v->start;
		if (hi <= bottom || hi - bottom < len)
			return 0;
	}
	return hi - len;
}
