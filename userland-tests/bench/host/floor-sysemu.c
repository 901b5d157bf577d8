/*
 * floor-sysemu: the raw cost of one PTRACE_SYSEMU round trip on this host,
 * the floor under any ptrace-based syscall interception (umk's null
 * syscall cannot beat it). Built by run-bench with the host compiler.
 *
 * A child pinned to the tracer's CPU loops on getppid; per round trip the
 * tracer does PTRACE_SYSEMU, waitpid, PTRACE_GETREGS, sets rax,
 * PTRACE_SETREGS. Prints "sysemu_floor <ns per round trip>".
 * Optional argv[1]: iterations.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PTRACE_SYSEMU
#define PTRACE_SYSEMU 31
#endif

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* One round trip; returns 0, or -1 if the child did not stop as expected. */
static int round_trip(pid_t pid)
{
	struct user_regs_struct regs;
	int st;

	if (ptrace(PTRACE_SYSEMU, pid, 0, 0) < 0)
		return -1;
	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st) ||
	    WSTOPSIG(st) != (SIGTRAP | 0x80))
		return -1;
	if (ptrace(PTRACE_GETREGS, pid, 0, &regs) < 0)
		return -1;
	regs.rax = 1; /* getppid's answer */
	if (ptrace(PTRACE_SETREGS, pid, 0, &regs) < 0)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 200000;
	long long t0, t1;
	cpu_set_t set;
	int cpu, st, rc = 0;
	pid_t pid;

	if (n <= 0)
		n = 200000;
	cpu = sched_getcpu();
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			perror("sched_setaffinity");
	}

	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		if (cpu >= 0)
			sched_setaffinity(0, sizeof(set), &set);
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(1);
		raise(SIGSTOP);
		for (;;)
			syscall(SYS_getppid);
	}

	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st)) {
		fprintf(stderr, "floor-sysemu: child did not stop\n");
		rc = 1;
		goto out;
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, 0,
		   PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD) < 0) {
		perror("PTRACE_SETOPTIONS");
		rc = 1;
		goto out;
	}
	for (i = 0; i < 1000; i++)
		if (round_trip(pid) < 0)
			goto broken;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (round_trip(pid) < 0)
			goto broken;
	t1 = now_ns();
	printf("sysemu_floor %.1f\n", (double)(t1 - t0) / n);
	goto out;

broken:
	fprintf(stderr, "floor-sysemu: round trip failed: %s\n", strerror(errno));
	rc = 1;
out:
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	return rc;
}
