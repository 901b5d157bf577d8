/*
 * clone's flag checks as Linux makes them, before anything is created:
 * CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM, and
 * CLONE_NEWNS with CLONE_FS are EINVAL; CLONE_SETTLS with a thread pointer
 * outside user space is EPERM. The flag sets libcs use work:
 * pthread_create's (CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|
 * PARENT_SETTID|CHILD_CLEARTID, and join sees the cleared tid) and
 * posix_spawn's (CLONE_VM|CLONE_VFORK). clone3 either works or is ENOSYS;
 * both print the same.
 */
#include "guest.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static void *thread_fn(void *arg)
{
	return (char *)arg + 1;
}

struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

int main(void)
{
	char *argv[] = { "true", NULL };
	struct clone_args_v0 ca;
	pthread_t t;
	void *ret;
	pid_t pid;
	int status;
	long r;

	CHECK_ERR(syscall(SYS_clone, CLONE_VM | CLONE_THREAD | SIGCHLD, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_clone, CLONE_THREAD | SIGCHLD, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_clone, CLONE_SIGHAND | CLONE_THREAD | SIGCHLD, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(SYS_clone, CLONE_FS | CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0), EINVAL);
	/* A thread pointer outside user space: EPERM, nothing created. */
	CHECK_ERR(syscall(SYS_clone, CLONE_SETTLS | SIGCHLD, 0, 0, 0, 0x800000000000UL), EPERM);
	CHECK_ERR(syscall(SYS_clone, CLONE_SETTLS | SIGCHLD, 0, 0, 0, 0x7ffffffff000UL), EPERM);

	for (int i = 0; i < 20; i++) {
		CHECK_EQ(pthread_create(&t, NULL, thread_fn, (void *)(long)i), 0);
		CHECK_EQ(pthread_join(t, &ret), 0);
		CHECK_EQ((long)ret, i + 1);
	}

	CHECK_EQ(posix_spawn(&pid, "/bin/busybox", NULL, NULL, argv, environ), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0)
		_exit(7);
	if (r > 0) {
		CHECK(waitpid((pid_t)r, &status, 0) == r && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 7);
	} else {
		CHECK(errno == ENOSYS);
	}
	printf("clone3: works or ENOSYS\n");
	return report();
}
