/*
 * sysfs, minimal: enough of /sys for tools that look devices up there
 * (busybox mdev -s, lsblk-style reads of /sys/block/X/size).
 *
 * Each mount builds a small tree in a memory file system (the devices
 * only ever get added at boot, so a tree made at mount time is current):
 *   /sys/kernel, /sys/class, /sys/fs
 *   /sys/devices/virtual/{block,mem,...}/NAME/{dev,uevent[,size,ro,removable]}
 *   /sys/block/NAME, /sys/class/block/NAME  -> the block device's directory
 *   /sys/dev/{block,char}/MAJ:MIN           -> the device's directory
 *   /sys/devices/system/cpu/{online,possible,present}
 * Files are read-only text, as sysfs attributes are. Big kernel lock.
 */
#include <stdio.h>
#include <string.h>

#include <umk/blkdev.h>
#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

static struct dentry *mkdir_p(struct dentry *root, const char *path)
{
	return vfs_create_dirs(root, path, strlen(path));
}

/* A read-only attribute file dir/name holding text. */
static int attr(struct dentry *root, const char *dirpath, const char *name, const char *text)
{
	struct dentry *dir = mkdir_p(root, dirpath), *d;
	struct iov_iter it;
	struct file *f;
	uint64_t pos = 0;
	long r;

	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	d = vfs_create_child(dir, name, LINUX_S_IFREG | 0444, 0, NULL);
	dput(dir);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	f = file_alloc_anon(d->inode, NULL, LINUX_O_WRONLY);
	if (IS_ERR(f)) {
		dput(d);
		return (int)PTR_ERR(f);
	}
	iov_iter_kernel(&it, (void *)text, strlen(text));
	r = page_cache_write(f, &it, &pos);
	file_put(f);
	dput(d);
	return r < 0 ? (int)r : 0;
}

static int symlink_at(struct dentry *root, const char *dirpath, const char *name, const char *target)
{
	struct dentry *dir = mkdir_p(root, dirpath), *d;

	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	d = vfs_create_child(dir, name, LINUX_S_IFLNK | 0777, 0, target);
	dput(dir);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	dput(d);
	return 0;
}

/* A device directory under /sys/devices/virtual/CLASS/ and its /sys/dev link. */
static int device(struct dentry *root, const char *cls, const char *node, uint64_t rdev,
		  bool block)
{
	const char *base = strrchr(node, '/');
	char dir[128], text[160], name[32];
	unsigned major = LINUX_MAJOR(rdev), minor = LINUX_MINOR(rdev);
	int err;

	base = base ? base + 1 : node;
	snprintf(dir, sizeof(dir), "devices/virtual/%s/%s", cls, base);
	snprintf(text, sizeof(text), "%u:%u\n", major, minor);
	err = attr(root, dir, "dev", text);
	snprintf(text, sizeof(text), "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n%s", major, minor, node,
		 block ? "DEVTYPE=disk\n" : "");
	if (!err)
		err = attr(root, dir, "uevent", text);
	snprintf(name, sizeof(name), "%u:%u", major, minor);
	snprintf(text, sizeof(text), "../../devices/virtual/%s/%s", cls, base);
	if (!err)
		err = symlink_at(root, block ? "dev/block" : "dev/char", name, text);
	return err == -EEXIST ? 0 : err;
}

static int fill(struct dentry *root)
{
	unsigned major, minor, mode;
	const char *name;
	struct blkdev *bd;
	char text[128], path[128];
	int err = 0;

	for (const char *const *d = (const char *const[]){ "kernel", "class", "fs", "dev/char",
							     "dev/block", "block", "class/block",
							     NULL }; *d && !err; d++) {
		struct dentry *dir = mkdir_p(root, *d);

		err = IS_ERR(dir) ? (int)PTR_ERR(dir) : 0;
		if (!err)
			dput(dir);
	}
	snprintf(text, sizeof(text), kernel_ncpus > 1 ? "0-%d\n" : "0\n", kernel_ncpus - 1);
	if (!err)
		err = attr(root, "devices/system/cpu", "online", text);
	if (!err)
		err = attr(root, "devices/system/cpu", "possible", text);
	if (!err)
		err = attr(root, "devices/system/cpu", "present", text);
	for (unsigned i = 0; !err && chardev_at(i, &major, &minor, &name, &mode); i++)
		err = device(root, "char", name, LINUX_MKDEV(major, minor), false);
	for (unsigned i = 0; !err && (bd = blkdev_at(i)); i++) {
		err = device(root, "block", bd->name, bd->rdev, true);
		snprintf(path, sizeof(path), "devices/virtual/block/%s", bd->name);
		snprintf(text, sizeof(text), "%lu\n", (unsigned long)(bd->size / BLKDEV_SECTOR));
		if (!err)
			err = attr(root, path, "size", text);
		if (!err)
			err = attr(root, path, "ro", bd->read_only ? "1\n" : "0\n");
		if (!err)
			err = attr(root, path, "removable", "0\n");
		snprintf(text, sizeof(text), "../devices/virtual/block/%s", bd->name);
		if (!err)
			err = symlink_at(root, "block", bd->name, text);
		snprintf(text, sizeof(text), "../../devices/virtual/block/%s", bd->name);
		if (!err)
			err = symlink_at(root, "class/block", bd->name, text);
	}
	return err;
}

static int sysfs_statfs(struct super_block *sb, struct linux_statfs *st)
{
	(void)sb;
	st->f_type = LINUX_SYSFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_ops sysfs_sops = {
	.statfs = sysfs_statfs,
};

static struct super_block *sysfs_mount(struct blkdev *bd, unsigned long flags, const char *data)
{
	struct super_block *sb;
	int err;

	(void)bd;
	(void)flags;
	if (*data)
		return ERR_PTR(-EINVAL);	/* sysfs takes no options */
	sb = tmpfs_create("sysfs", 0755);
	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->magic = LINUX_SYSFS_MAGIC;
	sb->ops = &sysfs_sops;
	sb->max_inodes = 0;
	err = fill(sb->root);
	if (err) {
		deactivate_super(sb);
		return ERR_PTR(err);
	}
	return sb;
}

struct fs_type sysfs_fs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
};
