/*
 * The ptrace CPU back end.
 *
 * Each guest address space is a umk-stub process; each guest thread is a
 * host thread in it, run under PTRACE_SYSEMU so that every syscall stops
 * here before the host acts. Host mappings are changed by pointing a
 * stopped thread at the stub's batch runner and letting it run under
 * PTRACE_CONT until it traps back (see arch/stub.h).
 *
 * This file is the CPU itself and talks to ptrace and waitpid directly.
 * State: the table of host threads, used only from umk's one kernel thread.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cpuid.h>

#include <arch/ptrace_cpu.h>
#include <arch/stub.h>
#include <host/host.h>
#include <umk/mm.h>
#include <umk/pgtable.h>

#define AUDIT_ARCH_X86_64 0xc000003eU

struct cpu_thread {
	int tid;
	struct cpu_mm *mm;
	void *owner;
	bool running;
	bool regs_valid;	/* regs holds the thread's registers */
	bool regs_dirty;	/* regs must be written back before it runs */
	bool rax_pending;	/* only rax changed */
	uint64_t rax;
	bool parked;		/* its guest thread exited; kept stopped for reuse */
	bool placed;		/* pinned away from umk's CPU by ptrace_place */
	bool dead;		/* the host thread is gone and reaped */
	struct linux_regs regs;
	struct cpu_thread *hash_next;
	struct cpu_thread *mm_next;	/* the other threads of its process */
};

struct cpu_mm {
	int pid;
	struct stub_data *data;	/* umk's view of the control page */
	struct cpu_thread *main;	/* the host leader (tid == pid) */
	struct cpu_thread *threads;	/* every live thread, main included */
	int nthreads;
	int nparked;		/* parked threads other than the leader */
	uint64_t ctl_off;	/* physmem offset of the control page */
	bool ctl_mapped;	/* the stub has mapped it (at its first batch) */
	struct cpu_mm *next;	/* all live mms */
};

static const char *stub_path;
static int physmem_fd = -1;
static struct cpu_mm *all_mms;

#define THREAD_HASH 256
static struct cpu_thread *thread_hash[THREAD_HASH];

static struct cpu_thread *thread_lookup(int tid)
{
	struct cpu_thread *t = thread_hash[tid % THREAD_HASH];

	while (t && t->tid != tid)
		t = t->hash_next;
	return t;
}

static void thread_hash_add(struct cpu_thread *t)
{
	t->hash_next = thread_hash[t->tid % THREAD_HASH];
	thread_hash[t->tid % THREAD_HASH] = t;
}

static void thread_hash_del(struct cpu_thread *t)
{
	struct cpu_thread **pp = &thread_hash[t->tid % THREAD_HASH];

	while (*pp && *pp != t)
		pp = &(*pp)->hash_next;
	if (*pp)
		*pp = t->hash_next;
}

int ptrace_cpu_init(const char *path, int fd)
{
	if (access(path, X_OK) < 0)
		return -errno;
	stub_path = path;
	physmem_fd = fd;
	return 0;
}

static void spare_kill(void);

void ptrace_cpu_kill_all(void)
{
	int64_t deadline = host_time_mono_ns() + 2000000000LL;

	spare_kill();
	for (struct cpu_mm *m = all_mms; m; m = m->next)
		kill(m->pid, SIGKILL);
	/*
	 * Reap them, and those mm_destroy killed without waiting, so that
	 * none is left to the host's init as a zombie.
	 */
	while (host_time_mono_ns() < deadline) {
		int r = waitpid(-1, NULL, __WALL | WNOHANG);

		if (r < 0 && errno != EINTR)
			break;	/* ECHILD: all gone */
		if (r == 0)
			usleep(1000);
	}
}

