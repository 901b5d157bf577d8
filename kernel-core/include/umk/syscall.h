/*
 * The syscall table.
 *
 * sys/syscalls.def lists every x86-64 syscall once, in Linux's numbering:
 *   SYS(nr, name, status, args)  implemented by long sys_<name>(const uint64_t *a)
 *   NOSYS(nr, name, args)        answered -ENOSYS
 * status is FULL or PARTIAL. args is the --trace format, one letter per
 * argument:
 *   d int   u unsigned   x hex   o octal   p pointer   f dirfd (AT_FDCWD)
 *   s string   b buffer written by the guest (length is the next argument)
 *   B buffer filled by the kernel (length is the result)
 * Handlers return >= 0 or -errno. The dispatcher pre-sets -ENOSYS and never
 * lets a kernel-internal code (>= 512) reach the guest.
 */
#ifndef UMK_SYSCALL_H
#define UMK_SYSCALL_H

#include <umk/types.h>

struct task;

typedef long (*syscall_fn)(const uint64_t *a);

#define SYSCALL_DEFINE(name) long sys_##name(const uint64_t *a)

#define SYS(nr, name, status, args) SYSCALL_DEFINE(name);
#define NOSYS(nr, name, args)
#include "../../sys/syscalls.def"
#undef SYS
#undef NOSYS

#define NR_SYSCALLS 460

enum syscall_status { SC_NONE, SC_PARTIAL, SC_FULL };

struct syscall_desc {
	const char *name;
	const char *args;
	syscall_fn fn;
	enum syscall_status status;
};

extern const struct syscall_desc syscall_table[NR_SYSCALLS];

/* --trace: log syscalls on the host's standard error. */
extern bool syscall_trace;

/*
 * Run syscall nr with args for t (= current). Returns the value for the
 * guest's rax, or -ERESTART_WAIT when t went to sleep (the syscall is run
 * again on wake-up).
 */
long syscall_dispatch(struct task *t, uint64_t nr, const uint64_t *args);

/* Print the table with each entry's status (umk --list-syscalls). */
void syscall_list(void);

#endif
