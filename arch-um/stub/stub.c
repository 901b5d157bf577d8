/*
 * umk-stub: the host process behind one guest address space.
 *
 * umk starts it traced (PTRACE_TRACEME + execve) with the physmem memfd as
 * fd 3. It then: switches to its own stack, arranges to die with umk,
 * forbids privilege gain, unmaps everything else in the
 * address space (the host's stack and vDSO included), installs its seccomp
 * filter and stops at STUB_TRAP. From then on umk owns every thread.
 *
 * No libc: this runs before and beside guest code and must keep nothing
 * mapped but itself.
 */
#include <arch/stub.h>
#include <stddef.h>
#include <stdint.h>

#define NR_mmap 9
#define NR_mprotect 10
#define NR_munmap 11
#define NR_clone 56
#define NR_exit 60
#define NR_getppid 110
#define NR_prctl 157
#define NR_exit_group 231
#define NR_seccomp 317

#define PR_SET_PDEATHSIG 1
#define PR_SET_NO_NEW_PRIVS 38
#define SIGKILL 9
#define PROT_READ 1
#define MAP_SHARED 0x01
#define MAP_FIXED 0x10
#define SECCOMP_SET_MODE_FILTER 1
#define AUDIT_ARCH_X86_64 0xc000003eU
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#define SECCOMP_RET_ALLOW 0x7fff0000U

/* Classic BPF, as seccomp(2) takes it. */
struct sock_filter {
	uint16_t code;
	uint8_t jt;
	uint8_t jf;
	uint32_t k;
};
struct sock_fprog {
	unsigned short len;
	struct sock_filter *filter;
};
#define BPF_LD_W_ABS 0x20
#define BPF_JEQ_K 0x15
#define BPF_JGE_K 0x35
#define BPF_RET_K 0x06
#define STMT(c, k) { (c), 0, 0, (k) }
#define JUMP(c, k, t, f) { (c), (t), (f), (k) }

/* offsets in struct seccomp_data */
#define SD_NR 0
#define SD_ARCH 4
#define SD_IP_LO 8
#define SD_IP_HI 12
#define SD_ARG_LO(n) (16 + 8 * (n))
#define SD_ARG_HI(n) (20 + 8 * (n))

/*
 * mmap(control page, 4096, PROT_READ, MAP_SHARED | MAP_FIXED, fd 3, r9):
 * the control page at physmem offset r9, read-only; rax is its address or
 * -errno.
 */
#define MAP_CTL_PAGE \
	"	movabs $0x7fffff100000, %rdi\n" \
	"	mov $4096, %esi\n" \
	"	mov $1, %edx\n" \
	"	mov $0x11, %r10d\n" \
	"	mov $3, %r8d\n" \
	"	mov $9, %eax\n" \
	"	syscall\n"

/*
 * The fixed code at the start of the stub: the trap, then the batch runner.
 * The runner reads the control page and issues each op; it uses only
 * registers. On return to the trap rax is 0, or the failing result with
 * r14 the index of the failing op.
 */
__asm__(
	".section .text.trap,\"ax\"\n"
	".globl stub_trap\n"
	"stub_trap:\n"
	"	int3\n"
	"	ud2\n"
	"	.org 0x20\n"
	"stub_thread_exit:\n"
	"	mov $60, %eax\n"
	"	xor %edi, %edi\n"
	"	syscall\n"
	"	ud2\n"
	"	.org 0x40\n"
	"	jmp stub_batch\n"
	"	.org 0x48\n"
	/* STUB_MAP_CTL: map the control page at physmem offset r9, read-only */
	MAP_CTL_PAGE
	"	jmp stub_trap\n"
	"	.org 0x80\n"
	/*
	 * STUB_MAP_CTL_BATCH: the same mapping, then straight into the batch
	 * runner, so a new mm's first batch costs one stop, not two. A failed
	 * mmap traps with its -errno in rax.
	 */
	MAP_CTL_PAGE
	"	xor %r14d, %r14d\n"
	"	cmp %rdi, %rax\n"
	"	jne stub_trap\n"
	"	jmp stub_batch\n"
	"	.org 0xc0\n"
	"stub_batch:\n"
	"	movabs $" "0x7fffff100000" ", %rbx\n"
	"	mov (%rbx), %r12\n"
	"	cmp $127, %r12\n"
	"	ja 8f\n"
	"	lea 16(%rbx), %r13\n"
	"	xor %r14d, %r14d\n"
	"1:	cmp %r12, %r14\n"
	"	jae 7f\n"
	"	mov (%r13), %rax\n"
	"	mov %rax, %rdx\n"
	"	shr $8, %rdx\n"
	"	and $7, %edx\n"
	"	and $0xff, %eax\n"
	"	mov 8(%r13), %rdi\n"
	"	mov 16(%r13), %rsi\n"
	"	cmp $1, %eax\n"
	"	je 2f\n"
	"	cmp $2, %eax\n"
	"	je 3f\n"
	"	cmp $3, %eax\n"
	"	je 4f\n"
	"	cmp $4, %eax\n"
	"	je 6f\n"
	"	jmp 8f\n"
	"2:	mov $0x11, %r10d\n"		/* MAP_SHARED | MAP_FIXED */
	"	mov $3, %r8d\n"			/* STUB_PHYSMEM_FD */
	"	mov 24(%r13), %r9\n"
	"	mov $9, %eax\n"
	"	syscall\n"
	"	cmp %rdi, %rax\n"
	"	jne 9f\n"
	"	jmp 5f\n"
	"3:	mov $11, %eax\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jne 9f\n"
	"	jmp 5f\n"
	"4:	mov $10, %eax\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jne 9f\n"
	"	jmp 5f\n"
	"6:	mov $56, %eax\n"		/* clone(STUB_CLONE_FLAGS, 0, 0, 0, 0) */
	"	mov $0x50f00, %edi\n"
	"	xor %esi, %esi\n"
	"	xor %edx, %edx\n"
	"	xor %r10d, %r10d\n"
	"	xor %r8d, %r8d\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jz stub_trap\n"		/* the new thread: never runs this far */
	"	js 9f\n"
	"	mov %rax, %r15\n"		/* its tid, for umk */
	"5:	add $32, %r13\n"
	"	inc %r14\n"
	"	jmp 1b\n"
	"7:	xor %eax, %eax\n"
	"	jmp stub_trap\n"
	"8:	mov $-22, %rax\n"		/* -EINVAL: malformed batch */
	"9:	test %rax, %rax\n"
	"	jnz stub_trap\n"
	"	mov $-22, %rax\n"
	"	jmp stub_trap\n"
	".text\n");

