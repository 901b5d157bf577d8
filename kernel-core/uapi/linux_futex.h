/* futex(2) operations and flags of the x86-64 Linux ABI. */
#ifndef UMK_UAPI_LINUX_FUTEX_H
#define UMK_UAPI_LINUX_FUTEX_H

#include <stdint.h>

#define LINUX_FUTEX_WAIT 0
#define LINUX_FUTEX_WAKE 1
#define LINUX_FUTEX_FD 2		/* removed in 2.6.26 */
#define LINUX_FUTEX_REQUEUE 3
#define LINUX_FUTEX_CMP_REQUEUE 4
#define LINUX_FUTEX_WAKE_OP 5
#define LINUX_FUTEX_LOCK_PI 6
#define LINUX_FUTEX_UNLOCK_PI 7
#define LINUX_FUTEX_TRYLOCK_PI 8
#define LINUX_FUTEX_WAIT_BITSET 9
#define LINUX_FUTEX_WAKE_BITSET 10
#define LINUX_FUTEX_WAIT_REQUEUE_PI 11
#define LINUX_FUTEX_CMP_REQUEUE_PI 12
#define LINUX_FUTEX_LOCK_PI2 13

#define LINUX_FUTEX_PRIVATE_FLAG 128
#define LINUX_FUTEX_CLOCK_REALTIME 256
#define LINUX_FUTEX_CMD_MASK (~(LINUX_FUTEX_PRIVATE_FLAG | LINUX_FUTEX_CLOCK_REALTIME))

#define LINUX_FUTEX_BITSET_MATCH_ANY 0xffffffffU

/* Robust futexes (set_robust_list(2)): the word's bits and the list head. */
#define LINUX_FUTEX_WAITERS 0x80000000U
#define LINUX_FUTEX_OWNER_DIED 0x40000000U
#define LINUX_FUTEX_TID_MASK 0x3fffffffU
#define LINUX_ROBUST_LIST_LIMIT 2048

struct linux_robust_list_head {
	uint64_t list;		/* the first entry; the head itself ends the list */
	int64_t futex_offset;	/* from an entry to its futex word */
	uint64_t list_op_pending;
};

/* FUTEX_WAKE_OP: the operation on *uaddr2 (bits 28-30; bit 31 shifts oparg) */
#define LINUX_FUTEX_OP_SET 0		/* uaddr2 = oparg */
#define LINUX_FUTEX_OP_ADD 1		/* uaddr2 += oparg */
#define LINUX_FUTEX_OP_OR 2		/* uaddr2 |= oparg */
#define LINUX_FUTEX_OP_ANDN 3		/* uaddr2 &= ~oparg */
#define LINUX_FUTEX_OP_XOR 4		/* uaddr2 ^= oparg */
#define LINUX_FUTEX_OP_OPARG_SHIFT 8	/* use (1 << oparg) as the operand */

/* ... and the comparison of its old value (bits 24-27) */
#define LINUX_FUTEX_OP_CMP_EQ 0
#define LINUX_FUTEX_OP_CMP_NE 1
#define LINUX_FUTEX_OP_CMP_LT 2
#define LINUX_FUTEX_OP_CMP_LE 3
#define LINUX_FUTEX_OP_CMP_GT 4
#define LINUX_FUTEX_OP_CMP_GE 5

#endif
