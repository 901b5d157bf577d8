/*
 * Kernel messages and the oops path.
 *
 * printk() goes to the host's standard error. panic() is for kernel bugs:
 * it prints the message, a backtrace of umk, and the current task and
 * syscall, then halts the guest cleanly (every stub is killed).
 */
#include <stdarg.h>
#include <stdio.h>

#include <host/host.h>
#include <umk/kernel.h>
#include <umk/printk.h>
#include <umk/syscall.h>
#include <umk/task.h>

void vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	host_write_all(HOST_STDERR, buf, (size_t)MIN(n, (int)sizeof(buf) - 1));
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

_Noreturn void panic(const char *fmt, ...)
{
	static bool in_panic;
	va_list ap;

	if (in_panic)
		host_exit(125);
	in_panic = true;
	printk("umk: oops: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	host_backtrace();
	if (current) {
		uint64_t nr = current->sc_nr;

		printk("task: %d (%s), syscall %llu (%s)\n", current->tid, current->comm,
		       (unsigned long long)nr,
		       nr < NR_SYSCALLS && syscall_table[nr].name ? syscall_table[nr].name : "?");
	}
	kernel_halt(125);
}
