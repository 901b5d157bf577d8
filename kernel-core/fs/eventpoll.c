/*
 * epoll instances (epoll(7)): interest lists, the ready list, and how
 * files tell an instance that they changed.
 *
 * An epitem is one (file, fd) pair in one instance. When it is added, the
 * file's ->poll runs with the item "registering": each poll_wait() the op
 * makes puts a wait_entry of the item on that wait queue, so a wake-up of
 * the queue calls ep_callback, which puts the item on the ready list and
 * wakes the instance's sleepers and watchers (an outer epoll). A file whose
 * op registers nothing (the console, devices) and an epoll file are
 * "scanned" instead: re-checked on every epoll_wait pass, and epoll_wait
 * on an instance holding one sleeps on poll_wq, which every wake_up wakes.
 * Edge-triggered scanned items report only events that were not there at
 * the previous pass.
 *
 * Reporting (epoll_collect) takes the ready list, polls each item again and
 * reports what it has of the events asked (EPOLLERR and EPOLLHUP always are);
 * a level-triggered item goes back on the list, an edge-triggered one waits
 * for the next wake-up, a one-shot one is disabled until EPOLL_CTL_MOD.
 *
 * Items hold no file reference: the last file_put of a file removes its
 * items from every instance (eventpoll_release), as Linux does. Items are
 * found through a hash on the file pointer. Big kernel lock.
 */
#include <stdlib.h>

#include <umk/anon_inode.h>
#include <umk/errno.h>
#include <umk/eventpoll.h>
#include <umk/poll.h>
#include <umk/sched.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_poll.h>

#define EP_MAX_NESTS 4
#define EP_PRIVATE_BITS (LINUX_EPOLLWAKEUP | LINUX_EPOLLONESHOT | LINUX_EPOLLET | \
			 LINUX_EPOLLEXCLUSIVE)
#define EPOLLINOUT_BITS (LINUX_EPOLLIN | LINUX_EPOLLOUT)
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLINOUT_BITS | LINUX_EPOLLERR | LINUX_EPOLLHUP | \
				LINUX_EPOLLWAKEUP | LINUX_EPOLLET | LINUX_EPOLLEXCLUSIVE)
#define DEFAULT_POLLMASK (LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM)
#define MAX_WAITS 4		/* wait queues one file's poll may register */

struct eventpoll;
struct epitem;

struct epwait {
	struct wait_entry we;
	struct epitem *epi;
};

struct epitem {
	struct list_head node;		/* ep->items */
	struct list_head hnode;		/* hash bucket of its file */
	struct list_head rdlink;	/* ep->rdllist while ready */
	bool ready;
	bool scan;			/* re-checked on every pass */
	unsigned last;			/* scan + EPOLLET: events at the last pass */
	struct eventpoll *ep;
	struct file *file;		/* no reference */
	int fd;
	uint32_t events;
	uint64_t data;
	int nwait;
	struct epwait wait[MAX_WAITS];
};

struct eventpoll {
	struct list_head items;
	struct list_head rdllist;
	int nscan;			/* scanned items */
	struct waitq wq;		/* epoll_wait sleepers */
	struct waitq poll_wq;		/* outer epolls and pollers of this one */
	struct file *file;
};

#define HASH_SIZE 256
static struct list_head hash[HASH_SIZE];
static bool hash_ready;
static long nr_items;
static struct epitem *registering;	/* the item whose file's poll runs for ADD */

static const struct file_ops eventpoll_fops;

static struct list_head *bucket(const struct file *f)
{
	uint64_t h = (uint64_t)(uintptr_t)f * 0x9e3779b97f4a7c15ULL;

	if (!hash_ready) {
		for (int i = 0; i < HASH_SIZE; i++)
			list_init(&hash[i]);
		hash_ready = true;
	}
	return &hash[h >> 56];
}

bool is_epoll_file(const struct file *f)
{
	return f->fops == &eventpoll_fops;
}

