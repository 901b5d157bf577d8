/*
 * Creating processes and threads: fork, vfork and clone.
 *
 * Without CLONE_VM the child gets a copy-on-write copy of the address space
 * in a host process of its own; with it (threads, vfork) a new host thread
 * in the same host process. Either way it starts with the parent's
 * registers (rax = 0) and FPU state, and shared or copied fd table, fs
 * context and signal handlers as the flags say. A vfork parent sleeps
 * until its child execs or exits.
 *
 * Protected by the big kernel lock.
 */
#include <string.h>

#include <host/host.h>
#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs.h>

#define CSIGNAL 0x000000ff
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_IO 0x80000000ULL
#define CLONE_NS_FLAGS 0x7e020000ULL	/* namespaces and cgroups */

int kernel_ncpus = 1, kernel_home_cpu;

/*
 * Where a new thread runs. A process's first thread shares umk's CPU, so
 * that its traps are same-CPU handoffs (several times cheaper than a
 * wake-up across CPUs); each further thread of it takes the next of the
 * kernel_ncpus CPUs, so threads compute in parallel.
 */
static void place_thread(struct task *c)
{
	int n = 0;

	for (struct task *u = task_first(); u; u = task_next(u))
		if (u != c && u->tgid == c->tgid && u->state != TASK_DEAD && !u->thread_exited)
			n++;
	if (n > 0)	/* with --cpus 1 too: it must not run beside the first */
		cpu->place(c->cpu, (kernel_home_cpu + n % kernel_ncpus) % host_ncpus());
}

void task_vfork_release(struct task *child)
{
	struct task *p = child->vfork_parent;

	if (!p)
		return;
	child->vfork_parent = NULL;
	p->vfork_waiting = false;
	wake_up(&p->child_wq);
}

/*
 * Linux's threads-max (kernel/fork.c set_max_threads): one task per 32
 * pages of RAM, at least 20. Every guest task is a host thread, so this
 * is also what keeps a guest fork bomb from flooding the host; root is
 * held by it too.
 */
static bool too_many_tasks(void)
{
	uint64_t max = frame_total() / 32, n = 0;

	if (max < 20)
		max = 20;
	for (struct task *t = task_first(); t; t = task_next(t))
		n++;
	return n >= max;
}

long do_fork(uint64_t flags, uaddr_t stack, uaddr_t ptid, uaddr_t ctid, uint64_t tls)
{
	struct task *p = current, *c;
	struct linux_regs *pregs, *cregs;
	struct mm *mm;
	long err;

	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;	/* a shared fs context cannot have its own mounts */
	if (flags & CLONE_NS_FLAGS)
		return -EPERM;	/* namespaces need privileges umk does not grant */
	err = ident_fork_check(p);
	if (err)
		return err;
	if (too_many_tasks())
		return -EAGAIN;
	if ((flags & CLONE_SETTLS) && tls >= TASK_SIZE_MAX)
		return -EPERM;	/* as arch_prctl(ARCH_SET_FS) says of it */
	pregs = cpu->regs(p->cpu);
	if (!pregs)
		return -EIO;

	c = task_alloc();
	if (!c)
		return -ENOMEM;
	if (flags & CLONE_THREAD) {
		c->tgid = p->tgid;
		signal_struct_put(c->signal);	/* a thread shares its process's */
		c->signal = p->signal;
		c->signal->refcount++;
	}
	memcpy(c->comm, p->comm, sizeof(c->comm));
	c->cred = p->cred;
	memcpy(c->rlim, p->rlim, sizeof(c->rlim));
	ident_fork(c, p, flags);
	if (flags & CLONE_SIGHAND) {
		sighand_put(c->sighand);
		c->sighand = p->sighand;
		c->sighand->refcount++;
	} else {
		memcpy(c->sighand->action, p->sighand->action, sizeof(c->sighand->action));
	}
	c->sigmask = p->sigmask;
	c->pgid = p->pgid;
	c->sid = p->sid;
	if (flags & CLONE_THREAD) {
		/* A thread is nobody's child: its group's leader answers for it. */
		c->exit_signal = 0;
		c->parent = p->parent;
		c->ppid = p->ppid;
	} else {
		c->exit_signal = (int)(flags & CSIGNAL);
		/* The child belongs to the process: any thread of it may wait. */
		c->parent = (flags & CLONE_PARENT) && p->parent ? p->parent : task_group_leader(p);
		c->ppid = c->parent->tgid;
		c->ident.parent_tid = (flags & CLONE_PARENT) ? c->parent->tid : p->tid;
		list_add_tail(&c->sibling, &c->parent->children);
	}

	err = -ENOMEM;
	c->files = (flags & CLONE_FILES) ? files_get(p->files) : files_dup(p->files);
	c->fs = (flags & CLONE_FS) ? fs_get(p->fs) : fs_copy(p->fs);
	if (IS_ERR(c->files))
		c->files = NULL;
	if (IS_ERR(c->fs))
		c->fs = NULL;
	if (!c->files || !c->fs)
		goto out_exit;
	if (flags & CLONE_VM) {
		/* Same address space: a new host thread in the same host process. */
		err = cpu->thread_create(p->mm->cpu, p->cpu, &c->cpu);
		if (err)
			goto out_exit;
		mm_get(p->mm);
		c->mm = p->mm;
		if (flags & CLONE_THREAD)
			place_thread(c);
	} else {
		uaddr_t hot[2] = { pregs->rsp, pregs->fs_base };

		mm = mm_fork(p->mm, hot, 2);
		if (IS_ERR(mm)) {
			err = PTR_ERR(mm);
			goto out_exit;
		}
		c->mm = mm;
		c->cpu = mm->cpu_main;
		mm->cpu_main = NULL;
	}
	cpu->set_owner(c->cpu, c);

	cregs = cpu->regs(c->cpu);
	if (!cregs || cpu->copy_fpu(c->cpu, p->cpu)) {
		err = -EIO;
		goto out_exit;
	}
	*cregs = *pregs;
	cregs->rax = 0;
	if (stack)
		cregs->rsp = stack;
	if (flags & CLONE_SETTLS)
		cregs->fs_base = tls;
	cpu->regs_changed(c->cpu);

	if ((flags & CLONE_PARENT_SETTID) && copy_to_user(ptid, &c->tid, sizeof(int))) {
		err = -EFAULT;
		goto out_exit;
	}
	if (flags & CLONE_CHILD_SETTID)
		mm_copy_to(c->mm, ctid, &c->tid, sizeof(int));
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
	if (flags & CLONE_VFORK) {
		c->vfork_parent = p;
		p->vfork_waiting = true;
	}
	kernel_start_task(c);
	return c->tid;

out_exit:
	/* The child never ran: it goes as a zombie nobody will see, then away. */
	task_exit(c, 0);
	list_del(&c->sibling);
	task_free(c);
	return err;
}
