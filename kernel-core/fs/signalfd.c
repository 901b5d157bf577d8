/*
 * signalfd objects (signalfd(2)): a read takes pending signals of the
 * reading thread that are in the file's mask, blocked or not, and returns
 * each as a struct signalfd_siginfo; poll says POLLIN while the polling
 * thread has one. The mask lives in the file; the signals stay the
 * task's (kern/signal.c takes them off with signal_dequeue).
 *
 * Readers and pollers wait on one queue that signal_notify wakes whenever
 * any signal becomes pending (a blocked one wakes nobody otherwise).
 * Big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/anon_inode.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/poll.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/timerfd.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_poll.h>
#include <uapi/linux_timerfd.h>

#define SI_SIGIO (-5)
#define NSIGPOLL 6

struct signalfd {
	linux_sigset_t mask;
};

static struct waitq signalfd_wq = WAITQ_INIT(signalfd_wq);
static int nr_signalfds;
static const struct file_ops signalfd_fops;

bool is_signalfd(const struct file *f)
{
	return f->fops == &signalfd_fops;
}

void signalfd_notify(void)
{
	if (nr_signalfds)
		wake_up_poll(&signalfd_wq, LINUX_POLLIN);
}

/* The siginfo fields that mean something for this signal and code (siginfo_layout). */
static void to_ssi(const struct linux_siginfo *in, struct linux_signalfd_siginfo *out)
{
	int sig = in->si_signo, code = in->si_code;

	memset(out, 0, sizeof(*out));
	out->ssi_signo = (uint32_t)sig;
	out->ssi_errno = in->si_errno;
	out->ssi_code = code;
	if (code > LINUX_SI_USER && code < LINUX_SI_KERNEL) {
		switch (sig) {
		case LINUX_SIGCHLD:
			out->ssi_pid = (uint32_t)in->chld.pid;
			out->ssi_uid = in->chld.uid;
			out->ssi_status = in->chld.status;
			out->ssi_utime = (uint64_t)in->chld.utime;
			out->ssi_stime = (uint64_t)in->chld.stime;
			return;
		case LINUX_SIGSEGV:
		case LINUX_SIGBUS:
		case LINUX_SIGILL:
		case LINUX_SIGFPE:
		case LINUX_SIGTRAP:
			out->ssi_addr = in->fault.addr;
			return;
		default:
			return;	/* SIGPOLL-style band and fd: never sent by umk */
		}
	}
	if (code == LINUX_SI_TIMER) {
		out->ssi_tid = (uint32_t)in->timer.tid;
		out->ssi_overrun = (uint32_t)in->timer.overrun;
		out->ssi_ptr = in->timer.value;
		out->ssi_int = (int32_t)in->timer.value;
		return;
	}
	if (code == SI_SIGIO)
		return;
	out->ssi_pid = (uint32_t)in->kill.pid;
	out->ssi_uid = in->kill.uid;
	if (code < 0) {
		out->ssi_ptr = in->kill.value;
		out->ssi_int = (int32_t)in->kill.value;
	}
}

static long signalfd_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct signalfd *s = f->priv;
	struct linux_signalfd_siginfo ssi;
	struct linux_siginfo info;
	size_t n = iov_iter_count(to) / sizeof(ssi);
	long done = 0;

	(void)pos;
	if (!n)
		return -EINVAL;
	while ((size_t)done < n && signal_dequeue(current, s->mask, &info)) {
		to_ssi(&info, &ssi);
		/* the signal is gone even if the copy fails, as on Linux */
		if (copy_to_iter(&ssi, sizeof(ssi), to) != sizeof(ssi))
			return done ? done * (long)sizeof(ssi) : -EFAULT;
		done++;
	}
	if (done)
		return done * (long)sizeof(ssi);
	if (f->f_flags & LINUX_O_NONBLOCK)
		return -EAGAIN;
	return sched_wait(&signalfd_wq);
}

static unsigned signalfd_poll(struct file *f)
{
	struct signalfd *s = f->priv;

	poll_wait(f, &signalfd_wq);
	return current && (signal_pending_set(current) & s->mask) ? LINUX_POLLIN : 0;
}

static long signalfd_llseek(struct file *f, int64_t off, int whence)
{
	(void)off;
	(void)whence;
	return (long)f->f_pos;
}

static void signalfd_release(struct file *f)
{
	nr_signalfds--;
	free(f->priv);
}

static const struct file_ops signalfd_fops = {
	.read = signalfd_read,
	.llseek = signalfd_llseek,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

void signalfd_set_mask(struct file *f, linux_sigset_t mask)
{
	struct signalfd *s = f->priv;

	s->mask = mask & ~SIG_UNBLOCKABLE;
	wake_up_poll(&signalfd_wq, LINUX_POLLIN);
}

struct file *signalfd_file(linux_sigset_t mask, unsigned flags)
{
	struct signalfd *s = calloc(1, sizeof(*s));
	struct file *f;

	if (!s)
		return ERR_PTR(-ENOMEM);
	s->mask = mask & ~SIG_UNBLOCKABLE;
	f = anon_file("[signalfd]", &signalfd_fops, s, LINUX_O_RDWR | (flags & LINUX_SFD_NONBLOCK));
	if (IS_ERR(f)) {
		free(s);
		return f;
	}
	nr_signalfds++;
	return f;
}
