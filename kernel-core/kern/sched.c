/*
 * Sleeping, waking and timers.
 *
 * A sleeping task's host thread stays stopped at its syscall. Waking it
 * moves it to the woken list; the trap loop re-runs its syscall from there.
 * Timed sleeps sit on a list sorted by deadline that the trap loop consults
 * when it waits for events.
 *
 * Protected by the big kernel lock.
 */
#include <host/host.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/timer.h>

struct waitq poll_wq = WAITQ_INIT(poll_wq);
static LIST_HEAD(woken);
static LIST_HEAD(timers);

long sched_wait(struct waitq *wq)
{
	struct task *t = current;

	/* A signal interrupts the sleep before it starts. */
	if (signal_pending(t))
		return -ERESTARTSYS;
	t->state = TASK_SLEEPING;
	if (wq) {
		list_add_tail(&t->wait_node, &wq->sleepers);
		t->waiting_on = wq;
	}
	return -ERESTART_WAIT;
}

long sched_wait_until(struct waitq *wq, int64_t deadline_ns)
{
	struct task *t = current, *pos;
	long ret = sched_wait(wq);

	if (ret != -ERESTART_WAIT)
		return ret;
	t->wake_deadline = deadline_ns;
	list_for_each_entry(pos, &timers, timer_node) {
		if (pos->wake_deadline > deadline_ns)
			break;
	}
	list_add_tail(&t->timer_node, &pos->timer_node);
	return ret;
}

void wake_up_task(struct task *t)
{
	if (t->state != TASK_SLEEPING)
		return;
	list_del(&t->wait_node);
	list_del(&t->timer_node);
	t->waiting_on = NULL;
	t->wake_deadline = -1;
	t->state = TASK_RUNNING;
	t->restart_valid = true;
	list_add_tail(&t->run_node, &woken);
}

void wait_entry_add(struct waitq *wq, struct wait_entry *we)
{
	if (!wq->watchers.next)
		list_init(&wq->watchers);
	if (we->exclusive)
		list_add_tail(&we->node, &wq->watchers);
	else
		list_add(&we->node, &wq->watchers);
	we->queued = true;
}

void wait_entry_del(struct wait_entry *we)
{
	if (!we->queued)
		return;
	list_del(&we->node);
	we->queued = false;
}

void wake_up(struct waitq *wq)
{
	wake_up_poll(wq, 0);
}

void wake_up_poll(struct waitq *wq, unsigned key)
{
	struct wait_entry *we, *tmp;

	while (!list_empty(&wq->sleepers))
		wake_up_task(list_first_entry(&wq->sleepers, struct task, wait_node));
	/* A callback may remove its own entry, never another one. */
	if (wq->watchers.next) {
		list_for_each_entry_safe(we, tmp, &wq->watchers, node) {
			if (we->fn(we, key) && we->exclusive)
				break;
		}
	}
	/* Pollers re-check every file they watch on any wake-up. */
	while (!list_empty(&poll_wq.sleepers))
		wake_up_task(list_first_entry(&poll_wq.sleepers, struct task, wait_node));
}

struct task *sched_next_woken(void)
{
	struct task *t;

	if (list_empty(&woken))
		return NULL;
	t = list_first_entry(&woken, struct task, run_node);
	list_del(&t->run_node);
	return t;
}

int64_t sched_next_deadline(void)
{
	/* The earlier of the first timed sleep and the first kernel timer. */
	int64_t k = ktimer_next_deadline(), s;

	if (list_empty(&timers))
		return k;
	s = list_first_entry(&timers, struct task, timer_node)->wake_deadline;
	return k >= 0 && k < s ? k : s;
}

void sched_run_timers(int64_t now_ns)
{
	while (!list_empty(&timers)) {
		struct task *t = list_first_entry(&timers, struct task, timer_node);

		if (t->wake_deadline > now_ns)
			break;
		wake_up_task(t);
	}
	/* Kernel timers (alarm, itimers, POSIX timers: kern/timer.c). */
	ktimer_run(now_ns);
}

int64_t ktime_mono_ns(void)
{
	static int64_t last;
	int64_t now = host_time_mono_ns();

	/* Guest monotonic time never goes backwards. */
	if (now < last)
		now = last;
	last = now;
	return now;
}

int64_t ktime_real_ns(void)
{
	return host_time_real_ns();
}
