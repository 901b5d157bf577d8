/*
 * Credentials, limits, accounting and the per-task knobs of prctl and
 * sched_*: what a task is (ids, groups, capabilities) and what it may use.
 *
 * struct cred is per task (Linux keeps it per thread too; the C library
 * makes set*id apply to every thread). Process-wide state (dumpable, the
 * subreaper flag, CPU time of exited threads and of reaped children) lives
 * in the group leader's struct ident. kern/cred.c and kern/acct.c own it.
 * Protected by the big kernel lock.
 */
#ifndef UMK_CRED_H
#define UMK_CRED_H

#include <umk/types.h>

struct task;

/* Supplementary groups: shared, immutable once made (setgroups makes a new one). */
struct group_info {
	int refcount;
	int ngroups;
	uint32_t gid[];
};

struct cred {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
	struct group_info *groups;	/* NULL: none */
	uint64_t cap_eff, cap_prm, cap_inh;	/* capabilities(7) sets */
	bool keepcaps;			/* PR_SET_KEEPCAPS */
};

/* What the kernel runs as (no current task) and init starts with. */
extern const struct cred init_cred;

/* CPU time in nanoseconds: total run time and its user/system split. */
struct cputime {
	int64_t sum, utime, stime;
};

/* The host name and NIS domain name a task sees (unshare(CLONE_NEWUTS)). */
struct uts_ns {
	int refcount;
	char nodename[65];
	char domainname[65];
};

struct ident {
	/* per thread */
	int nice;			/* -20 .. 19 */
	int policy, rt_priority;	/* sched_setscheduler */
	uint64_t affinity;		/* guest CPUs it may run on */
	int pdeathsig;			/* sent when the parent thread exits */
	int parent_tid;			/* that thread (Linux's real_parent) */
	bool no_new_privs;
	struct cputime retired;		/* host threads it left (exec) */
	bool acct_done;			/* its host thread's time is counted */
	struct uts_ns *uts;		/* NULL: the initial one */
	/* per process, on the group leader */
	bool child_subreaper;
	int dumpable;
	struct cputime dead;		/* exited threads of the process */
	struct cputime children;	/* reaped children and their children */
};

/* Linux capability numbers umk checks. */
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_SYS_CHROOT 18
#define CAP_SYS_PTRACE 19
#define CAP_SYS_ADMIN 21
#define CAP_SYS_BOOT 22
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_MKNOD 27
#define CAP_WAKE_ALARM 35
#define CAP_LAST_CAP 40
#define CAP_FULL_SET ((1ULL << (CAP_LAST_CAP + 1)) - 1)

/* cred of a task, or init_cred without one. */
const struct cred *task_cred(const struct task *t);
/* current's effective set holds cap (init_cred's when no task runs). */
bool capable(int cap);
bool cred_capable(const struct cred *c, int cap);
/*
 * Linux's ptrace_may_access() in read mode: may current look into t's
 * process (its /proc links, its robust list)? Its own threads, or ids
 * (fs ids with fscreds, else real ids) equal to all of t's real,
 * effective and saved ids while t is dumpable; CAP_SYS_PTRACE passes both.
 */
bool ptrace_may_read(const struct task *t, bool fscreds);
/* gid is c's fsgid or one of its supplementary groups. */
bool cred_in_group(const struct cred *c, uint32_t gid);
/*
 * The credentials access(2) checks with: real ids as fs ids, and the
 * capabilities root would have (none unless the real uid is 0).
 */
void cred_for_access(const struct cred *c, struct cred *out);

struct group_info *groups_alloc(int n);
void groups_put(struct group_info *g);

/*
 * Change ids as setresuid(2)/setresgid(2) do (-1: unchanged), with the
 * checks and capability changes of set*uid: 0, -EPERM or -EINVAL.
 */
long cred_setresuid(uint32_t r, uint32_t e, uint32_t s);
long cred_setresgid(uint32_t r, uint32_t e, uint32_t s);
long cred_setreuid(uint32_t r, uint32_t e);
long cred_setregid(uint32_t r, uint32_t e);
long cred_setuid(uint32_t uid);
long cred_setgid(uint32_t gid);
/* setfsuid(2): returns the old fsuid, changed only when allowed. */
long cred_setfsuid(uint32_t uid);
long cred_setfsgid(uint32_t gid);
/* Any change of euid/egid/fsuid/fsgid: pdeathsig and dumpable go. */
void cred_changed(struct task *t, const struct cred *old);

/* Task life-cycle hooks (task.c, fork.c, exec.c, exit.c). */
void ident_init(struct task *t);
void ident_free(struct task *t);
/* Limits before a fork: -EAGAIN over RLIMIT_NPROC. */
long ident_fork_check(struct task *p);
void ident_fork(struct task *c, struct task *p, uint64_t clone_flags);
void ident_exec(struct task *t);
/*
 * Where the children of an exiting process t go: the nearest subreaper
 * ancestor, else init.
 */
struct task *ident_find_reaper(struct task *t);
/* c's parent thread exited: PR_SET_PDEATHSIG. */
void ident_parent_died(struct task *c);

struct uts_ns *task_uts(struct task *t);
/* Guest CPUs (sched_getaffinity's mask has this many bits). */
int guest_ncpus(void);

/* --- CPU accounting (kern/acct.c) ----------------------------------------- */

/* The CPU time of one thread / of t's whole process (zombies: final). */
void acct_thread(struct task *t, struct cputime *ct);
void acct_process(struct task *t, struct cputime *ct);
/* Its host thread is about to go: count its time in the process. */
void acct_thread_exit(struct task *t);
/* It moves to a new host thread (exec): keep the old one's time. */
void acct_thread_retire(struct task *t);
/* parent reaps child c: c's times go into parent's children total. */
void acct_reap(struct task *parent, struct task *c);
struct linux_rusage;
/* rusage of a zombie child for wait4: its own and its children's. */
void acct_child_rusage(struct task *c, struct linux_rusage *ru);
void cputime_to_rusage(const struct cputime *ct, struct linux_rusage *ru);

#endif
