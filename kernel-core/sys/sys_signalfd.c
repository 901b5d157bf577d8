/*
 * signalfd, signalfd4 (signalfd(2)): make a signalfd or change the mask of
 * one. The files are fs/signalfd.c; the checks are in Linux's order.
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/timerfd.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_timerfd.h>

static long do_signalfd4(int fd, uaddr_t umask, uint64_t size, int flags)
{
	linux_sigset_t mask;
	struct file *f;

	if (size != sizeof(linux_sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	if (flags & ~(LINUX_SFD_CLOEXEC | LINUX_SFD_NONBLOCK))
		return -EINVAL;
	if (fd == -1) {
		f = signalfd_file(mask, (unsigned)flags);
		return fd_install_or_put(f, flags & LINUX_SFD_CLOEXEC);
	}
	f = fd_lookup(fd);
	if (!f || (f->f_flags & LINUX_O_PATH))
		return -EBADF;
	if (!is_signalfd(f))
		return -EINVAL;
	signalfd_set_mask(f, mask);
	return fd;
}

SYSCALL_DEFINE(signalfd)
{
	return do_signalfd4((int)a[0], a[1], a[2], 0);
}

SYSCALL_DEFINE(signalfd4)
{
	return do_signalfd4((int)a[0], a[1], a[2], (int)a[3]);
}
