/*
 * procfs: the numbers of a process (/proc/PID/stat, status, statm) in
 * proc(5)'s formats. umk keeps no CPU-time accounting per task yet, so
 * the time fields are 0; everything else is the task's real state.
 */
#include <string.h>

#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <uapi/linux_mman.h>
#include "internal.h"

#define USER_HZ 100
#define PF_RANDOMIZE 0x00400000

struct mem_counts {
	uint64_t size, exe, stack, data, lib;	/* pages */
	uaddr_t start_code, end_code;
};

static void count_vmas(struct mm *mm, struct mem_counts *mc)
{
	struct vma *v;

	memset(mc, 0, sizeof(*mc));
	if (!mm)
		return;
	list_for_each_entry(v, &mm->vmas.list, node) {
		uint64_t pages = (v->end - v->start) >> PAGE_SHIFT;

		mc->size += pages;
		if (v->flags & (VMA_STACK | VMA_GROWSDOWN))
			mc->stack += pages;
		else if ((v->prot & LINUX_PROT_WRITE) && !(v->flags & VMA_SHARED))
			mc->data += pages;
		else if ((v->prot & LINUX_PROT_EXEC) && v->file) {
			if (!mc->start_code) {
				mc->start_code = v->start;
				mc->end_code = v->end;
				mc->exe += pages;
			} else {
				mc->lib += pages;
			}
		}
	}
}

static char task_state(const struct task *t)
{
	if (t->state == TASK_DEAD)
		return 'Z';
	if (t == current || t->state == TASK_RUNNING)
		return 'R';
	return 'S';
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'Z': return "Z (zombie)";
	default: return "S (sleeping)";
	}
}

static int nr_threads(const struct task *t)
{
	int n = 0;

	for (struct task *o = task_first(); o; o = task_next(o))
		if (o->tgid == t->tgid && o->state != TASK_DEAD)
			n++;
	return n ? n : 1;
}

uint64_t proc_nr_threads(void)
{
	uint64_t n = 0;

	for (struct task *o = task_first(); o; o = task_next(o))
		if (o->state != TASK_DEAD)
			n++;
	return n;
}

/* Blocked, ignored and caught signals as masks (bit n-1 for signal n). */
static void sig_masks(const struct task *t, uint64_t *ign, uint64_t *cgt)
{
	*ign = *cgt = 0;
	if (!t->sighand)
		return;
	for (int s = 1; s < LINUX_NSIG; s++) {
		uint64_t h = t->sighand->action[s].sa_handler;

		if (h == LINUX_SIG_IGN)
			*ign |= 1ULL << (s - 1);
		else if (h != LINUX_SIG_DFL)
			*cgt |= 1ULL << (s - 1);
	}
}

int proc_show_stat(struct proc_buf *b, struct task *t, int fd)
{
	struct mm *mm = t->mm;
	struct mem_counts mc;
	uint64_t ign, cgt, start;
	char state = task_state(t);

	(void)fd;
	count_vmas(mm, &mc);
	sig_masks(t, &ign, &cgt);
	start = (uint64_t)t->start_ns / (NSEC_PER_SEC / USER_HZ);
	pb_printf(b, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 0 0 0 0 20 0 %d 0 %lu %lu %lu %lu ",
		  t->tid, t->comm, state, t->ppid, t->pgid, t->sid, PF_RANDOMIZE,
		  nr_threads(t), (unsigned long)start, (unsigned long)(mc.size << PAGE_SHIFT),
		  (unsigned long)(mm ? mm->rss_pages : 0),
		  (unsigned long)t->rlim[LINUX_RLIMIT_RSS].rlim_cur);
	pb_printf(b, "%lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d 0 0 0 0 0 0 ",
		  (unsigned long)(mm ? mc.start_code : 0), (unsigned long)(mm ? mc.end_code : 0),
		  (unsigned long)(mm ? mm->start_stack : 0),
		  (unsigned long)t->sigpending, (unsigned long)t->sigmask, (unsigned long)ign,
		  (unsigned long)cgt, t->exit_signal);
	pb_printf(b, "0 0 %lu %lu %lu %lu %lu %d\n",
		  (unsigned long)(mm ? mm->start_brk : 0), (unsigned long)(mm ? mm->arg_start : 0),
		  (unsigned long)(mm ? mm->arg_end : 0), (unsigned long)(mm ? mm->env_start : 0),
		  (unsigned long)(mm ? mm->env_end : 0),
		  state == 'Z' ? t->exit_code : 0);
	return 0;
}

