/*
 * Character devices: the registry of drivers by major/minor, and the
 * openers that device-node inodes start with.
 *
 * A char-device node's inode has chrdev_open_fops; opening it looks the
 * driver up by the node's rdev and swaps in the driver's ops, so the same
 * node type works on any file system (devtmpfs, an initramfs, ext2). A
 * device registered after devtmpfs is mounted gets its node at once.
 * The registry is a small fixed table under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/blkdev.h>
#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/pipe.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

#define CHARDEV_MAX 64
#define CHARDEV_NAME_MAX 32

struct chardev {
	unsigned major, minor;
	char name[CHARDEV_NAME_MAX];
	unsigned mode;
	const struct file_ops *fops;
};

static struct chardev chardevs[CHARDEV_MAX];
static unsigned nr_chardevs;

int chardev_register(unsigned major, unsigned minor, const char *name,
		     unsigned mode, const struct file_ops *fops)
{
	struct chardev *c;

	if (chardev_lookup(major, minor))
		return -EEXIST;
	if (nr_chardevs == CHARDEV_MAX)
		return -ENOSPC;
	if (strlen(name) >= CHARDEV_NAME_MAX)
		return -ENAMETOOLONG;
	c = &chardevs[nr_chardevs++];
	c->major = major;
	c->minor = minor;
	strcpy(c->name, name);
	c->mode = mode & 07777;
	c->fops = fops;
	devtmpfs_add_node(c->name, LINUX_S_IFCHR | c->mode, LINUX_MKDEV(major, minor));
	return 0;
}

const struct file_ops *chardev_lookup(unsigned major, unsigned minor)
{
	for (unsigned i = 0; i < nr_chardevs; i++) {
		if (chardevs[i].major == major && chardevs[i].minor == minor)
			return chardevs[i].fops;
	}
	return NULL;
}

bool chardev_at(unsigned index, unsigned *major, unsigned *minor,
		const char **name, unsigned *mode)
{
	if (index >= nr_chardevs)
		return false;
	*major = chardevs[index].major;
	*minor = chardevs[index].minor;
	*name = chardevs[index].name;
	*mode = chardevs[index].mode;
	return true;
}

/* Find the driver behind a device node and hand the file over to it. */
static int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_ops *fops = chardev_lookup(LINUX_MAJOR(inode->rdev),
						     LINUX_MINOR(inode->rdev));

	if (!fops)
		return -ENXIO;
	f->fops = fops;
	return fops->open ? fops->open(inode, f) : 0;
}

const struct file_ops chrdev_open_fops = {
	.open = chrdev_open,
};

/* --- block-device nodes ---------------------------------------------------- */

/*
 * An open block-device node reads and writes the disk directly (no page
 * cache of the whole device): each call goes to the driver in pieces of
 * up to BDEV_CHUNK bytes through a bounce buffer, and a write that does
 * not cover whole sectors reads the sectors it touches first. Everything
 * written has reached the host file when the call returns; fsync and
 * BLKFLSBUF make it durable (the driver's flush).
 */
#define BDEV_CHUNK (1u << 20)
#define SECTOR_ALIGN(x) (((x) + BLKDEV_SECTOR - 1) & ~(size_t)(BLKDEV_SECTOR - 1))

static long blkdev_file_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct blkdev *bd = f->priv;
	long done = 0;
	char *buf;

	if (*pos >= bd->size || !iov_iter_count(to))
		return 0;
	buf = malloc(BDEV_CHUNK);
	if (!buf)
		return -ENOMEM;
	while (iov_iter_count(to) && *pos < bd->size) {
		uint64_t first = *pos & ~(uint64_t)(BLKDEV_SECTOR - 1);
		size_t skip = (size_t)(*pos - first);
		size_t want = (size_t)MIN((uint64_t)iov_iter_count(to), bd->size - *pos);
		size_t span = MIN(SECTOR_ALIGN(skip + want), BDEV_CHUNK);
		size_t n = MIN(want, span - skip);
		long r;
		int err = bd->ops->read(bd, first, buf, span);

		if (err) {
			done = done ? done : err;
			break;
		}
		r = copy_to_iter(buf + skip, n, to);
		if (r < 0) {
			done = done ? done : r;
			break;
		}
		done += r;
		*pos += (uint64_t)r;
		if ((size_t)r < n)
			break;
	}
	free(buf);
	return done;
}

