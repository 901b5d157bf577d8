/*
 * Futexes (futex(2)): the waiters, hashed by key, and the operations on
 * them. The syscall's argument decoding is sys/sys_futex.c.
 *
 * A task in FUTEX_WAIT owns one struct futex_waiter (task->futex), queued
 * FIFO on its key's hash bucket. A wake takes the waiters it chooses off
 * the bucket and wakes their tasks; the waiter stays with its task, so the
 * re-run of the sleeping syscall (umk re-runs a woken syscall from the
 * start) sees it is no longer queued and returns 0 without looking at the
 * word again. A waiter still queued at the re-run was woken by its
 * deadline, a signal, or nothing at all, and acts accordingly. Every way
 * out of the wait (return, exit) frees the waiter.
 *
 * A waiter on a frame key holds a reference on the frame, so the frame
 * cannot be reused under another name while someone sleeps on it.
 *
 * Protected by the big kernel lock.
 */
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/futex.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/pgtable.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vma.h>
#include <uapi/linux_futex.h>

/*
 * The highest address x86-64 Linux's access_ok() lets a futex word have
 * (measured: 0x7ffffffff000 passes, 0x7ffffffffffc does not). Private
 * futexes are never dereferenced by a wake, so this is their only check.
 */
#define FUTEX_ADDR_MAX ((1ULL << 47) - PAGE_SIZE)

enum futex_key_type {
	FUTEX_KEY_PRIVATE,	/* FUTEX_PRIVATE_FLAG: obj is the mm, off the address */
	FUTEX_KEY_MM,		/* shared op on anonymous private memory: the same */
	FUTEX_KEY_FRAME,	/* shared memory: obj is the pfn, off the offset in it */
};

struct futex_key {
	enum futex_key_type type;
	uintptr_t obj;
	uint64_t off;
};

struct futex_waiter {
	struct list_head node;	/* on its key's bucket while queued */
	struct task *task;
	struct futex_key key;
	uint32_t bitset;
	bool queued;		/* false once a wake has chosen it */
	bool timed;
	bool realtime;		/* deadline is on CLOCK_REALTIME, not MONOTONIC */
	int64_t deadline;	/* absolute ns */
};

#define HASH_BITS 8
static struct list_head buckets[1 << HASH_BITS];
static bool buckets_ready;

static struct list_head *bucket(const struct futex_key *k)
{
	uint64_t h;

	if (!buckets_ready) {
		for (size_t i = 0; i < ARRAY_SIZE(buckets); i++)
			list_init(&buckets[i]);
		buckets_ready = true;
	}
	h = ((uint64_t)k->obj ^ (k->off << 7) ^ (uint64_t)k->type) * 0x9e3779b97f4a7c15ULL;
	return &buckets[h >> (64 - HASH_BITS)];
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->type == b->type && a->obj == b->obj && a->off == b->off;
}

static void key_get(const struct futex_key *k)
{
	if (k->type == FUTEX_KEY_FRAME)
		frame_get((pfn_t)k->obj);
}

static void key_put(const struct futex_key *k)
{
	if (k->type == FUTEX_KEY_FRAME)
		frame_put((pfn_t)k->obj);
}

/*
 * The key of the word at uaddr in mm. For a shared futex the page is
 * faulted in, for writing if the mapping allows it (breaking COW, as
 * Linux's get_futex_key does), else, unless write is asked, for reading.
 */
static int get_key(struct mm *mm, uaddr_t uaddr, bool private_, bool write,
		   struct futex_key *key)
{
	bool ro = false;
	struct vma *vma;
	pte_t *pte;

