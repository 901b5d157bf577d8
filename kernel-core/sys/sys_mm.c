/*
 * Memory syscalls: brk, mmap, munmap, mprotect, mremap, madvise.
 * Argument checks follow mmap(2), mprotect(2), mremap(2), madvise(2), brk(2).
 */
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_mman.h>
#include <uapi/linux_stat.h>

#define PROT_ALL (LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC)
#define MAP_KNOWN (LINUX_MAP_TYPE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS | LINUX_MAP_32BIT | \
		   LINUX_MAP_GROWSDOWN | LINUX_MAP_DENYWRITE | LINUX_MAP_EXECUTABLE |          \
		   LINUX_MAP_LOCKED | LINUX_MAP_NORESERVE | LINUX_MAP_POPULATE |               \
		   LINUX_MAP_NONBLOCK | LINUX_MAP_STACK | LINUX_MAP_HUGETLB | LINUX_MAP_SYNC | \
		   LINUX_MAP_FIXED_NOREPLACE)

SYSCALL_DEFINE(brk)
{
	struct mm *mm = current->mm;
	uaddr_t want = a[0];
	uaddr_t oldend = PAGE_ALIGN(mm->brk), newend = PAGE_ALIGN(want);

	if (want < mm->start_brk || want > TASK_SIZE)
		return (long)mm->brk;
	if (newend < oldend) {
		if (mm_unmap(mm, newend, oldend - newend))
			return (long)mm->brk;
	} else if (newend > oldend) {
		if (!vma_range_free(&mm->vmas, oldend, newend + PAGE_SIZE))
			return (long)mm->brk;
		if (mm_map(mm, oldend, newend - oldend, LINUX_PROT_READ | LINUX_PROT_WRITE,
			   VMA_HEAP, true, NULL, 0) < 0)
			return (long)mm->brk;
	}
	mm->brk = want;
	return (long)want;
}

SYSCALL_DEFINE(mmap)
{
	uaddr_t addr = a[0];
	uint64_t len = a[1];
	unsigned prot = (unsigned)a[2], flags = (unsigned)a[3];
	int fd = (int)a[4];
	uint64_t off = a[5];
	unsigned type = flags & LINUX_MAP_TYPE, vflags = 0;
	struct file *f = NULL;
	bool fixed = flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE);
	long r;

	if (!len || (off & ~PAGE_MASK))
		return -EINVAL;
	if (type != LINUX_MAP_SHARED && type != LINUX_MAP_PRIVATE && type != LINUX_MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == LINUX_MAP_SHARED_VALIDATE && (flags & ~MAP_KNOWN))
		return -EOPNOTSUPP;
	if (prot & ~(PROT_ALL | LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (off + len < off)
		return -EOVERFLOW;
	if (fixed && (addr & ~PAGE_MASK))
		return -EINVAL;
	if (!fixed)
		addr &= PAGE_MASK;
	if (type != LINUX_MAP_PRIVATE)
		vflags |= VMA_SHARED;
	if (flags & LINUX_MAP_GROWSDOWN)
		vflags |= VMA_GROWSDOWN;
	if (!(flags & LINUX_MAP_ANONYMOUS)) {
		unsigned acc;

		f = fd_lookup(fd);
		if (!f)
			return -EBADF;
		acc = f->f_flags & LINUX_O_ACCMODE;
		if (f->f_flags & LINUX_O_PATH)
			return -EBADF;
		if (acc == LINUX_O_WRONLY)
			return -EACCES;
		if ((vflags & VMA_SHARED) && (prot & LINUX_PROT_WRITE) && acc != LINUX_O_RDWR)
			return -EACCES;
		/* nor may mprotect make it writable later, or executable off a noexec mount */
		if ((vflags & VMA_SHARED) && acc != LINUX_O_RDWR)
			vflags |= VMA_NOWRITE;
		if (f->mnt && mnt_may_exec(f->mnt)) {
			if (prot & LINUX_PROT_EXEC)
				return -EPERM;
			vflags |= VMA_NOEXEC;
		}
		if (!LINUX_S_ISREG(file_mode(f)))
			return -ENODEV;
	}
	if ((flags & LINUX_MAP_FIXED_NOREPLACE) && !(flags & LINUX_MAP_FIXED) &&
	    !vma_range_free(&current->mm->vmas, addr, addr + len))
		return -EEXIST;
	if (!f && (vflags & VMA_SHARED)) {
		/* shared anonymous memory is a file that fork hands on */
		struct file *shm = shmem_file(len);

		if (IS_ERR(shm))
			return PTR_ERR(shm);
		r = mm_map(current->mm, addr, len, prot & PROT_ALL, vflags, fixed, shm, 0);
		file_put(shm);
		return r;
	}
	r = mm_map(current->mm, addr, len, prot & PROT_ALL, vflags, fixed, f,
		   off >> PAGE_SHIFT);
	return r;
}

SYSCALL_DEFINE(munmap)
{
	uaddr_t addr = a[0];
	uint64_t len = PAGE_ALIGN(a[1]);

	if ((addr & ~PAGE_MASK) || !a[1] || !len || addr + len > TASK_SIZE || addr + len < addr)
		return -EINVAL;
	return mm_unmap(current->mm, addr, len);
}

SYSCALL_DEFINE(mprotect)
{
	uaddr_t addr = a[0];
	uint64_t len = PAGE_ALIGN(a[1]);
	unsigned prot = (unsigned)a[2];

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_ALL | LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP))
		return -EINVAL;
	if (a[1] && !len)
		return -ENOMEM;
	if (!len)
		return 0;
	if (addr + len > TASK_SIZE || addr + len < addr)
		return -ENOMEM;
	return mm_protect(current->mm, addr, len, prot & PROT_ALL);
}

