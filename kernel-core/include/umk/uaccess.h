/*
 * Access to guest memory from the kernel.
 *
 * Every guest pointer is a uaddr_t and is reached only through these
 * functions. They walk the current task's page table to physmem (no host
 * call), faulting pages in as the guest's own access would. A bad guest
 * pointer is -EFAULT, never a crash of umk.
 */
#ifndef UMK_UACCESS_H
#define UMK_UACCESS_H

#include <umk/types.h>
#include <uapi/linux_misc.h>

struct mm;

/* 0 or -EFAULT. On -EFAULT part of the data may have been copied. */
long copy_from_user(void *dst, uaddr_t src, size_t n);
long copy_to_user(uaddr_t dst, const void *src, size_t n);
long clear_user(uaddr_t dst, size_t n);
/* The same, on an explicit mm (exec builds a stack in a new mm). */
long mm_copy_from(struct mm *mm, void *dst, uaddr_t src, size_t n);
long mm_copy_to(struct mm *mm, uaddr_t dst, const void *src, size_t n);

/*
 * Copy a NUL-terminated string of at most size bytes including the NUL.
 * Returns its length, -EFAULT, or -ENAMETOOLONG if no NUL within size.
 */
long strncpy_from_user(char *dst, uaddr_t src, size_t size);

/* Fetch a path name (PATH_MAX) into a kmalloc'd buffer: ERR_PTR on error. */
#define PATH_MAX 4096
char *getname(uaddr_t upath);
void putname(char *name);

/*
 * An iterator over a buffer that is either a guest iovec array or a kernel
 * buffer, so that file operations serve read/readv/pread and kernel reads
 * (exec) with one implementation.
 */
struct iov_iter {
	bool user;		/* guest memory? */
	size_t count;		/* bytes left */
	/* kernel buffer */
	char *kbuf;
	/* guest segments (copied into the kernel) */
	struct linux_iovec *iov;
	unsigned nr_segs;
	unsigned seg;		/* current segment */
	size_t seg_off;		/* offset inside it */
	struct linux_iovec *iov_alloc;	/* owned array, freed by iov_iter_release */
	struct linux_iovec single;	/* storage for iov_iter_user */
};

/* One guest buffer. */
void iov_iter_user(struct iov_iter *it, uaddr_t buf, size_t len);
/*
 * A guest iovec array: reads it (-EFAULT), checks iovcnt (0..UIO_MAXIOV, else
 * -EINVAL) and total length (-EINVAL past SSIZE_MAX). 0 or -errno.
 */
long iov_iter_user_vec(struct iov_iter *it, uaddr_t uiov, long iovcnt);
void iov_iter_kernel(struct iov_iter *it, void *buf, size_t len);
void iov_iter_release(struct iov_iter *it);
static inline size_t iov_iter_count(const struct iov_iter *it) { return it->count; }

/*
 * Copy n bytes into / out of the iterator and advance it. Returns the bytes
 * copied (less than n when the iterator runs out), or -EFAULT when a guest
 * segment is bad and nothing was copied.
 */
long copy_to_iter(const void *src, size_t n, struct iov_iter *it);
long copy_from_iter(void *dst, size_t n, struct iov_iter *it);

/*
 * The memory behind the next len bytes of the iterator, as at most max
 * segments of physmem (physically adjacent guest pages merged), for direct
 * I/O. Guest pages are faulted in as an access would (to_iter: for
 * writing, breaking copy-on-write). Does not advance. Returns the bytes
 * covered, with *nr segments: len, or less where a guest page faulted or
 * the segments ran out.
 */
size_t iov_iter_segments(const struct iov_iter *it, size_t len, bool to_iter,
			 struct kvec *v, unsigned max, unsigned *nr);
/*
 * Step over n bytes without touching them: direct I/O filled or drained
 * them, or a pipe write run again resumes after what it wrote.
 */
void iov_iter_advance(struct iov_iter *it, size_t n);

#endif
