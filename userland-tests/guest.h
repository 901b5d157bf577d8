/*
 * guest.h: the few helpers every guest test shares.
 *
 * A guest test is one static program testing one behaviour. It runs natively
 * and under umk, and the runner (run.sh) demands identical stdout and exit
 * status, so a test prints only facts that are the same on any correct
 * kernel: never pids, addresses, times, inode numbers or fd numbers that
 * depend on what the runner left open.
 *
 * Include this header first (it sets _GNU_SOURCE). Pattern:
 *
 *	int main(void)
 *	{
 *		CHECK(write(-1, "", 0) == -1);
 *		CHECK_ERR(close(-1), EBADF);
 *		return report();
 *	}
 *
 * A failed check prints "FAIL file:line: expr (errno N NAME)" and the test
 * goes on; report() prints "ok" and returns 0, or returns 1 after any failure.
 * Scratch files go in the current directory (a fresh temp dir natively, / in
 * the guest) under a name unique to the test, and are removed at the end.
 */
#ifndef UMK_GUEST_H
#define UMK_GUEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static int guest_failures;
static int guest_checks;

/* Line-buffer stdout so whatever ran before a crash is still seen. */
__attribute__((constructor)) static void guest_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

__attribute__((unused)) static void guest_fail(const char *file, int line,
					       const char *expr, int err,
					       const char *fmt, ...)
{
	va_list ap;

	guest_failures++;
	printf("FAIL %s:%d: %s (errno %d %s)", file, line, expr, err,
	       strerror(err));
	if (fmt) {
		va_start(ap, fmt);
		printf(": ");
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
}

/*
 * CHECK(cond): cond must be true. errno is left alone, so cond may test the
 * errno of the call before it: CHECK(p == MAP_FAILED && errno == EINVAL).
 */
#define CHECK(cond)                                                        \
	do {                                                               \
		guest_checks++;                                            \
		if (!(cond))                                               \
			guest_fail(__FILE__, __LINE__, #cond, errno, NULL); \
	} while (0)

/*
 * CHECK_EQ(a, b): two integers (or pointers cast to integers) must be equal;
 * on failure both values are printed. errno is cleared first, so a and b
 * must not read it.
 */
#define CHECK_EQ(a, b)                                                     \
	do {                                                               \
		long long a_, b_;                                          \
		guest_checks++;                                            \
		errno = 0;                                                 \
		a_ = (long long)(a);                                       \
		b_ = (long long)(b);                                       \
		if (a_ != b_)                                              \
			guest_fail(__FILE__, __LINE__, #a " == " #b, errno, \
				   "%lld != %lld", a_, b_);                \
	} while (0)

/* CHECK_STR(a, b): two strings must be equal. */
#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *a_ = (a), *b_ = (b);                           \
		guest_checks++;                                            \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                     \
			guest_fail(__FILE__, __LINE__, #a " == " #b, 0,    \
				   "\"%s\" != \"%s\"", a_ ? a_ : "(null)", \
				   b_ ? b_ : "(null)");                    \
	} while (0)

/*
 * CHECK_ERR(call, err): call must fail with -1 and errno err. Works for libc
 * wrappers and for syscall(); the value returned is printed on failure.
 */
#define CHECK_ERR(call, err)                                               \
	do {                                                               \
		long r_;                                                   \
		guest_checks++;                                            \
		errno = 0;                                                 \
		r_ = (long)(call);                                         \
		if (r_ != -1 || errno != (err))                            \
			guest_fail(__FILE__, __LINE__, #call, errno,       \
				   "returned %ld, wanted -1 errno %d (%s)", \
				   r_, (err), strerror(err));              \
	} while (0)

/* CHECK_OK(call): call must return >= 0 (syscall success). */
#define CHECK_OK(call)                                                     \
	do {                                                               \
		long r_;                                                   \
		guest_checks++;                                            \
		errno = 0;                                                 \
		r_ = (long)(call);                                         \
		if (r_ < 0)                                                \
			guest_fail(__FILE__, __LINE__, #call, errno,       \
				   "returned %ld", r_);                    \
	} while (0)

/*
 * MUST(call): setup that is not the behaviour under test. If it fails the
 * test cannot mean anything, so it stops with status 2.
 */
#define MUST(call)                                                         \
	({                                                                 \
		long r_;                                                   \
		errno = 0;                                                 \
		r_ = (long)(call);                                         \
		if (r_ < 0) {                                              \
			guest_fail(__FILE__, __LINE__, #call, errno,       \
				   "setup failed");                        \
			fflush(stdout);                                    \
			_exit(2);                                          \
		}                                                          \
		r_;                                                        \
	})

/* report(): the last word of main, `return report();`. */
__attribute__((unused)) static int report(void)
{
	if (guest_failures) {
		printf("FAILED %d of %d checks\n", guest_failures, guest_checks);
		fflush(stdout);
		return 1;
	}
	printf("ok %d checks\n", guest_checks);
	fflush(stdout);
	return 0;
}

#endif