/* Wait for a specific thread to stop; anything else is an error. */
static int wait_stopped_status(int tid, int *sig, int *statusp)
{
	int status, r;

	do
		r = waitpid(tid, &status, __WALL);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (!WIFSTOPPED(status)) {
		if (WIFEXITED(status))
			fprintf(stderr, "umk: stub %d exited with status %d\n", tid, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			fprintf(stderr, "umk: stub %d killed by signal %d\n", tid, WTERMSIG(status));
		return -ECHILD;
	}
	*sig = WSTOPSIG(status);
	if (statusp)
		*statusp = status;
	return 0;
}

static int wait_stopped(int tid, int *sig)
{
	return wait_stopped_status(tid, sig, NULL);
}

/*
 * The spare stub. Starting a stub (fork, exec, set-up) costs most of a
 * fork, so the next one is started ahead, on another CPU, while guests
 * run: its stops are taken by ptrace_wait() as they come and advance it
 * here. mm_create takes it when it is ready (or waits for it), maps the
 * new mm's control page into it, and starts the next.
 */
enum spare_state { SPARE_NONE, SPARE_EXEC, SPARE_INIT, SPARE_READY };
static struct {
	int pid;
	enum spare_state state;
	struct user_regs_struct regs;	/* READY: stopped at its trap */
} spare;

static void spare_start(void)
{
	char *argv[] = { "umk-stub", NULL };
	int keep[1] = { physmem_fd };
	int pid, ncpu = host_ncpus(), home = host_current_cpu();

	spare.state = SPARE_NONE;
	pid = host_spawn_traced(stub_path, argv, keep, 1);
	if (pid < 0)
		return;
	/* Set itself up away from umk's CPU, overlapping the guest's work. */
	if (ncpu > 1 && home >= 0)
		host_pin_cpu(pid, (home + 1) % ncpu);
	spare.pid = pid;
	spare.state = SPARE_EXEC;
}

static void spare_kill(void)
{
	if (spare.state == SPARE_NONE)
		return;
	kill(spare.pid, SIGKILL);
	waitpid(spare.pid, NULL, __WALL);
	spare.state = SPARE_NONE;
}

/* One stop (or death) of the spare, with its wait status. */
static void spare_advance(int status)
{
	if (!WIFSTOPPED(status)) {
		spare.state = SPARE_NONE;	/* died: mm_create starts anew */
		return;
	}
	switch (spare.state) {
	case SPARE_EXEC:	/* the SIGTRAP after execve */
		if (ptrace(PTRACE_SETOPTIONS, spare.pid, 0,
			   PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE) < 0 ||
		    ptrace(PTRACE_CONT, spare.pid, 0, 0) < 0)
			break;
		spare.state = SPARE_INIT;
		return;
	case SPARE_INIT:	/* set up: stopped at its trap */
		if (WSTOPSIG(status) != SIGTRAP ||
		    ptrace(PTRACE_GETREGS, spare.pid, 0, &spare.regs) < 0 ||
		    spare.regs.rip != STUB_TRAP_RIP) {
			fprintf(stderr, "umk: stub %d stopped unexpectedly (signal %d)\n",
				spare.pid, WSTOPSIG(status));
			break;
		}
		spare.state = SPARE_READY;
		return;
	default:
		break;
	}
	spare_kill();
}

/* Wait until the spare is ready; 0, or -errno if it could not be started. */
static int spare_wait_ready(void)
{
	for (int tries = 0; tries < 2; tries++) {
		if (spare.state == SPARE_NONE)
			spare_start();
		while (spare.state == SPARE_EXEC || spare.state == SPARE_INIT) {
			int status, r = waitpid(spare.pid, &status, __WALL);

			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				spare.state = SPARE_NONE;
				break;
			}
			spare_advance(status);
		}
		if (spare.state == SPARE_READY)
			return 0;
	}
	return -EIO;
}

