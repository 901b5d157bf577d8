/*
 * Signal delivery: default actions, handler frames laid out as Linux lays
 * them on x86-64 (struct rt_sigframe, with the XSAVE area above it), the
 * settling of interrupted syscalls, rt_sigreturn's way back, and the
 * alternate signal stack.
 *
 * A pending signal is delivered when its task is about to run guest code
 * again (signal_deliver, from the trap loop). A sleeping task is woken and
 * its syscall answers -ERESTART*, which is settled here: restarted or
 * -EINTR as SA_RESTART says, never shown to the guest.
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
#include <umk/signal.h>
#include <umk/task.h>
#include <umk/tty.h>
#include <umk/uaccess.h>

#define XSTATE_MAX 16384
/* eflags bits a signal frame may change (Linux's FIX_EFLAGS) */
#define FIX_EFLAGS 0x40dd5ULL

/* --- the alternate stack ---------------------------------------------------------- */

static bool on_altstack(struct task *t, uint64_t sp)
{
	return t->altstack.ss_size && sp > t->altstack.ss_sp &&
	       sp - t->altstack.ss_sp <= t->altstack.ss_size;
}

void altstack_get(struct task *t, uint64_t sp, struct linux_stack *ss)
{
	*ss = t->altstack;
	ss->ss_flags = !t->altstack.ss_size ? LINUX_SS_DISABLE :
		       on_altstack(t, sp) ? LINUX_SS_ONSTACK : 0;
	ss->ss_flags |= t->altstack.ss_flags & (int32_t)LINUX_SS_AUTODISARM;
}

int altstack_set(struct task *t, uint64_t sp, const struct linux_stack *ss)
{
	int mode = ss->ss_flags & ~(int32_t)LINUX_SS_AUTODISARM;

	if (on_altstack(t, sp))
		return -EPERM;
	if (mode != 0 && mode != LINUX_SS_ONSTACK && mode != LINUX_SS_DISABLE)
		return -EINVAL;
	if (mode == LINUX_SS_DISABLE) {
		memset(&t->altstack, 0, sizeof(t->altstack));
		return 0;
	}
	if (ss->ss_size < LINUX_MINSIGSTKSZ)
		return -ENOMEM;
	t->altstack = *ss;
	t->altstack.ss_flags = ss->ss_flags & (int32_t)LINUX_SS_AUTODISARM;
	return 0;
}

/* --- frames ------------------------------------------------------------------------ */

static int setup_frame(struct task *t, int sig, const struct linux_sigaction *ka,
		       const struct linux_siginfo *info, struct linux_regs *regs)
{
	static char xbuf[XSTATE_MAX] __attribute__((aligned(64)));
	struct linux_rt_sigframe frame;
	struct linux_sigcontext *sc = &frame.uc.uc_mcontext;
	uint32_t magic2 = LINUX_FP_XSTATE_MAGIC2;
	uint64_t sp = regs->rsp, fp;
	long xlen;

	if (!(ka->sa_flags & LINUX_SA_RESTORER))
		return -EFAULT;	/* x86-64 handlers must return through a restorer */
	memset(&frame, 0, sizeof(frame));
	altstack_get(t, regs->rsp, &frame.uc.uc_stack);
	if ((ka->sa_flags & LINUX_SA_ONSTACK) && t->altstack.ss_size && !on_altstack(t, sp)) {
		sp = t->altstack.ss_sp + t->altstack.ss_size;
		if (t->altstack.ss_flags & (int32_t)LINUX_SS_AUTODISARM)
			memset(&t->altstack, 0, sizeof(t->altstack));
	} else {
		sp -= 128;	/* the red zone */
	}
	xlen = cpu->get_fpu(t->cpu, xbuf, sizeof(xbuf));
	if (xlen < 0)
		return (int)xlen;
	sp = (sp - (uint64_t)xlen - sizeof(magic2)) & ~63ULL;
	fp = sp;
	sp = ((sp - sizeof(frame)) & ~15ULL) - 8;

	frame.pretcode = ka->sa_restorer;
	frame.uc.uc_flags = LINUX_UC_FP_XSTATE | LINUX_UC_SIGCONTEXT_SS | LINUX_UC_STRICT_RESTORE_SS;
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
	if (SIG_SYNCHRONOUS & SIGBIT(sig))
		sc->cr2 = info->fault.addr;
	frame.uc.uc_sigmask = sc->oldmask;
	frame.info = *info;

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

	t->sigmask = (sc->oldmask | ka->sa_mask |
		      ((ka->sa_flags & LINUX_SA_NODEFER) ? 0 : SIGBIT(sig))) & ~SIG_UNBLOCKABLE;
	t->restore_sigmask = false;
	return 0;
}

