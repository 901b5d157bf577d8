/*
 * The stub and the ptrace CPU back end, on real host processes:
 * - a new address space holds nothing but the stub;
 * - batched host-mapping changes arrive, and a malformed batch is refused;
 * - guest syscalls, int 0x80 and faults come back as the right outcomes;
 * - a host syscall from outside the stub's code kills the process (seccomp),
 *   even if guest code somehow ran outside PTRACE_SYSEMU.
 */
#include <check.h>
#include <errno.h>
#include "../../kernel-core/test/unit.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arch/ptrace_cpu.h>
#include <arch/stub.h>
#include <host/host.h>
#include <umk/cpu.h>
#include <umk/pgtable.h>

const struct cpu_ops *cpu = &ptrace_cpu_ops;

#define MEM (16 << 20)
static int memfd;
static char *physmem;
static struct cpu_mm *mm;
static struct cpu_thread *th;

static void setup(void)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	int err;

	ck_assert_int_gt(n, 0);
	path[n] = 0;
	/* build/unit/test_stub -> build/umk-stub */
	strcpy(strrchr(path, '/'), "/../umk-stub");
	memfd = host_memfd_create("test-physmem", MEM);
	ck_assert_int_ge(memfd, 0);
	physmem = host_map_shared(memfd, MEM, &err);
	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(ptrace_cpu_init(path, memfd), 0);
	/* control page: frame 1 */
	ck_assert_int_eq(cpu->mm_create(&mm, &th, physmem + 4096, 4096), 0);
}

static void teardown(void)
{
	cpu->mm_destroy(mm);
}

static int stub_pid(void)
{
	/* the first thread's tid is the process id */
	struct linux_regs *r = cpu->regs(th);

	ck_assert_ptr_nonnull(r);
	return 0;
}

static int count_maps(int pid, int *outside)
{
	char path[64], line[512];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	*outside = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		n++;
		if (strstr(line, "[vsyscall]"))
			continue;
		if (lo < STUB_START || hi > STUB_END)
			(*outside)++;
	}
	fclose(f);
	return n;
}

/* The pid of the stub: the only child of ours that is traced and stopped. */
static int find_pid(void)
{
	struct host_map_op op = { .kind = HOST_MAP, .prot = PTE_R, .start = 0x10000,
				  .len = 4096, .offset = 8192 };
	char path[64], buf[8];
	int pid;

	/* Map a marker page and find the child whose memory shows it. */
	memcpy(physmem + 8192, "MARK", 4);
	ck_assert_int_eq(cpu->mm_apply(mm, NULL, &op, 1), 0);
	for (pid = getpid() + 1; pid < getpid() + 4096; pid++) {
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/mem", pid);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		if (pread(fd, buf, 4, 0x10000) == 4 && !memcmp(buf, "MARK", 4)) {
			close(fd);
			return pid;
		}
		close(fd);
	}
	ck_abort_msg("stub process not found");
	return -1;
}

START_TEST(test_only_stub_mapped)
{
	int outside, pid = find_pid();
	int n = count_maps(pid, &outside);

	stub_pid();
	/* stub code, stub data, the control page, the marker page we mapped */
	ck_assert_int_eq(outside, 1);
	ck_assert_int_le(n, 6);
}
END_TEST

START_TEST(test_batch_maps_and_unmaps)
{
	struct host_map_op ops[2] = {
		{ .kind = HOST_MAP, .prot = PTE_R | PTE_W, .start = 0x400000, .len = 3 * 4096,
		  .offset = 16 * 4096 },
		{ .kind = HOST_UNMAP, .start = 0x401000, .len = 4096 },
	};
	int pid = find_pid(), fd, outside;
	char path[64], buf[4];

	memcpy(physmem + 16 * 4096, "ABCD", 4);
	memcpy(physmem + 18 * 4096, "WXYZ", 4);
	ck_assert_int_eq(cpu->mm_apply(mm, NULL, ops, 2), 0);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, buf, 4, 0x400000), 4);
	ck_assert_int_eq(memcmp(buf, "ABCD", 4), 0);
	ck_assert_int_eq(pread(fd, buf, 4, 0x402000), 4);
	ck_assert_int_eq(memcmp(buf, "WXYZ", 4), 0);
	ck_assert_int_lt(pread(fd, buf, 4, 0x401000), 0);	/* unmapped */
	close(fd);
	count_maps(pid, &outside);
	ck_assert_int_eq(outside, 3);
}
END_TEST

