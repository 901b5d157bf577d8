/*
 * Credentials and the per-task identity state (umk/cred.h): the rules of
 * the set*id calls with their effect on capabilities (capabilities(7),
 * "Effect of user ID changes on capabilities"), supplementary groups, and
 * what fork, exec and exit do to all of it.
 *
 * Capabilities follow a minimal model: the bounding set is full, there are
 * no file capabilities and no ambient set, and only the effective,
 * permitted and inheritable sets are kept. Root starts with everything.
 * Protected by the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/task.h>
#include <uapi/linux_resource.h>

const struct cred init_cred = {
	.cap_eff = CAP_FULL_SET,
	.cap_prm = CAP_FULL_SET,
};

/* The capabilities a change of fsuid to or from 0 raises or drops. */
#define CAP_FS_MASK ((1ULL << CAP_CHOWN) | (1ULL << CAP_DAC_OVERRIDE) | \
		     (1ULL << CAP_DAC_READ_SEARCH) | (1ULL << CAP_FOWNER) | \
		     (1ULL << CAP_FSETID) | (1ULL << 9) | (1ULL << 27) | (1ULL << 32))

/* /proc/sys/fs/suid_dumpable: what dumpable becomes when ids change. */
#define SUID_DUMPABLE 0

const struct cred *task_cred(const struct task *t)
{
	return t ? &t->cred : &init_cred;
}

bool cred_capable(const struct cred *c, int cap)
{
	return (c->cap_eff >> cap) & 1;
}

bool capable(int cap)
{
	return cred_capable(task_cred(current), cap);
}

bool cred_in_group(const struct cred *c, uint32_t gid)
{
	if (gid == c->fsgid)
		return true;
	for (int i = 0; c->groups && i < c->groups->ngroups; i++)
		if (c->groups->gid[i] == gid)
			return true;
	return false;
}

void cred_for_access(const struct cred *c, struct cred *out)
{
	*out = *c;
	out->fsuid = c->uid;
	out->fsgid = c->gid;
	out->cap_eff = c->uid == 0 ? c->cap_prm : 0;
}

struct group_info *groups_alloc(int n)
{
	struct group_info *g = malloc(sizeof(*g) + (size_t)n * sizeof(uint32_t));

	if (g) {
		g->refcount = 1;
		g->ngroups = n;
	}
	return g;
}

void groups_put(struct group_info *g)
{
	if (g && --g->refcount == 0)
		free(g);
}

int guest_ncpus(void)
{
	return kernel_ncpus > 0 ? (kernel_ncpus > 64 ? 64 : kernel_ncpus) : 1;
}

/* --- set*id ---------------------------------------------------------------- */

/* cap_emulate_setxuid: what a change of real/effective/saved uid does. */
static void fix_caps_setuid(struct cred *n, const struct cred *o)
{
	bool was_root = o->uid == 0 || o->euid == 0 || o->suid == 0;
	bool is_root = n->uid == 0 || n->euid == 0 || n->suid == 0;

	if (was_root && !is_root && !n->keepcaps)
		n->cap_prm = n->cap_eff = 0;
	if (o->euid == 0 && n->euid != 0)
		n->cap_eff = 0;
	if (o->euid != 0 && n->euid == 0)
		n->cap_eff = n->cap_prm;
}

/* A change of fsuid alone raises or drops the file-system capabilities. */
static void fix_caps_setfsuid(struct cred *n, const struct cred *o)
{
	if (o->fsuid == 0 && n->fsuid != 0)
		n->cap_eff &= ~CAP_FS_MASK;
	if (o->fsuid != 0 && n->fsuid == 0)
		n->cap_eff |= n->cap_prm & CAP_FS_MASK;
}

void cred_changed(struct task *t, const struct cred *old)
{
	const struct cred *n = &t->cred;

	if (n->euid != old->euid || n->egid != old->egid || n->fsuid != old->fsuid ||
	    n->fsgid != old->fsgid || (n->cap_prm & ~old->cap_prm)) {
		t->ident.pdeathsig = 0;
		task_group_leader(t)->ident.dumpable = SUID_DUMPABLE;
	}
}

static long commit(const struct cred *n)
{
	struct cred old = current->cred;

	current->cred = *n;
	cred_changed(current, &old);
	return 0;
}

#define NOCHANGE ((uint32_t)-1)

static bool is_one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
	return id == a || id == b || id == c;
}

long cred_setuid(uint32_t uid)
{
	const struct cred *o = &current->cred;
	struct cred n = *o;

	if (uid == NOCHANGE)
		return -EINVAL;
	if (capable(CAP_SETUID))
		n.uid = n.suid = uid;
	else if (uid != o->uid && uid != o->suid)
		return -EPERM;
	n.euid = n.fsuid = uid;
	fix_caps_setuid(&n, o);
	return commit(&n);
}

