/*
 * fork, vfork, clone and execve (fork(2), vfork(2), clone(2), execve(2)).
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
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
