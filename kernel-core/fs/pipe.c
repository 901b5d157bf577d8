/*
 * Pipes and FIFOs (pipe(7), fifo(7)): the pipe object, the file_ops of
 * both kinds of ends, the open rules of a FIFO, and F_{GET,SET}PIPE_SZ.
 *
 * A pipe is a ring of page-sized buffers, each one frame of guest RAM, as
 * on Linux, and its capacity counts buffers (slots), not bytes: a write
 * fills fresh pages, and only its first (length % PAGE_SIZE) bytes may be
 * appended to the last page. That is what makes writes of at most PIPE_BUF
 * bytes atomic, and it decides exactly when a pipe is full, so we keep it.
 * Packet mode (O_DIRECT on the write end) makes every page one packet.
 *
 * An anonymous pipe owns an inode on the internal "pipefs". A FIFO's pipe
 * hangs off the FIFO's own inode (inode->pipe) while any end is open or any
 * opener waits; its data goes when the last end closes. The pipe holds a
 * reference on its inode.
 *
 * Blocking: readers sleep on rd_wait, writers on wr_wait, FIFO openers on
 * rd_open / wr_open. A sleeping syscall is run again from the start when
 * woken; a large write keeps the bytes it already wrote in
 * current->restart.done, a FIFO open the event count it waits to see move
 * in current->restart.fifo_seq. Everything runs under the big kernel lock.
 */
#include <stdlib.h>

#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/kernel.h>
#include <umk/pipe.h>
#include <umk/poll.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_misc.h>
#include <uapi/linux_poll.h>

#define PIPE_DEF_SLOTS 16		/* 65536 bytes */
#define PIPE_MAX_SIZE 1048576		/* /proc/sys/fs/pipe-max-size */

/* struct pipe_buf.flags */
#define BUF_CAN_MERGE 0x1	/* later writes may append to this page */
#define BUF_PACKET 0x2		/* one packet: a read takes it whole */

struct pipe_buf {
	pfn_t page;
	uint32_t offset, len;	/* the unread bytes of the page */
	unsigned flags;
};

struct pipe {
	struct pipe_buf *bufs;	/* ring of max_usage slots (a power of two) */
	unsigned max_usage;	/* capacity in slots */
	unsigned head, tail;	/* free-running: tail..head-1 are in use */

	unsigned readers, writers;	/* open ends */
	unsigned files;			/* open files of either kind */
	/* pipe_seq values: when the pipe was made, a reader / writer last opened */
	uint64_t born, r_counter, w_counter;

	struct waitq rd_wait;	/* readers waiting for data */
	struct waitq wr_wait;	/* writers waiting for room */
	struct waitq rd_open;	/* FIFO readers waiting for a writer */
	struct waitq wr_open;	/* FIFO writers waiting for a reader */
	struct inode *inode;	/* pipefs or FIFO inode; holds a reference */
};

/* One open end. */
struct pipe_file {
	struct pipe *pipe;
	/*
	 * A FIFO reader opened O_NONBLOCK with no writer remembers w_counter:
	 * it sees no POLLHUP until some writer has come (Linux: f_version).
	 */
	uint64_t w_seen;
};

/* Counts pipe events (creations, opens) so a waiting opener can see one. */
static uint64_t pipe_seq;

static struct super_block pipefs_sb = {
	.fstype = "pipefs",
	.magic = 0x50495045,	/* PIPEFS_MAGIC */
	.next_ino = 1,
};

static const struct file_ops pipe_fops;

static struct pipe *pipe_of(const struct file *f)
{
	return ((struct pipe_file *)f->priv)->pipe;
}

static unsigned occupancy(const struct pipe *p)
{
	return p->head - p->tail;
}

static bool pipe_empty(const struct pipe *p)
{
	return p->head == p->tail;
}

static bool pipe_full(const struct pipe *p)
{
	return occupancy(p) >= p->max_usage;
}

