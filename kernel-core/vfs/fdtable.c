/*
 * File descriptor tables.
 *
 * A table maps small integers to open files, each slot holding one file
 * reference, plus a close-on-exec flag per slot. It grows on demand up to
 * RLIMIT_NOFILE and is shared by threads (and CLONE_FILES children) through
 * its reference count. New fds are always the lowest free number.
 * Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/locks.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>

#define FDTABLE_MIN 16
/* Never more slots than this, whatever RLIMIT_NOFILE says (Linux's nr_open). */
#define FDTABLE_MAX (1U << 20)

static unsigned nofile_limit(void)
{
	uint64_t lim = current ? current->rlim[LINUX_RLIMIT_NOFILE].rlim_cur : 1024;

	return lim > FDTABLE_MAX ? FDTABLE_MAX : (unsigned)lim;
}

struct files *files_create(void)
{
	struct files *fs = calloc(1, sizeof(*fs));

	if (fs)
		fs->refcount = 1;
	return fs;
}

struct files *files_get(struct files *fs)
{
	fs->refcount++;
	return fs;
}

/* Make room for slot fd. 0 or -ENOMEM. */
static int files_grow(struct files *fs, unsigned fd)
{
	unsigned size = MAX(fs->size * 2, FDTABLE_MIN);
	struct file **nfd;
	uint8_t *ncloexec;

	if (fd < fs->size)
		return 0;
	while (size <= fd)
		size *= 2;
	nfd = realloc(fs->fd, size * sizeof(*nfd));
	if (!nfd)
		return -ENOMEM;
	fs->fd = nfd;
	ncloexec = realloc(fs->cloexec, size);
	if (!ncloexec)
		return -ENOMEM;
	fs->cloexec = ncloexec;
	memset(fs->fd + fs->size, 0, (size - fs->size) * sizeof(*nfd));
	memset(fs->cloexec + fs->size, 0, size - fs->size);
	fs->size = size;
	return 0;
}

struct files *files_dup(struct files *old)
{
	struct files *fs = files_create();

	if (!fs)
		return NULL;
	if (old->size && files_grow(fs, old->size - 1)) {
		files_put(fs);
		return NULL;
	}
	for (unsigned i = 0; i < old->size; i++) {
		if (old->fd[i])
			fs->fd[i] = file_get(old->fd[i]);
		fs->cloexec[i] = old->cloexec[i];
	}
	return fs;
}

void files_put(struct files *fs)
{
	if (!fs || --fs->refcount > 0)
		return;
	for (unsigned i = 0; i < fs->size; i++) {
		locks_remove_posix(fs->fd[i], fs);
		file_put(fs->fd[i]);
	}
	free(fs->fd);
	free(fs->cloexec);
	free(fs);
}

void files_close_on_exec(struct files *fs)
{
	for (unsigned i = 0; i < fs->size; i++) {
		if (fs->fd[i] && fs->cloexec[i]) {
			struct file *f = fs->fd[i];

			fs->fd[i] = NULL;
			fs->cloexec[i] = 0;
			locks_remove_posix(f, fs);
			file_put(f);
		}
	}
}

int fd_alloc_from(struct file *f, int min, bool cloexec)
{
	struct files *fs = current->files;
	unsigned limit = nofile_limit();

	if (min < 0)
		return -EINVAL;
	for (unsigned fd = (unsigned)min; fd < limit; fd++) {
		if (fd < fs->size && fs->fd[fd])
			continue;
		if (files_grow(fs, fd))
			return -ENOMEM;
		fs->fd[fd] = f;
		fs->cloexec[fd] = cloexec;
		return (int)fd;
	}
	return -EMFILE;
}

int fd_install(struct file *f, bool cloexec)
{
	return fd_alloc_from(f, 0, cloexec);
}

int fd_install_or_put(struct file *f, bool cloexec)
{
	int fd;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	fd = fd_install(f, cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

struct file *fd_lookup(int fd)
{
	struct files *fs = current ? current->files : NULL;

	if (!fs || fd < 0 || (unsigned)fd >= fs->size)
		return NULL;
	return fs->fd[fd];
}

int fd_replace(int fd, struct file *f, bool cloexec)
{
	struct files *fs = current->files;
	struct file *old;

	if (fd < 0 || (unsigned)fd >= nofile_limit())
		return -EBADF;
	if (files_grow(fs, (unsigned)fd))
		return -ENOMEM;
	old = fs->fd[fd];
	fs->fd[fd] = f;
	fs->cloexec[fd] = cloexec;
	locks_remove_posix(old, fs);
	file_put(old);
	return fd;
}

int fd_close(int fd)
{
	struct files *fs = current->files;
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	fs->fd[fd] = NULL;
	fs->cloexec[fd] = 0;
	locks_remove_posix(f, fs);
	file_put(f);
	return 0;
}

int fd_get_cloexec(int fd)
{
	if (!fd_lookup(fd))
		return -EBADF;
	return current->files->cloexec[fd];
}

int fd_set_cloexec(int fd, bool on)
{
	if (!fd_lookup(fd))
		return -EBADF;
	current->files->cloexec[fd] = on;
	return 0;
}

void fd_close_range(unsigned first, unsigned last, bool cloexec_only)
{
	struct files *fs = current->files;

	for (unsigned fd = first; fd <= last && fd < fs->size; fd++) {
		if (!fs->fd[fd])
			continue;
		if (cloexec_only)
			fs->cloexec[fd] = 1;
		else
			fd_close((int)fd);
	}
}
