/*
 * Pipes: pipe, pipe2 (pipe(2)). The pipe itself is fs/pipe.c; FIFOs open
 * through the VFS, and F_{GET,SET}PIPE_SZ is in sys_fd.c.
 */
#include <umk/errno.h>
#include <umk/pipe.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

#define PIPE2_FLAGS (LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_O_DIRECT | \
		     LINUX_O_NOTIFICATION_PIPE)

static long do_pipe2(uaddr_t ufds, unsigned flags)
{
	bool cloexec = flags & LINUX_O_CLOEXEC;
	struct file *files[2];
	int fds[2];
	long err;

	if (flags & ~(unsigned)PIPE2_FLAGS)
		return -EINVAL;
	/* watch-queue pipes: what a kernel without CONFIG_WATCH_QUEUE answers */
	if (flags & LINUX_O_NOTIFICATION_PIPE)
		return -ENOPKG;
	err = pipe_create(files, flags);
	if (err)
		return err;
	fds[0] = fd_install(files[0], cloexec);
	if (fds[0] < 0) {
		file_put(files[0]);
		file_put(files[1]);
		return fds[0];
	}
	fds[1] = fd_install(files[1], cloexec);
	if (fds[1] < 0) {
		file_put(files[1]);
		fd_close(fds[0]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE(pipe)
{
	return do_pipe2(a[0], 0);
}

SYSCALL_DEFINE(pipe2)
{
	return do_pipe2(a[0], (unsigned)a[1]);
}
