/*
 * Character devices: drivers register file_ops under a major/minor pair and
 * a node name; devtmpfs creates the nodes and opening a node finds the ops.
 */
#ifndef UMK_CHARDEV_H
#define UMK_CHARDEV_H

#include <umk/types.h>

struct file_ops;

/*
 * Register a device. name is the node under /dev ("null", "tty1"); mode is
 * the permission bits of the node. Returns 0, -EEXIST or -ENOSPC.
 */
int chardev_register(unsigned major, unsigned minor, const char *name,
		     unsigned mode, const struct file_ops *fops);

/* The ops of a registered device, or NULL (opening then fails with -ENXIO). */
const struct file_ops *chardev_lookup(unsigned major, unsigned minor);

/* Iterate registered devices (devtmpfs): returns false past the end. */
bool chardev_at(unsigned index, unsigned *major, unsigned *minor,
		const char **name, unsigned *mode);

#endif
