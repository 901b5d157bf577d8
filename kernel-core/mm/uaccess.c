/*
 * Guest memory access from the kernel: copy_{from,to}_user, strings, and
 * the iov_iter that lets one file operation serve guest and kernel buffers.
 *
 * Each access walks the page table to the frame in physmem and copies
 * there: no host call. A page the guest could not access is -EFAULT.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/uaccess.h>

static bool range_ok(uaddr_t addr, size_t n)
{
	return addr + n >= addr && addr + n <= TASK_SIZE;
}

long mm_copy_from(struct mm *mm, void *dst, uaddr_t src, size_t n)
{
	char *d = dst;

	if (!range_ok(src, n))
		return -EFAULT;
	while (n) {
		size_t chunk = MIN(n, PAGE_SIZE - (src & ~PAGE_MASK));
		const void *p = mm_user_page(mm, src, false);

		if (!p)
			return -EFAULT;
		memcpy(d, p, chunk);
		d += chunk;
		src += chunk;
		n -= chunk;
	}
	return 0;
}

long mm_copy_to(struct mm *mm, uaddr_t dst, const void *src, size_t n)
{
	const char *s = src;

	if (!range_ok(dst, n))
		return -EFAULT;
	while (n) {
		size_t chunk = MIN(n, PAGE_SIZE - (dst & ~PAGE_MASK));
		void *p = mm_user_page(mm, dst, true);

		if (!p)
			return -EFAULT;
		memcpy(p, s, chunk);
		s += chunk;
		dst += chunk;
		n -= chunk;
	}
	return 0;
}

long copy_from_user(void *dst, uaddr_t src, size_t n)
{
	return mm_copy_from(current->mm, dst, src, n);
}

long copy_to_user(uaddr_t dst, const void *src, size_t n)
{
	return mm_copy_to(current->mm, dst, src, n);
}

long clear_user(uaddr_t dst, size_t n)
{
	if (!range_ok(dst, n))
		return -EFAULT;
	while (n) {
		size_t chunk = MIN(n, PAGE_SIZE - (dst & ~PAGE_MASK));
		void *p = mm_user_page(current->mm, dst, true);

		if (!p)
			return -EFAULT;
		memset(p, 0, chunk);
		dst += chunk;
		n -= chunk;
	}
	return 0;
}

long strncpy_from_user(char *dst, uaddr_t src, size_t size)
{
	size_t len = 0;

	while (len < size) {
		size_t chunk = MIN(size - len, PAGE_SIZE - (src & ~PAGE_MASK));
		const char *p;
		const char *nul;

		if (src >= TASK_SIZE)
			return -EFAULT;
		p = mm_user_page(current->mm, src, false);
		if (!p)
			return -EFAULT;
		nul = memchr(p, 0, chunk);
		if (nul) {
			memcpy(dst + len, p, (size_t)(nul - p) + 1);
			return (long)(len + (size_t)(nul - p));
		}
		memcpy(dst + len, p, chunk);
		len += chunk;
		src += chunk;
	}
	return -ENAMETOOLONG;
}

char *getname(uaddr_t upath)
{
	char *buf = malloc(PATH_MAX);
	long r;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	r = strncpy_from_user(buf, upath, PATH_MAX);
	if (r < 0) {
		free(buf);
		return ERR_PTR(r);
	}
	return buf;
}

void putname(char *name)
{
	if (!IS_ERR_OR_NULL(name))
		free(name);
}

void iov_iter_user(struct iov_iter *it, uaddr_t buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->user = true;
	it->single.iov_base = buf;
	it->single.iov_len = len;
	it->iov = &it->single;
	it->nr_segs = 1;
	it->count = len;
}

long iov_iter_user_vec(struct iov_iter *it, uaddr_t uiov, long iovcnt)
{
	struct linux_iovec *v;
	uint64_t total = 0;
	long err;

	memset(it, 0, sizeof(*it));
	it->user = true;
	if (iovcnt < 0 || iovcnt > LINUX_UIO_MAXIOV)
		return -EINVAL;
	if (iovcnt == 0)
		return 0;
	v = malloc(sizeof(*v) * (size_t)iovcnt);
	if (!v)
		return -ENOMEM;
	err = copy_from_user(v, uiov, sizeof(*v) * (size_t)iovcnt);
	if (err) {
		free(v);
		return err;
	}
	for (long i = 0; i < iovcnt; i++) {
		if ((int64_t)v[i].iov_len < 0 || total + v[i].iov_len > INT64_MAX) {
			free(v);
			return -EINVAL;
		}
		total += v[i].iov_len;
	}
	it->iov = it->iov_alloc = v;
	it->nr_segs = (unsigned)iovcnt;
	it->count = total;
	return 0;
}

void iov_iter_kernel(struct iov_iter *it, void *buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->kbuf = buf;
	it->count = len;
}

void iov_iter_release(struct iov_iter *it)
{
	free(it->iov_alloc);
	it->iov_alloc = NULL;
}

/*
 * Copy up to n bytes between guest memory at ua and kbuf, page by page;
 * returns how many were copied before the first page that faulted.
 */
