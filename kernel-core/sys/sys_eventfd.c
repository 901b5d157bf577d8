/* eventfd, eventfd2 (eventfd(2)). The counter itself is fs/eventfd.c. */
#include <umk/errno.h>
#include <umk/eventfd.h>
#include <umk/syscall.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_eventfd.h>

#define EFD_FLAGS (LINUX_EFD_SEMAPHORE | LINUX_EFD_NONBLOCK | LINUX_EFD_CLOEXEC)

static long do_eventfd(unsigned count, unsigned flags)
{
	if (flags & ~(unsigned)EFD_FLAGS)
		return -EINVAL;
	return fd_install_or_put(eventfd_file(count, flags), flags & LINUX_EFD_CLOEXEC);
}

SYSCALL_DEFINE(eventfd)
{
	return do_eventfd((unsigned)a[0], 0);
}

SYSCALL_DEFINE(eventfd2)
{
	return do_eventfd((unsigned)a[0], (unsigned)a[1]);
}
