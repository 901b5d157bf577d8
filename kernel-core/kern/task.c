/*
 * Task allocation, lookup and the defaults a new task starts with.
 * All tasks are on one list under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/task.h>

struct task *current;
static LIST_HEAD(all_tasks);
static int next_tid = 1;

static const struct linux_rlimit default_rlim[LINUX_RLIM_NLIMITS] = {
	[LINUX_RLIMIT_CPU] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_FSIZE] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_DATA] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_STACK] = { 8 << 20, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_CORE] = { 0, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_RSS] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_NPROC] = { 4096, 4096 },
	[LINUX_RLIMIT_NOFILE] = { 1024, 4096 },
	[LINUX_RLIMIT_MEMLOCK] = { 8 << 20, 8 << 20 },
	[LINUX_RLIMIT_AS] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_LOCKS] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
	[LINUX_RLIMIT_SIGPENDING] = { 4096, 4096 },
	[LINUX_RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[LINUX_RLIMIT_NICE] = { 0, 0 },
	[LINUX_RLIMIT_RTPRIO] = { 0, 0 },
	[LINUX_RLIMIT_RTTIME] = { LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY },
};

struct task *task_alloc(void)
{
	struct task *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->sighand = calloc(1, sizeof(*t->sighand));
	if (!t->sighand) {
		free(t);
		return NULL;
	}
	t->sighand->refcount = 1;
	t->tid = t->tgid = next_tid++;
	t->state = TASK_RUNNING;
	t->wake_deadline = -1;
	t->start_ns = ktime_mono_ns();
	list_init(&t->wait_node);
	list_init(&t->timer_node);
	list_init(&t->run_node);
	list_init(&t->children);
	list_init(&t->sibling);
	waitq_init(&t->child_wq);
	t->exit_signal = LINUX_SIGCHLD;
	memcpy(t->rlim, default_rlim, sizeof(t->rlim));
	list_add_tail(&t->node, &all_tasks);
	return t;
}

void sighand_put(struct sighand *sh)
{
	if (sh && --sh->refcount == 0)
		free(sh);
}

void task_free(struct task *t)
{
	sighand_put(t->sighand);
	list_del(&t->sibling);
	list_del(&t->node);
	list_del(&t->wait_node);
	list_del(&t->timer_node);
	list_del(&t->run_node);
	if (current == t)
		current = NULL;
	free(t);
}

struct task *task_first(void)
{
	return list_empty(&all_tasks) ? NULL : list_first_entry(&all_tasks, struct task, node);
}

struct task *task_next(struct task *t)
{
	return t->node.next == &all_tasks ? NULL : list_entry(t->node.next, struct task, node);
}

struct task *task_find(int tid)
{
	struct task *t;

	list_for_each_entry(t, &all_tasks, node)
		if (t->tid == tid && t->state != TASK_DEAD)
			return t;
	return NULL;
}
