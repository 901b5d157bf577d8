/*
 * Signals: queues, sending, permission, and stop/continue (man 7 signal).
 *
 * Each thread has a pending queue of its own and its process has one
 * more (struct signal_struct, shared by the threads). A standard signal is
 * pending at most once per queue; real-time ones queue with their siginfo,
 * in order, up to RLIMIT_SIGPENDING. A process-directed signal wakes (or
 * kicks) one thread that does not block it; if every thread blocks it, it
 * waits on the process until one unblocks it.
 *
 * A stop is a group stop: the thread that takes the stop signal stops
 * and marks the others, which stop as they next pass through delivery
 * (kern/sigframe.c); the last tells the parent. SIGCONT, when sent,
 * discards pending stops and lets every thread go on.
 *
 * Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/task.h>
#include <umk/timerfd.h>

/* --- queues ----------------------------------------------------------------- */

void sigpending_init(struct sigpending *p)
{
	p->set = 0;
	list_init(&p->list);
}

struct signal_struct *signal_struct_alloc(void)
{
	struct signal_struct *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->refcount = 1;
	sigpending_init(&s->shared);
	return s;
}

void signal_struct_put(struct signal_struct *s)
{
	struct sigqueue *q, *tmp;

	if (!s || --s->refcount > 0)
		return;
	list_for_each_entry_safe(q, tmp, &s->shared.list, node)
		free(q);
	free(s);
}

/* Drop the queued signals of p that are in mask. */
static void flush_mask(struct task *t, struct sigpending *p, linux_sigset_t mask)
{
	struct sigqueue *q, *tmp;

	if (!(p->set & mask))
		return;
	list_for_each_entry_safe(q, tmp, &p->list, node) {
		if (!(SIGBIT(q->info.si_signo) & mask))
			continue;
		list_del(&q->node);
		free(q);
		t->signal->nr_queued--;
	}
	p->set &= ~mask;
}

void sigpending_flush(struct task *t, struct sigpending *p)
{
	flush_mask(t, p, ~0ULL);
}

/* Drop mask from every queue of t's process. */
static void flush_group(struct task *t, linux_sigset_t mask)
{
	flush_mask(t, &t->signal->shared, mask);
	for (struct task *u = task_first(); u; u = task_next(u))
		if (u->tgid == t->tgid)
			flush_mask(u, &u->pending, mask);
}

void signal_discard(struct task *t, int sig)
{
	flush_group(t, SIGBIT(sig));
}

static int queue_signal(struct task *t, struct sigpending *p, int sig,
			const struct linux_siginfo *info)
{
	bool legacy = sig < LINUX_SIGRTMIN;
	/* kill() and the kernel's own standard signals are never refused */
	bool override = legacy && info->si_code >= 0;
	struct sigqueue *q = NULL;

	if (legacy && (p->set & SIGBIT(sig)))
		return 0;	/* standard signals do not queue */
	if (override || (uint64_t)t->signal->nr_queued < t->rlim[LINUX_RLIMIT_SIGPENDING].rlim_cur)
		q = malloc(sizeof(*q));
	if (q) {
		q->info = *info;
		q->info.si_signo = sig;
		list_add_tail(&q->node, &p->list);
		t->signal->nr_queued++;
	} else if (!legacy && info->si_code != LINUX_SI_USER) {
		return -EAGAIN;	/* sigqueue(3): the queue is full */
	}
	/* else the siginfo is lost, the signal is not (Linux does the same) */
	p->set |= SIGBIT(sig);
	return 0;
}

/* The next signal of set: synchronous ones first, then the lowest. */
static int next_signal(linux_sigset_t set)
{
	if (!set)
		return 0;
	if (set & SIG_SYNCHRONOUS)
		set &= SIG_SYNCHRONOUS;
	return __builtin_ctzll(set) + 1;
}

/* Take the first queued sig of p; the bit stays while more are queued. */
static void collect(struct task *t, struct sigpending *p, int sig, struct linux_siginfo *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &p->list, node) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		p->set &= ~SIGBIT(sig);
	if (first) {
		*info = first->info;
		list_del(&first->node);
		free(first);
		t->signal->nr_queued--;
		return;
	}
	/* Its siginfo was lost to the queue limit. */
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = LINUX_SI_USER;
}

int dequeue_signal(struct task *t, linux_sigset_t allowed, struct linux_siginfo *info)
{
	int sig = next_signal(t->pending.set & allowed);

	if (sig) {
		collect(t, &t->pending, sig, info);
		return sig;
	}
	sig = next_signal(t->signal->shared.set & allowed);
	if (sig)
		collect(t, &t->signal->shared, sig, info);
	return sig;
}

static struct linux_siginfo *find_timer_in(struct sigpending *p, int sig, int id)
{
	struct sigqueue *q;

	if (!(p->set & SIGBIT(sig)))
		return NULL;
	list_for_each_entry(q, &p->list, node)
		if (q->info.si_signo == sig && q->info.si_code == LINUX_SI_TIMER &&
		    q->info.timer.tid == id)
			return &q->info;
	return NULL;
}

