/*
 * A syscall fuzzer, run only under umk (never natively: it calls random
 * syscalls as root). The driver forks children one after another; each
 * makes a new session, points fds 0-2 at /dev/null, drops to uid/gid 65534
 * or stays root, and makes random syscalls (numbers 0..460, some past the
 * table, some x32 ones) with random and boundary arguments: 0, -1, small
 * ints, huge lengths, pointers into a scratch buffer, into read-only and
 * unmapped memory, non-canonical and kernel addresses, paths. It skips
 * only what would end or wreck the fuzzer itself: exit, exit_group, execve,
 * execveat, rt_sigreturn, vfork, pause, rt_sigsuspend, clone with CLONE_VM,
 * memory calls on its own text, data and stack (they get addresses in a
 * playground region or bad ones), signals to other processes or deadly
 * ones. A periodic SIGALRM interrupts blocking calls; a child that makes no
 * progress for a second is killed by the driver. A child that dies of a
 * signal is fine (it may have set a garbage handler); the next one goes on.
 * usage: fuzz_syscalls [CALLS [SECONDS [verbose [FIRST-SEED]]]]; at the end it
 * runs a command and prints "fuzz done".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PER_CHILD 2000
#define PLAY_SIZE (16UL << 20)
#define SCRATCH_SIZE (64 * 1024)

struct shared {
	volatile long calls;	/* made by all children */
	volatile long stayed_root;	/* children that could not drop root */
	volatile long cur_nr;	/* the call a child is in */
	volatile unsigned long cur_args[6];
};

static struct shared *sh;
static unsigned long seed;
static char *scratch, *play, *rodata;
static const char rotext[] = "/read/only/string";