	if (uaddr & 3)
		return -EINVAL;
	if (uaddr > FUTEX_ADDR_MAX)
		return -EFAULT;
	if (private_) {
		*key = (struct futex_key){ FUTEX_KEY_PRIVATE, (uintptr_t)mm, uaddr };
		return 0;
	}
	if (!mm_user_page(mm, uaddr, true)) {
		if (write || !mm_user_page(mm, uaddr, false))
			return -EFAULT;
		ro = true;
	}
	pte = pgtable_lookup(&mm->pt, uaddr, false);
	vma = vma_find(&mm->vmas, uaddr);
	if (!pte || !(*pte & PTE_PRESENT) || !vma)
		return -EFAULT;
	if (!(vma->flags & VMA_SHARED) && !(*pte & PTE_FILE)) {
		/* A read-only anonymous page never changes: Linux refuses it. */
		if (ro)
			return -EFAULT;
		*key = (struct futex_key){ FUTEX_KEY_MM, (uintptr_t)mm, uaddr };
		return 0;
	}
	*key = (struct futex_key){ FUTEX_KEY_FRAME, pte_pfn(*pte), uaddr & ~PAGE_MASK };
	return 0;
}

static void enqueue(struct futex_waiter *w, const struct futex_key *key)
{
	w->key = *key;
	key_get(key);
	list_add_tail(&w->node, bucket(key));
	w->queued = true;
}

static void dequeue(struct futex_waiter *w)
{
	if (!w->queued)
		return;
	list_del(&w->node);
	key_put(&w->key);
	w->queued = false;
}

/* Move a queued waiter to key (FUTEX_REQUEUE), keeping its place if the bucket is the same. */
static void requeue_one(struct futex_waiter *w, const struct futex_key *key)
{
	struct list_head *to = bucket(key);

	key_get(key);
	key_put(&w->key);
	if (to != bucket(&w->key)) {
		list_del(&w->node);
		list_add_tail(&w->node, to);
	}
	w->key = *key;
}

static void wake_one(struct futex_waiter *w)
{
	dequeue(w);
	wake_up_task(w->task);
}

/* Wake up to nr (at least one) waiters on key whose bitset matches. */
static int wake_key(const struct futex_key *key, int nr, uint32_t bitset)
{
	struct futex_waiter *w, *tmp;
	int woken = 0;

	list_for_each_entry_safe(w, tmp, bucket(key), node) {
		if (!key_eq(&w->key, key) || !(w->bitset & bitset))
			continue;
		wake_one(w);
		if (++woken >= nr)
			break;
	}
	return woken;
}

int futex_wake(struct mm *mm, uaddr_t uaddr, int nr, uint32_t bitset, bool private_)
{
	struct futex_key key;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_key(mm, uaddr, private_, false, &key);
	if (err)
		return err;
	return wake_key(&key, nr, bitset);
}

static bool expired(const struct futex_waiter *w)
{
	return (w->realtime ? ktime_real_ns() : ktime_mono_ns()) >= w->deadline;
}

/*
 * Sleep until a wake or the deadline. A realtime deadline becomes a
 * monotonic timer here; if the clock is set meanwhile, the re-run notices
 * an early wake-up and sleeps again, but a clock set forward is only seen
 * when the timer fires.
 */
static long futex_sleep(const struct futex_waiter *w)
{
	int64_t when;

	if (!w->timed)
		return sched_wait(NULL);
	when = w->deadline;
	if (w->realtime)
		when = ktime_mono_ns() + (w->deadline - ktime_real_ns());
	return sched_wait_until(NULL, when);
}

/*
 * What a signal makes of the wait: restarted or -EINTR as SA_RESTART says
 * without a timeout, always -EINTR with one for a handler; with no handler
 * a timed wait is restarted with its first deadline (sys/sys_futex.c keeps
 * it in current->restart), as Linux's restart_syscall does.
 */
static long signal_code(const struct futex_waiter *w)
{
	return w->timed ? -ERESTART_RESTARTBLOCK : -ERESTARTSYS;
}

static void drop_waiter(struct task *t)
{
	struct futex_waiter *w = t->futex;

	dequeue(w);
	free(w);
	t->futex = NULL;
}