START_TEST(test_bad_batch_refused)
{
	/* A mapping the host refuses (not page aligned) fails cleanly. */
	struct host_map_op op = { .kind = HOST_MAP, .prot = PTE_R, .start = 0x400123,
				  .len = 4096, .offset = 0 };

	ck_assert_int_lt(cpu->mm_apply(mm, NULL, &op, 1), 0);
}
END_TEST

/* The next outcome; -EAGAIN (a stop the back end kept for itself) means again. */
static int next_event(struct cpu_event *ev)
{
	int r;

	while ((r = cpu->wait(ev, true)) == -EAGAIN)
		;
	return r;
}

/* Put code in a page at 0x20000 and point the thread at it. */
static void load_code(const unsigned char *code, size_t len)
{
	struct host_map_op op = { .kind = HOST_MAP, .prot = PTE_R | PTE_X, .start = 0x20000,
				  .len = 4096, .offset = 32 * 4096 };
	struct linux_regs *r;

	memcpy(physmem + 32 * 4096, code, len);
	ck_assert_int_eq(cpu->mm_apply(mm, NULL, &op, 1), 0);
	r = cpu->regs(th);
	r->rip = 0x20000;
	cpu->regs_changed(th);
}

START_TEST(test_syscall_outcomes)
{
	/* getpid via syscall; int $0x80; then a load from address 8 */
	static const unsigned char code[] = {
		0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
		0x0f, 0x05,			/* syscall */
		0xb8, 20, 0, 0, 0,		/* mov $20, %eax */
		0xcd, 0x80,			/* int $0x80 */
		0x48, 0x8b, 0x04, 0x25, 8, 0, 0, 0,	/* mov 8, %rax */
	};
	struct cpu_event ev;

	load_code(code, sizeof(code));
	ck_assert_int_eq(cpu->resume(th), 0);
	ck_assert_int_eq(next_event(&ev), 0);
	ck_assert_int_eq(ev.kind, CPU_SYSCALL);
	ck_assert(!ev.compat);
	ck_assert_int_eq(ev.nr, 39);
	cpu->set_return(th, 1234);
	ck_assert_int_eq(cpu->resume(th), 0);
	ck_assert_int_eq(next_event(&ev), 0);
	/*
	 * A host with IA32 emulation stops int $0x80 as a compat syscall; one
	 * without it faults (#GP, SIGSEGV at address 0) before any stop. It
	 * must never look like a 64-bit syscall.
	 */
	if (ev.kind == CPU_FAULT) {
		struct linux_regs *r;

		ck_assert_int_eq(ev.signo, SIGSEGV);
		ck_assert_int_eq(ev.addr, 0);
		r = cpu->regs(th);
		ck_assert_int_eq(r->rip, 0x20000 + 12);
		r->rip += 2;	/* over the int $0x80 */
		cpu->regs_changed(th);
	} else {
		ck_assert_int_eq(ev.kind, CPU_SYSCALL);
		ck_assert(ev.compat);
	}
	ck_assert_int_eq(cpu->resume(th), 0);
	ck_assert_int_eq(next_event(&ev), 0);
	ck_assert_int_eq(ev.kind, CPU_FAULT);
	ck_assert_int_eq(ev.signo, SIGSEGV);
	ck_assert_int_eq(ev.addr, 8);
}
END_TEST

START_TEST(test_seccomp_kills_host_syscall)
{
	/* getpid from guest code run under PTRACE_CONT: the filter must kill */
	static const unsigned char code[] = { 0xb8, 39, 0, 0, 0, 0x0f, 0x05, 0xcc };
	int pid = find_pid(), status;

	load_code(code, sizeof(code));
	/* write the registers through the back end, then continue by hand */
	{
		struct user_regs_struct r;

		memcpy(&r, cpu->regs(th), sizeof(r));
		ck_assert_int_eq(ptrace(PTRACE_SETREGS, pid, 0, &r), 0);
	}
	ck_assert_int_eq(ptrace(PTRACE_CONT, pid, 0, 0), 0);
	ck_assert_int_eq(waitpid(pid, &status, __WALL), pid);
	if (WIFSTOPPED(status)) {
		/* SIGSYS is reported to the tracer first; let it act */
		ck_assert_int_eq(WSTOPSIG(status), SIGSYS);
		ptrace(PTRACE_CONT, pid, 0, SIGSYS);
		ck_assert_int_eq(waitpid(pid, &status, __WALL), pid);
	}
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGSYS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stub");
	TCase *tc = tcase_create("ptrace");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_only_stub_mapped);
	tcase_add_test(tc, test_batch_maps_and_unmaps);
	tcase_add_test(tc, test_bad_batch_refused);
	tcase_add_test(tc, test_syscall_outcomes);
	tcase_add_test(tc, test_seccomp_kills_host_syscall);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
