/* drivers-virtual: the devices umk's guest sees. Each registers itself at boot. */
#ifndef DRIVERS_DRIVERS_H
#define DRIVERS_DRIVERS_H

#include <stdbool.h>

/* /dev/null, zero, full, random, urandom (major 1). 0 or -errno. */
int mem_devices_init(void);
/* /dev/console (5:1) and /dev/tty1 (4:1): one tty on the host's stdin/stdout. */
int console_init(void);

/*
 * Disk index (ubdN, /dev/ubd<a+N>, block 98:16N) backed by the host image
 * at path, opened and locked now. 0, or -errno after printing why.
 */
int ubd_add(int index, const char *path, bool read_only);

#endif
