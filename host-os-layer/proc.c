/*
 * Host processes: spawning traced stubs, ptrace, wait, CPU placement, exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>
#include <stdio.h>
#include <string.h>

#include <host/host.h>

int host_spawn_traced(const char *path, char *const argv[], const int *keep, int nkeep)
{
	static char *const envp[] = { NULL };
	pid_t pid;

	if (nkeep > 8)
		return -EINVAL;
	/*
	 * vfork: umk's page tables (guest RAM is mapped in it) are not copied,
	 * which made fork the largest part of starting a stub. The child runs
	 * on umk's memory until execve, so it only makes system calls.
	 */
	pid = vfork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		/* Child: only system calls from here to execve. */
		int tmp[8];

		for (int i = 0; i < nkeep; i++) {
			tmp[i] = fcntl(keep[i], F_DUPFD, 64);
			if (tmp[i] < 0)
				_exit(127);
		}
		for (int i = 0; i < nkeep; i++) {
			if (dup2(tmp[i], 3 + i) < 0)
				_exit(127);
		}
		syscall(SYS_close_range, 3 + nkeep, ~0U, 0);
		/* Die with umk even before the stub sets it up itself. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/*
		 * Out of umk's process group: signals from umk's terminal
		 * (SIGWINCH, SIGINT, SIGHUP to the foreground group) are umk's
		 * to handle, not stops of a traced stub.
		 */
		setpgid(0, 0);
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(126);
		execve(path, argv, envp);
		_exit(127);
	}
	return pid;
}

long host_ptrace(int req, int pid, uint64_t addr, uint64_t data)
{
	long r;

	errno = 0;
	r = ptrace((enum __ptrace_request)req, pid, (void *)addr, (void *)data);
	if (r < 0 && errno)
		return -errno;
	return r;
}

int host_waitpid(int pid, int *status, int flags)
{
	int r = waitpid(pid, status, flags);

	return r < 0 ? -errno : r;
}

int host_kill(int pid, int sig)
{
	return kill(pid, sig) < 0 ? -errno : 0;
}

int host_getpid(void)
{
	return getpid();
}

int host_pin_cpu(int pid, int cpu_nr)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu_nr, &set);
	return sched_setaffinity(pid, sizeof(set), &set) < 0 ? -errno : 0;
}

int host_current_cpu(void)
{
	int c = sched_getcpu();

	return c < 0 ? -errno : c;
}

int host_ncpus(void)
{
	/* sysconf reads sysfs each time; CPUs do not come and go under umk. */
	static int ncpus;

	if (!ncpus) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		ncpus = n > 0 ? (int)n : 1;
	}
	return ncpus;
}

_Noreturn void host_exit(int status)
{
	exit(status);
}

void host_backtrace(void)
{
	unw_cursor_t cursor;
	unw_context_t uc;
	char name[128];
	unw_word_t off, ip;
	int depth = 0;

	unw_getcontext(&uc);
	if (unw_init_local(&cursor, &uc) < 0)
		return;
	fprintf(stderr, "Call trace:\n");
	while (unw_step(&cursor) > 0 && depth++ < 32) {
		unw_get_reg(&cursor, UNW_REG_IP, &ip);
		if (unw_get_proc_name(&cursor, name, sizeof(name), &off) == 0)
			fprintf(stderr, "  [<%016lx>] %s+0x%lx\n", (unsigned long)ip, name, (unsigned long)off);
		else
			fprintf(stderr, "  [<%016lx>] ?\n", (unsigned long)ip);
	}
}
