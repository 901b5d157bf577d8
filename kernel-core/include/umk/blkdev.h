/*
 * Block devices: what a disk looks like to the kernel.
 *
 * A driver (drivers-virtual/block/) fills a struct blkdev and registers it;
 * file systems and /dev/ubdX reach it through the ops. Offsets and lengths
 * are bytes, multiples of BLKDEV_SECTOR. The calls are synchronous from the
 * caller's view (the driver may batch and wait for the host underneath);
 * they run under the big kernel lock like everything else.
 */
#ifndef UMK_BLKDEV_H
#define UMK_BLKDEV_H

#include <umk/types.h>

#define BLKDEV_SECTOR 512

struct blkdev;

struct blkdev_ops {
	/* len bytes at off into buf. 0, or -EIO (host error, past the end). */
	int (*read)(struct blkdev *bd, uint64_t off, void *buf, size_t len);
	/* len bytes from buf to off. 0, -EIO, or -EROFS for a read-only disk. */
	int (*write)(struct blkdev *bd, uint64_t off, const void *buf, size_t len);
	/*
	 * Optional, for direct I/O: the disk at off from or to n segments of
	 * memory in order, as read and write.
	 */
	int (*readv)(struct blkdev *bd, uint64_t off, const struct kvec *v, unsigned n);
	int (*writev)(struct blkdev *bd, uint64_t off, const struct kvec *v, unsigned n);
	/* Everything written so far is on stable storage (host fsync). 0 or -EIO. */
	int (*flush)(struct blkdev *bd);
};

struct blkdev {
	char name[16];		/* "ubda": the node is /dev/<name> */
	uint64_t rdev;		/* LINUX_MKDEV(major, minor) */
	uint64_t size;		/* bytes */
	bool read_only;
	const struct blkdev_ops *ops;
	void *priv;		/* the driver's */
};

/* Make bd known (and give it a /dev node). 0 or -EEXIST / -ENOMEM. */
int blkdev_register(struct blkdev *bd);
/* The registered device with that rdev or name ("ubda" or "/dev/ubda"), or NULL. */
struct blkdev *blkdev_by_rdev(uint64_t rdev);
struct blkdev *blkdev_by_name(const char *name);
/* The index-th registered device (registration order), or NULL past the last. */
struct blkdev *blkdev_at(unsigned index);
/* Flush every registered device (sync, halt). */
void blkdev_flush_all(void);

#endif
