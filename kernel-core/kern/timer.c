/*
 * Kernel timers and process timers.
 *
 * The armed ktimers form one list sorted by deadline (monotonic ns); the
 * trap loop runs the expired ones (ktimer_run). On top of them sit the
 * timers of a process: ITIMER_REAL (alarm, setitimer), the stored but never
 * firing ITIMER_VIRTUAL and ITIMER_PROF (no CPU-time accounting yet), and
 * POSIX timers (timer_create). They hang off the group leader in a struct
 * task_timers allocated on first use, and name their process by tgid, so a
 * callback finds its target with task_find.
 *
 * Every timer counts on the monotonic clock: a CLOCK_REALTIME deadline is
 * converted when it is set, and umk never steps the real-time clock.
 *
 * Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/timer.h>
#include <uapi/linux_signal.h>
#include <uapi/linux_time.h>

/* --- the kernel timer list ------------------------------------------------ */

static LIST_HEAD(armed);

void ktimer_init(struct ktimer *kt, ktimer_fn fn, void *arg)
{
	memset(kt, 0, sizeof(*kt));
	list_init(&kt->node);
	kt->fn = fn;
	kt->arg = arg;
}

void ktimer_add(struct ktimer *kt, int64_t deadline_ns)
{
	struct ktimer *pos;

	ktimer_del(kt);
	kt->deadline = deadline_ns;
	/* After every timer due no later: equal deadlines run in arming order. */
	list_for_each_entry(pos, &armed, node) {
		if (pos->deadline > deadline_ns)
			break;
	}
	list_add_tail(&kt->node, &pos->node);
	kt->queued = true;
}

void ktimer_del(struct ktimer *kt)
{
	if (!kt->queued)
		return;
	list_del(&kt->node);
	kt->queued = false;
}

int64_t ktimer_next_deadline(void)
{
	if (list_empty(&armed))
		return -1;
	return list_first_entry(&armed, struct ktimer, node)->deadline;
}

void ktimer_run(int64_t now_ns)
{
	while (!list_empty(&armed)) {
		struct ktimer *kt = list_first_entry(&armed, struct ktimer, node);

		if (kt->deadline > now_ns)
			break;
		ktimer_del(kt);
		kt->fn(kt, now_ns);	/* may re-arm kt */
	}
}

/* --- per-process state ---------------------------------------------------- */

#define MAX_PTIMERS 4096

struct ptimer {
	struct list_head node;	/* task_timers.posix */
	struct task_timers *owner;
	int id;
	struct ptimer_spec spec;
	struct ktimer kt;
	bool armed;
	int64_t deadline;	/* monotonic ns, while armed */
	int64_t interval;
	int overrun_last;	/* timer_getoverrun */
};

struct task_timers {
	int tgid;
	struct ktimer real;	/* ITIMER_REAL: alarm, setitimer */
	int64_t real_interval;
	int64_t cpu_value[NR_ITIMERS], cpu_interval[NR_ITIMERS];	/* never fire */
	struct list_head posix;	/* struct ptimer.node, by id */
	int nr_posix;
	int next_id;
};

static struct task *leader_of(struct task *t)
{
	struct task *l = t->tid == t->tgid ? t : task_find(t->tgid);

	return l ? l : t;
}

static void real_fire(struct ktimer *kt, int64_t now);

/* The timers of t's process, allocated if create; NULL if none (or ENOMEM). */
static struct task_timers *timers_of(struct task *t, bool create)
{
	struct task *l = leader_of(t);
	struct task_timers *tt = l->timers;

	if (tt || !create)
		return tt;
	tt = calloc(1, sizeof(*tt));
	if (!tt)
		return NULL;
	tt->tgid = l->tgid;
	ktimer_init(&tt->real, real_fire, tt);
	list_init(&tt->posix);
	l->timers = tt;
	return tt;
}

/* The next deadline of a periodic timer after now, and the periods skipped. */
static int64_t forward(int64_t deadline, int64_t interval, int64_t now, int64_t *missed)
{
	int64_t n = 0;

	if (deadline <= now)
		n = (now - deadline) / interval + 1;
	*missed = n > 0 ? n - 1 : 0;
	return deadline + n * interval;
}

