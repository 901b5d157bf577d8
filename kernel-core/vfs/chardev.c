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
#include <string.h>

#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/pipe.h>
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

/*
 * FIFOs open as pipe ends (fs/pipe.c takes the file over, as a driver
 * does); block devices and sockets have no driver yet: opening them fails.
 */
static int special_open(struct inode *inode, struct file *f)
{
	if (LINUX_S_ISFIFO(inode->mode))
		return fifo_open(inode, f);
	return -ENXIO;
}

const struct file_ops special_open_fops = {
	.open = special_open,
};