static long blkdev_file_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct blkdev *bd = f->priv;
	long done = 0;
	char *buf;

	if (!iov_iter_count(from))
		return 0;
	if (bd->read_only)
		return -EPERM;
	if (*pos >= bd->size)
		return -ENOSPC;
	buf = malloc(BDEV_CHUNK);
	if (!buf)
		return -ENOMEM;
	while (iov_iter_count(from) && *pos < bd->size) {
		uint64_t first = *pos & ~(uint64_t)(BLKDEV_SECTOR - 1);
		size_t skip = (size_t)(*pos - first);
		size_t want = (size_t)MIN((uint64_t)iov_iter_count(from), bd->size - *pos);
		size_t span = MIN(SECTOR_ALIGN(skip + want), BDEV_CHUNK);
		size_t n = MIN(want, span - skip);
		int err = 0;
		long r;

		/* Partial sectors at either end: read them before changing part of them. */
		if (skip)
			err = bd->ops->read(bd, first, buf, BLKDEV_SECTOR);
		if (!err && (skip + n) % BLKDEV_SECTOR)
			err = bd->ops->read(bd, first + span - BLKDEV_SECTOR,
					    buf + span - BLKDEV_SECTOR, BLKDEV_SECTOR);
		if (!err) {
			r = copy_from_iter(buf + skip, n, from);
			if (r < 0)
				err = (int)r;
			else
				n = (size_t)r;
		}
		if (!err && n)
			err = bd->ops->write(bd, first, buf, SECTOR_ALIGN(skip + n));
		if (err) {
			done = done ? done : err;
			break;
		}
		done += (long)n;
		*pos += n;
		if (!n)
			break;
	}
	free(buf);
	return done;
}

static long blkdev_file_llseek(struct file *f, int64_t off, int whence)
{
	struct blkdev *bd = f->priv;

	return generic_llseek(f, off, whence, bd->size);
}

static const struct file_ops blkdev_fops;

int blkdev_file_fsync(struct file *f)
{
	struct blkdev *bd = f->priv;

	if (f->fops != &blkdev_fops)
		return -EINVAL;
	return bd->ops->flush && !bd->read_only ? bd->ops->flush(bd) : 0;
}

static long blkdev_file_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct blkdev *bd = f->priv;
	uint64_t size64 = bd->size;
	unsigned long sectors = (unsigned long)(bd->size / BLKDEV_SECTOR);
	int ssz = BLKDEV_SECTOR, ro = bd->read_only;

	switch (cmd) {
	case LINUX_BLKGETSIZE64:
		return copy_to_user(arg, &size64, sizeof(size64)) ? -EFAULT : 0;
	case LINUX_BLKGETSIZE:
		return copy_to_user(arg, &sectors, sizeof(sectors)) ? -EFAULT : 0;
	case LINUX_BLKSSZGET:
	case LINUX_BLKPBSZGET:
		return copy_to_user(arg, &ssz, sizeof(ssz)) ? -EFAULT : 0;
	case LINUX_BLKROGET:
		return copy_to_user(arg, &ro, sizeof(ro)) ? -EFAULT : 0;
	case LINUX_BLKFLSBUF:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		return blkdev_file_fsync(f);
	}
	return -ENOTTY;
}

static const struct file_ops blkdev_fops = {
	.read = blkdev_file_read,
	.write = blkdev_file_write,
	.llseek = blkdev_file_llseek,
	.ioctl = blkdev_file_ioctl,
};

static int blkdev_open(struct inode *inode, struct file *f)
{
	struct blkdev *bd = blkdev_by_rdev(inode->rdev);

	if (!bd)
		return -ENXIO;
	f->fops = &blkdev_fops;
	f->priv = bd;
	return 0;
}

/*
 * FIFOs open as pipe ends (fs/pipe.c takes the file over, as a driver
 * does), block devices as disks; sockets have no driver yet: opening
 * them fails.
 */
static int special_open(struct inode *inode, struct file *f)
{
	if (LINUX_S_ISFIFO(inode->mode))
		return fifo_open(inode, f);
	if (LINUX_S_ISBLK(inode->mode))
		return blkdev_open(inode, f);
	return -ENXIO;
}

const struct file_ops special_open_fops = {
	.open = special_open,
};
