/*
 * Sending signals. Default actions are carried out here; a signal with a
 * handler is recorded as pending for delivery (which comes with signal
 * frames). Stop and continue are not implemented yet and are ignored.
 *
 * Protected by the big kernel lock.
 */
#include <umk/kernel.h>
#include <umk/task.h>

#define BIT(sig) (1ULL << ((sig) - 1))
#define DEFAULT_IGNORE (BIT(LINUX_SIGCHLD) | BIT(LINUX_SIGCONT) | BIT(LINUX_SIGURG) | \
			BIT(LINUX_SIGWINCH))
#define DEFAULT_STOP (BIT(LINUX_SIGSTOP) | BIT(LINUX_SIGTSTP) | BIT(LINUX_SIGTTIN) | \
		      BIT(LINUX_SIGTTOU))

void send_signal(struct task *t, int sig)
{
	uint64_t handler;

	if (t->state == TASK_DEAD || sig < 1 || sig > LINUX_NSIG)
		return;
	handler = t->sigaction[sig - 1].sa_handler;
	if (sig == LINUX_SIGKILL) {
		/* Init gets no signal it does not handle: SIGKILL included. */
		if (t->tid != 1)
			task_exit(t, sig);
		return;
	}
	if (handler == LINUX_SIG_IGN)
		return;
	if (handler == LINUX_SIG_DFL) {
		if ((DEFAULT_IGNORE | DEFAULT_STOP) & BIT(sig))
			return;
		if (t->tid == 1)
			return;
		task_exit(t, sig);
		return;
	}
	t->sigpending |= BIT(sig);
}
