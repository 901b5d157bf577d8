/*
 * Signals: sending, default actions, and delivery to guest handlers
 * through frames laid out as Linux lays them on x86-64 (struct rt_sigframe,
 * with the XSAVE area above it), and rt_sigreturn's way back.
 *
 * A pending signal is delivered when its task is about to run guest code
 * again (signal_deliver, from the trap loop). A sleeping task is woken and
 * its syscall answers -ERESTART*, which is settled here: restarted or
 * -EINTR as SA_RESTART says, never shown to the guest. A running task is
 * kicked so that it traps. Stop and continue are not implemented yet.
 *
 * Protected by the big kernel lock.
 */
#include <stddef.h>
#include <string.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/timerfd.h>
#include <umk/uaccess.h>

#define DEFAULT_STOP (SIGBIT(LINUX_SIGSTOP) | SIGBIT(LINUX_SIGTSTP) | SIGBIT(LINUX_SIGTTIN) | \
		      SIGBIT(LINUX_SIGTTOU))
#define SYNCHRONOUS (SIGBIT(LINUX_SIGSEGV) | SIGBIT(LINUX_SIGBUS) | SIGBIT(LINUX_SIGILL) | \
		     SIGBIT(LINUX_SIGTRAP) | SIGBIT(LINUX_SIGFPE) | SIGBIT(LINUX_SIGSYS))
#define XSTATE_MAX 16384
/* eflags bits a signal frame may change (Linux's FIX_EFLAGS) */
#define FIX_EFLAGS 0x40dd5ULL

static bool ignored(struct task *t, int sig)
{
	uint64_t h = t->sighand->action[sig - 1].sa_handler;

	return h == LINUX_SIG_IGN || (h == LINUX_SIG_DFL && (SIG_DEFAULT_IGNORE & SIGBIT(sig)));
}

bool signal_pending(struct task *t)
{
	return (t->sigpending & ~(t->sigmask & ~SIG_UNBLOCKABLE)) != 0;
}

void send_signal_info(struct task *t, int sig, const struct linux_siginfo *info)
{
	if (t->state == TASK_DEAD || sig < 1 || sig > LINUX_NSIG)
		return;
	/*
	 * Init gets no signal it does not handle (SIGKILL included), unless
	 * it blocks it: then it stays pending, for signalfd or sigwait.
	 */
	if (t->tid == 1 && t->sighand->action[sig - 1].sa_handler <= LINUX_SIG_IGN &&
	    !(t->sigmask & SIGBIT(sig) & ~SIG_UNBLOCKABLE))
		return;
	if (sig == LINUX_SIGKILL) {
		task_exit(t, sig);
		return;
	}
	if (ignored(t, sig) && !(t->sigmask & SIGBIT(sig)))
		return;
	if (!(t->sigpending & SIGBIT(sig)))
		t->siginfo[sig - 1] = *info;
	t->sigpending |= SIGBIT(sig);
	signalfd_notify();
	if (t->sigmask & SIGBIT(sig))
		return;
	if (t->state == TASK_SLEEPING)
		wake_up_task(t);
	else if (t->on_cpu)
		cpu->kick(t->cpu);
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
	struct linux_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.fault.addr = addr;
	/* Blocked or ignored, a fault is fatal: back to the default action. */
	if ((t->sigmask & SIGBIT(sig)) || t->sighand->action[sig - 1].sa_handler == LINUX_SIG_IGN) {
		t->sigmask &= ~SIGBIT(sig);
		t->sighand->action[sig - 1].sa_handler = LINUX_SIG_DFL;
	}
	t->siginfo[sig - 1] = info;
	t->sigpending |= SIGBIT(sig);
}

int signal_dequeue(struct task *t, linux_sigset_t mask, struct linux_siginfo *info)
{
	uint64_t ready = t->sigpending & mask;
	int sig;

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS)
		ready &= SYNCHRONOUS;
	sig = __builtin_ctzll(ready) + 1;
	t->sigpending &= ~SIGBIT(sig);
	*info = t->siginfo[sig - 1];
	return sig;
}

/* The next deliverable signal (synchronous ones first), or 0. */
static int next_signal(struct task *t)
{
	uint64_t ready = t->sigpending & ~(t->sigmask & ~SIG_UNBLOCKABLE);

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS)
		ready &= SYNCHRONOUS;
	return __builtin_ctzll(ready) + 1;
}

static bool on_altstack(struct task *t, uint64_t sp)
{
	return t->altstack.ss_size && sp > t->altstack.ss_sp &&
	       sp <= t->altstack.ss_sp + t->altstack.ss_size;
}