static int ptrace_mm_create(struct cpu_mm **out, struct cpu_thread **main_out,
			    void *data, uint64_t data_off)
{
	struct cpu_mm *mm = calloc(1, sizeof(*mm));
	struct cpu_thread *t = calloc(1, sizeof(*t));
	int pid, err;

	if (!mm || !t) {
		err = -ENOMEM;
		goto out_free;
	}
	err = spare_wait_ready();
	if (err)
		goto out_free;
	pid = spare.pid;
	spare.state = SPARE_NONE;
	host_pin_cpu(pid, host_current_cpu());
	/* The control page is mapped by the first batch (STUB_MAP_CTL_BATCH). */
	spare_start();

	mm->pid = pid;
	mm->data = data;
	mm->ctl_off = data_off;
	mm->main = t;
	mm->threads = t;
	mm->nthreads = 1;
	mm->next = all_mms;
	all_mms = mm;
	t->tid = pid;
	t->mm = mm;
	memcpy(&t->regs, &spare.regs, sizeof(t->regs));
	t->regs_valid = true;
	thread_hash_add(t);
	*out = mm;
	*main_out = t;
	return 0;

out_free:
	free(mm);
	free(t);
	return err;
}

static void ptrace_mm_destroy(struct cpu_mm *mm)
{
	struct cpu_mm **pp = &all_mms;

	while (*pp && *pp != mm)
		pp = &(*pp)->next;
	if (*pp)
		*pp = mm->next;
	/*
	 * The host takes a while to tear a process down: do not wait for it.
	 * Its exit reaches ptrace_wait() later as a tid nobody owns and is
	 * reaped there; umk's own exit reaps whatever is left.
	 */
	kill(mm->pid, SIGKILL);
	while (mm->threads) {
		struct cpu_thread *t = mm->threads;

		mm->threads = t->mm_next;
		if (!t->dead)
			thread_hash_del(t);
		free(t);
	}
	free(mm);
}

static int fetch_regs(struct cpu_thread *t)
{
	if (t->regs_valid)
		return 0;
	if (ptrace(PTRACE_GETREGS, t->tid, 0, &t->regs) < 0)
		return -errno;
	t->regs_valid = true;
	if (t->rax_pending) {
		t->regs.rax = t->rax;
		t->rax_pending = false;
		t->regs_dirty = true;
	}
	return 0;
}

static struct linux_regs *ptrace_regs(struct cpu_thread *t)
{
	if (fetch_regs(t) < 0)
		return NULL;
	return &t->regs;
}

static void ptrace_regs_changed(struct cpu_thread *t)
{
	t->regs_dirty = true;
}

static void ptrace_set_return(struct cpu_thread *t, uint64_t val)
{
	if (t->regs_valid) {
		t->regs.rax = val;
		t->regs_dirty = true;
	} else {
		t->rax = val;
		t->rax_pending = true;
	}
}

#define NT_X86_XSTATE 0x202
#define XSTATE_MAX 16384

static int ptrace_copy_fpu(struct cpu_thread *dst, struct cpu_thread *src)
{
	static char buf[XSTATE_MAX] __attribute__((aligned(64)));
	struct iovec iov = { buf, sizeof(buf) };

	if (ptrace(PTRACE_GETREGSET, src->tid, NT_X86_XSTATE, &iov) < 0)
		return -errno;
	if (ptrace(PTRACE_SETREGSET, dst->tid, NT_X86_XSTATE, &iov) < 0)
		return -errno;
	return 0;
}

static long ptrace_get_fpu(struct cpu_thread *t, void *buf, size_t size)
{
	struct iovec iov = { buf, size };

	if (ptrace(PTRACE_GETREGSET, t->tid, NT_X86_XSTATE, &iov) < 0)
		return -errno;
	return (long)iov.iov_len;
}

static int ptrace_set_fpu(struct cpu_thread *t, const void *buf, size_t len)
{
	struct iovec iov = { (void *)buf, len };

	if (ptrace(PTRACE_SETREGSET, t->tid, NT_X86_XSTATE, &iov) < 0)
		return -errno;
	return 0;
}

/* A host signal stops the thread for us; it is never passed on. */
static void ptrace_kick(struct cpu_thread *t)
{
	if (t->running)
		syscall(SYS_tgkill, t->mm->pid, t->tid, SIGURG);
}

static void ptrace_place(struct cpu_thread *t, int nr)
{
	host_pin_cpu(t->tid, nr);
	t->placed = true;
}

static unsigned host_prot(unsigned pte_prot)
{
	return ((pte_prot & PTE_R) ? 1 : 0) | ((pte_prot & PTE_W) ? 2 : 0) |
	       ((pte_prot & PTE_X) ? 4 : 0);
}

