/*
 * The contract between umk and umk-stub, the program every guest address
 * space starts as.
 *
 * The stub occupies [STUB_START, STUB_END) at the top of the host's user
 * address space, above the guest's TASK_SIZE. Its code starts with a fixed
 * layout: the trap through which it hands control back to umk at
 * STUB_START, and the batch runner at STUB_BATCH. The control page at
 * STUB_DATA is a frame of physmem that umk writes through its own mapping
 * and the stub maps read-only, so guest code (which shares the host address
 * space) cannot change a batch. The batch runner keeps all of its state in
 * registers and writes no memory, so nothing guest code can write steers it.
 *
 * Guest code never runs outside PTRACE_SYSEMU; only the batch runner runs
 * under PTRACE_CONT. A seccomp filter lets host syscalls through only from
 * the stub's code and only mmap (of the physmem fd, fixed and shared),
 * munmap and mprotect.
 */
#ifndef ARCH_STUB_H
#define ARCH_STUB_H

#define STUB_START 0x7fffff000000ULL
#define STUB_TRAP STUB_START		/* int3: the stub stops for umk */
#define STUB_TRAP_RIP (STUB_START + 1)	/* rip reported after that trap */
#define STUB_THREAD_EXIT (STUB_START + 0x20)	/* exit(0) of the calling thread */
#define STUB_BATCH (STUB_START + 0x40)	/* entry of the batch runner */
#define STUB_MAP_CTL (STUB_START + 0x48)	/* map the control page at offset r9 */
#define STUB_MAP_CTL_BATCH (STUB_START + 0x80)	/* the same, then the batch runner */
#define STUB_CODE_END (STUB_START + 0x1000)	/* the filter allows syscalls only below */
#define STUB_DATA (STUB_START + 0x100000)
#define STUB_END (STUB_START + 0x200000)
#define STUB_USER_TOP 0x7ffffffff000ULL	/* end of x86-64 user space (4-level) */

#define STUB_PHYSMEM_FD 3
#define STUB_MAX_OPS 127

#define STUB_OP_MAP 1
#define STUB_OP_UNMAP 2
#define STUB_OP_PROTECT 3
#define STUB_OP_CLONE 4		/* a new host thread in this process; rax = its tid */

/* The only clone the stub makes: a thread sharing everything. */
#define STUB_CLONE_FLAGS 0x50f00	/* VM|FS|FILES|SIGHAND|THREAD|SYSVSEM */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct stub_op {
	uint64_t kind_prot;	/* kind | host PROT_* << 8 */
	uint64_t addr;
	uint64_t len;
	uint64_t offset;	/* physmem offset for STUB_OP_MAP */
};

struct stub_data {
	uint64_t count;		/* ops to run, at most STUB_MAX_OPS */
	uint64_t reserved;
	struct stub_op ops[STUB_MAX_OPS];
};

_Static_assert(sizeof(struct stub_data) <= 4096, "stub data page");
#endif

#endif
