/*
 * The block-device registry: drivers register disks at boot; file systems,
 * mount(2) and the /dev nodes find them by name or device number. The list
 * only grows (disks are not hot-unplugged) and lives under the big kernel
 * lock.
 */
#include <string.h>

#include <umk/blkdev.h>
#include <umk/errno.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_stat.h>

#define MAX_BLKDEVS 16

static struct blkdev *blkdevs[MAX_BLKDEVS];
static int nr_blkdevs;

int blkdev_register(struct blkdev *bd)
{
	if (blkdev_by_rdev(bd->rdev) || blkdev_by_name(bd->name))
		return -EEXIST;
	if (nr_blkdevs == MAX_BLKDEVS)
		return -ENOMEM;
	blkdevs[nr_blkdevs++] = bd;
	devtmpfs_add_node(bd->name, LINUX_S_IFBLK | 0660, bd->rdev);
	return 0;
}

struct blkdev *blkdev_by_rdev(uint64_t rdev)
{
	for (int i = 0; i < nr_blkdevs; i++)
		if (blkdevs[i]->rdev == rdev)
			return blkdevs[i];
	return NULL;
}

struct blkdev *blkdev_by_name(const char *name)
{
	if (strncmp(name, "/dev/", 5) == 0)
		name += 5;
	for (int i = 0; i < nr_blkdevs; i++)
		if (strcmp(blkdevs[i]->name, name) == 0)
			return blkdevs[i];
	return NULL;
}

struct blkdev *blkdev_at(unsigned index)
{
	return index < (unsigned)nr_blkdevs ? blkdevs[index] : NULL;
}

void blkdev_flush_all(void)
{
	for (int i = 0; i < nr_blkdevs; i++)
		if (!blkdevs[i]->read_only && blkdevs[i]->ops->flush)
			blkdevs[i]->ops->flush(blkdevs[i]);
}