static long sc6(long nr, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static _Noreturn void die(int code)
{
	for (;;)
		sc6(NR_exit_group, code, 0, 0, 0, 0, 0);
}

static struct sock_filter filter[] = {
	STMT(BPF_LD_W_ABS, SD_ARCH),
	JUMP(BPF_JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	/* only from the stub's code */
	STMT(BPF_LD_W_ABS, SD_IP_HI),
	JUMP(BPF_JEQ_K, (uint32_t)(STUB_START >> 32), 1, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	STMT(BPF_LD_W_ABS, SD_IP_LO),
	JUMP(BPF_JGE_K, (uint32_t)STUB_START, 1, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	JUMP(BPF_JGE_K, (uint32_t)STUB_CODE_END, 0, 1),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	/* only these calls */
	STMT(BPF_LD_W_ABS, SD_NR),
	JUMP(BPF_JEQ_K, NR_munmap, 17, 0),
	JUMP(BPF_JEQ_K, NR_mprotect, 16, 0),
	JUMP(BPF_JEQ_K, NR_exit, 15, 0),
	JUMP(BPF_JEQ_K, NR_clone, 2, 0),
	JUMP(BPF_JEQ_K, NR_mmap, 7, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	/* clone: exactly a thread of this process */
	STMT(BPF_LD_W_ABS, SD_ARG_LO(0)),
	JUMP(BPF_JEQ_K, STUB_CLONE_FLAGS, 1, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	STMT(BPF_LD_W_ABS, SD_ARG_HI(0)),
	JUMP(BPF_JEQ_K, 0, 7, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	/* mmap: of physmem, MAP_SHARED | MAP_FIXED only */
	STMT(BPF_LD_W_ABS, SD_ARG_LO(4)),
	JUMP(BPF_JEQ_K, STUB_PHYSMEM_FD, 1, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	STMT(BPF_LD_W_ABS, SD_ARG_LO(3)),
	JUMP(BPF_JEQ_K, MAP_SHARED | MAP_FIXED, 1, 0),
	STMT(BPF_RET_K, SECCOMP_RET_KILL_PROCESS),
	STMT(BPF_RET_K, SECCOMP_RET_ALLOW),
};

extern char stub_stack[];
_Noreturn void stub_main(long *sp);
_Noreturn void stub_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	struct sock_fprog prog = { sizeof(filter) / sizeof(filter[0]), filter };

	(void)argc;
	(void)argv;

	sc6(NR_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0, 0);
	if (sc6(NR_getppid, 0, 0, 0, 0, 0, 0) == 1)
		die(3);	/* umk died before we could notice */
	if (sc6(NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0) != 0)
		die(4);
	/* Everything but the stub goes: the host stack, vDSO, vvar. */
	if (sc6(NR_munmap, 0, STUB_START, 0, 0, 0, 0) != 0)
		die(6);
	if (sc6(NR_munmap, STUB_END, STUB_USER_TOP - STUB_END, 0, 0, 0, 0) != 0)
		die(7);
	if (sc6(NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&prog, 0, 0, 0) != 0)
		die(8);
	__asm__ volatile("jmp stub_trap");
	__builtin_unreachable();
}

char stub_stack[16384] __attribute__((aligned(16)));

__asm__(
	".text\n"
	".globl _start\n"
	"_start:\n"
	"	mov %rsp, %rdi\n"
	"	lea stub_stack+16384(%rip), %rsp\n"
	"	call stub_main\n"
	"	ud2\n");
