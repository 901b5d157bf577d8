/*
 * Signals (man 7 signal): queues, sending, stop and continue, delivery.
 *
 * Every thread has its own pending queue (tkill, tgkill, faults) and the
 * threads of a process share one more (kill, sigqueue, timers), kept in
 * struct signal_struct with the process's stop state. A signal sent to a
 * process is taken by whichever thread does not block it first; standard
 * signals coalesce, real-time ones queue with their siginfo.
 *
 * kern/signal.c sends and queues; kern/sigframe.c delivers (default
 * actions, handler frames, syscall restarts, rt_sigreturn).
 * Everything here runs under the big kernel lock.
 */
#ifndef UMK_SIGNAL_H
#define UMK_SIGNAL_H

#include <umk/list.h>
#include <umk/types.h>
#include <uapi/linux_signal.h>

struct task;
struct cred;

#define SIGBIT(sig) (1ULL << ((sig) - 1))
/* never blocked, never caught */
#define SIG_UNBLOCKABLE (SIGBIT(LINUX_SIGKILL) | SIGBIT(LINUX_SIGSTOP))
/* whose default action is to do nothing */
#define SIG_DEFAULT_IGNORE (SIGBIT(LINUX_SIGCHLD) | SIGBIT(LINUX_SIGCONT) | \
			    SIGBIT(LINUX_SIGURG) | SIGBIT(LINUX_SIGWINCH))
/* whose default action is to stop the process */
#define SIG_DEFAULT_STOP (SIGBIT(LINUX_SIGSTOP) | SIGBIT(LINUX_SIGTSTP) | \
			  SIGBIT(LINUX_SIGTTIN) | SIGBIT(LINUX_SIGTTOU))
/* raised by the instruction stream: delivered first */
#define SIG_SYNCHRONOUS (SIGBIT(LINUX_SIGSEGV) | SIGBIT(LINUX_SIGBUS) | SIGBIT(LINUX_SIGILL) | \
			 SIGBIT(LINUX_SIGTRAP) | SIGBIT(LINUX_SIGFPE) | SIGBIT(LINUX_SIGSYS))
#define SIG_VALID(sig) ((sig) >= 1 && (sig) <= LINUX_NSIG)

/* Pending signals: a set and a queue of struct sigqueue in arrival order. */
struct sigpending {
	linux_sigset_t set;
	struct list_head list;
};

/* One queued signal. */
struct sigqueue {
	struct list_head node;
	struct linux_siginfo info;
};

/* signal_struct.flags */
#define SIGNAL_STOP_STOPPED	0x1	/* every thread has stopped */
#define SIGNAL_STOP_CONTINUED	0x2	/* continued, not yet reported by wait */
#define SIGNAL_INIT_KILLABLE	0x4	/* init took a fatal fault: it may die */

/* What the threads of one process share (Linux's signal_struct). */
struct signal_struct {
	int refcount;
	struct sigpending shared;	/* process-directed signals */
	int nr_queued;		/* siginfos queued, all threads (RLIMIT_SIGPENDING) */
	unsigned flags;
	int stop_sig;		/* the signal of the last group stop */
	int stop_count;		/* threads that still have to stop */
	int stop_report;	/* wait status of a stop wait has not reported, or 0 */
};

/* A fresh signal_struct (refcount 1), or NULL. */
struct signal_struct *signal_struct_alloc(void);
void signal_struct_put(struct signal_struct *s);
void sigpending_init(struct sigpending *p);
/* Drop every queued signal of p (of t's process, for the count). */
void sigpending_flush(struct task *t, struct sigpending *p);

/*
 * Send sig with info. send_signal_info() directs it at t's process (any
 * thread that does not block it takes it, t first); send_thread_signal_info()
 * at the thread t. Ignored signals are dropped, SIGKILL kills at once, a
 * stop signal cancels a pending SIGCONT and SIGCONT continues a stopped
 * process. 0, or -EAGAIN when a real-time signal cannot be queued.
 * Permission is the caller's business (kill_permission()).
 */
int send_signal_info(struct task *t, int sig, const struct linux_siginfo *info);
int send_thread_signal_info(struct task *t, int sig, const struct linux_siginfo *info);
/* send_signal_info with a SI_USER siginfo from current. */
void send_signal(struct task *t, int sig);
/* A synchronous fault: delivered even if blocked or ignored (then fatal). */
void force_signal_fault(struct task *t, int sig, int code, uint64_t addr);

/*
 * May a sender with credentials c (in session sid) signal target with sig
 * (kill(2))? 0 or -EPERM. sig 0 is a probe and is checked as well.
 */
int kill_cred_check(const struct cred *c, int sid, const struct task *target, int sig);
/* kill_cred_check for current. */
int kill_permission(const struct task *target, int sig);

/* Pending signals of t (its own and its process's). */
linux_sigset_t signal_pending_set(const struct task *t);
/* Is a signal deliverable to t now (or must it stop)? */
bool signal_pending(struct task *t);
/*
 * Take the next signal in allowed from t's queues (its own first) into
 * *info. Returns the signal, or 0.
 */
int dequeue_signal(struct task *t, linux_sigset_t allowed, struct linux_siginfo *info);
/* The same, for signalfd (Linux's name there). */
int signal_dequeue(struct task *t, linux_sigset_t mask, struct linux_siginfo *info);
/* A queued siginfo of t's with this si_code and timer id (POSIX timers), or NULL. */
struct linux_siginfo *signal_find_timer(struct task *t, int sig, int timer_id);

/* Drop every pending sig of t's process (sigaction: now ignored). */
void signal_discard(struct task *t, int sig);

/* Is sig ignored by t's process right now (dropped if sent)? */
bool signal_ignored(struct task *t, int sig);
/* The process of t is pid 1 and not yet killable. */
bool signal_unkillable(struct task *t);

/*
 * Stop and continue. group_stop() starts a stop of t's process for sig and
 * stops t; the other threads stop when they next pass through delivery.
 * task_stop() is that passage: t stops, and when it is the last the parent
 * is told (CLD_STOPPED). Both leave t in TASK_STOPPED.
 */
void group_stop(struct task *t, int sig);
void task_stop(struct task *t);
/* A thread leaves (exit): it no longer counts for its group's stop. */
void signal_thread_gone(struct task *t);

/*
 * Tell t's parent about t (SIGCHLD, wake its wait4): why is CLD_EXITED,
 * CLD_KILLED, CLD_STOPPED or CLD_CONTINUED, status the exit code or
 * signal. For an exit, returns true if the parent wants no zombie
 * (SIGCHLD ignored or SA_NOCLDWAIT): t is to be released at once.
 */
bool notify_parent(struct task *t, int why, int status);

/*
 * Before t returns to guest code: settle an interrupted syscall and run
 * the default action or set up the handler frame of one pending signal.
 * Returns false if t is not to run guest code now: it died, it stopped, or
 * its interrupted syscall goes on in the kernel (it was requeued).
 */
bool signal_deliver(struct task *t);
/* rt_sigreturn: restore the context saved in the frame at rsp. */
long signal_return(struct task *t);

/*
 * sigaltstack(2) for t whose stack pointer is sp: read it (ss_flags as
 * Linux reports them), or set it: 0, -EPERM (running on it), -EINVAL,
 * -ENOMEM (too small). (kern/sigframe.c)
 */
void altstack_get(struct task *t, uint64_t sp, struct linux_stack *ss);
int altstack_set(struct task *t, uint64_t sp, const struct linux_stack *ss);

#endif
