/*
 * File readiness shared by poll/select, epoll, and the files themselves.
 *
 * A file's ->poll op answers its LINUX_POLL* mask. To let epoll learn of
 * changes without re-checking it on every wake-up in the kernel, the op
 * may call poll_wait() with each wait queue a change of its readiness is
 * woken on (as Linux's poll_wait); it costs nothing outside epoll. A file
 * whose op never calls it is re-checked by epoll whenever anything wakes.
 * Runs under the big kernel lock.
 */
#ifndef UMK_POLL_H
#define UMK_POLL_H

#include <umk/sched.h>

struct file;

/* Record that f's readiness changes are woken on wq (from ->poll). */
void poll_wait(struct file *f, struct waitq *wq);

/* f's readiness; files without ->poll are always readable and writable. */
unsigned vfs_poll(struct file *f);

/* The last reference to f goes: drop it from every epoll set. (fs/eventpoll.c) */
void eventpoll_release(struct file *f);

/* Is f an epoll file? */
bool is_epoll_file(const struct file *f);

#endif