long cred_setgid(uint32_t gid)
{
	const struct cred *o = &current->cred;
	struct cred n = *o;

	if (gid == NOCHANGE)
		return -EINVAL;
	if (capable(CAP_SETGID))
		n.gid = n.sgid = gid;
	else if (gid != o->gid && gid != o->sgid)
		return -EPERM;
	n.egid = n.fsgid = gid;
	return commit(&n);
}

long cred_setreuid(uint32_t r, uint32_t e)
{
	const struct cred *o = &current->cred;
	struct cred n = *o;
	bool cap = capable(CAP_SETUID);

	if (r != NOCHANGE) {
		if (r != o->uid && r != o->euid && !cap)
			return -EPERM;
		n.uid = r;
	}
	if (e != NOCHANGE) {
		if (!is_one_of(e, o->uid, o->euid, o->suid) && !cap)
			return -EPERM;
		n.euid = e;
	}
	if (r != NOCHANGE || (e != NOCHANGE && e != o->uid))
		n.suid = n.euid;
	n.fsuid = n.euid;
	fix_caps_setuid(&n, o);
	return commit(&n);
}

long cred_setregid(uint32_t r, uint32_t e)
{
	const struct cred *o = &current->cred;
	struct cred n = *o;
	bool cap = capable(CAP_SETGID);

	if (r != NOCHANGE) {
		if (r != o->gid && r != o->egid && !cap)
			return -EPERM;
		n.gid = r;
	}
	if (e != NOCHANGE) {
		if (!is_one_of(e, o->gid, o->egid, o->sgid) && !cap)
			return -EPERM;
		n.egid = e;
	}
	if (r != NOCHANGE || (e != NOCHANGE && e != o->gid))
		n.sgid = n.egid;
	n.fsgid = n.egid;
	return commit(&n);
}

/* Each id given must be one the caller holds, unless it has cap. */
static bool res_allowed(uint32_t r, uint32_t e, uint32_t s, uint32_t a, uint32_t b,
			uint32_t c, int cap)
{
	bool r_new = r != NOCHANGE && !is_one_of(r, a, b, c);
	bool e_new = e != NOCHANGE && !is_one_of(e, a, b, c);
	bool s_new = s != NOCHANGE && !is_one_of(s, a, b, c);

	return !(r_new || e_new || s_new) || capable(cap);
}

long cred_setresuid(uint32_t r, uint32_t e, uint32_t s)
{
	const struct cred *o = &current->cred;
	struct cred n = *o;

	if (!res_allowed(r, e, s, o->uid, o->euid, o->suid, CAP_SETUID))
		return -EPERM;
	if (r != NOCHANGE)
		n.uid = r;
	if (e != NOCHANGE)
		n.euid = e;
	if (s != NOCHANGE)
		n.suid = s;
	n.fsuid = n.euid;
	fix_caps_setuid(&n, o);
	return commit(&n);
}

long cred_setresgid(uint32_t r, uint32_t e, uint32_t s)
{
	const struct cred *o = &current->cred;
	struct cred n = *o;

	if (!res_allowed(r, e, s, o->gid, o->egid, o->sgid, CAP_SETGID))
		return -EPERM;
	if (r != NOCHANGE)
		n.gid = r;
	if (e != NOCHANGE)
		n.egid = e;
	if (s != NOCHANGE)
		n.sgid = s;
	n.fsgid = n.egid;
	return commit(&n);
}

long cred_setfsuid(uint32_t uid)
{
	const struct cred *o = &current->cred;
	uint32_t old = o->fsuid;
	struct cred n = *o;

	if (uid == NOCHANGE || uid == old)
		return old;
	if (!is_one_of(uid, o->uid, o->euid, o->suid) && !capable(CAP_SETUID))
		return old;
	n.fsuid = uid;
	fix_caps_setfsuid(&n, o);
	commit(&n);
	return old;
}

long cred_setfsgid(uint32_t gid)
{
	const struct cred *o = &current->cred;
	uint32_t old = o->fsgid;
	struct cred n = *o;

	if (gid == NOCHANGE || gid == old)
		return old;
	if (!is_one_of(gid, o->gid, o->egid, o->sgid) && !capable(CAP_SETGID))
		return old;
	n.fsgid = gid;
	commit(&n);
	return old;
}

/* --- the task life cycle ----------------------------------------------------- */

static struct uts_ns init_uts = { 1, "umk", "(none)" };

struct uts_ns *task_uts(struct task *t)
{
	return t && t->ident.uts ? t->ident.uts : &init_uts;
}