/*
 * Run one batch already written to the control page on stopped thread t.
 * A clone in the batch reports the new thread's tid in *new_tid.
 */
static int run_batch(struct cpu_thread *t, int *new_tid)
{
	struct user_regs_struct r;
	int sig, err, status;

	err = fetch_regs(t);
	if (err)
		return err;
	memcpy(&r, &t->regs, sizeof(r));
	r.rip = t->mm->ctl_mapped ? STUB_BATCH : STUB_MAP_CTL_BATCH;
	r.r9 = t->mm->ctl_off;
	/*
	 * The runner uses no stack, but the host's return to user mode checks
	 * rsp: a guest's non-canonical one (clone's stack argument, say) would
	 * fault there on every try.
	 */
	r.rsp = STUB_END;
	r.orig_rax = -1;
	r.eflags = 0x202;	/* no trap flag, whatever the guest had */
	if (ptrace(PTRACE_SETREGS, t->tid, 0, &r) < 0)
		return -errno;
	if (ptrace(PTRACE_CONT, t->tid, 0, 0) < 0)
		return -errno;
	for (;;) {
		err = wait_stopped_status(t->tid, &sig, &status);
		if (err)
			return err;
		if ((status >> 16) == PTRACE_EVENT_CLONE) {
			unsigned long msg = 0;

			ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg);
			if (new_tid)
				*new_tid = (int)msg;
			if (ptrace(PTRACE_CONT, t->tid, 0, 0) < 0)
				return -errno;
			continue;
		}
		if (sig == SIGTRAP)
			break;
		if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) {
			fprintf(stderr, "umk: stub batch faulted with signal %d\n", sig);
			return -EIO;
		}
		/* A host signal (a preemption tick) hit the runner: go on. */
		if (ptrace(PTRACE_CONT, t->tid, 0, 0) < 0)
			return -errno;
	}
	if (ptrace(PTRACE_GETREGS, t->tid, 0, &r) < 0)
		return -errno;
	/* The guest's registers go back before it runs again. */
	t->regs_dirty = true;
	if (r.rip != STUB_TRAP_RIP) {
		fprintf(stderr, "umk: stub batch trapped at %llx\n", (unsigned long long)r.rip);
		return -EIO;
	}
	if (r.rax != 0) {
		fprintf(stderr, "umk: host mapping op %llu failed: %lld\n",
			(unsigned long long)r.r14, (long long)r.rax);
		/* a failed control-page mapping is retried by the next batch */
		return (long long)r.rax < 0 && (long long)r.rax > -4096 ? (int)r.rax : -EIO;
	}
	t->mm->ctl_mapped = true;
	return 0;
}

/* A stopped thread of mm to run the stub with: via if it can, else any. */
static struct cpu_thread *pick_stopped(struct cpu_mm *mm, struct cpu_thread *via)
{
	if (via && via->mm == mm && !via->running)
		return via;
	for (struct cpu_thread *t = mm->threads; t; t = t->mm_next)
		if (!t->running && !t->dead)
			return t;
	return NULL;
}

static int ptrace_mm_apply(struct cpu_mm *mm, struct cpu_thread *via,
			   const struct host_map_op *ops, unsigned n)
{
	struct cpu_thread *t = pick_stopped(mm, via);
	unsigned done = 0;

	if (!t)
		return -EBUSY;
	while (done < n) {
		unsigned chunk = MIN(n - done, STUB_MAX_OPS);
		int err;

		for (unsigned i = 0; i < chunk; i++) {
			const struct host_map_op *op = &ops[done + i];
			struct stub_op *s = &mm->data->ops[i];
			unsigned kind = op->kind == HOST_MAP ? STUB_OP_MAP :
					op->kind == HOST_UNMAP ? STUB_OP_UNMAP : STUB_OP_PROTECT;

			s->kind_prot = kind | (host_prot(op->prot) << 8);
			s->addr = op->start;
			s->len = op->len;
			s->offset = op->offset;
		}
		mm->data->count = chunk;
		err = run_batch(t, NULL);
		if (err)
			return err;
		done += chunk;
	}
	return 0;
}

