/*
 * ioctl: the generic commands every fd answers (FIOCLEX, FIONBIO,
 * FIONREAD...) are handled by vfs_ioctl, the rest by the file's driver;
 * a file without an ioctl op is not a terminal: ENOTTY.
 */
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/vfs_internal.h>

SYSCALL_DEFINE(ioctl)
{
	int fd = (int)a[0];
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	return vfs_ioctl(f, fd, (unsigned)a[1], a[2]);
}
