/*
 * floor-sysemu: the raw cost of one PTRACE_SYSEMU round trip on this host,
 * the floor under any ptrace-based syscall interception (umk's null
 * syscall cannot beat it). Built by run-bench with the host compiler.
 *
 * A child pinned to the tracer's CPU loops on getppid; per round trip the
 * tracer does PTRACE_SYSEMU, waitpid, PTRACE_GETREGS, sets rax,
 * PTRACE_SETREGS. Prints "sysemu_floor <ns per round trip>".
 *
 * "floor-sysemu pingpong" is the floor under a pipe round trip between two
 * traced processes: each side makes two syscalls (write, then a read that
 * blocks), so per round the tracer answers A twice and B twice, switching
 * tracee after each blocking read, as any ptrace-based kernel must. Prints
 * "pingpong_floor <ns per round of four round trips>".
 * Optional last argument: iterations.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
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

/* A traced child on the given CPU set, looping on getppid; -1 on failure. */
static pid_t start_tracee(const cpu_set_t *set)
{
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (pid == 0) {
		if (set)
			sched_setaffinity(0, sizeof(*set), set);
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(1);
		raise(SIGSTOP);
		for (;;)
			syscall(SYS_getppid);
	}
	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st)) {
		fprintf(stderr, "floor-sysemu: child did not stop\n");
		kill(pid, SIGKILL);
		return -1;
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, 0,
		   PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD) < 0) {
		perror("PTRACE_SETOPTIONS");
		kill(pid, SIGKILL);
		return -1;
	}
	return pid;
}

/* One pipe round: two round trips of a, then two of b. */
static int pingpong(pid_t a, pid_t b)
{
	if (round_trip(a) < 0 || round_trip(a) < 0)
		return -1;
	if (round_trip(b) < 0 || round_trip(b) < 0)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	bool pp = argc > 1 && strcmp(argv[1], "pingpong") == 0;
	long i, n = argc > 1 + pp ? atol(argv[1 + pp]) : 0;
	pid_t pid[2] = { -1, -1 };
	long long t0, t1;
	cpu_set_t set;
	int cpu, st, rc = 0;

	if (n <= 0)
		n = pp ? 50000 : 200000;
	cpu = sched_getcpu();
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			perror("sched_setaffinity");
	}
	for (int k = 0; k < 1 + pp; k++) {
		pid[k] = start_tracee(cpu >= 0 ? &set : NULL);
		if (pid[k] < 0) {
			rc = 1;
			goto out;
		}
	}

	for (i = 0; i < 1000; i++)
		if ((pp ? pingpong(pid[0], pid[1]) : round_trip(pid[0])) < 0)
			goto broken;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if ((pp ? pingpong(pid[0], pid[1]) : round_trip(pid[0])) < 0)
			goto broken;
	t1 = now_ns();
	printf("%s %.1f\n", pp ? "pingpong_floor" : "sysemu_floor", (double)(t1 - t0) / n);
	goto out;

broken:
	fprintf(stderr, "floor-sysemu: round trip failed: %s\n", strerror(errno));
	rc = 1;
out:
	for (int k = 0; k < 2; k++) {
		if (pid[k] <= 0)
			continue;
		kill(pid[k], SIGKILL);
		while (waitpid(pid[k], &st, __WALL) < 0 && errno == EINTR)
			;
	}
	return rc;
}
