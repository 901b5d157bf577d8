/*
 * Fast user-space mutexes (futex(2)): wait queues keyed by a guest word.
 *
 * A private futex (FUTEX_PRIVATE_FLAG) is named by (mm, address). A shared
 * one is named by what backs the word: the frame and the offset in it for
 * page-cache and MAP_SHARED pages, so processes sharing the page meet; an
 * anonymous page of a private mapping is named by (mm, address) again, but
 * never meets a private waiter, as on Linux.
 *
 * All functions run under the big kernel lock. Errors are Linux's:
 * -EINVAL for an unaligned word, -EFAULT for an address that cannot be
 * accessed (or, for a private futex, one outside the user address range).
 */
#ifndef UMK_FUTEX_H
#define UMK_FUTEX_H

#include <umk/types.h>

struct mm;
struct task;

/*
 * Wake up to nr waiters on uaddr in mm whose bitset shares a bit with
 * bitset (at least one, whatever nr: Linux's `++woken >= nr`). Does not use
 * current, so task exit may call it for clear_child_tid. Returns the number
 * woken, -EINVAL (bitset 0, unaligned) or -EFAULT.
 */
int futex_wake(struct mm *mm, uaddr_t uaddr, int nr, uint32_t bitset, bool private_);

/*
 * FUTEX_WAIT(_BITSET) for current: sleep while *uaddr == val, until a wake
 * whose bitset matches, the deadline, or a signal. deadline is NULL (no
 * timeout) or absolute ns on CLOCK_REALTIME (realtime) or CLOCK_MONOTONIC.
 * Returns -EAGAIN, -ETIMEDOUT, -EINVAL, -EFAULT, -ENOMEM, -ERESTARTSYS or
 * -ERESTART_RESTARTBLOCK (timed) on a signal, or -ERESTART_WAIT: the task
 * sleeps and the syscall, re-run, must call futex_wait_resume().
 */
long futex_wait(uaddr_t uaddr, bool private_, uint32_t val, const int64_t *deadline,
		bool realtime, uint32_t bitset);

/*
 * The re-run of a sleeping FUTEX_WAIT (current->restart_valid and
 * current->futex set): 0 if a wake chose it, -ETIMEDOUT, a restart code for
 * a signal, or -ERESTART_WAIT again after a spurious wake-up.
 */
long futex_wait_resume(void);

/*
 * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE (cmpval non-NULL: -EAGAIN unless
 * *uaddr1 == *cmpval): wake up to nr_wake waiters of uaddr1, move up to
 * nr_requeue others to uaddr2. Returns how many were woken or moved.
 */
long futex_requeue(uaddr_t uaddr1, bool private_, uaddr_t uaddr2, int nr_wake,
		   int nr_requeue, const uint32_t *cmpval);

/*
 * FUTEX_WAKE_OP: apply the encoded op to *uaddr2, wake up to nr_wake
 * waiters of uaddr1 and, if the op's comparison held for the old value, up
 * to nr_wake2 of uaddr2. Returns the total woken; -ENOSYS for an unknown op
 * or comparison (Linux writes the word before it checks the comparison).
 */
long futex_wake_op(uaddr_t uaddr1, bool private_, uaddr_t uaddr2, int nr_wake,
		   int nr_wake2, uint32_t op);

/*
 * t's thread ends (before its clear_child_tid): every futex on its robust
 * list (set_robust_list(2)) that t owns gets FUTEX_OWNER_DIED, and one
 * waiter is woken if FUTEX_WAITERS says there are some.
 */
void futex_robust_exit(struct task *t);

/* t is going away: take it off any futex queue. */
void futex_task_exit(struct task *t);

#endif
