/*
 * File-system types and whole-VFS write-back.
 *
 * Types register at boot and are never removed; mount(2) finds them by
 * name. vfs_sync_all() asks every mounted super block to write back and
 * then every disk to flush (sync(2), reboot(2), halt). Big kernel lock.
 */
#include <string.h>

#include <umk/blkdev.h>
#include <umk/errno.h>
#include <umk/vfs_internal.h>

static struct fs_type *fs_types;

int register_filesystem(struct fs_type *fst)
{
	if (get_fs_type(fst->name))
		return -EBUSY;
	fst->next = fs_types;
	fs_types = fst;
	return 0;
}

struct fs_type *get_fs_type(const char *name)
{
	for (struct fs_type *t = fs_types; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

struct fs_type *fs_type_next(struct fs_type *t)
{
	return t ? t->next : fs_types;
}

int vfs_sync_sb(struct super_block *sb)
{
	if (!sb->ops || !sb->ops->sync_fs || (sb->flags & LINUX_MS_RDONLY))
		return 0;
	return sb->ops->sync_fs(sb);
}

int vfs_sync_all(void)
{
	int err = mount_for_each_sb(vfs_sync_sb);

	blkdev_flush_all();
	return err;
}
