/*
 * epoll instances (fs/eventpoll.c); the syscalls are sys/sys_epoll.c.
 * Everything runs under the big kernel lock.
 */
#ifndef UMK_EVENTPOLL_H
#define UMK_EVENTPOLL_H

#include <umk/types.h>
#include <uapi/linux_eventpoll.h>

struct file;
struct waitq;

/* A new epoll file (O_RDWR), or ERR_PTR(-ENOMEM). */
struct file *epoll_file_create(void);

/*
 * EPOLL_CTL_* of target tf (open at fd) on the epoll file ef; the caller
 * has checked both fds, that tf can be polled and that ef is an epoll file
 * other than tf. ev is ignored for EPOLL_CTL_DEL. Returns 0, -EEXIST,
 * -ENOENT, -EINVAL (a bad op or EPOLLEXCLUSIVE misuse), -ELOOP, -ENOMEM.
 */
int epoll_ctl_file(struct file *ef, int op, int fd, struct file *tf,
		   const struct linux_epoll_event *ev);

/*
 * Copy up to maxevents ready events of ef to the guest array at uevents.
 * Returns the number copied (0: none ready) or -EFAULT if the first could
 * not be copied.
 */
long epoll_collect(struct file *ef, uaddr_t uevents, int maxevents);

/* Where epoll_wait on ef sleeps until something may be ready. */
struct waitq *epoll_waitq(struct file *ef);

#endif
