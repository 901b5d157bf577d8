/*
 * The CPU back end in use, chosen by arch-um before kernel_main(). On its
 * own so that a unit test can provide its own back end.
 */
#include <umk/cpu.h>

const struct cpu_ops *cpu;
