/*
 * Kernel messages and kernel-bug handling.
 *
 * printk() writes to the host's standard error. panic() and BUG_ON() are for
 * kernel bugs only: they print an oops (message, backtrace, current task and
 * syscall) and halt umk cleanly. A guest must never be able to reach them.
 */
#ifndef UMK_PRINTK_H
#define UMK_PRINTK_H

#include <stdarg.h>

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define BUG_ON(cond)                                                   \
	do {                                                           \
		if (__builtin_expect(!!(cond), 0))                     \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__,  \
			      #cond);                                  \
	} while (0)

#endif
