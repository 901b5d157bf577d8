/*
 * Sleeping and waking.
 *
 * A syscall that must wait puts the current task on a wait queue and returns
 * sched_wait(&wq), which is -ERESTART_WAIT. The dispatcher then leaves the
 * task's host thread stopped. When wake_up(&wq) runs (from another syscall,
 * an interrupt handler, or a timer), every sleeper becomes runnable and its
 * syscall is executed again from the start with the same arguments; a
 * handler keeps whatever must survive the retry (a deadline, say) in
 * current->restart. A handler that finds it can complete just completes.
 */
#ifndef UMK_SCHED_H
#define UMK_SCHED_H

#include <umk/list.h>
#include <umk/types.h>

struct task;

struct waitq {
	struct list_head sleepers;	/* struct task.wait_node */
	struct list_head watchers;	/* struct wait_entry.node (epoll) */
};

#define WAITQ_INIT(name) { LIST_HEAD_INIT((name).sleepers), LIST_HEAD_INIT((name).watchers) }
static inline void waitq_init(struct waitq *wq)
{
	list_init(&wq->sleepers);
	list_init(&wq->watchers);
}

/*
 * A callback on a wait queue instead of a sleeping task (epoll watching a
 * file). fn gets the wake-up's key (LINUX_POLL* bits of what changed, 0:
 * unknown) and returns true if the wake-up meant something to it. Of the
 * exclusive entries (kept at the tail), a wake-up stops at the first one
 * that returns true (EPOLLEXCLUSIVE).
 */
struct wait_entry;
typedef bool (*wait_fn)(struct wait_entry *we, unsigned key);
struct wait_entry {
	struct list_head node;
	wait_fn fn;
	bool exclusive;
	bool queued;
};
void wait_entry_add(struct waitq *wq, struct wait_entry *we);
void wait_entry_del(struct wait_entry *we);

/*
 * Where poll and select sleep: every wake_up() of any queue wakes them too,
 * and they re-check their files. Simple and never misses a wake-up; fine
 * while sleepers are few.
 */
extern struct waitq poll_wq;

/* Put current on wq; returns -ERESTART_WAIT for the handler to return. */
long sched_wait(struct waitq *wq);

/* Same, plus a wake-up at the absolute monotonic time deadline_ns. */
long sched_wait_until(struct waitq *wq, int64_t deadline_ns);

/* Make every task sleeping on wq runnable, and call its watchers. */
void wake_up(struct waitq *wq);
/* The same, saying what changed (LINUX_POLL* bits) to the watchers. */
void wake_up_poll(struct waitq *wq, unsigned key);

/* Make one sleeping task runnable (removes it from whatever it sleeps on). */
void wake_up_task(struct task *t);

/* The trap loop's side: woken tasks and timers. */
struct task *sched_next_woken(void);
int64_t sched_next_deadline(void);	/* earliest timer, or -1 */
void sched_run_timers(int64_t now_ns);

/*
 * A guest struct timespec as nanoseconds: 0, -EFAULT, or -EINVAL for a
 * negative or unnormalized one (nanosleep(2)). Huge values are clamped.
 */
long timespec_from_user(uaddr_t uts, int64_t *ns);

/* Monotonic and real time in nanoseconds (guest clocks). */
int64_t ktime_mono_ns(void);
int64_t ktime_real_ns(void);

#endif