static struct pipe_buf *slot(const struct pipe *p, unsigned index)
{
	return &p->bufs[index & (p->max_usage - 1)];
}

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->bufs = calloc(PIPE_DEF_SLOTS, sizeof(*p->bufs));
	if (!p->bufs) {
		free(p);
		return NULL;
	}
	p->max_usage = PIPE_DEF_SLOTS;
	p->born = ++pipe_seq;
	waitq_init(&p->rd_wait);
	waitq_init(&p->wr_wait);
	waitq_init(&p->rd_open);
	waitq_init(&p->wr_open);
	return p;
}

/*
 * Free p once nothing uses it: no open file and no FIFO opener asleep on
 * it. Its unread data goes with it.
 */
static void pipe_drop(struct pipe *p)
{
	if (p->files || !list_empty(&p->rd_open.sleepers) || !list_empty(&p->wr_open.sleepers))
		return;
	/* Nobody can sleep on the data queues without an open file; be safe. */
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
	while (!pipe_empty(p))
		frame_put(slot(p, p->tail++)->page);
	p->inode->pipe = NULL;
	inode_put(p->inode);
	free(p->bufs);
	free(p);
}

/* Any reader or writer, counting FIFO openers asleep waiting for a partner? */
static bool has_readers(const struct pipe *p)
{
	return p->readers || !list_empty(&p->rd_open.sleepers);
}

static bool has_writers(const struct pipe *p)
{
	return p->writers || !list_empty(&p->wr_open.sleepers);
}

/* Make f an end of p (its access mode says which) and count it. 0 or -ENOMEM. */
static int pipe_attach(struct pipe *p, struct file *f, uint64_t w_seen)
{
	struct pipe_file *pf = malloc(sizeof(*pf));

	if (!pf)
		return -ENOMEM;
	pf->pipe = p;
	pf->w_seen = w_seen;
	f->priv = pf;
	f->fops = &pipe_fops;
	nonseekable_open(f);
	if (f->f_mode & FMODE_READ)
		p->readers++;
	if (f->f_mode & FMODE_WRITE)
		p->writers++;
	p->files++;
	return 0;
}

/* --- file operations -------------------------------------------------------- */

/*
 * pipe(7) reading: whatever is there up to the count, crossing pages; one
 * packet at most in packet mode. Empty: 0 without writers (end of file),
 * -EAGAIN with O_NONBLOCK, else sleep. A fault part way returns what was
 * read before it and leaves the rest in the pipe.
 */
static long pipe_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct pipe *p = pipe_of(f);
	size_t total = iov_iter_count(to);
	bool freed = false;
	long ret = 0;

	(void)pos;
	if (!total)
		return 0;
	for (;;) {
		if (!pipe_empty(p)) {
			struct pipe_buf *b = slot(p, p->tail);
			size_t chars = MIN((size_t)b->len, total);
			long n = copy_to_iter((char *)frame_ptr(b->page) + b->offset, chars, to);

			if (n < (long)chars) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			ret += (long)chars;
			b->offset += (uint32_t)chars;
			b->len -= (uint32_t)chars;
			if (b->flags & BUF_PACKET) {
				/* the rest of a packet is discarded */
				total = chars;
				b->len = 0;
			}
			if (!b->len) {
				frame_put(b->page);
				p->tail++;
				freed = true;
			}
			total -= chars;
			if (!total)
				break;
			if (!pipe_empty(p))
				continue;
		}
		if (!p->writers || ret)
			break;
		if (f->f_flags & LINUX_O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		return sched_wait(&p->rd_wait);
	}
	if (freed)
		wake_up_poll(&p->wr_wait, LINUX_POLLOUT | LINUX_POLLWRNORM);
	if (ret > 0)
		inode_touch_atime(f->inode);
	return ret;
}

/*
 * Append chars bytes to the last page if Linux would (*merged says if it
 * did): bytes appended, or -EFAULT.
 */
