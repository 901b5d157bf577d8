/*
 * The trap loop: umk's one kernel thread.
 *
 * Every guest thread runs until it traps; the loop takes the outcomes one
 * at a time (the big kernel lock by construction), handles each, and
 * resumes the thread. While no guest thread runs, it waits for interrupts
 * and timers instead.
 */
#include <host/host.h>
#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/printk.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/irq.h>
#include <umk/vfs.h>

bool init_exited;
int init_status;
int nr_running;

const char *const signames[32] = {
	[1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP",
	[6] = "SIGABRT", [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1",
	[11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE", [14] = "SIGALRM",
	[15] = "SIGTERM", [31] = "SIGSYS",
};

/* Kill t for a fatal signal (no handlers are delivered yet). */
static void kill_task(struct task *t, int sig, const char *why, uint64_t addr)
{
	if (t->tid == 1 && why)
		printk("umk: init: %s at %#llx\n", why, (unsigned long long)addr);
	task_exit(t, sig);
}

static void resume(struct task *t)
{
	int err;

	if ((t->restart_code || signal_pending(t)) && !signal_deliver(t))
		return;	/* a signal killed it */
	err = mm_flush(t->mm);

	if (!err)
		err = cpu->resume(t->cpu);
	if (err) {
		printk("umk: cannot resume task %d: %d\n", t->tid, err);
		task_exit(t, LINUX_SIGKILL);
		return;
	}
	t->on_cpu = true;
	nr_running++;
}

static void run_syscall(struct task *t)
{
	long ret;

	current = t;
	ret = syscall_dispatch(t, t->sc_nr, t->sc_args);
	if (ret == -ERESTART_WAIT || t->state == TASK_DEAD || t->thread_exited)
		return;
	if (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)
		t->restart_code = ret;	/* settled by signal_deliver() */
	else if (ret != -EJUSTRETURN)
		cpu->set_return(t->cpu, (uint64_t)ret);
	resume(t);
}

static void handle_fault(struct task *t, const struct cpu_event *ev)
{
	int si_code, sig;

	current = t;
	if (ev->signo != LINUX_SIGSEGV || ev->si_code == LINUX_SI_KERNEL) {
		/* not a page fault: #GP (a bad instruction, int 0x80), #UD, ... */
		sig = ev->signo;
		si_code = ev->si_code;
	} else {
		/* with t stopped, reclaim can take back pages t maps too */
		page_cache_balance_fault();
		sig = mm_handle_fault(t->mm, ev->addr, ev->si_code, &si_code);
	}
	if (sig == LINUX_SIGKILL) {
		kill_task(t, sig, "out of memory", ev->addr);
		return;
	}
	if (sig) {
		if (t->tid == 1 && t->sighand->action[sig - 1].sa_handler <= LINUX_SIG_IGN)
			printk("umk: init: %s at %#llx\n", signames[sig],
			       (unsigned long long)ev->addr);
		force_signal_fault(t, sig, si_code, ev->addr);
	}
	resume(t);
}

static void handle_event(const struct cpu_event *ev)
{
	struct task *t = cpu->owner(ev->thread);

	if (!t || t->state == TASK_DEAD || !t->on_cpu)
		return;
	t->on_cpu = false;
	nr_running--;
	switch (ev->kind) {
	case CPU_SYSCALL:
		if (ev->compat) {
			/*
			 * int 0x80 and friends: umk has no 32-bit ABI, so it does
			 * what Linux built without IA32 emulation does: the
			 * instruction faults (#GP), SIGSEGV with SI_KERNEL.
			 */
			current = t;
			force_signal_fault(t, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
			resume(t);
			return;
		}
		t->sc_nr = ev->nr;
		for (int i = 0; i < 6; i++)
			t->sc_args[i] = ev->args[i];
		t->restart_valid = false;
		run_syscall(t);
		return;
	case CPU_FAULT:
		handle_fault(t, ev);
		return;
	case CPU_SIGNAL:
		/* A host signal is never passed through to the guest. */
		resume(t);
		return;
	case CPU_EXITED:
		t->cpu = NULL;
		kill_task(t, (ev->status & 0x7f) ? (ev->status & 0x7f) : LINUX_SIGKILL,
			  "host thread died", 0);
		return;
	case CPU_INTERRUPTED:
		return;
	}
}

/*
 * While guest code runs, the wait for its next trap must still end in
 * time for a sleeper's deadline or an interrupt: a host tick interrupts it.
 * It repeats, so a tick that lands just before the wait blocks is followed
 * by another within TICK_NS; with nothing to wait for it is off, and the
 * syscall path pays nothing.
 */
#define TICK_NS 2000000

static void arm_tick(void)
{
	static bool armed;
	int64_t deadline = sched_next_deadline();

	if (deadline < 0 && !irq_any_enabled()) {
		if (armed)
			host_tick_stop();
		armed = false;
		return;
	}
	if (deadline >= 0) {
		host_tick_start(deadline - ktime_mono_ns(), TICK_NS);
	} else if (!armed) {
		host_tick_start(TICK_NS, TICK_NS);
	}
	armed = true;
}

void trap_loop(void)
{
	struct cpu_event ev;
	struct task *t;

	while (!init_exited) {
		task_reap_released();
		page_cache_balance();
		while ((t = sched_next_woken()) && !init_exited)
			run_syscall(t);
		if (init_exited)
			break;
		if (nr_running == 0) {
			irq_wait(sched_next_deadline());
			sched_run_timers(ktime_mono_ns());
			continue;
		}
		int err;

		arm_tick();
		err = cpu->wait(&ev, true);
		if (err == -EAGAIN)
			continue;
		if (err)
			panic("trap_loop: wait failed: %d", err);
		if (ev.kind == CPU_INTERRUPTED) {
			sched_run_timers(ktime_mono_ns());
			irq_wait(0);
			continue;
		}
		handle_event(&ev);
		/*
		 * A guest that traps without pause keeps the wait from ever
		 * blocking, so the tick never interrupts it: look at the clock.
		 */
		if (sched_next_deadline() >= 0 && ktime_mono_ns() >= sched_next_deadline())
			sched_run_timers(ktime_mono_ns());
	}
}

void kernel_start_task(struct task *t)
{
	resume(t);
}
