/*
 * The memory devices of major 1 (null(4), zero(4), full(4), random(4)):
 * /dev/null 1:3, /dev/zero 1:5, /dev/full 1:7, /dev/random 1:8 and
 * /dev/urandom 1:9. Randomness comes from the host (host_getrandom);
 * the devices keep no state.
 */
#include <host/host.h>
#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/vfs_internal.h>
#include <drivers/drivers.h>

#define MEM_MAJOR 1
#define CHUNK 256

static const char zeros[PAGE_SIZE];

/* Seeks on null, zero and full always land at 0 (null_lseek). */
static long null_llseek(struct file *f, int64_t off, int whence)
{
	f->f_pos = 0;
	return 0;
}

/* random(4) seeks change nothing (noop_llseek). */
static long noop_llseek(struct file *f, int64_t off, int whence)
{
	return (long)f->f_pos;
}

static long null_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	return 0;
}

/* Writes that are swallowed whole. */
static long sink_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	size_t n = iov_iter_count(from);

	from->count = 0;
	return (long)n;
}

/* A read filled chunk by chunk: with zeros, or with the host's random bytes. */
static long chunked_read(struct iov_iter *to, bool random)
{
	char buf[CHUNK];
	long done = 0;

	while (iov_iter_count(to)) {
		size_t n = MIN(iov_iter_count(to), random ? sizeof(buf) : sizeof(zeros));
		long r;

		if (random && host_getrandom(buf, n) < 0)
			return done ? done : -EIO;
		r = copy_to_iter(random ? buf : zeros, n, to);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < n)
			break;
	}
	return done;
}

static long zero_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	return chunked_read(to, false);
}

static long full_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	return -ENOSPC;
}

static long random_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	return chunked_read(to, true);
}

static const struct file_ops null_fops = {
	.read = null_read,
	.write = sink_write,
	.llseek = null_llseek,
};

static const struct file_ops zero_fops = {
	.read = zero_read,
	.write = sink_write,
	.llseek = null_llseek,
};

static const struct file_ops full_fops = {
	.read = zero_read,
	.write = full_write,
	.llseek = null_llseek,
};

static const struct file_ops random_fops = {
	.read = random_read,
	.write = sink_write,
	.llseek = noop_llseek,
};

int mem_devices_init(void)
{
	static const struct {
		unsigned minor;
		const char *name;
		const struct file_ops *fops;
	} devs[] = {
		{ 3, "null", &null_fops },
		{ 5, "zero", &zero_fops },
		{ 7, "full", &full_fops },
		{ 8, "random", &random_fops },
		{ 9, "urandom", &random_fops },
	};

	for (size_t i = 0; i < ARRAY_SIZE(devs); i++) {
		int err = chardev_register(MEM_MAJOR, devs[i].minor, devs[i].name, 0666,
					   devs[i].fops);

		if (err)
			return err;
	}
	return 0;
}