unsigned vfs_poll(struct file *f)
{
	return f->fops && f->fops->poll ? f->fops->poll(f) : DEFAULT_POLLMASK;
}

static unsigned item_poll(struct epitem *epi)
{
	return vfs_poll(epi->file) & epi->events;
}

static void ep_wake(struct eventpoll *ep)
{
	wake_up(&ep->wq);
	wake_up(&ep->poll_wq);
}

static void queue_item(struct epitem *epi)
{
	if (epi->ready)
		return;
	list_add_tail(&epi->rdlink, &epi->ep->rdllist);
	epi->ready = true;
}

static void unqueue_item(struct epitem *epi)
{
	if (!epi->ready)
		return;
	list_del(&epi->rdlink);
	epi->ready = false;
}

/* A wait queue the item's file registered was woken (ep_poll_callback). */
static bool ep_callback(struct wait_entry *we, unsigned key)
{
	struct epitem *epi = container_of(we, struct epwait, we)->epi;
	struct eventpoll *ep = epi->ep;
	bool had_sleepers = !list_empty(&ep->wq.sleepers);

	if (!(epi->events & ~EP_PRIVATE_BITS))
		return false;	/* a one-shot item that fired */
	if (key && !(key & epi->events))
		return false;
	queue_item(epi);
	ep_wake(ep);
	return !(epi->events & LINUX_EPOLLEXCLUSIVE) || had_sleepers;
}

void poll_wait(struct file *f, struct waitq *wq)
{
	struct epitem *epi = registering;
	struct epwait *w;

	if (!epi || epi->file != f || !wq)
		return;
	if (epi->nwait == MAX_WAITS) {
		epi->scan = true;	/* cannot watch them all: re-check instead */
		return;
	}
	w = &epi->wait[epi->nwait++];
	w->epi = epi;
	w->we.fn = ep_callback;
	w->we.exclusive = epi->events & LINUX_EPOLLEXCLUSIVE;
	wait_entry_add(wq, &w->we);
}

/* --- the interest list ------------------------------------------------------ */

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, bucket(f), hnode)
		if (epi->ep == ep && epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

static void ep_remove(struct epitem *epi)
{
	for (int i = 0; i < epi->nwait; i++)
		wait_entry_del(&epi->wait[i].we);
	unqueue_item(epi);
	if (epi->scan)
		epi->ep->nscan--;
	list_del(&epi->node);
	list_del(&epi->hnode);
	nr_items--;
	free(epi);
}

static int ep_insert(struct eventpoll *ep, struct file *tf, int fd,
		     const struct linux_epoll_event *ev)
{
	struct epitem *epi = calloc(1, sizeof(*epi));
	unsigned mask;

	if (!epi)
		return -ENOMEM;
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->events = ev->events;
	epi->data = ev->data;
	list_add_tail(&epi->node, &ep->items);
	list_add_tail(&epi->hnode, bucket(tf));
	nr_items++;

	registering = epi;
	mask = item_poll(epi);
	registering = NULL;
	if (!epi->nwait || is_epoll_file(tf))
		epi->scan = true;
	if (epi->scan)
		ep->nscan++;
	epi->last = mask;
	if (mask) {
		queue_item(epi);
		ep_wake(ep);
	}
	return 0;
}

static void ep_modify(struct epitem *epi, const struct linux_epoll_event *ev)
{
	unsigned mask;

	epi->events = ev->events;
	epi->data = ev->data;
	mask = item_poll(epi);
	epi->last = mask;
	if (mask && !epi->ready) {
		queue_item(epi);
		ep_wake(epi->ep);
	}
}

/* How deep epoll files nest below ep; > EP_MAX_NESTS or a loop to `into`: -1. */
static int depth_down(struct eventpoll *ep, struct eventpoll *into, int level)
{
	struct epitem *epi;
	int depth = 0;

	if (level > EP_MAX_NESTS)
		return -1;
	list_for_each_entry(epi, &ep->items, node) {
		struct eventpoll *child;
		int d;

		if (!is_epoll_file(epi->file))
			continue;
		child = epi->file->priv;
		if (child == into)
			return -1;
		d = depth_down(child, into, level + 1);
		if (d < 0)
			return -1;
		depth = MAX(depth, d + 1);
	}
	return depth;
}

/* How many epoll files hold ep above it (the longest chain). */
static int depth_up(struct eventpoll *ep, int level)
{
	struct epitem *epi;
	int depth = 0;

	if (level > EP_MAX_NESTS)
		return EP_MAX_NESTS + 1;
	list_for_each_entry(epi, bucket(ep->file), hnode)
		if (epi->file == ep->file)
			depth = MAX(depth, 1 + depth_up(epi->ep, level + 1));
	return depth;
}

/* Would watching epoll `to` from ep make a loop or nest too deep? (ep_loop_check) */
static bool ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int down;

	if (to == ep)
		return true;
	down = depth_down(to, ep, 0);
	if (down < 0 || down > EP_MAX_NESTS)
		return true;
	return down + 1 + depth_up(ep, 0) > EP_MAX_NESTS;
}

