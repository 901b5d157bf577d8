/* The ptrace CPU back end: set-up from main() before the kernel boots. */
#ifndef ARCH_PTRACE_CPU_H
#define ARCH_PTRACE_CPU_H

#include <umk/cpu.h>

/*
 * Prepare the back end: stub_path is the umk-stub executable, physmem_fd the
 * guest RAM memfd every stub maps from. Returns 0 or -errno.
 */
int ptrace_cpu_init(const char *stub_path, int physmem_fd);

/* Kill every host process umk started (exit paths). */
void ptrace_cpu_kill_all(void);

extern const struct cpu_ops ptrace_cpu_ops;

#endif