static void thread_unlink(struct cpu_thread *t)
{
	struct cpu_thread **pp = &t->mm->threads;

	while (*pp && *pp != t)
		pp = &(*pp)->mm_next;
	if (*pp)
		*pp = t->mm_next;
	t->mm->nthreads--;
	if (t->mm->main == t)
		t->mm->main = NULL;
}

/* A new host thread in via's process, stopped, with no registers of its own yet. */
static int ptrace_thread_create(struct cpu_mm *mm, struct cpu_thread *via,
				struct cpu_thread **out)
{
	struct cpu_thread *t, *runner;
	int tid = 0, sig, err;

	/* A parked host thread is as good as a new one, and costs no stub run. */
	for (t = mm->threads; t; t = t->mm_next) {
		if (!t->parked || t->dead || t == mm->main)
			continue;
		t->parked = false;
		t->owner = NULL;
		t->rax_pending = false;
		mm->nparked--;
		if (t->placed) {
			host_pin_cpu(t->tid, host_current_cpu());
			t->placed = false;
		}
		*out = t;
		return 0;
	}
	t = calloc(1, sizeof(*t));
	runner = pick_stopped(mm, via);
	if (!t)
		return -ENOMEM;
	if (!runner) {
		free(t);
		return -EBUSY;
	}
	mm->data->ops[0] = (struct stub_op){ .kind_prot = STUB_OP_CLONE };
	mm->data->count = 1;
	err = run_batch(runner, &tid);
	if (!err && tid <= 0)
		err = -EIO;
	if (!err)
		err = wait_stopped(tid, &sig);	/* its first stop: SIGSTOP */
	if (err) {
		free(t);
		return err;
	}
	t->tid = tid;
	t->mm = mm;
	t->mm_next = mm->threads;
	mm->threads = t;
	mm->nthreads++;
	thread_hash_add(t);
	*out = t;
	return 0;
}

/*
 * End a host thread whose guest thread exited. The host leader cannot go
 * before the others (it would linger as a zombie), so it is parked; so are
 * up to PARK_MAX others, for the next thread_create to take: a program
 * that starts and joins threads (or vforks) in a loop then runs no stub.
 */
#define PARK_MAX 8

static void ptrace_thread_exit(struct cpu_thread *t)
{
	struct user_regs_struct r;
	int sig, status;

	if (t->running) {
		syscall(SYS_tgkill, t->mm->pid, t->tid, SIGURG);
		if (wait_stopped(t->tid, &sig))
			return;
		t->running = false;
	}
	if (t == t->mm->main) {
		t->parked = true;
		return;
	}
	if (t->mm->nparked < PARK_MAX) {
		t->parked = true;
		t->owner = NULL;
		t->mm->nparked++;
		return;
	}
	if (ptrace(PTRACE_GETREGS, t->tid, 0, &r) < 0)
		return;
	r.rip = STUB_THREAD_EXIT;
	r.eflags = 0x202;
	r.orig_rax = -1;
	if (ptrace(PTRACE_SETREGS, t->tid, 0, &r) < 0 || ptrace(PTRACE_CONT, t->tid, 0, 0) < 0)
		return;
	waitpid(t->tid, &status, __WALL);
	thread_hash_del(t);
	thread_unlink(t);
	free(t);
}

static int ptrace_resume(struct cpu_thread *t)
{
	if (t->regs_dirty) {
		t->regs.orig_rax = -1;	/* no syscall restart games by the host */
		if (ptrace(PTRACE_SETREGS, t->tid, 0, &t->regs) < 0)
			return -errno;
		t->regs_dirty = false;
	} else if (t->rax_pending) {
		if (ptrace(PTRACE_POKEUSER, t->tid, offsetof(struct user_regs_struct, rax),
			   t->rax) < 0)
			return -errno;
	}
	t->rax_pending = false;
	t->regs_valid = false;
	if (ptrace(PTRACE_SYSEMU, t->tid, 0, 0) < 0)
		return -errno;
	t->running = true;
	return 0;
}

