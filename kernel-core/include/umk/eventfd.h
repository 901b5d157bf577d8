/* eventfd objects (fs/eventfd.c), for sys/sys_eventfd.c. */
#ifndef UMK_EVENTFD_H
#define UMK_EVENTFD_H

struct file;

/*
 * A new eventfd file with counter count. flags: LINUX_EFD_SEMAPHORE and
 * LINUX_EFD_NONBLOCK, checked by the caller. A file with one reference, or
 * ERR_PTR(-ENOMEM).
 */
struct file *eventfd_file(unsigned count, unsigned flags);

#endif