int epoll_ctl_file(struct file *ef, int op, int fd, struct file *tf,
		   const struct linux_epoll_event *uev)
{
	struct eventpoll *ep = ef->priv;
	struct linux_epoll_event ev = { 0, 0 };
	bool has_event = op != LINUX_EPOLL_CTL_DEL;
	struct epitem *epi;

	if (has_event)
		ev = *uev;
	if (has_event && (ev.events & LINUX_EPOLLEXCLUSIVE)) {
		if (op == LINUX_EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == LINUX_EPOLL_CTL_ADD &&
		    (is_epoll_file(tf) || (ev.events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	if (op == LINUX_EPOLL_CTL_ADD && is_epoll_file(tf) && ep_loop_check(ep, tf->priv))
		return -ELOOP;
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case LINUX_EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		ev.events |= LINUX_EPOLLERR | LINUX_EPOLLHUP;
		return ep_insert(ep, tf, fd, &ev);
	case LINUX_EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(epi);
		return 0;
	case LINUX_EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->events & LINUX_EPOLLEXCLUSIVE)
			return -EINVAL;
		ev.events |= LINUX_EPOLLERR | LINUX_EPOLLHUP;
		ep_modify(epi, &ev);
		return 0;
	default:
		return -EINVAL;
	}
}

void eventpoll_release(struct file *f)
{
	struct epitem *epi, *tmp;

	if (!nr_items)
		return;
	list_for_each_entry_safe(epi, tmp, bucket(f), hnode)
		if (epi->file == f)
			ep_remove(epi);
}

/* --- reporting --------------------------------------------------------------- */

/* Would a scanned item report now? Edge-triggered: only new events. */
static unsigned scan_mask(struct epitem *epi)
{
	unsigned mask = item_poll(epi);

	if (epi->events & LINUX_EPOLLET)
		return mask & ~epi->last;
	return mask;
}

/* Is anything ready (the epoll file's own readiness)? Changes nothing. */
static bool ep_events_available(struct eventpoll *ep)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->rdllist, rdlink)
		if (item_poll(epi))
			return true;
	if (!ep->nscan)
		return false;
	list_for_each_entry(epi, &ep->items, node)
		if (epi->scan && scan_mask(epi))
			return true;
	return false;
}