static int decode_syscall(struct cpu_thread *t, struct cpu_event *ev)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) < 0)
		return -errno;
	ev->kind = CPU_SYSCALL;
	ev->compat = info.arch != AUDIT_ARCH_X86_64 ||
		     info.op != 1 /* PTRACE_SYSCALL_INFO_ENTRY */;
	ev->nr = info.entry.nr;
	for (int i = 0; i < 6; i++)
		ev->args[i] = info.entry.args[i];
	return 0;
}

static int ptrace_wait(struct cpu_event *ev, bool block)
{
	struct cpu_thread *t;
	int status, tid, sig;

	memset(ev, 0, sizeof(*ev));
	tid = waitpid(-1, &status, __WALL | (block ? 0 : WNOHANG));
	if (tid == 0)
		return -EAGAIN;
	if (tid < 0) {
		if (errno == EINTR) {
			ev->kind = CPU_INTERRUPTED;
			return 0;
		}
		return -errno;
	}
	if (spare.state != SPARE_NONE && tid == spare.pid) {
		spare_advance(status);
		return -EAGAIN;
	}
	t = thread_lookup(tid);
	if (!t)
		return -EAGAIN;	/* a process that is already gone for us */
	ev->thread = t;
	if (!WIFSTOPPED(status)) {
		t->running = false;
		ev->kind = CPU_EXITED;
		ev->status = status;
		/* Reaped already; freed with its mm. */
		thread_hash_del(t);
		t->dead = true;
		return 0;
	}
	t->running = false;
	t->regs_valid = false;
	sig = WSTOPSIG(status);
	if (sig == (SIGTRAP | 0x80))
		return decode_syscall(t, ev);
	if (status >> 16) {
		/* ptrace events are not asked for yet: treat as a plain stop */
		ev->kind = CPU_SIGNAL;
		ev->signo = 0;
		return 0;
	}
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
		siginfo_t si;

		if (ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0 && si.si_code > 0) {
			ev->kind = CPU_FAULT;
			ev->signo = sig;
			ev->si_code = si.si_code;
			ev->addr = (uint64_t)si.si_addr;
			return 0;
		}
	}
	ev->kind = CPU_SIGNAL;
	ev->signo = sig;
	return 0;
}

static void ptrace_set_owner(struct cpu_thread *t, void *owner)
{
	t->owner = owner;
}

static void *ptrace_owner(struct cpu_thread *t)
{
	return t->owner;
}

static void ptrace_hwcap(uint64_t *hwcap, uint64_t *hwcap2)
{
	unsigned a, b, c, d;

	__cpuid(1, a, b, c, d);
	*hwcap = d;
	*hwcap2 = getauxval(AT_HWCAP2);
}

static bool ptrace_mm_stopped(struct cpu_mm *mm)
{
	return pick_stopped(mm, NULL) != NULL;
}

static int ptrace_cputime(struct cpu_thread *t, int64_t *sum, int64_t *utime, int64_t *stime)
{
	if (t->dead)
		return -ESRCH;
	return host_thread_cputime(t->mm->pid, t->tid, sum, utime, stime);
}

const struct cpu_ops ptrace_cpu_ops = {
	.name = "ptrace",
	.mm_create = ptrace_mm_create,
	.mm_destroy = ptrace_mm_destroy,
	.mm_apply = ptrace_mm_apply,
	.mm_stopped = ptrace_mm_stopped,
	.resume = ptrace_resume,
	.wait = ptrace_wait,
	.regs = ptrace_regs,
	.regs_changed = ptrace_regs_changed,
	.set_return = ptrace_set_return,
	.copy_fpu = ptrace_copy_fpu,
	.thread_create = ptrace_thread_create,
	.thread_exit = ptrace_thread_exit,
	.get_fpu = ptrace_get_fpu,
	.set_fpu = ptrace_set_fpu,
	.kick = ptrace_kick,
	.set_owner = ptrace_set_owner,
	.owner = ptrace_owner,
	.place = ptrace_place,
	.halt = ptrace_cpu_kill_all,
	.hwcap = ptrace_hwcap,
	.cputime = ptrace_cputime,
};
