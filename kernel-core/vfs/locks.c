/*
 * Advisory file locks (flock(2), fcntl(2) "Advisory record locking" and
 * "Open file description locks").
 *
 * Locks hang off a lock context per inode, found through a hash on the
 * inode pointer and freed when its last lock goes. A flock lock is owned
 * by an open file; a POSIX record lock by the fd table of a process (so
 * its threads share them and a fork child has none); an OFD record lock by
 * an open file. flock and record locks never conflict with each other;
 * POSIX and OFD locks do. A context holds no inode reference: every lock
 * is removed before its inode can go (the last close of an open file, or
 * the owner closing an fd of the inode).
 *
 * A blocked request sleeps on the context's queue and is tried again
 * whole when any lock of the inode goes or shrinks. Blocked POSIX
 * requests are also recorded (by tid) for deadlock detection: a request
 * whose wait would close a cycle of owners waiting for each other fails
 * with EDEADLK, as Linux's posix_locks_deadlock. Big kernel lock.
 */
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/locks.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_flock.h>

#define HASH_SIZE 64
#define MAX_DEADLK_ITERATIONS 10

struct file_lock {
	struct list_head node;	/* ctx->flocks or ctx->posix */
	int type;		/* LINUX_F_RDLCK or LINUX_F_WRLCK */
	const void *owner;	/* flock, OFD: struct file; POSIX: struct files */
	bool ofd;
	int pid;		/* POSIX: the process that set it */
	int64_t start, end;	/* inclusive */
};

struct lock_ctx {
	struct list_head hnode;
	struct inode *inode;
	struct list_head flocks;
	struct list_head posix;	/* POSIX and OFD, unordered */
	struct waitq wq;	/* blocked requests of both kinds */
};

/* A POSIX request asleep, for deadlock detection. */
struct blocked {
	struct list_head node;
	int tid;
	const void *owner;
	struct lock_ctx *ctx;
	struct lock_range req;
};

static struct list_head hash[HASH_SIZE];
static bool hash_ready;
static LIST_HEAD(blocked_list);

static struct list_head *bucket(const struct inode *inode)
{
	uint64_t h = (uint64_t)(uintptr_t)inode * 0x9e3779b97f4a7c15ULL;

	if (!hash_ready) {
		for (int i = 0; i < HASH_SIZE; i++)
			list_init(&hash[i]);
		hash_ready = true;
	}
	return &hash[h >> 58];
}

static struct lock_ctx *ctx_find(struct inode *inode, bool create)
{
	struct lock_ctx *ctx;

	list_for_each_entry(ctx, bucket(inode), hnode)
		if (ctx->inode == inode)
			return ctx;
	if (!create)
		return NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return NULL;
	ctx->inode = inode;
	list_init(&ctx->flocks);
	list_init(&ctx->posix);
	waitq_init(&ctx->wq);
	list_add(&ctx->hnode, bucket(inode));
	return ctx;
}

/* Free ctx if it holds nothing and nobody waits on it. */
static void ctx_maybe_free(struct lock_ctx *ctx)
{
	struct blocked *b;

	if (!list_empty(&ctx->flocks) || !list_empty(&ctx->posix) ||
	    !list_empty(&ctx->wq.sleepers))
		return;
	list_for_each_entry(b, &blocked_list, node)
		if (b->ctx == ctx)
			return;
	list_del(&ctx->hnode);
	free(ctx);
}

static void lock_free(struct file_lock *fl)
{
	list_del(&fl->node);
	free(fl);
}

/* Record locks stay sorted by start, so F_GETLK finds the lowest conflict first. */
static void insert_sorted(struct list_head *list, struct file_lock *fl)
{
	struct file_lock *pos;

	list_for_each_entry(pos, list, node)
		if (pos->start > fl->start)
			break;
	list_add_tail(&fl->node, &pos->node);
}

static struct file_lock *lock_new(struct list_head *list, int type, const void *owner,
				  bool ofd, int64_t start, int64_t end)
{
	struct file_lock *fl = calloc(1, sizeof(*fl));

	if (!fl)
		return NULL;
	fl->type = type;
	fl->owner = owner;
	fl->ofd = ofd;
	fl->pid = ofd ? -1 : current->tgid;
	fl->start = start;
	fl->end = end;
	insert_sorted(list, fl);
	return fl;
}

/* --- flock ------------------------------------------------------------------- */