int proc_show_statm(struct proc_buf *b, struct task *t, int fd)
{
	struct mem_counts mc;
	uint64_t rss = t->mm ? t->mm->rss_pages : 0;

	(void)fd;
	count_vmas(t->mm, &mc);
	pb_printf(b, "%lu %lu 0 %lu 0 %lu 0\n", (unsigned long)mc.size, (unsigned long)rss,
		  (unsigned long)mc.exe, (unsigned long)(mc.data + mc.stack));
	return 0;
}

static void show_kb(struct proc_buf *b, const char *name, uint64_t pages)
{
	pb_printf(b, "%s:\t%8lu kB\n", name, (unsigned long)(pages * (PAGE_SIZE / 1024)));
}

int proc_show_status(struct proc_buf *b, struct task *t, int fd)
{
	const struct cred *c = &t->cred;
	struct mem_counts mc;
	uint64_t ign, cgt, rss = t->mm ? t->mm->rss_pages : 0;
	char state = task_state(t);

	(void)fd;
	count_vmas(t->mm, &mc);
	sig_masks(t, &ign, &cgt);
	pb_printf(b, "Name:\t%s\n", t->comm);
	if (t->fs)
		pb_printf(b, "Umask:\t%04o\n", fs_umask(t->fs));
	pb_printf(b, "State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		  state_name(state), t->tgid, t->tid, t->ppid);
	pb_printf(b, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n",
		  c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid);
	pb_printf(b, "FDSize:\t%u\nGroups:\t\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		  t->files ? MAX(t->files->size, 64u) : 0, t->tgid, t->tid, t->pgid, t->sid);
	pb_printf(b, "Kthread:\t0\n");
	if (t->mm) {
		show_kb(b, "VmPeak", mc.size);
		show_kb(b, "VmSize", mc.size);
		show_kb(b, "VmLck", 0);
		show_kb(b, "VmPin", 0);
		show_kb(b, "VmHWM", rss);
		show_kb(b, "VmRSS", rss);
		show_kb(b, "RssAnon", rss);
		show_kb(b, "RssFile", 0);
		show_kb(b, "RssShmem", 0);
		show_kb(b, "VmData", mc.data);
		show_kb(b, "VmStk", mc.stack);
		show_kb(b, "VmExe", mc.exe);
		show_kb(b, "VmLib", mc.lib);
		show_kb(b, "VmPTE", 0);
		show_kb(b, "VmSwap", 0);
		pb_printf(b, "HugetlbPages:\t%8d kB\n", 0);
	}
	pb_printf(b, "CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n");
	pb_printf(b, "Threads:\t%d\nSigQ:\t0/%lu\n", nr_threads(t),
		  (unsigned long)t->rlim[LINUX_RLIMIT_SIGPENDING].rlim_cur);
	pb_printf(b, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
		  "SigCgt:\t%016lx\n", (unsigned long)t->sigpending, 0UL,
		  (unsigned long)t->sigmask, (unsigned long)ign, (unsigned long)cgt);
	pb_printf(b, "CapInh:\t0000000000000000\nCapPrm:\t%s\nCapEff:\t%s\n"
		  "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n",
		  c->euid == 0 ? "000001ffffffffff" : "0000000000000000",
		  c->euid == 0 ? "000001ffffffffff" : "0000000000000000");
	pb_printf(b, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	pb_printf(b, "Cpus_allowed:\t%x\n", (1u << kernel_ncpus) - 1);
	if (kernel_ncpus > 1)
		pb_printf(b, "Cpus_allowed_list:\t0-%d\n", kernel_ncpus - 1);
	else
		pb_printf(b, "Cpus_allowed_list:\t0\n");
	pb_printf(b, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	pb_printf(b, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
	return 0;
}