static long merge_tail(struct pipe *p, size_t chars, struct iov_iter *from, bool *merged)
{
	struct pipe_buf *b;
	uint32_t off;

	*merged = false;
	if (!chars || pipe_empty(p))
		return 0;
	b = slot(p, p->head - 1);
	off = b->offset + b->len;
	if (!(b->flags & BUF_CAN_MERGE) || off + chars > PAGE_SIZE)
		return 0;
	if (copy_from_iter((char *)frame_ptr(b->page) + off, chars, from) != (long)chars)
		return -EFAULT;	/* what was copied is not counted, as on Linux */
	b->len += (uint32_t)chars;
	*merged = true;
	return (long)chars;
}

/*
 * pipe(7) writing. No readers: -EPIPE and SIGPIPE to the writer. Otherwise the first
 * (count % PAGE_SIZE) bytes may join the last page, the rest goes into new
 * pages while there are free slots; then -EAGAIN or a short count with
 * O_NONBLOCK, else sleep and go on from current->restart.done when woken.
 * A write of at most PIPE_BUF bytes needs one slot or the merge, so it goes
 * in whole or not at all.
 */
static long pipe_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct pipe *p = pipe_of(f);
	size_t total = iov_iter_count(from);
	bool retry = current && current->restart_valid;
	bool changed = false, merged;
	long ret = 0, err;

	(void)pos;
	if (!total)
		return 0;
	if (retry) {
		/* Linux merges only before its first sleep: go straight to pages */
		ret = (long)current->restart.done;
		iov_iter_advance(from, (size_t)ret);
	} else {
		if (!p->readers) {
			send_signal(current, LINUX_SIGPIPE);
			return -EPIPE;
		}
		ret = merge_tail(p, total & (PAGE_SIZE - 1), from, &merged);
		if (ret < 0)
			return ret;
		changed = merged;
		if (merged && !iov_iter_count(from))
			goto out;
	}
	for (;;) {
		if (!p->readers) {
			/* even after a partial write, as Linux does */
			send_signal(current, LINUX_SIGPIPE);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		if (!pipe_full(p)) {
			long pfn = frame_alloc(0, 0);
			struct pipe_buf *b;
			long n;

			if (pfn < 0) {
				if (!ret)
					ret = pfn;
				break;
			}
			/* The slot is taken before the copy; a fault leaves it empty, as on Linux. */
			b = slot(p, p->head++);
			*b = (struct pipe_buf){
				.page = (pfn_t)pfn,
				.flags = (f->f_flags & LINUX_O_DIRECT) ? BUF_PACKET : BUF_CAN_MERGE,
			};
			changed = true;
			n = copy_from_iter(frame_ptr(b->page), PAGE_SIZE, from);
			if (n < (long)PAGE_SIZE && iov_iter_count(from)) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			b->len = (uint32_t)n;
			ret += n;
			if (!iov_iter_count(from))
				break;
		}
		if (!pipe_full(p))
			continue;
		if (f->f_flags & LINUX_O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		if (changed)
			wake_up_poll(&p->rd_wait, LINUX_POLLIN | LINUX_POLLRDNORM);
		current->restart.done = (uint64_t)ret;
		err = sched_wait(&p->wr_wait);
		if (err == -ERESTART_WAIT || !ret)
			return err;
		/* interrupted after writing some: report that */
		changed = false;
		break;
	}
out:
	if (changed)
		wake_up_poll(&p->rd_wait, LINUX_POLLIN | LINUX_POLLRDNORM);
	if (ret > 0)
		inode_touch_mtime(f->inode);
	return ret;
}

/* pipe(7) readiness, as Linux's pipe_poll. */
static unsigned pipe_poll(struct file *f)
{
	struct pipe_file *pf = f->priv;
	struct pipe *p = pf->pipe;
	unsigned mask = 0;

	poll_wait(f, &p->rd_wait);
	poll_wait(f, &p->wr_wait);
	if (f->f_mode & FMODE_READ) {
		if (!pipe_empty(p))
			mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
		if (!p->writers && pf->w_seen != p->w_counter)
			mask |= LINUX_POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (!pipe_full(p))
			mask |= LINUX_POLLOUT | LINUX_POLLWRNORM;
		if (!p->readers)
			mask |= LINUX_POLLERR;
	}
	return mask;
}

/* FIONREAD: the bytes waiting in the pipe. */
static long pipe_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct pipe *p = pipe_of(f);
	int count = 0;

	if (cmd != LINUX_FIONREAD)
		return -ENOTTY;
	for (unsigned i = p->tail; i != p->head; i++)
		count += (int)slot(p, i)->len;
	return copy_to_user(arg, &count, sizeof(count)) ? -EFAULT : 0;
}

