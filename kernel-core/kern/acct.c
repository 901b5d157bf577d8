/*
 * CPU accounting: the CPU time of guest threads, processes and reaped
 * children, for getrusage, times, wait4 and the CPU-time clocks.
 *
 * A guest thread's time is its host thread's, read from the host when
 * asked (cpu->cputime), plus what it ran on host threads it left behind
 * (exec starts a new host process). When a thread's host thread goes, its
 * time moves into its process's total (the group leader's ident.dead);
 * when a zombie is reaped, its total and its own children's go into the
 * reaper's ident.children, as Linux adds them at wait.
 * Protected by the big kernel lock.
 */
#include <string.h>

#include <umk/cpu.h>
#include <umk/cred.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <uapi/linux_resource.h>

static void cputime_add(struct cputime *a, const struct cputime *b)
{
	a->sum += b->sum;
	a->utime += b->utime;
	a->stime += b->stime;
}

/* What t's current host thread has used so far. */
static void host_sample(struct task *t, struct cputime *ct)
{
	memset(ct, 0, sizeof(*ct));
	if (!t->cpu || t->ident.acct_done || !cpu->cputime)
		return;
	if (cpu->cputime(t->cpu, &ct->sum, &ct->utime, &ct->stime))
		memset(ct, 0, sizeof(*ct));
}

void acct_thread(struct task *t, struct cputime *ct)
{
	host_sample(t, ct);
	cputime_add(ct, &t->ident.retired);
}

void acct_process(struct task *t, struct cputime *ct)
{
	struct task *leader = task_group_leader(t);

	*ct = leader->ident.dead;
	for (struct task *u = task_first(); u; u = task_next(u)) {
		struct cputime one;

		if (u->tgid != t->tgid || u->state == TASK_DEAD || u->ident.acct_done)
			continue;
		acct_thread(u, &one);
		cputime_add(ct, &one);
	}
}

void acct_thread_exit(struct task *t)
{
	struct cputime final;

	if (t->ident.acct_done)
		return;
	acct_thread(t, &final);
	t->ident.retired = final;
	t->ident.acct_done = true;
	cputime_add(&task_group_leader(t)->ident.dead, &final);
}

void acct_thread_retire(struct task *t)
{
	struct cputime now;

	host_sample(t, &now);
	cputime_add(&t->ident.retired, &now);
}

void acct_reap(struct task *parent, struct task *c)
{
	struct cputime *to = &task_group_leader(parent)->ident.children;

	cputime_add(to, &c->ident.dead);
	cputime_add(to, &c->ident.children);
}

void cputime_to_rusage(const struct cputime *ct, struct linux_rusage *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = ct->utime / NSEC_PER_SEC;
	ru->ru_utime.tv_usec = ct->utime % NSEC_PER_SEC / 1000;
	ru->ru_stime.tv_sec = ct->stime / NSEC_PER_SEC;
	ru->ru_stime.tv_usec = ct->stime % NSEC_PER_SEC / 1000;
}

void acct_child_rusage(struct task *c, struct linux_rusage *ru)
{
	struct cputime ct = c->ident.dead;

	cputime_add(&ct, &c->ident.children);
	cputime_to_rusage(&ct, ru);
}