void ident_init(struct task *t)
{
	t->cred = init_cred;
	memset(&t->ident, 0, sizeof(t->ident));
	t->ident.affinity = guest_ncpus() >= 64 ? ~0ULL : (1ULL << guest_ncpus()) - 1;
	t->ident.dumpable = 1;
}

void ident_free(struct task *t)
{
	groups_put(t->cred.groups);
	t->cred.groups = NULL;
	if (t->ident.uts && --t->ident.uts->refcount == 0)
		free(t->ident.uts);
	t->ident.uts = NULL;
}

long ident_fork_check(struct task *p)
{
	const struct cred *c = &p->cred;
	uint64_t n = 0;

	/* Root and holders of CAP_SYS_RESOURCE or CAP_SYS_ADMIN are exempt. */
	if (c->uid == 0 || cred_capable(c, CAP_SYS_RESOURCE) || cred_capable(c, CAP_SYS_ADMIN))
		return 0;
	/* Zombies count until reaped, as Linux's per-user count does. */
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->cred.uid == c->uid)
			n++;
	return n >= p->rlim[LINUX_RLIMIT_NPROC].rlim_cur ? -EAGAIN : 0;
}

#define CLONE_THREAD 0x00010000

void ident_fork(struct task *c, struct task *p, uint64_t clone_flags)
{
	struct ident *ci = &c->ident;

	*ci = p->ident;
	if (c->cred.groups)
		c->cred.groups->refcount++;
	if (ci->uts)
		ci->uts->refcount++;
	ci->pdeathsig = 0;
	memset(&ci->retired, 0, sizeof(ci->retired));
	ci->acct_done = false;
	ci->child_subreaper = false;
	memset(&ci->dead, 0, sizeof(ci->dead));
	memset(&ci->children, 0, sizeof(ci->children));
	if (!(clone_flags & CLONE_THREAD))
		ci->dumpable = task_group_leader(p)->ident.dumpable;
	if (ci->policy & LINUX_SCHED_RESET_ON_FORK) {
		ci->policy = 0;
		ci->rt_priority = 0;
		if (ci->nice < 0)
			ci->nice = 0;
	}
}

bool ptrace_may_read(const struct task *t, bool fscreds)
{
	const struct cred *c, *o = &t->cred;
	uint32_t uid, gid;

	if (!current || current->tgid == t->tgid || capable(CAP_SYS_PTRACE))
		return true;
	c = &current->cred;
	uid = fscreds ? c->fsuid : c->uid;
	gid = fscreds ? c->fsgid : c->gid;
	if (uid != o->uid || uid != o->euid || uid != o->suid ||
	    gid != o->gid || gid != o->egid || gid != o->sgid)
		return false;
	return task_group_leader((struct task *)t)->ident.dumpable == 1;
}

/*
 * execve: the capability sets are recomputed as for a file without
 * capabilities or set-user-ID bit (root keeps all, others get none), the
 * saved and fs ids follow the effective ones, keepcaps is cleared, and
 * the process is dumpable unless its real and effective ids differ.
 */
void ident_exec(struct task *t)
{
	struct cred *c = &t->cred;

	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	if (c->uid == 0 || c->euid == 0) {
		c->cap_prm = CAP_FULL_SET;
		c->cap_eff = c->euid == 0 ? c->cap_prm : 0;
	} else {
		c->cap_prm = c->cap_eff = 0;
	}
	c->keepcaps = false;
	task_group_leader(t)->ident.dumpable = c->uid == c->euid && c->gid == c->egid ? 1 : SUID_DUMPABLE;
}

/* A thread of t's process that can still take children, or NULL. */
static struct task *live_thread(struct task *leader)
{
	if (leader->state == TASK_DEAD)
		return NULL;
	if (!leader->thread_exited)
		return leader;
	for (struct task *u = task_first(); u; u = task_next(u))
		if (u->tgid == leader->tgid && u->state != TASK_DEAD && !u->thread_exited)
			return u;
	return NULL;
}

struct task *ident_find_reaper(struct task *t)
{
	struct task *init = task_find(1);

	for (struct task *p = t->parent; p && p != init && p->tgid != 1; p = p->parent) {
		struct task *l = task_group_leader(p);
		struct task *r;

		if (l->tgid == t->tgid || !l->ident.child_subreaper)
			continue;
		r = live_thread(l);
		if (r)
			return r;
	}
	return init;
}

void ident_parent_died(struct task *c)
{
	for (struct task *u = task_first(); u; u = task_next(u))
		if (u->tgid == c->tgid && u->state != TASK_DEAD && u->ident.pdeathsig)
			send_signal(u, u->ident.pdeathsig);
}
