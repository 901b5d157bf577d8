/*
 * Resource limits are kept per process and inherited across fork and
 * execve; prlimit64 reads and sets another process's limits (EPERM from
 * an unprivileged process on root's); a non-root caller cannot raise a
 * hard limit (EPERM) but may lower it; soft above hard, unknown resources
 * are EINVAL; bad pointers EFAULT; an unknown pid ESRCH.
 */
#include "guest.h"
#include <sys/resource.h>
#include <sys/wait.h>

static void print_limits(const char *who)
{
	struct rlimit core, cpu, nofile, nproc;

	getrlimit(RLIMIT_CORE, &core);
	getrlimit(RLIMIT_CPU, &cpu);
	getrlimit(RLIMIT_NOFILE, &nofile);
	getrlimit(RLIMIT_NPROC, &nproc);
	printf("%s: core %llu/%llu cpu %llu/%llu nofile %llu nproc %llu/%llu\n", who,
	       (unsigned long long)core.rlim_cur, (unsigned long long)core.rlim_max,
	       (unsigned long long)cpu.rlim_cur, (unsigned long long)cpu.rlim_max,
	       (unsigned long long)nofile.rlim_cur,
	       (unsigned long long)nproc.rlim_cur, (unsigned long long)nproc.rlim_max);
}

static int wait_status(pid_t pid)
{
	int st = -1;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int unprivileged(void)
{
	struct rlimit r = { 512, 2048 }, got;

	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_ERR(setrlimit(RLIMIT_CORE, &r), EPERM);
	r.rlim_max = 800;
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);
	r.rlim_max = 1024;
	CHECK_ERR(setrlimit(RLIMIT_CORE, &r), EPERM);
	CHECK_ERR(syscall(SYS_prlimit64, getppid(), RLIMIT_CORE, NULL, &got), EPERM);
	CHECK_EQ(syscall(SYS_prlimit64, getpid(), RLIMIT_CORE, NULL, &got), 0);
	CHECK_EQ(got.rlim_max, 800);
	return report();
}

int main(int argc, char **argv)
{
	struct rlimit r, got;
	int pfd[2];
	pid_t pid;
	char c;

	if (argc > 1) {
		print_limits("after exec");
		return 0;
	}
	r.rlim_cur = 512;
	r.rlim_max = 1024;
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);
	r.rlim_cur = 100;
	r.rlim_max = 200;
	CHECK_EQ(setrlimit(RLIMIT_CPU, &r), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	r.rlim_cur = 100;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	r.rlim_cur = r.rlim_max = 1000;
	CHECK_EQ(setrlimit(RLIMIT_NPROC, &r), 0);
	print_limits("parent");

	pid = fork();
	if (pid == 0) {
		print_limits("child");
		fflush(stdout);
		execl(argv[0], argv[0], "exec", (char *)NULL);
		_exit(99);
	}
	CHECK_EQ(wait_status(pid), 0);

	/* prlimit64 on a child: it sees the new value, we get the old. */
	MUST(pipe(pfd));
	pid = fork();
	if (pid == 0) {
		close(pfd[1]);
		read(pfd[0], &c, 1);
		getrlimit(RLIMIT_CORE, &r);
		_exit(r.rlim_cur == 256 ? 0 : 1);
	}
	r.rlim_cur = 256;
	r.rlim_max = 1024;
	CHECK_EQ(syscall(SYS_prlimit64, pid, RLIMIT_CORE, &r, &got), 0);
	CHECK_EQ(got.rlim_cur, 512);
	close(pfd[1]);
	CHECK_EQ(wait_status(pid), 0);

	pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	CHECK_EQ(wait_status(pid), 0);

	r.rlim_cur = 2000;
	r.rlim_max = 1024;
	CHECK_ERR(setrlimit(RLIMIT_CORE, &r), EINVAL);
	CHECK_ERR(syscall(SYS_setrlimit, 16, &got), EINVAL);
	CHECK_ERR(syscall(SYS_getrlimit, -1, &got), EINVAL);
	CHECK_ERR(syscall(SYS_getrlimit, RLIMIT_CORE, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_setrlimit, RLIMIT_CORE, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_prlimit64, 0, RLIMIT_CORE, (void *)1, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_prlimit64, -5, RLIMIT_CORE, NULL, &got), ESRCH);
	print_limits("parent");
	return report();
}