long futex_wait(uaddr_t uaddr, bool private_, uint32_t val, const int64_t *deadline,
		bool realtime, uint32_t bitset)
{
	struct futex_waiter *w;
	struct futex_key key;
	uint32_t cur;
	long ret;

	if (!bitset)
		return -EINVAL;
	ret = get_key(current->mm, uaddr, private_, false, &key);
	if (ret)
		return ret;
	if (copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->task = current;
	w->bitset = bitset;
	w->timed = deadline != NULL;
	w->realtime = realtime;
	w->deadline = deadline ? *deadline : 0;
	if (w->timed && expired(w)) {
		free(w);
		return -ETIMEDOUT;
	}
	ret = futex_sleep(w);
	if (ret != -ERESTART_WAIT) {
		ret = ret == -ERESTARTSYS ? signal_code(w) : ret;
		free(w);
		return ret;
	}
	enqueue(w, &key);
	current->futex = w;
	return ret;
}

long futex_wait_resume(void)
{
	struct task *t = current;
	struct futex_waiter *w = t->futex;
	long ret;

	/* Linux's order: a wake wins over the timeout, the timeout over a signal. */
	if (!w->queued)
		ret = 0;
	else if (w->timed && expired(w))
		ret = -ETIMEDOUT;
	else if (signal_pending(t))
		ret = signal_code(w);
	else {
		/* A spurious wake-up: keep the place in the queue. */
		ret = futex_sleep(w);
		if (ret == -ERESTART_WAIT)
			return ret;
		ret = signal_code(w);
	}
	drop_waiter(t);
	return ret;
}

long futex_requeue(uaddr_t uaddr1, bool private_, uaddr_t uaddr2, int nr_wake,
		   int nr_requeue, const uint32_t *cmpval)
{
	struct futex_key key1, key2;
	struct futex_waiter *w, *tmp;
	int count = 0;
	long err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_key(current->mm, uaddr1, private_, false, &key1);
	if (!err)
		err = get_key(current->mm, uaddr2, private_, false, &key2);
	if (err)
		return err;
	if (cmpval) {
		uint32_t cur;

		if (copy_from_user(&cur, uaddr1, sizeof(cur)))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	/* Bitsets do not matter here: every waiter of uaddr1 counts. */
	list_for_each_entry_safe(w, tmp, bucket(&key1), node) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!key_eq(&w->key, &key1))
			continue;
		if (++count <= nr_wake)
			wake_one(w);
		else
			requeue_one(w, &key2);
	}
	return count;
}

static int32_t sign_extend12(uint32_t v)
{
	return (int32_t)((v & 0xfff) << 20) >> 20;
}

/*
 * Apply FUTEX_WAKE_OP's operation to the word at uaddr and compare its old
 * value: 1 if the comparison holds, 0 if not, -ENOSYS or -EFAULT. The
 * update is a compare-and-swap on umk's mapping of the frame, which the
 * guest maps too, so it is atomic even against guest threads running on
 * other CPUs right now (with the big kernel lock, against every syscall).
 */
