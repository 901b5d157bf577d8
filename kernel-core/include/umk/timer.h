/*
 * Kernel timers, and the per-process timers built on them.
 *
 * A ktimer is a deadline on the monotonic clock plus a callback. Armed
 * timers sit on one list sorted by deadline; the trap loop sleeps until
 * ktimer_next_deadline() (through sched_next_deadline) and then calls
 * ktimer_run(now), which runs every expired callback in deadline order.
 * A callback runs with no current task and may re-arm its own timer.
 *
 * Process timers (alarm, setitimer, timer_create) live in a struct
 * task_timers hung off the group leader and are shared by its threads.
 * Everything here is protected by the big kernel lock.
 */
#ifndef UMK_TIMER_H
#define UMK_TIMER_H

#include <umk/list.h>
#include <umk/types.h>

struct task;
struct ktimer;

typedef void (*ktimer_fn)(struct ktimer *kt, int64_t now_ns);

struct ktimer {
	struct list_head node;	/* on the armed list while queued */
	bool queued;
	int64_t deadline;	/* monotonic ns */
	ktimer_fn fn;
	void *arg;		/* for the callback */
};

/* Prepare a timer (not armed). */
void ktimer_init(struct ktimer *kt, ktimer_fn fn, void *arg);
/* Arm kt at the monotonic time deadline_ns, re-arming it if queued. */
void ktimer_add(struct ktimer *kt, int64_t deadline_ns);
/* Disarm kt; a no-op when it is not armed. */
void ktimer_del(struct ktimer *kt);
/* The earliest armed deadline, or -1 when none is armed. */
int64_t ktimer_next_deadline(void);
/* Run the callbacks of every timer whose deadline is <= now_ns. */
void ktimer_run(int64_t now_ns);

/*
 * Process timers (kern/timer.c). t may be any thread of the process; the
 * state belongs to its group leader. Itimer values are in ns.
 */
enum { ITIMER_REAL_, ITIMER_VIRTUAL_, ITIMER_PROF_, NR_ITIMERS };

/* Read timer `which`: remaining value and interval. 0 or -EINVAL. */
int itimer_get(struct task *t, int which, int64_t *value, int64_t *interval);
/* Set timer `which` (value 0 disarms), returning the old one. 0 or -errno. */
int itimer_set(struct task *t, int which, int64_t value, int64_t interval,
	       int64_t *old_value, int64_t *old_interval);

/* What timer_create asks for (already validated by the caller). */
struct ptimer_spec {
	int clock;		/* LINUX_CLOCK_REALTIME, _MONOTONIC or _BOOTTIME */
	int notify;		/* LINUX_SIGEV_* */
	int signo;
	int target_tid;		/* SIGEV_THREAD_ID: the thread signalled */
	uint64_t value;		/* sigev_value, handed back in si_value */
	bool value_is_id;	/* no sigevent given: si_value is the timer id */
};

/* Create a POSIX timer; returns its id (>= 0) or -errno. */
int ptimer_create(struct task *t, const struct ptimer_spec *spec);
/* Delete timer id: 0 or -EINVAL. */
int ptimer_delete(struct task *t, int id);
/*
 * Arm timer id (value 0 disarms). abs: value is an absolute time on the
 * timer's clock. The old remaining time and interval are returned.
 */
int ptimer_set(struct task *t, int id, bool abs, int64_t value, int64_t interval,
	       int64_t *old_value, int64_t *old_interval);
int ptimer_get(struct task *t, int id, int64_t *value, int64_t *interval);
/* Overrun count of the last expiry signalled: >= 0 or -EINVAL. */
int ptimer_getoverrun(struct task *t, int id);

/* Process exit: every timer of t's process goes. */
void timers_exit(struct task *t);
/* execve: POSIX timers go; alarm and itimers stay (execve(2)). */
void timers_exec(struct task *t);

#endif