static void real_fire(struct ktimer *kt, int64_t now)
{
	struct task_timers *tt = kt->arg;
	struct task *t = task_find(tt->tgid);
	struct linux_siginfo info;
	int64_t missed;

	if (tt->real_interval)
		ktimer_add(kt, forward(kt->deadline, tt->real_interval, now, &missed));
	if (!t)
		return;
	/* The itimer signal is sent as the kernel's own (SI_KERNEL). */
	memset(&info, 0, sizeof(info));
	info.si_signo = LINUX_SIGALRM;
	info.si_code = LINUX_SI_KERNEL;
	send_signal_info(t, LINUX_SIGALRM, &info);
}

int itimer_get(struct task *t, int which, int64_t *value, int64_t *interval)
{
	struct task_timers *tt = timers_of(t, false);

	if (which < 0 || which >= NR_ITIMERS)
		return -EINVAL;
	*value = *interval = 0;
	if (!tt)
		return 0;
	if (which != ITIMER_REAL_) {
		*value = tt->cpu_value[which];
		*interval = tt->cpu_interval[which];
		return 0;
	}
	if (tt->real.queued) {
		*value = tt->real.deadline - ktime_mono_ns();
		/* An armed timer never reads as 0 (that means disarmed). */
		if (*value < 1000)
			*value = 1000;
	}
	*interval = tt->real_interval;
	return 0;
}

int itimer_set(struct task *t, int which, int64_t value, int64_t interval,
	       int64_t *old_value, int64_t *old_interval)
{
	struct task_timers *tt;
	int err = itimer_get(t, which, old_value, old_interval);

	if (err)
		return err;
	tt = timers_of(t, value || interval);
	if (!tt)
		return value || interval ? -ENOMEM : 0;
	if (which != ITIMER_REAL_) {
		tt->cpu_value[which] = value;
		tt->cpu_interval[which] = interval;
		return 0;
	}
	ktimer_del(&tt->real);
	tt->real_interval = value ? interval : 0;
	if (value)
		ktimer_add(&tt->real, ktime_mono_ns() + value);
	return 0;
}

/* --- POSIX timers --------------------------------------------------------- */

static struct ptimer *ptimer_find(struct task_timers *tt, int id)
{
	struct ptimer *p;

	if (!tt)
		return NULL;
	list_for_each_entry(p, &tt->posix, node)
		if (p->id == id)
			return p;
	return NULL;
}

/* The thread a timer signals: the one named, or the process (its leader). */
static struct task *ptimer_target(struct ptimer *p)
{
	struct task *t;

	if (p->spec.notify == (LINUX_SIGEV_SIGNAL | LINUX_SIGEV_THREAD_ID)) {
		t = task_find(p->spec.target_tid);
		if (t && t->tgid == p->owner->tgid)
			return t;
	}
	return task_find(p->owner->tgid);
}

static void ptimer_fire(struct ktimer *kt, int64_t now)
{
	struct ptimer *p = kt->arg;
	struct task *t = ptimer_target(p);
	struct linux_siginfo *pending, info;
	int64_t missed = 0;
	int sig = p->spec.signo;

	if (p->interval)
		ktimer_add(kt, p->deadline = forward(p->deadline, p->interval, now, &missed));
	else
		p->armed = false;
	if (!t)
		return;
	/*
	 * Still pending from an earlier expiry: count an overrun instead of
	 * queueing again (timer_getoverrun(2)).
	 */
	pending = signal_find_timer(t, sig, p->id);
	if (pending) {
		int64_t n = (int64_t)pending->timer.overrun + 1 + missed;

		pending->timer.overrun = n > INT32_MAX ? INT32_MAX : (int32_t)n;
		p->overrun_last = pending->timer.overrun;
		return;
	}
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = LINUX_SI_TIMER;
	info.timer.tid = p->id;
	info.timer.overrun = missed > INT32_MAX ? INT32_MAX : (int32_t)missed;
	info.timer.value = p->spec.value_is_id ? (uint64_t)p->id : p->spec.value;
	p->overrun_last = info.timer.overrun;
	if (p->spec.notify == (LINUX_SIGEV_SIGNAL | LINUX_SIGEV_THREAD_ID))
		send_thread_signal_info(t, sig, &info);
	else
		send_signal_info(t, sig, &info);
}