int signal_dequeue(struct task *t, linux_sigset_t mask, struct linux_siginfo *info)
{
	return dequeue_signal(t, mask, info);
}

struct linux_siginfo *signal_find_timer(struct task *t, int sig, int timer_id)
{
	struct linux_siginfo *i = find_timer_in(&t->pending, sig, timer_id);

	return i ? i : find_timer_in(&t->signal->shared, sig, timer_id);
}

linux_sigset_t signal_pending_set(const struct task *t)
{
	return t->pending.set | t->signal->shared.set;
}

bool signal_pending(struct task *t)
{
	if (t->jobctl_stop)
		return true;
	return (signal_pending_set(t) & ~(t->sigmask & ~SIG_UNBLOCKABLE)) != 0;
}

/* --- who gets what ------------------------------------------------------------ */

static bool is_blocked(const struct task *t, int sig)
{
	return ((t->sigmask | (t->sigwaiting ? t->real_blocked : 0)) & SIGBIT(sig)) != 0;
}

bool signal_unkillable(struct task *t)
{
	return t->tgid == 1 && !(t->signal->flags & SIGNAL_INIT_KILLABLE);
}

bool signal_ignored(struct task *t, int sig)
{
	uint64_t h = t->sighand->action[sig - 1].sa_handler;

	/* SIGKILL and SIGSTOP never reach init (signal(7), kill(2)). */
	if (t->tgid == 1 && (SIG_UNBLOCKABLE & SIGBIT(sig)))
		return true;
	/* A blocked signal is kept: the handler may change before it is unblocked. */
	if (is_blocked(t, sig))
		return false;
	if (h == LINUX_SIG_DFL && signal_unkillable(t))
		return true;
	return h == LINUX_SIG_IGN || (h == LINUX_SIG_DFL && (SIG_DEFAULT_IGNORE & SIGBIT(sig)));
}

static bool live_thread(const struct task *t)
{
	return t->state != TASK_DEAD && !t->thread_exited;
}

/* Make t notice its signals: wake it from a sleep, or make it trap. */
static void signal_wake(struct task *t)
{
	if (!live_thread(t))
		return;
	if (t->state == TASK_SLEEPING)
		wake_up_task(t);
	else if (t->on_cpu)
		cpu->kick(t->cpu);
}

/* Can t take sig now? (Linux's wants_signal) */
static bool wants(struct task *t, int sig)
{
	if (!live_thread(t) || (t->sigmask & SIGBIT(sig)))
		return false;
	return t->state != TASK_STOPPED || sig == LINUX_SIGKILL;
}

/* sig was queued for t (its process, if group): wake someone to take it. */
static void complete_signal(struct task *t, int sig, bool group)
{
	struct task *u;

	if (wants(t, sig)) {
		signal_wake(t);
		return;
	}
	if (!group)
		return;
	for (u = task_first(); u; u = task_next(u)) {
		if (u->tgid == t->tgid && wants(u, sig)) {
			signal_wake(u);
			return;
		}
	}
	/* Every thread blocks it: it waits on the process. */
}

/* --- stop and continue --------------------------------------------------------- */

bool notify_parent(struct task *t, int why, int status)
{
	struct task *p = t->parent;
	struct linux_sigaction *ka;
	struct linux_siginfo info;
	bool autoreap = false;
	int sig = LINUX_SIGCHLD;

	if (!p || p->state == TASK_DEAD)
		return false;
	ka = &p->sighand->action[LINUX_SIGCHLD - 1];
	if (why == LINUX_CLD_STOPPED || why == LINUX_CLD_CONTINUED) {
		if (ka->sa_flags & LINUX_SA_NOCLDSTOP)
			sig = 0;
	} else {
		sig = t->exit_signal;
		/* wait(2): SIGCHLD ignored or SA_NOCLDWAIT, no zombie is left. */
		if (sig == LINUX_SIGCHLD &&
		    (ka->sa_handler == LINUX_SIG_IGN || (ka->sa_flags & LINUX_SA_NOCLDWAIT))) {
			autoreap = true;
			if (ka->sa_handler == LINUX_SIG_IGN)
				sig = 0;
		}
	}
	if (SIG_VALID(sig)) {
		memset(&info, 0, sizeof(info));
		info.si_signo = sig;
		info.si_code = why;
		info.chld.pid = t->tgid;
		info.chld.uid = t->cred.uid;
		info.chld.status = status;
		send_signal_info(p, sig, &info);
	}
	wake_up(&p->child_wq);
	return autoreap;
}

/* One more thread of t's group has stopped (or left): the last tells the parent. */
static void stop_done(struct task *t)
{
	struct signal_struct *s = t->signal;

	if (s->stop_count <= 0 || --s->stop_count > 0)
		return;
	s->flags |= SIGNAL_STOP_STOPPED;
	s->stop_report = (s->stop_sig << 8) | 0x7f;
	notify_parent(task_group_leader(t), LINUX_CLD_STOPPED, s->stop_sig);
}

