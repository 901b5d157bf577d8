/*
 * Tasks: one per guest thread.
 *
 * A task owns a host thread (cpu_thread) in the host process of its mm, and
 * points at the shared pieces of its process: mm, open files, fs context.
 * All tasks are reached under the big kernel lock; `current` is the task
 * whose trap is being handled (NULL in interrupt handlers and at boot).
 */
#ifndef UMK_TASK_H
#define UMK_TASK_H

#include <umk/list.h>
#include <umk/sched.h>
#include <umk/types.h>
#include <uapi/linux_misc.h>
#include <uapi/linux_signal.h>

struct mm;
struct files;
struct fs_struct;
struct cpu_thread;
struct futex_waiter;
struct task_timers;

/* Signal dispositions, shared by the threads of a process (CLONE_SIGHAND). */
struct sighand {
	int refcount;
	struct linux_sigaction action[LINUX_NSIG];
};

struct cred {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
};

enum task_state {
	TASK_RUNNING,		/* guest code runs (or will on the next resume) */
	TASK_SLEEPING,		/* blocked in a syscall, host thread stopped */
	TASK_DEAD,		/* exited, waiting to be reaped */
};

struct task {
	int tid;
	int tgid;		/* pid of the process */
	int ppid;
	char comm[16];
	enum task_state state;
	bool on_cpu;		/* its host thread runs guest code right now */
	bool thread_exited;	/* a group leader whose own thread has exited */

	/* the process tree */
	struct task *parent;
	struct list_head children;	/* struct task.sibling */
	struct list_head sibling;
	struct waitq child_wq;		/* wait4 sleeps here for children */
	int exit_signal;	/* sent to the parent at exit (SIGCHLD) */
	int pgid, sid;
	bool did_exec;		/* setpgid on a child after exec: EACCES */
	struct task *vfork_parent;	/* released at exec or exit */
	bool vfork_waiting;	/* a vfork parent waiting for its child */

	struct mm *mm;
	struct files *files;
	struct fs_struct *fs;
	struct cred cred;
	struct cpu_thread *cpu;

	/* the syscall being handled, kept for a restart after a sleep */
	uint64_t sc_nr;
	uint64_t sc_args[6];
	union {
		int64_t deadline_ns;	/* nanosleep and timed waits */
		int64_t value;		/* vfork: the child's tid */
		uint64_t done;		/* pipe write: bytes an earlier try already wrote */
		uint64_t fifo_seq;	/* FIFO open: pipe event count when it began to wait */
	} restart;
	bool restart_valid;	/* restart holds state from an earlier try */

	/* sleeping */
	struct waitq *waiting_on;
	struct list_head wait_node;	/* on waiting_on->sleepers */
	int64_t wake_deadline;		/* monotonic ns, or -1 */
	struct list_head timer_node;	/* on the timer list while a deadline is set */
	struct list_head run_node;	/* on the run queue when runnable and stopped */
	struct futex_waiter *futex;	/* in FUTEX_WAIT, woken or not (kern/futex.c) */

	/* signals: recorded now, delivered by the processes work */
	struct sighand *sighand;
	linux_sigset_t sigmask;
	linux_sigset_t sigpending;	/* signals waiting for delivery */
	struct linux_siginfo siginfo[LINUX_NSIG];	/* one per pending signal */
	linux_sigset_t saved_sigmask;	/* sigsuspend: the mask to go back to */
	bool restore_sigmask;
	struct linux_stack altstack;	/* sigaltstack; ss_size 0: none */
	long restart_code;	/* -ERESTART* left by an interrupted syscall */

	/* alarm, itimers, POSIX timers: set on the group leader only, on first use */
	struct task_timers *timers;

	uaddr_t clear_child_tid;
	struct linux_rlimit rlim[LINUX_RLIM_NLIMITS];
	int exit_code;		/* wait status once dead */
	int64_t start_ns;	/* monotonic (CLOCK_BOOTTIME) time it was made, for /proc */

	struct list_head node;	/* all tasks */
};

extern struct task *current;

/* A new task with fresh defaults (root credentials, default limits). */
struct task *task_alloc(void);
void task_free(struct task *t);
void sighand_put(struct sighand *sh);

/* Find a live task by tid, or NULL. */
struct task *task_find(int tid);

/* Walk every task, zombies included (NULL at the end). */
struct task *task_first(void);
struct task *task_next(struct task *t);

/*
 * Create a child of current as clone(2) does for processes (no CLONE_VM
 * yet except vfork). Returns the child's tid or -errno. (kern/fork.c)
 */
long do_fork(uint64_t flags, uaddr_t stack, uaddr_t ptid, uaddr_t ctid, uint64_t tls);

/* A vfork child execs or exits: its parent may run again. (kern/fork.c) */
void task_vfork_release(struct task *child);

/* Replace current's program (execve). 0 or -errno. (exec/exec.c) */
int exec_task(struct task *t, const char *path, char *const argv[], char *const envp[]);

#endif