int ptimer_create(struct task *t, const struct ptimer_spec *spec)
{
	struct task_timers *tt = timers_of(t, true);
	struct ptimer *p, *pos;

	if (!tt)
		return -ENOMEM;
	if (tt->nr_posix >= MAX_PTIMERS)
		return -EAGAIN;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	/* Ids count up from 0 per process, skipping ones still in use. */
	while (ptimer_find(tt, tt->next_id))
		tt->next_id = tt->next_id == INT32_MAX ? 0 : tt->next_id + 1;
	p->id = tt->next_id;
	tt->next_id = tt->next_id == INT32_MAX ? 0 : tt->next_id + 1;
	p->owner = tt;
	p->spec = *spec;
	ktimer_init(&p->kt, ptimer_fire, p);
	list_for_each_entry(pos, &tt->posix, node)
		if (pos->id > p->id)
			break;
	list_add_tail(&p->node, &pos->node);
	tt->nr_posix++;
	return p->id;
}

static void ptimer_free(struct ptimer *p)
{
	ktimer_del(&p->kt);
	list_del(&p->node);
	p->owner->nr_posix--;
	free(p);
}

int ptimer_delete(struct task *t, int id)
{
	struct ptimer *p = ptimer_find(timers_of(t, false), id);

	if (!p)
		return -EINVAL;
	ptimer_free(p);
	return 0;
}

/* Remaining time of p now; SIGEV_NONE timers are only advanced when read. */
static void ptimer_read(struct ptimer *p, int64_t *value, int64_t *interval)
{
	int64_t now = ktime_mono_ns(), missed;

	*interval = p->interval;
	*value = 0;
	if (!p->armed)
		return;
	if (p->spec.notify == LINUX_SIGEV_NONE && p->deadline <= now) {
		if (!p->interval) {
			p->armed = false;
			return;
		}
		p->deadline = forward(p->deadline, p->interval, now, &missed);
	}
	*value = p->deadline - now;
	/* Expired, its expiry not yet handled: still reads as armed. */
	if (*value <= 0)
		*value = 1;
}

int ptimer_get(struct task *t, int id, int64_t *value, int64_t *interval)
{
	struct ptimer *p = ptimer_find(timers_of(t, false), id);

	if (!p)
		return -EINVAL;
	ptimer_read(p, value, interval);
	return 0;
}

int ptimer_set(struct task *t, int id, bool abs, int64_t value, int64_t interval,
	       int64_t *old_value, int64_t *old_interval)
{
	struct ptimer *p = ptimer_find(timers_of(t, false), id);
	int64_t now = ktime_mono_ns();

	if (!p)
		return -EINVAL;
	ptimer_read(p, old_value, old_interval);
	ktimer_del(&p->kt);
	p->armed = false;
	p->interval = 0;
	p->overrun_last = 0;
	if (!value)
		return 0;
	if (abs && p->spec.clock == LINUX_CLOCK_REALTIME)
		value += now - ktime_real_ns();
	else if (!abs)
		value += now;
	p->deadline = value;
	p->interval = interval;
	p->armed = true;
	if (p->spec.notify != LINUX_SIGEV_NONE)
		ktimer_add(&p->kt, value);
	return 0;
}

int ptimer_getoverrun(struct task *t, int id)
{
	struct ptimer *p = ptimer_find(timers_of(t, false), id);

	return p ? p->overrun_last : -EINVAL;
}

/* --- process life --------------------------------------------------------- */

void timers_exec(struct task *t)
{
	struct task_timers *tt = timers_of(t, false);

	while (tt && !list_empty(&tt->posix))
		ptimer_free(list_first_entry(&tt->posix, struct ptimer, node));
}

void timers_exit(struct task *t)
{
	struct task *l = leader_of(t);
	struct task_timers *tt = l->timers;

	if (!tt)
		return;
	timers_exec(l);
	ktimer_del(&tt->real);
	free(tt);
	l->timers = NULL;
}
