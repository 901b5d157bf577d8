/*
 * devtmpfs: a tmpfs of its own (own st_dev) mounted on /dev, with a node
 * for every registered character device.
 *
 * Nodes are made at mount for the devices registered so far, and at
 * registration for later ones (chardev.c calls devtmpfs_add_node). A node
 * name may contain directories ("pts/0"); they are made 0755 on the way.
 * The guest may add, remove and rename nodes like in any tmpfs.
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/chardev.h>
#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/printk.h>
#include <umk/vfs_internal.h>

static struct super_block *devtmpfs_sb;

void devtmpfs_add_node(const char *name, unsigned mode, uint64_t rdev)
{
	struct dentry *dir, *d;
	const char *last;

	if (!devtmpfs_sb)
		return;
	last = strrchr(name, '/');
	dir = vfs_create_dirs(devtmpfs_sb->root, name, last ? (size_t)(last - name) : 0);
	last = last ? last + 1 : name;
	if (IS_ERR(dir)) {
		d = dir;
	} else {
		d = vfs_create_child(dir, last, mode, rdev, NULL);
		dput(dir);
	}
	if (IS_ERR(d)) {
		if (PTR_ERR(d) != -EEXIST)
			printk("devtmpfs: cannot make /dev/%s: %s\n", name,
			       errno_text((int)PTR_ERR(d)));
		return;
	}
	dput(d);
}

/*
 * The symlinks every Linux system has in /dev (udev and systemd make them;
 * busybox's mdev and bash's "/dev/fd/N" rely on them): a script run by
 * execveat(fd, "", AT_EMPTY_PATH) reaches its interpreter as /dev/fd/N.
 */
static const char *const dev_links[][2] = {
	{ "fd", "/proc/self/fd" },
	{ "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" },
	{ "stderr", "/proc/self/fd/2" },
};

/* The one devtmpfs super block, made on first use; an internal mount keeps it. */
static int devtmpfs_setup(void)
{
	const char *name;
	unsigned major, minor, mode;
	struct dentry *d;

	if (devtmpfs_sb)
		return 0;
	devtmpfs_sb = tmpfs_create("devtmpfs", 0755);
	if (!devtmpfs_sb)
		return -ENOMEM;
	devtmpfs_sb->active++;
	devtmpfs_sb->source = strdup("devtmpfs");
	devtmpfs_sb->options = strdup(",mode=755");
	for (unsigned i = 0; chardev_at(i, &major, &minor, &name, &mode); i++)
		devtmpfs_add_node(name, LINUX_S_IFCHR | mode, LINUX_MKDEV(major, minor));
	for (size_t i = 0; i < sizeof(dev_links) / sizeof(dev_links[0]); i++) {
		d = vfs_create_child(devtmpfs_sb->root, dev_links[i][0], LINUX_S_IFLNK | 0777, 0,
				     dev_links[i][1]);
		if (!IS_ERR(d))
			dput(d);
	}
	return 0;
}

/* mount -t devtmpfs: every mount shows the same tree, as on Linux. */
static struct super_block *devtmpfs_fs_mount(struct blkdev *bd, unsigned long flags,
					      const char *data)
{
	int err = devtmpfs_setup();

	(void)bd;
	(void)flags;
	(void)data;
	return err ? ERR_PTR(err) : devtmpfs_sb;
}

struct fs_type devtmpfs_fs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_fs_mount,
};

int devtmpfs_mount(void)
{
	struct path root, mp;
	struct dentry *d;
	int err;

	if (devtmpfs_sb)
		return -EBUSY;
	err = devtmpfs_setup();
	if (err)
		return err;

	vfs_root(&root);
	d = d_lookup(root.dentry, "dev", 3);
	if (!d)
		d = vfs_create_child(root.dentry, "dev", LINUX_S_IFDIR | 0755, 0, NULL);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	mp.mnt = root.mnt;
	mp.dentry = d;
	err = vfs_mount(devtmpfs_sb, &mp);
	if (err)
		printk("devtmpfs: cannot mount on /dev: %s\n", errno_text(err));
	dput(d);
	return err;
}
