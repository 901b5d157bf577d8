/* Fast user-space mutexes (futex(2)): what the rest of the kernel uses. */
#ifndef UMK_FUTEX_H
#define UMK_FUTEX_H

#include <umk/types.h>

struct mm;
struct task;

/* Wake up to nr waiters on uaddr in mm whose bitset matches. Returns the number woken. */
int futex_wake(struct mm *mm, uaddr_t uaddr, int nr, uint32_t bitset, bool private_);

/* t is going away: take it off any futex queue. */
void futex_task_exit(struct task *t);

#endif