static unsigned long rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static long raw6(long nr, unsigned long a, unsigned long b, unsigned long c,
		 unsigned long d, unsigned long e, unsigned long f)
{
	register long r10 __asm__("r10") = (long)d;
	register long r8 __asm__("r8") = (long)e;
	register long r9 __asm__("r9") = (long)f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static void raw_exit(int code)
{
	for (;;)
		raw6(SYS_exit_group, (unsigned long)code, 0, 0, 0, 0, 0);
}

static const char *paths[] = {
	"", ".", "..", "fz", "fz/x", "fz/x/y", "zz", "/nonexistent/x",
	"/proc/self/status", "/dev/zero", "fifo", "link",
};

static unsigned long bad_ptr(void)
{
	static const unsigned long bad[] = {
		0, 1, 0x1000, 0x10000000000UL, 0x7ffffffff000UL, 0x800000000000UL,
		0xffff800000000000UL, 0xffffffffffffffffUL, 0xfffffffffffff000UL,
	};
	return bad[rnd() % (sizeof(bad) / sizeof(bad[0]))];
}

static unsigned long arg(void)
{
	switch (rnd() % 16) {
	case 0: return 0;
	case 1: return (unsigned long)-1;
	case 2: case 3: return rnd() % 8;
	case 4: return rnd() % 1024;
	case 5: {
		static const unsigned long b[] = { 4096, 0x7fffffff, 0x80000000UL,
			0xffffffffUL, 1UL << 63, ~0UL >> 1, 1UL << 40, 0x100000000UL,
			(unsigned long)-100, (unsigned long)-4096 };
		return b[rnd() % (sizeof(b) / sizeof(b[0]))];
	}
	case 6: return rnd();
	case 7: return 1UL << (rnd() % 64);
	case 8: case 9: return (unsigned long)(scratch + (rnd() % SCRATCH_SIZE & ~7UL));
	case 10: return (unsigned long)(scratch + SCRATCH_SIZE - 1 - rnd() % 16);
	case 11: return rnd() & 1 ? (unsigned long)rodata : (unsigned long)rotext;
	case 12: return bad_ptr();
	case 13: return (unsigned long)(play + (rnd() % PLAY_SIZE & ~4095UL));
	case 14: return (unsigned long)paths[rnd() % (sizeof(paths) / sizeof(paths[0]))];
	default: return rnd() % 64;
	}
}

/* An address the memory calls may touch: the playground or a bad one. */
static unsigned long mm_addr(void)
{
	if (rnd() % 4 == 0)
		return bad_ptr();
	return (unsigned long)(play + ((rnd() % PLAY_SIZE) & ~(rnd() % 2 ? 4095UL : 0UL)));
}

/*
 * A length for a memory call at addr that cannot reach the fuzzer's own
 * memory: inside the playground, short below it, anything past 2^47.
 */
static unsigned long mm_len(unsigned long addr, unsigned long len)
{
	unsigned long p = (unsigned long)play;

	if (addr >= 0x800000000000UL)
		return len;
	if (addr >= p && addr < p + PLAY_SIZE)
		return rnd() % 8 == 0 ? (rnd() % 2 ? 0 : len) % (p + PLAY_SIZE - addr + 1)
				      : len % (p + PLAY_SIZE - addr + 1);
	return len % 65536;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void arm(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static const int harmless[] = { 0, SIGCHLD, SIGCONT, SIGURG, SIGWINCH, 65, -1, 200 };

/* One fuzz call; returns 0 if it was skipped. */
static int one_call(pid_t self)
{
	long nr;
	unsigned long a[6];
	long r;
	int i;

	switch (rnd() % 32) {
	case 0: nr = 461 + rnd() % 600; break;
	case 1: nr = rnd() % 2 ? (long)rnd() : 0x40000000L + (long)(rnd() % 548); break;
	default: nr = (long)(rnd() % 461);
	}
	for (i = 0; i < 6; i++)
		a[i] = arg();

	switch (nr) {
	case SYS_exit: case SYS_exit_group: case SYS_execve: case SYS_execveat:
	case SYS_rt_sigreturn: case SYS_vfork: case SYS_pause: case SYS_rt_sigsuspend:
		return 0;
	case SYS_clone:
		a[0] &= ~(unsigned long)(CLONE_VM | CLONE_VFORK | 0xff);
		a[0] |= rnd() % 2 ? SIGCHLD : 0;	/* not a deadly exit signal */
		break;
	case SYS_clone3:
		a[0] = bad_ptr();	/* a valid struct might ask for CLONE_VM */
		break;
	case SYS_kill: case SYS_tkill: case SYS_rt_sigqueueinfo:
		a[0] = rnd() % 2 ? 0 : (unsigned long)self;
		a[1] = (unsigned long)harmless[rnd() % 8];
		break;
	case SYS_tgkill: case SYS_rt_tgsigqueueinfo:
		a[0] = a[1] = (unsigned long)self;
		a[2] = (unsigned long)harmless[rnd() % 8];
		break;
	case SYS_pidfd_send_signal:
		return 0;
	case SYS_ptrace:
		a[1] = (unsigned long)self;
		break;
	case SYS_prlimit64: case SYS_process_vm_readv: case SYS_process_vm_writev:
	case SYS_sched_setaffinity: case SYS_sched_setscheduler: case SYS_sched_setparam:
	case SYS_sched_setattr: case SYS_setpgid: case SYS_pidfd_open: case SYS_kcmp:
	case SYS_move_pages: case SYS_migrate_pages: case SYS_process_madvise:
	case 448 /* process_mrelease */: case SYS_get_robust_list:
		a[0] = rnd() % 2 ? 0 : (unsigned long)self;
		break;
	case SYS_setpriority: case SYS_ioprio_set:
		a[1] = 0;
		break;
	case SYS_rt_sigaction:
		if ((int)a[0] == SIGALRM)
			return 0;
		break;
	case SYS_mmap:
		if (a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
			a[0] = mm_addr();
			a[1] = mm_len(a[0], a[1]);
		}
		if (a[3] & MAP_POPULATE)
			a[1] &= (64UL << 20) - 1;	/* not all the guest's RAM at once */
		break;
	case SYS_munmap: case SYS_mprotect: case SYS_madvise: case SYS_mlock:
	case SYS_munlock: case SYS_msync: case SYS_mincore: case SYS_remap_file_pages:
	case SYS_mbind: case SYS_pkey_mprotect: case SYS_shmdt: case SYS_mlock2:
		a[0] = mm_addr();
		a[1] = mm_len(a[0], a[1]);
		break;
	case SYS_mremap:
		a[0] = mm_addr();
		a[1] = mm_len(a[0], a[1]);
		a[4] = mm_addr();
		a[2] = mm_len(a[4], a[2]);
		break;
	case SYS_shmat:
		a[1] = mm_addr();
		break;
	case SYS_brk:
		break;
	case SYS_arch_prctl:
		break;	/* a garbage fs base is harmless: the loop does not use TLS */
	}

	sh->cur_nr = nr;
	for (i = 0; i < 6; i++)
		sh->cur_args[i] = a[i];
	r = raw6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if ((nr == SYS_fork || nr == SYS_clone) && r == 0)
		raw_exit(0);	/* a child: gone at once */
	sh->cur_nr = -1;
	__atomic_add_fetch(&sh->calls, 1, __ATOMIC_RELAXED);
	switch (nr) {
	case SYS_rt_sigaction: case SYS_rt_sigprocmask: case SYS_setitimer:
	case SYS_alarm: case SYS_timer_create: case SYS_timer_settime:
	case SYS_signalfd: case SYS_signalfd4:
		arm();
	}
	return 1;
}

static void child(int n)
{
	pid_t self;
	int fd, i;

	setsid();
	fd = open("/dev/null", O_RDWR);
	for (i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
	self = getpid();
	if (n % 2) {
		setgroups(0, NULL);
		if (setgid(65534) || setuid(65534))
			__atomic_add_fetch(&sh->stayed_root, 1, __ATOMIC_RELAXED);
	}
	play = mmap(NULL, PLAY_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rodata = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (play == MAP_FAILED || scratch == MAP_FAILED || rodata == MAP_FAILED)
		raw_exit(4);
	seed = 0x9e3779b97f4a7c15UL * (unsigned long)(n + 1);
	arm();
	for (i = 0; i < PER_CHILD; i++) {
		if (i % 64 == 0)
			for (int j = 0; j < SCRATCH_SIZE; j += 8)
				*(unsigned long *)(scratch + j) = j % 256 == 0 ? 0 : rnd() % 3 ? rnd() % 4096 : rnd();
		one_call(self);
	}
	raw_exit(0);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long target = argc > 1 ? atol(argv[1]) : 50000;
	double limit = argc > 2 ? atof(argv[2]) : 50, start = now();
	int n = argc > 4 ? atoi(argv[4]) : 0, signalled = 0, stuck = 0, status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 2;
	mkdir("/tmp", 0777);
	mkdir("/tmp/fuzz", 0777);
	chmod("/tmp/fuzz", 0777);
	if (chdir("/tmp/fuzz"))
		return 2;
	mkdir("fz", 0777);
	mkfifo("fifo", 0666);
	symlink("fz", "link");
	while (sh->calls < target && now() - start < limit) {
		long before;
		double last;
		pid_t pid = fork();

		if (pid < 0) {
			printf("fork failed\n");
			return 1;
		}
		if (pid == 0)
			child(n);
		if (argc > 3)
			fprintf(stderr, "child %d: %ld calls so far\n", n, sh->calls);
		before = sh->calls;
		last = now();
		for (;;) {
			pid_t w = waitpid(pid, &status, WNOHANG);
			struct timespec ts = { 0, 5000000 };

			if (w == pid)
				break;
			if (w < 0) {
				printf("waitpid failed\n");
				return 1;
			}
			if (sh->calls != before) {
				before = sh->calls;
				last = now();
			} else if (now() - last > 1.0) {
				fprintf(stderr, "child %d stuck in syscall %ld(%lx, %lx, %lx, %lx, %lx, %lx)\n",
					n, sh->cur_nr, sh->cur_args[0], sh->cur_args[1],
					sh->cur_args[2], sh->cur_args[3], sh->cur_args[4],
					sh->cur_args[5]);
				stuck++;
				kill(pid, SIGKILL);
				waitpid(pid, &status, 0);
				break;
			}
			nanosleep(&ts, NULL);
		}
		if (WIFSIGNALED(status)) {
			signalled++;
			fprintf(stderr, "child %d: signal %d after syscall %ld\n", n,
				WTERMSIG(status), sh->cur_nr);
		}
		n++;
		/* reap what the children's own forks left to init */
		while (waitpid(-1, &status, WNOHANG) > 0)
			;
	}
	fprintf(stderr, "%ld calls in %d children, %d killed by signals, %d stuck, "
		"%ld could not drop root, %.1f s\n",
		sh->calls, n, signalled, stuck, sh->stayed_root, now() - start);
	/* The system still serves: a new process runs a command. */
	pid_t p = fork();
	if (p == 0) {
		execl("/bin/busybox", "echo", "still", "serving", (char *)NULL);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &status, 0) != p || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	printf("fuzz done\n");
	return 0;
}