static size_t copy_user_partial(uaddr_t ua, void *kbuf, size_t n, bool to_user)
{
	size_t done = 0;

	if (ua + n < ua || ua + n > TASK_SIZE)
		n = ua < TASK_SIZE ? TASK_SIZE - ua : 0;
	while (done < n) {
		size_t chunk = MIN(n - done, PAGE_SIZE - ((ua + done) & ~PAGE_MASK));
		char *p = mm_user_page(current->mm, ua + done, to_user);

		if (!p)
			break;
		if (to_user)
			memcpy(p, (char *)kbuf + done, chunk);
		else
			memcpy((char *)kbuf + done, p, chunk);
		done += chunk;
	}
	return done;
}

/* Copy between the iterator and a kernel buffer; to_iter says which way. */
static long iter_copy(void *kbuf, size_t n, struct iov_iter *it, bool to_iter)
{
	size_t done = 0;

	n = MIN(n, it->count);
	if (!it->user) {
		if (to_iter)
			memcpy(it->kbuf, kbuf, n);
		else
			memcpy(kbuf, it->kbuf, n);
		it->kbuf += n;
		it->count -= n;
		return (long)n;
	}
	while (done < n) {
		struct linux_iovec *seg = &it->iov[it->seg];
		size_t chunk = MIN(n - done, seg->iov_len - it->seg_off);
		uaddr_t ua = seg->iov_base + it->seg_off;
		size_t got;

		if (chunk == 0) {
			it->seg++;
			it->seg_off = 0;
			continue;
		}
		/* A fault part way through gives a short count, as on Linux. */
		got = copy_user_partial(ua, (char *)kbuf + done, chunk, to_iter);
		done += got;
		it->seg_off += got;
		it->count -= got;
		if (got < chunk)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

long copy_to_iter(const void *src, size_t n, struct iov_iter *it)
{
	return iter_copy((void *)src, n, it, true);
}

long copy_from_iter(void *dst, size_t n, struct iov_iter *it)
{
	return iter_copy(dst, n, it, false);
}

size_t iov_iter_segments(const struct iov_iter *it, size_t len, bool to_iter,
			 struct kvec *v, unsigned max, unsigned *nr)
{
	size_t done = 0, off = it->seg_off;
	unsigned seg = it->seg, n = 0;

	len = MIN(len, it->count);
	if (!it->user) {
		if (!max)
			len = 0;
		if (len)
			v[n++] = (struct kvec){ it->kbuf, len };
		*nr = n;
		return len;
	}
	while (done < len && seg < it->nr_segs) {
		const struct linux_iovec *s = &it->iov[seg];
		uaddr_t ua = s->iov_base + off;
		size_t chunk;
		char *p;

		if (off == s->iov_len) {
			seg++;
			off = 0;
			continue;
		}
		chunk = MIN(len - done, s->iov_len - off);
		chunk = MIN(chunk, PAGE_SIZE - (ua & ~PAGE_MASK));
		if (!range_ok(ua, chunk))
			break;
		p = mm_user_page(current->mm, ua, to_iter);
		if (!p)
			break;
		if (n && (char *)v[n - 1].base + v[n - 1].len == p) {
			v[n - 1].len += chunk;
		} else {
			if (n == max)
				break;
			v[n++] = (struct kvec){ p, chunk };
		}
		done += chunk;
		off += chunk;
	}
	*nr = n;
	return done;
}

void iov_iter_advance(struct iov_iter *it, size_t n)
{
	n = MIN(n, it->count);
	it->count -= n;
	if (!it->user) {
		it->kbuf += n;
		return;
	}
	while (n) {
		struct linux_iovec *seg = &it->iov[it->seg];
		size_t chunk = MIN(n, seg->iov_len - it->seg_off);

		it->seg_off += chunk;
		n -= chunk;
		if (it->seg_off == seg->iov_len) {
			it->seg++;
			it->seg_off = 0;
		}
	}
}
