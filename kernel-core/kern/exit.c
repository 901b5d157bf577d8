/*
 * Exit: a task becomes a zombie that keeps only its wait status, until
 * its parent reaps it (sys/sys_wait.c). Children belong to the process:
 * when the thread that forked one exits, another thread becomes its parent
 * thread; when the process exits, they go to the nearest subreaper, else
 * to init (ident_find_reaper). Each change sends the parent-death signal.
 *
 * Protected by the big kernel lock.
 */
#include <string.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/futex.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/printk.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/timer.h>
#include <umk/tty.h>
#include <umk/uaccess.h>
#include <umk/vfs.h>

extern const char *const signames[32];

static LIST_HEAD(released);

/* Tell t's parent that t has exited: true if t is to be released at once. */
static bool exit_notify(struct task *t)
{
	int st = t->exit_code;

	if (st & 0x7f)
		return notify_parent(t, (st & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED, st & 0x7f);
	return notify_parent(t, LINUX_CLD_EXITED, (st >> 8) & 0xff);
}

/* A zombie nobody will wait for goes away with the next released threads. */
static void autoreap(struct task *t)
{
	list_del(&t->sibling);
	list_add_tail(&t->sibling, &released);
}

/*
 * Thread t exits while its process lives on: the children it forked stay
 * the process's (on the leader), pass to another of its threads as their
 * parent thread, and get their parent-death signal.
 */
static void thread_children_gone(struct task *t)
{
	struct task *heir = NULL, *u;

	for (u = task_first(); u && !heir; u = task_next(u))
		if (u != t && u->tgid == t->tgid && u->state != TASK_DEAD && !u->thread_exited)
			heir = u;
	if (!heir)
		return;
	for (u = task_first(); u; u = task_next(u)) {
		if (u->ident.parent_tid != t->tid || u->tgid == t->tgid || !u->parent ||
		    u->parent->tgid != t->tgid)
			continue;
		u->ident.parent_tid = heir->tid;
		if (u->state != TASK_DEAD)
			ident_parent_died(u);
	}
}

static void reparent_children(struct task *t)
{
	struct task *init = ident_find_reaper(t);
	struct task *c, *tmp;

	list_for_each_entry_safe(c, tmp, &t->children, sibling) {
		list_del(&c->sibling);
		if (!init || init == t) {
			c->parent = NULL;
			c->ppid = 0;
			continue;
		}
		c->parent = init;
		c->ppid = init->tgid;
		list_add_tail(&c->sibling, &init->children);
		c->ident.parent_tid = init->tid;
		/* A zombie is announced again, to its new parent. */
		if (c->state != TASK_DEAD) {
			ident_parent_died(c);
			pgrp_orphan_check(c, t);
		} else if (exit_notify(c))
			autoreap(c);
	}
}

/* CLONE_CHILD_CLEARTID: zero the tid word and wake one waiter (pthread_join). */
static void clear_child_tid(struct task *t)
{
	uint32_t zero = 0;

	futex_robust_exit(t);
	if (!t->clear_child_tid || !t->mm)
		return;
	mm_copy_to(t->mm, t->clear_child_tid, &zero, sizeof(zero));
	futex_wake(t->mm, t->clear_child_tid, 1, UINT32_MAX, false);
	t->clear_child_tid = 0;
}

/* Drop what a task holds: its host thread, mm, files, fs. */
static void release_resources(struct task *t, bool end_host_thread)
{
	acct_thread_exit(t);
	if (t->on_cpu) {
		t->on_cpu = false;
		nr_running--;
	}
	list_del(&t->wait_node);
	list_del(&t->timer_node);
	list_del(&t->run_node);
	t->waiting_on = NULL;
	if (t->mm) {
		clear_child_tid(t);
		/* The host process lives on for others: end this thread only. */
		if (end_host_thread && t->mm->refcount > 1 && t->cpu)
			cpu->thread_exit(t->cpu);
		mm_put(t->mm);
		t->mm = NULL;
		t->cpu = NULL;
	}
	if (t->files) {
		files_put(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		fs_put(t->fs);
		t->fs = NULL;
	}
	futex_task_exit(t);
}

/* A thread that is not its group's leader goes away entirely (later). */
static void release_thread(struct task *t, bool end_host_thread)
{
	release_resources(t, end_host_thread);
	t->state = TASK_DEAD;
	list_del(&t->sibling);
	list_add_tail(&t->sibling, &released);
}

void task_reap_released(void)
{
	while (!list_empty(&released)) {
		struct task *t = list_first_entry(&released, struct task, sibling);

		task_free(t);
	}
}

struct task *task_group_leader(struct task *t)
{
	struct task *l = t->tid == t->tgid ? t : NULL;

	for (struct task *u = task_first(); !l && u; u = task_next(u))
		if (u->tid == t->tgid)
			l = u;
	return l ? l : t;
}

static int live_threads(struct task *t)
{
	int n = 0;

	for (struct task *u = task_first(); u; u = task_next(u))
		if (u->tgid == t->tgid && u->state != TASK_DEAD && !u->thread_exited)
			n++;
	return n;
}

void thread_exit(struct task *t, int wait_status)
{
	if (live_threads(t) <= 1) {
		/* The last thread's code is the process's (as Linux 6.x reports it). */
		task_exit(t, wait_status);
		return;
	}
	signal_thread_gone(t);
	thread_children_gone(t);
	if (t->tid != t->tgid) {
		release_thread(t, true);
		return;
	}
	/* The leader's thread ends; the process lives on in the others. */
	clear_child_tid(t);
	acct_thread_exit(t);
	if (t->on_cpu) {
		t->on_cpu = false;
		nr_running--;
	}
	cpu->thread_exit(t->cpu);
	t->thread_exited = true;
	t->state = TASK_SLEEPING;	/* never woken: not on any queue */
}

void task_exit(struct task *t, int wait_status)
{
	struct task *leader = task_group_leader(t), *u, *next;

	if (leader->state == TASK_DEAD)
		return;
	/* Every other thread of the process goes with it. */
	for (u = task_first(); u; u = next) {
		next = task_next(u);
		if (u != leader && u->tgid == leader->tgid && u->state != TASK_DEAD)
			release_thread(u, false);
	}
	t = leader;
	t->thread_exited = false;
	timers_exit(t);		/* no alarm or timer outlives its process */
	release_resources(t, true);
	t->state = TASK_DEAD;
	t->exit_code = wait_status;
	task_vfork_release(t);
	tty_session_exit(t);
	reparent_children(t);
	pgrp_orphan_check(t, t->parent);
	if (exit_notify(t))
		autoreap(t);
	if (t->tid == 1) {
		int sig = wait_status & 0x7f;

		init_exited = true;
		if (sig) {
			init_status = 128 + sig;
			printk("umk: init killed by signal %d (%s)\n", sig,
			       sig < 32 && signames[sig] ? signames[sig] : "?");
		} else {
			init_status = (wait_status >> 8) & 0xff;
		}
	}
}


struct task *exec_de_thread(struct task *t)
{
	struct task *leader = task_group_leader(t), *u, *next;
	struct sigqueue *q, *tmp;

	for (u = task_first(); u; u = next) {
		next = task_next(u);
		if (u != t && u != leader && u->tgid == t->tgid && u->state != TASK_DEAD)
			release_thread(u, false);
	}
	if (leader == t)
		return t;
	/*
	 * t takes over the leader's pid: the leader's struct, which the
	 * parent, the children and the timers know, gets t's new image and
	 * thread state, and t itself goes (execve(2)).
	 */
	release_resources(leader, false);
	sigpending_flush(leader, &leader->pending);
	leader->mm = t->mm;
	leader->cpu = t->cpu;
	leader->files = t->files;
	leader->fs = t->fs;
	t->mm = NULL;
	t->cpu = NULL;
	t->files = NULL;
	t->fs = NULL;
	cpu->set_owner(leader->cpu, leader);
	list_for_each_entry_safe(q, tmp, &t->pending.list, node) {
		list_del(&q->node);
		list_add_tail(&q->node, &leader->pending.list);
	}
	leader->pending.set = t->pending.set;
	t->pending.set = 0;
	leader->sigmask = t->sigmask;
	leader->altstack = t->altstack;
	leader->cred = t->cred;
	memcpy(leader->rlim, t->rlim, sizeof(leader->rlim));
	memcpy(leader->comm, t->comm, sizeof(leader->comm));
	leader->thread_exited = false;
	leader->state = TASK_RUNNING;
	leader->restart_code = 0;
	leader->restore_sigmask = false;
	leader->sigwaiting = false;
	leader->jobctl_stop = false;
	leader->clear_child_tid = 0;
	release_thread(t, false);
	current = leader;
	return leader;
}
