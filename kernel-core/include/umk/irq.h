/*
 * Interrupts: host file descriptors whose readiness wakes the kernel.
 *
 * A driver registers a host fd with a handler. While the kernel has nothing
 * to run it waits on every enabled source and calls the handlers of the
 * ready ones. Handlers run in kernel context (no current task) and
 * typically wake_up() a wait queue.
 */
#ifndef UMK_IRQ_H
#define UMK_IRQ_H

#include <umk/types.h>

#define IRQ_MAX 32

/* Returns an irq number (>= 0) or -ENOSPC. The source starts disabled. */
int irq_register(int host_fd, void (*handler)(void *arg), void *arg);
void irq_enable(int irq);
void irq_disable(int irq);

/* Is any source enabled (someone waits for it)? */
bool irq_any_enabled(void);

/*
 * Wait for enabled sources or until deadline_ns (monotonic; < 0 forever)
 * and run the handlers of those that are ready. Returns the number run.
 */
int irq_wait(int64_t deadline_ns);

#endif