static void pipe_release(struct file *f)
{
	struct pipe_file *pf = f->priv;
	struct pipe *p = pf->pipe;

	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	p->files--;
	free(pf);
	/* the other side may now see end of file, EPIPE, POLLHUP or POLLERR */
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
	pipe_drop(p);
}

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* --- anonymous pipes ---------------------------------------------------------- */

/* One end of a new pipe: a file on inode, attached to p (NULL: no memory). */
static struct file *pipe_end(struct pipe *p, struct inode *inode, unsigned flags)
{
	struct file *f = file_alloc_anon(inode, NULL, flags);

	if (IS_ERR(f))
		return NULL;
	if (pipe_attach(p, f, 0)) {
		f->fops = NULL;	/* not attached: its release must not drop p */
		file_put(f);
		return NULL;
	}
	return f;
}

int pipe_create(struct file *files[2], unsigned flags)
{
	struct pipe *p = pipe_alloc();
	struct inode *inode;
	struct file *rd, *wr;

	if (!p)
		return -ENOMEM;
	if (!pipefs_sb.dev)
		pipefs_sb.dev = anon_dev_alloc();
	inode = inode_alloc(&pipefs_sb, LINUX_S_IFIFO | 0600);
	if (!inode) {
		free(p->bufs);
		free(p);
		return -ENOMEM;
	}
	inode_init_owner(inode, NULL);
	inode->pipe = p;
	inode->fops = &special_open_fops;	/* reopened as a FIFO through /proc/PID/fd */
	p->inode = inode;
	/* the write end counts as a writer that came: a reader sees POLLHUP when it goes */
	p->r_counter = p->w_counter = ++pipe_seq;

	rd = pipe_end(p, inode, LINUX_O_RDONLY | (flags & LINUX_O_NONBLOCK));
	if (!rd)
		goto out_drop;
	wr = pipe_end(p, inode, LINUX_O_WRONLY | (flags & (LINUX_O_NONBLOCK | LINUX_O_DIRECT)));
	if (!wr)
		goto out_put_rd;
	files[0] = rd;
	files[1] = wr;
	return 0;

out_put_rd:
	file_put(rd);	/* its release drops the pipe */
	return -ENOMEM;
out_drop:
	pipe_drop(p);
	return -ENOMEM;
}

/* --- FIFOs ----------------------------------------------------------------------- */

/*
 * Has a partner come since the opener began to wait (at pipe_seq == since)?
 * counter is the partner side's last open. A pipe made after that means the
 * one waited on was freed, which happens only once a partner came and went.
 */
static bool partner_came(const struct pipe *p, uint64_t counter, uint64_t since)
{
	return p->born > since || counter > since;
}

/*
 * fifo(7) and Linux's fifo_open. A waiting opener counts as a reader or
 * writer for others' opens (it is on rd_open / wr_open), as Linux counts it
 * before it sleeps. Woken, it is run again before any other trap is
 * handled (the trap loop runs woken tasks first), so the partner never sees
 * the gap before its re-run.
 */
