/*
 * timerfd objects (timerfd_create(2)): a kernel timer behind a file whose
 * read returns the number of expirations since the last read or settime.
 *
 * The timer is a ktimer on the monotonic clock: a CLOCK_REALTIME absolute
 * time is converted when it is set (umk never steps the real-time clock),
 * and CLOCK_BOOTTIME is the monotonic clock (a guest never suspends). An
 * expiry adds to the count, periods missed included, re-arms a periodic
 * timer (no sooner than MIN_REARM_NS later: shorter periods are counted
 * at the next expiry, so a guest cannot flood the trap loop with timers)
 * and wakes readers and pollers. Reads and polls first run an expiry
 * that is due but not yet handled, so a timer is never seen late.
 * Big kernel lock.
 */
#include <stdlib.h>

#include <umk/anon_inode.h>
#include <umk/errno.h>
#include <umk/poll.h>
#include <umk/sched.h>
#include <umk/timer.h>
#include <umk/timerfd.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_poll.h>
#include <uapi/linux_time.h>
#include <uapi/linux_timerfd.h>

/* The soonest a periodic timer fires again after an expiry. */
#define MIN_REARM_NS 100000

struct timerfd {
	int clock;
	struct ktimer kt;
	bool armed;		/* set and not yet expired (or periodic) */
	int64_t deadline;	/* monotonic ns of the next expiry, while armed */
	int64_t interval;
	uint64_t ticks;		/* expirations not yet read */
	struct waitq wq;
};

static const struct file_ops timerfd_fops;

bool is_timerfd(const struct file *f)
{
	return f->fops == &timerfd_fops;
}

static void timerfd_fire(struct ktimer *kt, int64_t now)
{
	struct timerfd *t = kt->arg;
	int64_t n = 1;

	if (t->interval) {
		if (t->deadline <= now)
			n = (now - t->deadline) / t->interval + 1;
		t->deadline += n * t->interval;
		/* Periods shorter than umk can follow are counted, not each fired. */
		ktimer_add(kt, MAX(t->deadline, now + MIN_REARM_NS));
	} else {
		t->armed = false;
	}
	t->ticks += (uint64_t)n;
	wake_up_poll(&t->wq, LINUX_POLLIN);
}

/* Handle an expiry that is due but has not run yet. */
static void catch_up(struct timerfd *t)
{
	int64_t now;

	if (!t->armed)
		return;
	now = ktime_mono_ns();
	if (t->deadline > now)
		return;
	ktimer_del(&t->kt);
	timerfd_fire(&t->kt, now);
}

static long timerfd_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct timerfd *t = f->priv;
	uint64_t v;

	(void)pos;
	if (iov_iter_count(to) < sizeof(v))
		return -EINVAL;
	catch_up(t);
	if (!t->ticks) {
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		return sched_wait(&t->wq);
	}
	v = t->ticks;
	t->ticks = 0;
	if (copy_to_iter(&v, sizeof(v), to) != sizeof(v))
		return -EFAULT;
	return sizeof(v);
}

static unsigned timerfd_poll(struct file *f)
{
	struct timerfd *t = f->priv;

	poll_wait(f, &t->wq);
	catch_up(t);
	return t->ticks ? LINUX_POLLIN : 0;
}

/* lseek succeeds and changes nothing (noop_llseek). */
static long timerfd_llseek(struct file *f, int64_t off, int whence)
{
	(void)off;
	(void)whence;
	return (long)f->f_pos;
}

static void timerfd_release(struct file *f)
{
	struct timerfd *t = f->priv;

	ktimer_del(&t->kt);
	wake_up(&t->wq);
	free(t);
}

static const struct file_ops timerfd_fops = {
	.read = timerfd_read,
	.llseek = timerfd_llseek,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

void timerfd_get(struct file *f, int64_t *value, int64_t *interval)
{
	struct timerfd *t = f->priv;
	int64_t left;

	catch_up(t);
	*interval = t->interval;
	*value = 0;
	if (!t->armed)
		return;
	left = t->deadline - ktime_mono_ns();
	*value = left > 0 ? left : 0;
}

void timerfd_set(struct file *f, bool abs, int64_t value, int64_t interval,
		 int64_t *old_value, int64_t *old_interval)
{
	struct timerfd *t = f->priv;
	int64_t now = ktime_mono_ns();

	timerfd_get(f, old_value, old_interval);
	ktimer_del(&t->kt);
	t->armed = false;
	t->ticks = 0;
	t->interval = 0;
	if (!value)
		return;
	if (!abs)
		value += now;
	else if (t->clock == LINUX_CLOCK_REALTIME || t->clock == LINUX_CLOCK_REALTIME_ALARM)
		value += now - ktime_real_ns();
	t->deadline = value;
	t->interval = interval;
	t->armed = true;
	ktimer_add(&t->kt, value);
}

struct file *timerfd_file(int clock, unsigned flags)
{
	struct timerfd *t = calloc(1, sizeof(*t));
	struct file *f;

	if (!t)
		return ERR_PTR(-ENOMEM);
	t->clock = clock;
	ktimer_init(&t->kt, timerfd_fire, t);
	waitq_init(&t->wq);
	f = anon_file("[timerfd]", &timerfd_fops, t, LINUX_O_RDWR | (flags & LINUX_TFD_NONBLOCK));
	if (IS_ERR(f))
		free(t);
	return f;
}
