/*
 * fork, vfork, clone and execve (fork(2), vfork(2), clone(2), execve(2)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_signal.h>

#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000

SYSCALL_DEFINE(fork)
{
	return do_fork(LINUX_SIGCHLD, 0, 0, 0, 0);
}

/* The parent sleeps until the child execs or exits; then returns its tid. */
static long vfork_wait(uint64_t flags, uaddr_t stack, uaddr_t ptid, uaddr_t ctid, uint64_t tls)
{
	if (!current->restart_valid) {
		long tid = do_fork(flags, stack, ptid, ctid, tls);

		if (tid < 0)
			return tid;
		current->restart.value = tid;
	}
	if (current->vfork_waiting)
		return sched_wait(&current->child_wq);
	return current->restart.value;
}

SYSCALL_DEFINE(vfork)
{
	return vfork_wait(CLONE_VM | CLONE_VFORK | LINUX_SIGCHLD, 0, 0, 0, 0);
}

SYSCALL_DEFINE(clone)
{
	/* x86-64 order: flags, stack, parent_tid, child_tid, tls */
	if (a[0] & CLONE_VFORK)
		return vfork_wait(a[0], a[1], a[2], a[3], a[4]);
	return do_fork(a[0], a[1], a[2], a[3], a[4]);
}

static void free_strings(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/*
 * Copy a guest argv/envp array into the kernel. *bytes accumulates the
 * space the strings and pointers will take on the new stack.
 */
static long copy_strings(uaddr_t uvec, char ***out, size_t *bytes, size_t limit)
{
	size_t n = 0, cap = 16;
	char **v = calloc(cap + 1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	while (uvec) {
		uint64_t up;
		char *s;
		long len;

		if (copy_from_user(&up, uvec + n * 8, sizeof(up))) {
			free_strings(v);
			return -EFAULT;
		}
		if (!up)
			break;
		if (n == cap) {
			char **nv = realloc(v, (cap * 2 + 1) * sizeof(*v));

			if (!nv) {
				free_strings(v);
				return -ENOMEM;
			}
			v = nv;
			cap *= 2;
		}
		s = malloc(MAX_ARG_STRLEN);
		if (!s) {
			free_strings(v);
			return -ENOMEM;
		}
		len = strncpy_from_user(s, up, MAX_ARG_STRLEN);
		if (len < 0) {
			free(s);
			free_strings(v);
			return len == -ENAMETOOLONG ? -E2BIG : len;
		}
		v[n++] = realloc(s, (size_t)len + 1) ?: s;
		v[n] = NULL;
		*bytes += (size_t)len + 1 + sizeof(void *);
		if (*bytes > limit) {
			free_strings(v);
			return -E2BIG;
		}
	}
	v[n] = NULL;
	*out = v;
	return 0;
}

/*
 * Copy argv and envp within the limits of execve(2): a quarter of the stack
 * limit, but at least 32 pages.
 */
static long copy_args(uaddr_t uargv, uaddr_t uenvp, char ***argv, char ***envp)
{
	size_t bytes = 0, limit = current->rlim[LINUX_RLIMIT_STACK].rlim_cur / 4;
	long err;

	if (limit < 32 * PAGE_SIZE)
		limit = 32 * PAGE_SIZE;
	err = copy_strings(uargv, argv, &bytes, limit);
	if (!err)
		err = copy_strings(uenvp, envp, &bytes, limit);
	return err;
}

/*
 * execveat(2): path relative to dirfd; AT_EMPTY_PATH runs dirfd itself;
 * AT_SYMLINK_NOFOLLOW refuses a final symlink with ELOOP. Scripts see
 * their path as /dev/fd/N[/path], as on Linux.
 */
SYSCALL_DEFINE(execveat)
{
	int dfd = (int)a[0];
	unsigned flags = (unsigned)a[4];
	char **argv = NULL, **envp = NULL;
	char name[64 + 4096];
	struct file *f;
	char *path;
	long err;

	path = getname(a[1]);
	if (IS_ERR(path))
		return PTR_ERR(path);
	if (!path[0] && !(flags & LINUX_AT_EMPTY_PATH)) {
		putname(path);
		return -ENOENT;
	}
	if (flags & ~(unsigned)(LINUX_AT_EMPTY_PATH | LINUX_AT_SYMLINK_NOFOLLOW)) {
		putname(path);
		return -EINVAL;
	}
	if (!path[0] && (flags & LINUX_AT_EMPTY_PATH)) {
		f = fd_lookup(dfd);
		f = f ? file_get(f) : ERR_PTR(-EBADF);
		snprintf(name, sizeof(name), "/dev/fd/%d", dfd);
	} else {
		f = vfs_open(dfd, path, LINUX_O_RDONLY | LINUX_O_NONBLOCK |
			     ((flags & LINUX_AT_SYMLINK_NOFOLLOW) ? LINUX_O_NOFOLLOW : 0), 0);
		if (path[0] == '/' || dfd == LINUX_AT_FDCWD)
			snprintf(name, sizeof(name), "%s", path);
		else
			snprintf(name, sizeof(name), "/dev/fd/%d/%s", dfd, path);
	}
	putname(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = copy_args(a[2], a[3], &argv, &envp);
	if (!err)
		err = exec_task_file(current, f, name, argv, envp);
	else
		file_put(f);
	free_strings(argv);
	free_strings(envp);
	return err;
}

SYSCALL_DEFINE(execve)
{
	size_t bytes = 0, limit = current->rlim[LINUX_RLIMIT_STACK].rlim_cur / 4;
	char **argv = NULL, **envp = NULL;
	char *path;
	long err;

	if (limit < 32 * PAGE_SIZE)
		limit = 32 * PAGE_SIZE;
	path = getname(a[0]);
	if (IS_ERR(path))
		return PTR_ERR(path);
	err = copy_strings(a[1], &argv, &bytes, limit);
	if (!err)
		err = copy_strings(a[2], &envp, &bytes, limit);
	if (!err)
		err = exec_task(current, path, argv, envp);
	free_strings(argv);
	free_strings(envp);
	putname(path);
	return err;
}