long epoll_collect(struct file *ef, uaddr_t uevents, int maxevents)
{
	struct eventpoll *ep = ef->priv;
	struct epitem *epi, *tmp;
	LIST_HEAD(txlist);
	LIST_HEAD(again);
	long count = 0;

	if (ep->nscan) {
		list_for_each_entry(epi, &ep->items, node) {
			unsigned mask;

			if (!epi->scan)
				continue;
			mask = scan_mask(epi);
			epi->last = item_poll(epi);
			if (mask)
				queue_item(epi);
		}
	}
	/* Take the ready list: what is left goes back in front of it. */
	list_for_each_entry_safe(epi, tmp, &ep->rdllist, rdlink) {
		list_del(&epi->rdlink);
		list_add_tail(&epi->rdlink, &txlist);
	}
	list_for_each_entry_safe(epi, tmp, &txlist, rdlink) {
		struct linux_epoll_event ev;

		if (count >= maxevents)
			break;
		/*
		 * Poll while still marked ready: a poll may run callbacks (a
		 * timerfd's due expiry) that must not queue it a second time.
		 */
		ev.events = item_poll(epi);
		list_del(&epi->rdlink);
		epi->ready = false;
		if (!ev.events)
			continue;
		ev.data = epi->data;
		if (copy_to_user(uevents + (uint64_t)count * sizeof(ev), &ev, sizeof(ev))) {
			list_add(&epi->rdlink, &txlist);
			epi->ready = true;
			if (!count)
				count = -EFAULT;
			break;
		}
		count++;
		if (epi->events & LINUX_EPOLLONESHOT) {
			epi->events &= EP_PRIVATE_BITS;
		} else if (!(epi->events & LINUX_EPOLLET)) {
			list_add_tail(&epi->rdlink, &again);
			epi->ready = true;
		}
	}
	/* Unreported items first, then the level-triggered ones just reported. */
	list_for_each_entry_safe(epi, tmp, &again, rdlink) {
		list_del(&epi->rdlink);
		list_add_tail(&epi->rdlink, &txlist);
	}
	list_for_each_entry_safe(epi, tmp, &ep->rdllist, rdlink) {
		list_del(&epi->rdlink);
		list_add_tail(&epi->rdlink, &txlist);
	}
	list_for_each_entry_safe(epi, tmp, &txlist, rdlink) {
		list_del(&epi->rdlink);
		list_add_tail(&epi->rdlink, &ep->rdllist);
	}
	return count;
}

struct waitq *epoll_waitq(struct file *ef)
{
	struct eventpoll *ep = ef->priv;

	return ep->nscan ? &poll_wq : &ep->wq;
}

/* --- the epoll file ------------------------------------------------------------ */

static unsigned eventpoll_poll(struct file *f)
{
	struct eventpoll *ep = f->priv;

	poll_wait(f, &ep->poll_wq);
	return ep_events_available(ep) ? LINUX_POLLIN | LINUX_POLLRDNORM : 0;
}

static void eventpoll_release_file(struct file *f)
{
	struct eventpoll *ep = f->priv;

	while (!list_empty(&ep->items))
		ep_remove(list_first_entry(&ep->items, struct epitem, node));
	/* Sleepers of another thread re-run and find the fd gone. */
	wake_up(&ep->wq);
	wake_up(&ep->poll_wq);
	free(ep);
}

/* lseek succeeds and changes nothing (Linux's noop_llseek). */
static long eventpoll_llseek(struct file *f, int64_t off, int whence)
{
	(void)off;
	(void)whence;
	return (long)f->f_pos;
}

static const struct file_ops eventpoll_fops = {
	.llseek = eventpoll_llseek,
	.poll = eventpoll_poll,
	.release = eventpoll_release_file,
};

struct file *epoll_file_create(void)
{
	struct eventpoll *ep = calloc(1, sizeof(*ep));
	struct file *f;

	if (!ep)
		return ERR_PTR(-ENOMEM);
	list_init(&ep->items);
	list_init(&ep->rdllist);
	waitq_init(&ep->wq);
	waitq_init(&ep->poll_wq);
	f = anon_file("[eventpoll]", &eventpoll_fops, ep, LINUX_O_RDWR);
	if (IS_ERR(f)) {
		free(ep);
		return f;
	}
	ep->file = f;
	return f;
}
