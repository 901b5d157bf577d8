/*
 * Interrupt sources: host fds whose readiness wakes the kernel while it has
 * no guest code to wait for. The table is small and fixed.
 */
#include <host/host.h>
#include <umk/errno.h>
#include <umk/irq.h>
#include <umk/sched.h>

struct irq {
	int fd;
	bool enabled;
	void (*handler)(void *arg);
	void *arg;
};

static struct irq irqs[IRQ_MAX];
static int nr_irqs;

int irq_register(int host_fd, void (*handler)(void *arg), void *arg)
{
	if (nr_irqs == IRQ_MAX)
		return -ENOSPC;
	irqs[nr_irqs] = (struct irq){ .fd = host_fd, .handler = handler, .arg = arg };
	return nr_irqs++;
}

void irq_enable(int irq)
{
	if (irq >= 0 && irq < nr_irqs)
		irqs[irq].enabled = true;
}

void irq_disable(int irq)
{
	if (irq >= 0 && irq < nr_irqs)
		irqs[irq].enabled = false;
}

bool irq_any_enabled(void)
{
	for (int i = 0; i < nr_irqs; i++)
		if (irqs[i].enabled)
			return true;
	return false;
}

int irq_wait(int64_t deadline_ns)
{
	int fds[IRQ_MAX], map[IRQ_MAX];
	bool ready[IRQ_MAX];
	int n = 0, run = 0, r;
	int64_t timeout = -1;

	for (int i = 0; i < nr_irqs; i++) {
		if (irqs[i].enabled) {
			map[n] = i;
			fds[n++] = irqs[i].fd;
		}
	}
	if (deadline_ns >= 0) {
		timeout = deadline_ns - ktime_mono_ns();
		if (timeout < 0)
			timeout = 0;
	}
	r = host_poll_read(fds, n, ready, timeout);
	if (r <= 0)
		return 0;
	for (int i = 0; i < n; i++) {
		if (ready[i] && irqs[map[i]].enabled) {
			irqs[map[i]].handler(irqs[map[i]].arg);
			run++;
		}
	}
	return run;
}