struct moved_pte {
	uaddr_t off;
	pte_t pte;
};

struct collect {
	uaddr_t base;
	struct moved_pte *v;
	size_t n;
};

static int collect_pte(uaddr_t va, pte_t *pte, void *arg)
{
	struct collect *c = arg;

	c->v[c->n].off = va - c->base;
	c->v[c->n].pte = *pte;
	c->n++;
	*pte = 0;	/* the frame moves with it: no put */
	return 0;
}

/* Move the pages and the area [old, old+old_len) to dst (new_len long). */
static long move_area(struct mm *mm, struct vma *vma, uaddr_t old, uint64_t old_len,
		      uaddr_t dst, uint64_t new_len)
{
	struct collect c = { .base = old };
	uint64_t pgoff = vma->pgoff + ((old - vma->start) >> PAGE_SHIFT);
	unsigned prot = vma->prot, flags = vma->flags;
	struct file *f = vma->file ? file_get(vma->file) : NULL;
	long err;

	err = vma_insert(&mm->vmas, dst, dst + new_len, prot, flags, f, pgoff);
	if (err)
		goto out;
	c.v = malloc(sizeof(*c.v) * (old_len >> PAGE_SHIFT) + 1);
	if (!c.v) {
		vma_remove(&mm->vmas, dst, dst + new_len);
		err = -ENOMEM;
		goto out;
	}
	pgtable_walk(&mm->pt, old, old + old_len, collect_pte, &c);
	mm_queue_op(mm, HOST_UNMAP, old, old_len, 0, 0);
	mm->rss_pages -= c.n;
	for (size_t i = 0; i < c.n; i++) {
		pte_t p = c.v[i].pte;

		mm_set_page(mm, dst + c.v[i].off, pte_pfn(p), pte_flags(p));
	}
	free(c.v);
	vma_remove(&mm->vmas, old, old + old_len);
	err = (long)dst;
out:
	if (f)
		file_put(f);
	return err;
}

SYSCALL_DEFINE(mremap)
{
	struct mm *mm = current->mm;
	uaddr_t old = a[0], want = a[4];
	uint64_t old_len = PAGE_ALIGN(a[1]), new_len = PAGE_ALIGN(a[2]);
	unsigned flags = (unsigned)a[3];
	struct vma *vma;
	uaddr_t dst;

	if ((old & ~PAGE_MASK) || (flags & ~(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED)))
		return -EINVAL;
	if ((flags & LINUX_MREMAP_FIXED) && !(flags & LINUX_MREMAP_MAYMOVE))
		return -EINVAL;
	if (!new_len || !old_len)
		return -EINVAL;
	vma = vma_find(&mm->vmas, old);
	if (!vma || old + old_len > vma->end)
		return -EFAULT;
	if (flags & LINUX_MREMAP_FIXED) {
		long err;

		if ((want & ~PAGE_MASK) || want + new_len > TASK_SIZE ||
		    (want < old + old_len && old < want + new_len))
			return -EINVAL;
		err = mm_unmap(mm, want, new_len);
		if (err)
			return err;
		vma = vma_find(&mm->vmas, old);
		if (new_len < old_len) {
			mm_unmap(mm, old + new_len, old_len - new_len);
			old_len = new_len;
		}
		return move_area(mm, vma, old, old_len, want, new_len);
	}
	if (new_len <= old_len) {
		if (new_len < old_len)
			mm_unmap(mm, old + new_len, old_len - new_len);
		return (long)old;
	}
	if (old + old_len == vma->end && old + new_len <= TASK_SIZE &&
	    vma_range_free(&mm->vmas, old + old_len, old + new_len)) {
		long err = vma_insert(&mm->vmas, old + old_len, old + new_len, vma->prot,
				      vma->flags, vma->file,
				      vma->pgoff + ((old + old_len - vma->start) >> PAGE_SHIFT));

		return err ? err : (long)old;
	}
	if (!(flags & LINUX_MREMAP_MAYMOVE))
		return -ENOMEM;
	dst = vma_find_gap(&mm->vmas, new_len, MMAP_MIN_ADDR, mm->mmap_base);
	if (!dst)
		return -ENOMEM;
	return move_area(mm, vma, old, old_len, dst, new_len);
}

/* Is every page of [start, end) inside some area? */
static bool range_mapped(struct vma_set *vs, uaddr_t start, uaddr_t end)
{
	while (start < end) {
		struct vma *v = vma_find(vs, start);

		if (!v)
			return false;
		start = v->end;
	}
	return true;
}

SYSCALL_DEFINE(madvise)
{
	uaddr_t addr = a[0];
	uint64_t len = PAGE_ALIGN(a[1]);
	int advice = (int)a[2];

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (addr + len < addr || addr + len > TASK_SIZE)
		return -EINVAL;
	switch (advice) {
	case LINUX_MADV_NORMAL:
	case LINUX_MADV_RANDOM:
	case LINUX_MADV_SEQUENTIAL:
	case LINUX_MADV_WILLNEED:
	case LINUX_MADV_DONTNEED:
	case LINUX_MADV_FREE:
	case LINUX_MADV_DONTFORK:
	case LINUX_MADV_DOFORK:
	case LINUX_MADV_HUGEPAGE:
	case LINUX_MADV_NOHUGEPAGE:
		break;
	default:
		return -EINVAL;
	}
	/* The whole range must be mapped; Linux still acts on the mapped parts. */
	bool hole = !range_mapped(&current->mm->vmas, addr, addr + len);

	switch (advice) {
	case LINUX_MADV_DONTNEED:
	case LINUX_MADV_FREE:
		mm_zap(current->mm, addr, len);
		break;
	default:
		break;
	}
	return hole ? -ENOMEM : 0;
}