int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p = inode->pipe;
	bool nonblock = f->f_flags & LINUX_O_NONBLOCK;
	bool retry = current && current->restart_valid;
	uint64_t since = retry ? current->restart.fifo_seq : 0;
	struct waitq *wq;
	uint64_t w_seen = 0;
	long err;

	if (!p) {
		p = pipe_alloc();
		if (!p)
			return -ENOMEM;
		p->inode = inode_get(inode);
		inode->pipe = p;
	}
	switch (f->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		if (!has_writers(p)) {
			if (nonblock || !current) {
				w_seen = p->w_counter;	/* no POLLHUP before a writer */
			} else if (!retry || !partner_came(p, p->w_counter, since)) {
				wq = &p->rd_open;
				goto wait;
			}
		}
		err = pipe_attach(p, f, w_seen);
		if (err)
			goto out_drop;
		p->r_counter = ++pipe_seq;
		wake_up(&p->wr_open);
		return 0;
	case FMODE_WRITE:
		if (!has_readers(p)) {
			if (nonblock || !current) {
				err = -ENXIO;
				goto out_drop;
			}
			if (!retry || !partner_came(p, p->r_counter, since)) {
				wq = &p->wr_open;
				goto wait;
			}
		}
		err = pipe_attach(p, f, 0);
		if (err)
			goto out_drop;
		p->w_counter = ++pipe_seq;
		wake_up(&p->rd_open);
		return 0;
	case FMODE_READ | FMODE_WRITE:
		/* never waits: the opener can at least talk to itself */
		err = pipe_attach(p, f, 0);
		if (err)
			goto out_drop;
		p->r_counter = p->w_counter = ++pipe_seq;
		wake_up(&p->rd_open);
		wake_up(&p->wr_open);
		return 0;
	default:
		err = -EINVAL;
		goto out_drop;
	}

wait:
	current->restart.fifo_seq = retry ? since : pipe_seq;
	err = sched_wait(wq);
	if (err == -ERESTART_WAIT)
		return (int)err;
	/* not asleep after all (a signal): the pipe may now be unused */
out_drop:
	pipe_drop(p);
	return (int)err;
}

/* --- F_GETPIPE_SZ / F_SETPIPE_SZ ------------------------------------------------ */

/* Linux's round_pipe_size: at least a page, a power of two; 0 if too big. */
static unsigned long round_pipe_size(unsigned size)
{
	unsigned long r = PAGE_SIZE;

	if (size > (1U << 31))
		return 0;
	while (r < size)
		r <<= 1;
	return r;
}

/*
 * Linux's pipe_set_size. Everyone is held to pipe-max-size (umk grants no
 * CAP_SYS_RESOURCE), and the per-user pipe-user-pages limits are not kept.
 */
static long pipe_set_size(struct pipe *p, unsigned arg)
{
	unsigned long size = round_pipe_size(arg);
	unsigned slots = (unsigned)(size >> PAGE_SHIFT);
	struct pipe_buf *bufs;

	if (!slots)
		return -EINVAL;
	if (slots > p->max_usage && size > PIPE_MAX_SIZE)
		return -EPERM;
	if (slots < occupancy(p))
		return -EBUSY;
	bufs = calloc(slots, sizeof(*bufs));
	if (!bufs)
		return -ENOMEM;
	for (unsigned i = p->tail; i != p->head; i++)
		bufs[i & (slots - 1)] = *slot(p, i);
	free(p->bufs);
	p->bufs = bufs;
	p->max_usage = slots;
	wake_up(&p->wr_wait);
	return (long)size;
}

long pipe_fcntl(struct file *f, unsigned cmd, unsigned arg)
{
	if (f->fops != &pipe_fops)
		return -EBADF;
	if (cmd == LINUX_F_GETPIPE_SZ)
		return (long)pipe_of(f)->max_usage * PAGE_SIZE;
	return pipe_set_size(pipe_of(f), arg);
}