/*
 * The syscall goes on in the kernel with what it kept (no handler ran):
 * a nanosleep keeps its deadline, as Linux's restart_syscall does.
 */
static void requeue_syscall(struct task *t)
{
	t->state = TASK_SLEEPING;
	wake_up_task(t);
}

/*
 * The next signal t must act on: > 0 with *ka and *info for a handler, 0
 * for none, -1 when t stopped or died (a stop keeps code for later).
 */
static int get_signal(struct task *t, long code, struct linux_sigaction *ka,
		      struct linux_siginfo *info)
{
	int sig;

	for (;;) {
		if (t->jobctl_stop) {
			t->restart_code = code;	/* settled once it goes on */
			task_stop(t);
			return -1;
		}
		sig = dequeue_signal(t, ~(t->sigmask & ~SIG_UNBLOCKABLE), info);
		if (!sig)
			return 0;
		*ka = t->sighand->action[sig - 1];
		if (ka->sa_handler == LINUX_SIG_IGN)
			continue;
		if (ka->sa_handler != LINUX_SIG_DFL) {
			if (ka->sa_flags & LINUX_SA_RESETHAND)
				t->sighand->action[sig - 1].sa_handler = LINUX_SIG_DFL;
			return sig;
		}
		if (SIG_DEFAULT_IGNORE & SIGBIT(sig))
			continue;
		/* Init takes no default action but the ones a fault forces. */
		if (signal_unkillable(t) && !(SIG_UNBLOCKABLE & SIGBIT(sig)))
			continue;
		if (SIG_DEFAULT_STOP & SIGBIT(sig)) {
			/*
			 * The terminal's stops do not stop an orphaned group
			 * (POSIX). Init's group 0 stands for the world outside
			 * umk, where the group has a parent: never orphaned.
			 */
			if (sig != LINUX_SIGSTOP && t->pgid > 0 && pgrp_orphaned(t->pgid))
				continue;
			t->restart_code = code;
			group_stop(t, sig);
			return -1;
		}
		task_exit(t, sig);
		return -1;
	}
}

/*
 * Every deliverable signal gets its frame, each on top of the last, so
 * the one taken last runs first (as on Linux). The interrupted syscall is
 * settled by the first: restarted or -EINTR as its handler's SA_RESTART
 * says; with no handler it is restarted.
 */
bool signal_deliver(struct task *t)
{
	long code = t->restart_code;
	struct linux_sigaction ka = { 0 };
	struct linux_siginfo info;
	struct linux_regs *regs;
	int sig;

	t->restart_code = 0;
	for (;;) {
		sig = get_signal(t, code, &ka, &info);
		if (sig < 0)
			return false;
		regs = cpu->regs(t->cpu);
		if (!regs) {
			task_exit(t, LINUX_SIGKILL);
			return false;
		}
		if (!sig)
			break;
		if (code) {
			bool restart = code == -ERESTARTNOINTR ||
				       (code == -ERESTARTSYS && (ka.sa_flags & LINUX_SA_RESTART));

			if (restart) {
				/* Execute the syscall instruction again. */
				regs->rax = t->sc_nr;
				regs->rip -= 2;
			} else {
				regs->rax = (uint64_t)-EINTR;
			}
			code = 0;
		}
		if (setup_frame(t, sig, &ka, &info, regs)) {
			/* No room for the frame: as Linux, a SIGSEGV it cannot catch. */
			task_exit(t, LINUX_SIGSEGV);
			return false;
		}
	}
	if (code == -ERESTART_RESTARTBLOCK) {
		requeue_syscall(t);
		return false;
	}
	if (code) {
		regs->rax = t->sc_nr;
		regs->rip -= 2;
		cpu->regs_changed(t->cpu);
	}
	if (t->restore_sigmask) {
		t->sigmask = t->saved_sigmask;
		t->restore_sigmask = false;
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
	/* The frame's stack_t is set again (an SS_AUTODISARM stack comes back). */
	altstack_set(t, regs->rsp, &uc.uc_stack);
	return -EJUSTRETURN;

badframe:
	force_signal_fault(t, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
	return -EJUSTRETURN;
}
