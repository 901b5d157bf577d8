/*
 * The built-in file-system types, registered at boot so that mount(2)
 * finds them by name, and the mounts the kernel makes itself.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/printk.h>
#include <umk/vfs_internal.h>

extern struct fs_type tmpfs_fs_type, devtmpfs_fs_type, proc_fs_type, sysfs_fs_type;

int filesystems_init(void)
{
	struct fs_type *types[] = {
		&sysfs_fs_type, &tmpfs_fs_type, &devtmpfs_fs_type, &proc_fs_type,
	};
	int err = 0;

	for (size_t i = 0; i < ARRAY_SIZE(types) && !err; i++)
		err = register_filesystem(types[i]);
	return err == -EBUSY ? 0 : err;
}

void proc_mount_boot(void)
{
	struct path root, mp;
	struct super_block *sb;
	struct dentry *d;
	int err;

	vfs_root(&root);
	d = d_lookup(root.dentry, "proc", 4);
	if (IS_ERR_OR_NULL(d))
		return;
	if (!LINUX_S_ISDIR(d->inode->mode)) {
		dput(d);
		return;
	}
	sb = proc_fs_type.mount(NULL, 0, "");
	if (IS_ERR(sb)) {
		dput(d);
		return;
	}
	mp.mnt = root.mnt;
	mp.dentry = d;
	sb->source = strdup("proc");
	err = mount_new_fs(&mp, sb, LINUX_MS_RELATIME);
	if (err)
		printk("proc: cannot mount on /proc: %s\n", errno_text(err));
	dput(d);
}