static int atomic_op(struct mm *mm, uaddr_t uaddr, uint32_t encoded)
{
	unsigned op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int32_t oparg = sign_extend12(encoded >> 12), cmparg = sign_extend12(encoded);
	uint32_t *word, old, new;

	if (encoded & ((uint32_t)LINUX_FUTEX_OP_OPARG_SHIFT << 28)) {
		/* Linux logs a shift out of 0..31 and masks it. */
		oparg = (int32_t)(1U << (oparg & 31));
	}
	if (op > LINUX_FUTEX_OP_XOR)
		return -ENOSYS;
	word = mm_user_page(mm, uaddr, true);
	if (!word)
		return -EFAULT;
	old = __atomic_load_n(word, __ATOMIC_RELAXED);
	do {
		switch (op) {
		case LINUX_FUTEX_OP_SET:
			new = (uint32_t)oparg;
			break;
		case LINUX_FUTEX_OP_ADD:
			new = old + (uint32_t)oparg;
			break;
		case LINUX_FUTEX_OP_OR:
			new = old | (uint32_t)oparg;
			break;
		case LINUX_FUTEX_OP_ANDN:
			new = old & ~(uint32_t)oparg;
			break;
		default:
			new = old ^ (uint32_t)oparg;
			break;
		}
	} while (!__atomic_compare_exchange_n(word, &old, new, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	switch (cmp) {
	case LINUX_FUTEX_OP_CMP_EQ:
		return (int32_t)old == cmparg;
	case LINUX_FUTEX_OP_CMP_NE:
		return (int32_t)old != cmparg;
	case LINUX_FUTEX_OP_CMP_LT:
		return (int32_t)old < cmparg;
	case LINUX_FUTEX_OP_CMP_LE:
		return (int32_t)old <= cmparg;
	case LINUX_FUTEX_OP_CMP_GT:
		return (int32_t)old > cmparg;
	case LINUX_FUTEX_OP_CMP_GE:
		return (int32_t)old >= cmparg;
	default:
		return -ENOSYS;
	}
}

long futex_wake_op(uaddr_t uaddr1, bool private_, uaddr_t uaddr2, int nr_wake,
		   int nr_wake2, uint32_t op)
{
	struct futex_key key1, key2;
	int woken, cmp;
	long err;

	err = get_key(current->mm, uaddr1, private_, false, &key1);
	if (!err)
		err = get_key(current->mm, uaddr2, private_, true, &key2);
	if (err)
		return err;
	cmp = atomic_op(current->mm, uaddr2, op);
	if (cmp < 0)
		return cmp;
	woken = wake_key(&key1, nr_wake, LINUX_FUTEX_BITSET_MATCH_ANY);
	if (cmp)
		woken += wake_key(&key2, nr_wake2, LINUX_FUTEX_BITSET_MATCH_ANY);
	return woken;
}

void futex_task_exit(struct task *t)
{
	if (t->futex)
		drop_waiter(t);
}

/* --- robust futexes ------------------------------------------------------- */

/*
 * The owner t died holding the futex at uaddr (handle_futex_death): if the
 * word names t, keep FUTEX_WAITERS, set FUTEX_OWNER_DIED and wake a
 * waiter. A pending, unowned, non-PI word only gets its wake-up. Returns
 * false if the word cannot be reached (the walk stops).
 */
static bool futex_death(struct task *t, uaddr_t uaddr, bool pi, bool pending)
{
	uint32_t *word, old, new;

	if (uaddr & 3)
		return false;
	word = mm_user_page(t->mm, uaddr, true);
	if (!word)
		return false;
	old = __atomic_load_n(word, __ATOMIC_RELAXED);
	do {
		if (pending && !pi && !old) {
			futex_wake(t->mm, uaddr, 1, LINUX_FUTEX_BITSET_MATCH_ANY, false);
			return true;
		}
		if ((old & LINUX_FUTEX_TID_MASK) != (uint32_t)t->tid)
			return true;
		new = (old & LINUX_FUTEX_WAITERS) | LINUX_FUTEX_OWNER_DIED;
	} while (!__atomic_compare_exchange_n(word, &old, new, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	if (!pi && (old & LINUX_FUTEX_WAITERS))
		futex_wake(t->mm, uaddr, 1, LINUX_FUTEX_BITSET_MATCH_ANY, false);
	return true;
}

void futex_robust_exit(struct task *t)
{
	struct linux_robust_list_head head;
	uaddr_t uhead = t->robust_list, entry, pending, next;
	bool pi, pending_pi;
	int limit = LINUX_ROBUST_LIST_LIMIT;

	t->robust_list = 0;
	if (!uhead || !t->mm || mm_copy_from(t->mm, &head, uhead, sizeof(head)))
		return;
	entry = head.list & ~1ULL;
	pi = head.list & 1;
	pending = head.list_op_pending & ~1ULL;
	pending_pi = head.list_op_pending & 1;
	/* A list that never comes back to the head stops after the limit. */
	while (entry != uhead) {
		bool fault = mm_copy_from(t->mm, &next, entry, sizeof(next)) != 0;

		if (entry != pending &&
		    !futex_death(t, entry + (uint64_t)head.futex_offset, pi, false))
			return;
		if (fault)
			return;
		pi = next & 1;
		entry = next & ~1ULL;
		if (!--limit)
			break;
	}
	if (pending)
		futex_death(t, pending + (uint64_t)head.futex_offset, pending_pi, true);
}