static int setup_frame(struct task *t, int sig, struct linux_regs *regs)
{
	static char xbuf[XSTATE_MAX] __attribute__((aligned(64)));
	struct linux_sigaction *ka = &t->sighand->action[sig - 1];
	struct linux_rt_sigframe frame;
	struct linux_sigcontext *sc = &frame.uc.uc_mcontext;
	uint32_t magic2 = LINUX_FP_XSTATE_MAGIC2;
	uint64_t sp = regs->rsp, fp;
	long xlen;

	if (!(ka->sa_flags & LINUX_SA_RESTORER))
		return -EFAULT;	/* x86-64 handlers must return through a restorer */
	if ((ka->sa_flags & LINUX_SA_ONSTACK) && t->altstack.ss_size &&
	    !(t->altstack.ss_flags & LINUX_SS_DISABLE) && !on_altstack(t, sp))
		sp = t->altstack.ss_sp + t->altstack.ss_size;
	else
		sp -= 128;	/* the red zone */
	xlen = cpu->get_fpu(t->cpu, xbuf, sizeof(xbuf));
	if (xlen < 0)
		return (int)xlen;
	sp = (sp - (uint64_t)xlen - sizeof(magic2)) & ~63ULL;
	fp = sp;
	sp = ((sp - sizeof(frame)) & ~15ULL) - 8;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ka->sa_restorer;
	frame.uc.uc_flags = LINUX_UC_FP_XSTATE | LINUX_UC_SIGCONTEXT_SS | LINUX_UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack.ss_sp = t->altstack.ss_sp;
	frame.uc.uc_stack.ss_size = t->altstack.ss_size;
	frame.uc.uc_stack.ss_flags = !t->altstack.ss_size ? LINUX_SS_DISABLE :
				     on_altstack(t, regs->rsp) ? LINUX_SS_ONSTACK : 0;
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->rdi = regs->rdi; sc->rsi = regs->rsi; sc->rbp = regs->rbp; sc->rbx = regs->rbx;
	sc->rdx = regs->rdx; sc->rax = regs->rax; sc->rcx = regs->rcx; sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->eflags;
	sc->cs = (uint16_t)regs->cs;
	sc->ss = (uint16_t)regs->ss;
	sc->oldmask = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
	sc->fpstate = fp;
	if (SYNCHRONOUS & SIGBIT(sig))
		sc->cr2 = t->siginfo[sig - 1].fault.addr;
	frame.uc.uc_sigmask = sc->oldmask;
	frame.info = t->siginfo[sig - 1];

	if (mm_copy_to(t->mm, fp, xbuf, (size_t)xlen) ||
	    mm_copy_to(t->mm, fp + (uint64_t)xlen, &magic2, sizeof(magic2)) ||
	    mm_copy_to(t->mm, sp, &frame, sizeof(frame)))
		return -EFAULT;

	regs->rip = ka->sa_handler;
	regs->rsp = sp;
	regs->rdi = (uint64_t)sig;
	regs->rsi = sp + offsetof(struct linux_rt_sigframe, info);
	regs->rdx = sp + offsetof(struct linux_rt_sigframe, uc);
	regs->rax = 0;
	regs->eflags &= ~(0x100ULL | 0x400ULL);	/* TF, DF */
	cpu->regs_changed(t->cpu);

	t->sigmask = (t->sigmask | ka->sa_mask |
		      ((ka->sa_flags & LINUX_SA_NODEFER) ? 0 : SIGBIT(sig))) & ~SIG_UNBLOCKABLE;
	t->restore_sigmask = false;
	if (ka->sa_flags & LINUX_SA_RESETHAND)
		memset(ka, 0, sizeof(*ka));
	return 0;
}

bool signal_deliver(struct task *t)
{
	long code = t->restart_code;
	struct linux_regs *regs;
	int sig;

	t->restart_code = 0;
	for (;;) {
		sig = next_signal(t);
		if (!sig)
			break;
		t->sigpending &= ~SIGBIT(sig);
		if (t->sighand->action[sig - 1].sa_handler == LINUX_SIG_IGN)
			continue;
		if (t->sighand->action[sig - 1].sa_handler != LINUX_SIG_DFL)
			break;
		if ((SIG_DEFAULT_IGNORE | DEFAULT_STOP) & SIGBIT(sig))
			continue;	/* stop/continue: not implemented yet */
		if (t->tid == 1 && !(SYNCHRONOUS & SIGBIT(sig)))
			continue;
		task_exit(t, sig);
		return false;
	}
	regs = cpu->regs(t->cpu);
	if (!regs) {
		task_exit(t, LINUX_SIGKILL);
		return false;
	}
	if (code) {
		uint64_t flags = sig ? t->sighand->action[sig - 1].sa_flags : 0;
		bool restart = !sig || code == -ERESTARTNOINTR ||
			       (code == -ERESTARTSYS && (flags & LINUX_SA_RESTART));

		if (restart) {
			/* Execute the syscall instruction again. */
			regs->rax = t->sc_nr;
			regs->rip -= 2;
		} else {
			regs->rax = (uint64_t)-EINTR;
		}
		cpu->regs_changed(t->cpu);
	}
	if (!sig) {
		if (t->restore_sigmask) {
			t->sigmask = t->saved_sigmask;
			t->restore_sigmask = false;
		}
		return true;
	}
	if (setup_frame(t, sig, regs)) {
		/* No room for the frame: as Linux, a SIGSEGV it cannot catch. */
		task_exit(t, LINUX_SIGSEGV);
		return false;
	}
	return true;
}

long signal_return(struct task *t)
{
	static char xbuf[XSTATE_MAX] __attribute__((aligned(64)));
	struct linux_regs *regs = cpu->regs(t->cpu);
	struct linux_ucontext uc;
	struct linux_sigcontext *sc = &uc.uc_mcontext;
	long xlen;

	if (!regs)
		return -EIO;
	/* The handler's ret popped pretcode: the ucontext is at rsp. */
	if (copy_from_user(&uc, regs->rsp, sizeof(uc)))
		goto badframe;
	if (sc->fpstate) {
		xlen = cpu->get_fpu(t->cpu, xbuf, sizeof(xbuf));
		if (xlen < 0 || copy_from_user(xbuf, sc->fpstate, (size_t)xlen) ||
		    cpu->set_fpu(t->cpu, xbuf, (size_t)xlen))
			goto badframe;
	}
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx; regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	cpu->regs_changed(t->cpu);
	t->sigmask = uc.uc_sigmask & ~SIG_UNBLOCKABLE;
	return -EJUSTRETURN;

badframe:
	force_signal_fault(t, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
	return -EJUSTRETURN;
}