int flock_lock(struct file *f, int type, bool wait)
{
	struct lock_ctx *ctx = ctx_find(f->inode, type != LINUX_F_UNLCK);
	struct file_lock *fl, *tmp;

	if (!ctx)
		return type == LINUX_F_UNLCK ? 0 : -ENOMEM;
	/* Our own lock: kept if the same, else dropped first (not atomic, as Linux). */
	list_for_each_entry_safe(fl, tmp, &ctx->flocks, node) {
		if (fl->owner != f)
			continue;
		if (fl->type == type)
			return 0;
		lock_free(fl);
		wake_up(&ctx->wq);
		break;
	}
	if (type == LINUX_F_UNLCK) {
		ctx_maybe_free(ctx);
		return 0;
	}
	list_for_each_entry(fl, &ctx->flocks, node) {
		if (fl->type == LINUX_F_WRLCK || type == LINUX_F_WRLCK) {
			long r;

			if (!wait) {
				ctx_maybe_free(ctx);
				return -EWOULDBLOCK;
			}
			r = sched_wait(&ctx->wq);
			if (r != -ERESTART_WAIT)
				ctx_maybe_free(ctx);
			return (int)r;
		}
	}
	if (!lock_new(&ctx->flocks, type, f, false, 0, LOCK_OFFSET_MAX)) {
		ctx_maybe_free(ctx);
		return -ENOMEM;
	}
	return 0;
}

/* --- record locks -------------------------------------------------------------- */

static bool same_owner(const struct file_lock *fl, const void *owner, bool ofd)
{
	return fl->owner == owner && fl->ofd == ofd;
}

static bool overlap(const struct file_lock *fl, int64_t start, int64_t end)
{
	return fl->start <= end && start <= fl->end;
}

/* The first lock of another owner in the way of r, or NULL. */
static struct file_lock *posix_conflict(struct lock_ctx *ctx, const void *owner, bool ofd,
					const struct lock_range *r)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->posix, node) {
		if (same_owner(fl, owner, ofd) || !overlap(fl, r->start, r->end))
			continue;
		if (fl->type == LINUX_F_WRLCK || r->type == LINUX_F_WRLCK)
			return fl;
	}
	return NULL;
}

static void unblock(int tid)
{
	struct blocked *b, *tmp;

	list_for_each_entry_safe(b, tmp, &blocked_list, node) {
		if (b->tid != tid)
			continue;
		list_del(&b->node);
		ctx_maybe_free(b->ctx);
		free(b);
	}
}

/* The request owner's sleeping task is waiting on, if it still does. */
static struct blocked *waiting_request(const void *owner)
{
	struct blocked *b, *tmp;

	list_for_each_entry_safe(b, tmp, &blocked_list, node) {
		struct task *t = task_find(b->tid);

		if (!t || t->state != TASK_SLEEPING || t->waiting_on != &b->ctx->wq) {
			list_del(&b->node);	/* stale: the task left the wait */
			free(b);
			continue;
		}
		if (b->owner == owner)
			return b;
	}
	return NULL;
}

/* Would current's owner waiting behind `block` close a cycle? */
static bool posix_deadlock(const void *owner, const struct file_lock *block)
{
	for (int i = 0; i < MAX_DEADLK_ITERATIONS; i++) {
		struct blocked *b;

		if (block->ofd)
			return false;
		b = waiting_request(block->owner);
		if (!b)
			return false;
		block = posix_conflict(b->ctx, b->owner, false, &b->req);
		if (!block)
			return false;
		if (block->owner == owner && !block->ofd)
			return true;
	}
	return false;
}

/*
 * Apply r for owner: cut its locks out of [start, end], merge with its
 * locks of the same type that touch it, add it. -ENOLCK if out of memory
 * (nothing changed then).
 */
