/*
 * The fd table: dup, dup2, dup3, fcntl.
 * F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL, and
 * F_GETPIPE_SZ / F_SETPIPE_SZ (fs/pipe.c); record
 * locks and ownership (F_GETLK, F_SETOWN...) are not there yet and answer
 * EINVAL like an unknown command.
 */
#include <umk/errno.h>
#include <umk/locks.h>
#include <umk/pipe.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_flock.h>

/* Status flags F_SETFL may change (fcntl(2)); the rest are kept. */
#define SETFL_MASK (LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_ASYNC | LINUX_O_DIRECT | \
		    LINUX_O_NOATIME)

SYSCALL_DEFINE(dup)
{
	struct file *f = fd_lookup((int)a[0]);

	if (!f)
		return -EBADF;
	return fd_install_or_put(file_get(f), false);
}

static long do_dup3(int oldfd, int newfd, bool cloexec)
{
	struct file *f;
	int r;

	if (newfd < 0 || (uint64_t)newfd >= current->rlim[LINUX_RLIMIT_NOFILE].rlim_cur)
		return -EBADF;
	f = fd_lookup(oldfd);
	if (!f)
		return -EBADF;
	r = fd_replace(newfd, file_get(f), cloexec);
	if (r < 0)
		file_put(f);
	return r;
}

SYSCALL_DEFINE(dup2)
{
	int oldfd = (int)a[0], newfd = (int)a[1];

	/* dup2(2): the same fd twice only checks that it is open */
	if (oldfd == newfd)
		return fd_lookup(oldfd) ? newfd : -EBADF;
	return do_dup3(oldfd, newfd, false);
}

SYSCALL_DEFINE(dup3)
{
	unsigned flags = (unsigned)a[2];

	if (flags & ~(unsigned)LINUX_O_CLOEXEC)
		return -EINVAL;
	if ((int)a[0] == (int)a[1])
		return -EINVAL;
	return do_dup3((int)a[0], (int)a[1], flags & LINUX_O_CLOEXEC);
}

static long dupfd(struct file *f, uint64_t min, bool cloexec)
{
	int fd;

	if (min >= current->rlim[LINUX_RLIMIT_NOFILE].rlim_cur || min > INT32_MAX)
		return -EINVAL;
	fd = fd_alloc_from(file_get(f), (int)min, cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE(fcntl)
{
	int fd = (int)a[0];
	unsigned cmd = (unsigned)a[1];
	uint64_t arg = a[2];
	struct file *f = fd_lookup(fd);
	int r;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case LINUX_F_DUPFD:
		return dupfd(f, arg, false);
	case LINUX_F_DUPFD_CLOEXEC:
		return dupfd(f, arg, true);
	case LINUX_F_GETFD:
		r = fd_get_cloexec(fd);
		return r > 0 ? LINUX_FD_CLOEXEC : r;
	case LINUX_F_SETFD:
		return fd_set_cloexec(fd, arg & LINUX_FD_CLOEXEC);
	case LINUX_F_GETFL:
		return f->f_flags;
	case LINUX_F_SETFL:
		if (f->f_flags & LINUX_O_PATH)
			return -EBADF;
		/* O_NOATIME is the owner's (or CAP_FOWNER's) to set or clear */
		if ((((unsigned)arg ^ f->f_flags) & LINUX_O_NOATIME) && f->inode &&
		    !inode_owner_or_root(f->inode))
			return -EPERM;
		f->f_flags = (f->f_flags & ~(unsigned)SETFL_MASK) | ((unsigned)arg & SETFL_MASK);
		return 0;
	case LINUX_F_GETLK:
	case LINUX_F_SETLK:
	case LINUX_F_SETLKW:
	case LINUX_F_OFD_GETLK:
	case LINUX_F_OFD_SETLK:
	case LINUX_F_OFD_SETLKW:
		return fcntl_lock(f, cmd, arg);
	case LINUX_F_SETPIPE_SZ:
	case LINUX_F_GETPIPE_SZ:
		/* Linux passes the argument on as a 32-bit int */
		return pipe_fcntl(f, cmd, (unsigned)arg);
	default:
		return -EINVAL;
	}
}
