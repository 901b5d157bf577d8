/*
 * eventfd objects (eventfd(2)): a 64-bit counter behind a file. A read
 * takes the whole count (or 1 with EFD_SEMAPHORE) and waits while it is
 * zero; a write adds to it and waits while the sum would reach
 * 0xffffffffffffffff. Both move exactly 8 bytes.
 *
 * The file sits on the shared anonymous inode; it cannot pread or pwrite,
 * and lseek leaves the position where it is (Linux's noop_llseek). Readers
 * and writers sleep on one queue: any change of the count wakes both, and
 * each re-checks. Runs under the big kernel lock.
 */
#include <stdlib.h>

#include <umk/anon_inode.h>
#include <umk/errno.h>
#include <umk/eventfd.h>
#include <umk/poll.h>
#include <umk/sched.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_eventfd.h>
#include <uapi/linux_poll.h>

struct eventfd {
	uint64_t count;
	bool semaphore;
	struct waitq wq;	/* readers waiting for a count, writers for room */
};

static long eventfd_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct eventfd *e = f->priv;
	uint64_t v;

	(void)pos;
	if (iov_iter_count(to) < sizeof(v))
		return -EINVAL;
	if (!e->count) {
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		return sched_wait(&e->wq);
	}
	v = e->semaphore ? 1 : e->count;
	e->count -= v;
	wake_up_poll(&e->wq, LINUX_POLLOUT);
	/* taken even if the copy faults, as on Linux */
	if (copy_to_iter(&v, sizeof(v), to) != sizeof(v))
		return -EFAULT;
	return sizeof(v);
}

static long eventfd_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct eventfd *e = f->priv;
	uint64_t v;

	(void)pos;
	if (iov_iter_count(from) < sizeof(v))
		return -EINVAL;
	if (copy_from_iter(&v, sizeof(v), from) != sizeof(v))
		return -EFAULT;
	if (v == UINT64_MAX)
		return -EINVAL;
	if (UINT64_MAX - e->count <= v) {
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		return sched_wait(&e->wq);
	}
	e->count += v;
	wake_up_poll(&e->wq, LINUX_POLLIN);
	return sizeof(v);
}

/* Only POLLIN and POLLOUT (no RDNORM/WRNORM), as Linux's eventfd_poll. */
static unsigned eventfd_poll(struct file *f)
{
	struct eventfd *e = f->priv;
	unsigned mask = 0;

	poll_wait(f, &e->wq);
	if (e->count > 0)
		mask |= LINUX_POLLIN;
	if (e->count == UINT64_MAX)
		mask |= LINUX_POLLERR;
	if (UINT64_MAX - 1 > e->count)
		mask |= LINUX_POLLOUT;
	return mask;
}

/* lseek succeeds and changes nothing. */
static long eventfd_llseek(struct file *f, int64_t off, int whence)
{
	(void)off;
	(void)whence;
	return (long)f->f_pos;
}

static void eventfd_release(struct file *f)
{
	struct eventfd *e = f->priv;

	wake_up(&e->wq);	/* nobody should sleep here without the file; be safe */
	free(e);
}

static const struct file_ops eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.llseek = eventfd_llseek,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

struct file *eventfd_file(unsigned count, unsigned flags)
{
	struct eventfd *e = calloc(1, sizeof(*e));
	struct file *f;

	if (!e)
		return ERR_PTR(-ENOMEM);
	e->count = count;
	e->semaphore = flags & LINUX_EFD_SEMAPHORE;
	waitq_init(&e->wq);
	f = anon_file("[eventfd]", &eventfd_fops, e, LINUX_O_RDWR | (flags & LINUX_EFD_NONBLOCK));
	if (IS_ERR(f))
		free(e);
	return f;
}