static int posix_apply(struct lock_ctx *ctx, const void *owner, bool ofd,
		       const struct lock_range *r)
{
	int64_t start = r->start, end = r->end;
	struct file_lock *fl, *tmp, *left, *right;

	/* Room for the pieces first, so that a failure changes nothing. */
	left = calloc(1, sizeof(*left));
	right = calloc(1, sizeof(*right));
	if (!left || !right) {
		free(left);
		free(right);
		return -ENOLCK;
	}
	list_init(&left->node);
	list_init(&right->node);
	if (r->type != LINUX_F_UNLCK) {
		/* Same type and touching: merge into the request. */
		list_for_each_entry_safe(fl, tmp, &ctx->posix, node) {
			if (!same_owner(fl, owner, ofd) || fl->type != r->type)
				continue;
			if (fl->start > (end == LOCK_OFFSET_MAX ? end : end + 1) ||
			    (start > 0 && fl->end < start - 1))
				continue;
			start = MIN(start, fl->start);
			end = MAX(end, fl->end);
			lock_free(fl);
		}
	}
	/* Own locks never overlap: one may stick out on each side (or one on both). */
	list_for_each_entry_safe(fl, tmp, &ctx->posix, node) {
		if (!same_owner(fl, owner, ofd) || !overlap(fl, start, end))
			continue;
		if (fl->end > end) {
			*right = *fl;
			right->start = end + 1;
			insert_sorted(&ctx->posix, right);
			right = NULL;
		}
		if (fl->start < start) {
			*left = *fl;
			left->end = start - 1;
			insert_sorted(&ctx->posix, left);
			left = NULL;
		}
		lock_free(fl);
	}
	free(left);
	free(right);
	if (r->type != LINUX_F_UNLCK &&
	    !lock_new(&ctx->posix, r->type, owner, ofd, start, end))
		return -ENOLCK;
	/* Anything given up may unblock someone. */
	wake_up(&ctx->wq);
	return 0;
}

static const void *owner_of(struct file *f, bool ofd)
{
	return ofd ? (const void *)f : (const void *)current->files;
}

int posix_lock(struct file *f, bool ofd, const struct lock_range *r, bool wait)
{
	const void *owner = owner_of(f, ofd);
	struct lock_ctx *ctx;
	struct file_lock *block;
	struct blocked *b;
	int err;

	unblock(current->tid);
	ctx = ctx_find(f->inode, r->type != LINUX_F_UNLCK);
	if (!ctx)
		return r->type == LINUX_F_UNLCK ? 0 : -ENOLCK;
	if (r->type != LINUX_F_UNLCK) {
		block = posix_conflict(ctx, owner, ofd, r);
		if (block) {
			long ret;

			if (!wait) {
				ctx_maybe_free(ctx);
				return -EAGAIN;
			}
			if (!ofd && posix_deadlock(owner, block)) {
				ctx_maybe_free(ctx);
				return -EDEADLK;
			}
			ret = sched_wait(&ctx->wq);
			if (ret != -ERESTART_WAIT) {
				ctx_maybe_free(ctx);
				return (int)ret;
			}
			b = ofd ? NULL : calloc(1, sizeof(*b));
			if (b) {
				b->tid = current->tid;
				b->owner = owner;
				b->ctx = ctx;
				b->req = *r;
				list_add_tail(&b->node, &blocked_list);
			}
			return (int)ret;
		}
	}
	err = posix_apply(ctx, owner, ofd, r);
	ctx_maybe_free(ctx);
	return err;
}

void posix_test(struct file *f, bool ofd, struct lock_range *r)
{
	struct lock_ctx *ctx = ctx_find(f->inode, false);
	struct file_lock *fl = ctx ? posix_conflict(ctx, owner_of(f, ofd), ofd, r) : NULL;

	if (!fl) {
		r->type = LINUX_F_UNLCK;
		return;
	}
	r->type = fl->type;
	r->start = fl->start;
	r->end = fl->end;
	r->pid = fl->pid;
}

/* --- closing ---------------------------------------------------------------------- */

static void remove_owned(struct inode *inode, const void *owner, bool ofd, bool flocks)
{
	struct lock_ctx *ctx = ctx_find(inode, false);
	struct file_lock *fl, *tmp;
	bool changed = false;

	if (!ctx)
		return;
	list_for_each_entry_safe(fl, tmp, &ctx->posix, node) {
		if (same_owner(fl, owner, ofd)) {
			lock_free(fl);
			changed = true;
		}
	}
	if (flocks) {
		list_for_each_entry_safe(fl, tmp, &ctx->flocks, node) {
			if (fl->owner == owner) {
				lock_free(fl);
				changed = true;
			}
		}
	}
	if (changed)
		wake_up(&ctx->wq);
	ctx_maybe_free(ctx);
}

void locks_release_file(struct file *f)
{
	if (f->inode)
		remove_owned(f->inode, f, true, true);
}

void locks_remove_posix(struct file *f, struct files *fs)
{
	if (f && f->inode)
		remove_owned(f->inode, fs, false, false);
}
