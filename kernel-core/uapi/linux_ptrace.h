/* The register file of an x86-64 thread, in struct user_regs_struct order. */
#ifndef UMK_UAPI_LINUX_PTRACE_H
#define UMK_UAPI_LINUX_PTRACE_H

#include <stdint.h>

struct linux_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10;
	uint64_t r9, r8, rax, rcx, rdx, rsi, rdi, orig_rax;
	uint64_t rip, cs, eflags, rsp, ss;
	uint64_t fs_base, gs_base, ds, es, fs, gs;
};

#endif