void task_stop(struct task *t)
{
	t->state = TASK_STOPPED;
	if (t->jobctl_stop) {
		t->jobctl_stop = false;
		stop_done(t);
	}
}

void group_stop(struct task *t, int sig)
{
	struct signal_struct *s = t->signal;
	struct task *u;

	if (s->stop_count == 0) {
		s->stop_sig = sig;
		s->flags &= ~SIGNAL_STOP_CONTINUED;
		for (u = task_first(); u; u = task_next(u)) {
			if (u->tgid != t->tgid || !live_thread(u) || u->state == TASK_STOPPED)
				continue;
			u->jobctl_stop = true;
			s->stop_count++;
			if (u != t)
				signal_wake(u);
		}
	}
	task_stop(t);
}

void signal_thread_gone(struct task *t)
{
	sigpending_flush(t, &t->pending);
	if (t->jobctl_stop) {
		t->jobctl_stop = false;
		stop_done(t);
	}
}

/* SIGCONT was sent to t's process: every thread goes on. */
static void group_continue(struct task *t)
{
	struct signal_struct *s = t->signal;
	bool was_stopped = s->flags & SIGNAL_STOP_STOPPED;
	struct task *u;

	s->flags &= ~SIGNAL_STOP_STOPPED;
	s->stop_count = 0;
	s->stop_report = 0;
	for (u = task_first(); u; u = task_next(u))
		if (u->tgid == t->tgid)
			u->jobctl_stop = false;
	if (was_stopped) {
		s->flags |= SIGNAL_STOP_CONTINUED;
		notify_parent(task_group_leader(t), LINUX_CLD_CONTINUED, LINUX_SIGCONT);
	}
	for (u = task_first(); u; u = task_next(u)) {
		if (u->tgid != t->tgid || u->state != TASK_STOPPED)
			continue;
		u->state = TASK_RUNNING;
		kernel_start_task(u);
	}
}

/* --- sending ---------------------------------------------------------------------- */

static int do_send(struct task *t, int sig, const struct linux_siginfo *info, bool group)
{
	if (!SIG_VALID(sig) || t->state == TASK_DEAD)
		return 0;
	/* What sending (not delivering) does at once (signal(7)). */
	if (SIG_DEFAULT_STOP & SIGBIT(sig))
		flush_group(t, SIGBIT(LINUX_SIGCONT));
	else if (sig == LINUX_SIGCONT) {
		flush_group(t, SIG_DEFAULT_STOP);
		group_continue(t);
		if (t->state == TASK_DEAD)
			return 0;
	}
	if (signal_ignored(t, sig))
		return 0;
	if (sig == LINUX_SIGKILL) {
		task_exit(t, LINUX_SIGKILL);
		return 0;
	}
	if (!group && t->thread_exited)
		return 0;
	int err = queue_signal(t, group ? &t->signal->shared : &t->pending, sig, info);

	if (err)
		return err;
	signalfd_notify();
	complete_signal(t, sig, group);
	return 0;
}

int send_signal_info(struct task *t, int sig, const struct linux_siginfo *info)
{
	return do_send(t, sig, info, true);
}

int send_thread_signal_info(struct task *t, int sig, const struct linux_siginfo *info)
{
	return do_send(t, sig, info, false);
}

void send_signal(struct task *t, int sig)
{
	struct linux_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = LINUX_SI_USER;
	info.kill.pid = current ? current->tgid : 0;
	info.kill.uid = current ? current->cred.uid : 0;
	send_signal_info(t, sig, &info);
}

void force_signal_fault(struct task *t, int sig, int code, uint64_t addr)
{
	struct linux_sigaction *ka = &t->sighand->action[sig - 1];
	struct linux_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.fault.addr = addr;
	/* Blocked or ignored, a fault is fatal: back to the default action. */
	if ((t->sigmask & SIGBIT(sig)) || ka->sa_handler == LINUX_SIG_IGN) {
		t->sigmask &= ~SIGBIT(sig);
		ka->sa_handler = LINUX_SIG_DFL;
	}
	if (ka->sa_handler == LINUX_SIG_DFL)
		t->signal->flags |= SIGNAL_INIT_KILLABLE;
	queue_signal(t, &t->pending, sig, &info);
}

/* --- permission ---------------------------------------------------------------- */

int kill_cred_check(const struct cred *c, int sid, const struct task *target, int sig)
{
	const struct cred *tc = &target->cred;

	/* CAP_KILL, or a real or effective uid that is the target's real or saved one */
	if (cred_capable(c, CAP_KILL) || c->euid == tc->uid || c->euid == tc->suid ||
	    c->uid == tc->uid || c->uid == tc->suid)
		return 0;
	/* SIGCONT may go to any process of the sender's session. */
	if (sig == LINUX_SIGCONT && target->sid == sid)
		return 0;
	return -EPERM;
}

int kill_permission(const struct task *target, int sig)
{
	if (!current || current->tgid == target->tgid)
		return 0;
	return kill_cred_check(&current->cred, current->sid, target, sig);
}
