/*
 * The tty core: files open on a tty, the termios and job-control ioctls
 * (tty_ioctl(4)), controlling terminals, background reads and writes
 * (SIGTTIN/SIGTTOU), hangup, and /dev/tty.
 *
 * A file on a tty holds a struct tty_file: the tty and the hangup
 * generation it was opened in, so that a hangup turns every file opened
 * before it into a dead end (read 0, write EIO) while later opens work.
 * A session's controlling tty is the tty whose `session` is its id.
 * Everything runs under the big kernel lock.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/tty.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_poll.h>

#define CHUNK 512

struct tty_file {
	struct tty *tty;
	unsigned gen;		/* tty->hangup_gen at open */
	bool console;		/* opened as /dev/console: no job control */
};

static LIST_HEAD(all_ttys);

struct tty *tty_alloc(const char *name, int index, const struct tty_ops *ops, void *data)
{
	struct tty *tty = calloc(1, sizeof(*tty));

	if (!tty)
		return NULL;
	strncpy(tty->name, name, sizeof(tty->name) - 1);
	tty->index = index;
	tty->ops = ops;
	tty->driver_data = data;
	tty->termios = tty_std_termios;
	waitq_init(&tty->read_wait);
	waitq_init(&tty->write_wait);
	n_tty_init(tty);
	list_add_tail(&tty->node, &all_ttys);
	return tty;
}

void tty_free(struct tty *tty)
{
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
	list_del(&tty->node);
	free(tty);
}

/* --- process groups and sessions ------------------------------------------ */

void tty_kill_pgrp(int pgrp, int sig)
{
	struct linux_siginfo info;

	if (pgrp <= 0)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = LINUX_SI_KERNEL;
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->tid == t->tgid && t->pgid == pgrp && t->state != TASK_DEAD)
			send_signal_info(t, sig, &info);
}

/*
 * An orphaned group: no member has a parent in another group of the same
 * session (init does not count). Its members are not stopped by the tty.
 */
bool pgrp_orphaned(int pgrp)
{
	for (struct task *t = task_first(); t; t = task_next(t)) {
		struct task *p = t->parent;

		if (t->tid != t->tgid || t->pgid != pgrp || t->state == TASK_DEAD)
			continue;
		if (!p || p->tgid == 1)
			continue;
		if (p->pgid != pgrp && p->sid == t->sid)
			return false;
	}
	return true;
}

/* Has group pgrp a stopped process? (Linux's has_stopped_jobs) */
static bool pgrp_has_stopped(int pgrp)
{
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->tid == t->tgid && t->pgid == pgrp && t->state != TASK_DEAD &&
		    (t->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/*
 * t's group loses its link through p (t exited and p is its parent, or p
 * exited and t is its child): if that leaves the group orphaned while one
 * of its processes is stopped, nobody is left to continue it, so the group
 * gets SIGHUP then SIGCONT (POSIX; Linux's kill_orphaned_pgrp).
 */
void pgrp_orphan_check(struct task *t, struct task *p)
{
	/* init's group 0 stands for the world outside umk: never orphaned */
	if (!p || t->pgid <= 0 || p->pgid == t->pgid || p->sid != t->sid)
		return;
	if (pgrp_orphaned(t->pgid) && pgrp_has_stopped(t->pgid)) {
		tty_kill_pgrp(t->pgid, LINUX_SIGHUP);
		tty_kill_pgrp(t->pgid, LINUX_SIGCONT);
	}
}

/* Does some live process use pgrp as its group? Its session, or -1. */
static int session_of_pgrp(int pgrp)
{
	struct task *t;

	for (t = task_first(); t; t = task_next(t))
		if (t->state != TASK_DEAD && t->pgid == pgrp)
			return t->sid;
	t = task_find(pgrp);
	return t && t->state != TASK_DEAD ? t->sid : -1;
}

struct tty *tty_current(void)
{
	struct tty *tty;

	if (!current || current->sid <= 0)
		return NULL;
	list_for_each_entry(tty, &all_ttys, node)
		if (tty->session == current->sid)
			return tty;
	return NULL;
}

static bool sig_ignored(int sig)
{
	return (current->sigmask & SIGBIT(sig)) ||
	       current->sighand->action[sig - 1].sa_handler == LINUX_SIG_IGN;
}

/*
 * May current touch tty as a reader (SIGTTIN) or changer (SIGTTOU)? A
 * background process is sent sig and the call restarts after it; with
 * sig blocked or ignored, a read fails with EIO and a change goes ahead;
 * an orphaned group gets EIO (Linux's __tty_check_change).
 */
static long tty_check_change(struct tty *tty, int sig)
{
	if (!current || tty_current() != tty || !tty->pgrp || current->pgid == tty->pgrp)
		return 0;
	if (sig_ignored(sig))
		return sig == LINUX_SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(current->pgid))
		return -EIO;
	tty_kill_pgrp(current->pgid, sig);
	return -ERESTARTSYS;
}

/* Make tty the controlling tty of current's session. */
static void set_ctty(struct tty *tty)
{
	tty->session = current->sid;
	tty->pgrp = current->pgid;
}

static bool session_leader(void)
{
	return current && current->sid == current->tgid && current->sid > 0;
}

/*
 * Hangup: the session leader gets SIGHUP and SIGCONT (and with
 * exit_session the foreground group SIGHUP), the tty is nobody's
 * controlling tty any more, and open files become dead ends.
 */
static void do_hangup(struct tty *tty, bool exit_session)
{
	int pgrp = tty->pgrp;

	if (tty->session > 0) {
		struct task *leader = task_find(tty->session);

		if (leader && leader->sid == tty->session && leader->state != TASK_DEAD) {
			struct linux_siginfo info;

			memset(&info, 0, sizeof(info));
			info.si_code = LINUX_SI_KERNEL;
			info.si_signo = LINUX_SIGHUP;
			send_signal_info(leader, LINUX_SIGHUP, &info);
			info.si_signo = LINUX_SIGCONT;
			send_signal_info(leader, LINUX_SIGCONT, &info);
		}
		if (exit_session)
			tty_kill_pgrp(pgrp, LINUX_SIGHUP);
	}
	tty->session = 0;
	tty->pgrp = 0;
	tty->hangup_gen++;
	tty->stopped = tty->tco_stopped = false;
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
}

void tty_hangup(struct tty *tty)
{
	tty->io_error = true;
	do_hangup(tty, false);
}

void tty_session_exit(struct task *t)
{
	struct tty *tty;

	if (t->sid != t->tgid || t->sid <= 0)
		return;
	list_for_each_entry(tty, &all_ttys, node) {
		if (tty->session != t->sid)
			continue;
		if (tty->link) {
			/* a pty: the foreground group hears of it, then the tty is free */
			tty_kill_pgrp(tty->pgrp, LINUX_SIGHUP);
			tty->session = 0;
			tty->pgrp = 0;
		} else {
			do_hangup(tty, true);
		}
		return;
	}
}

void tty_set_winsize(struct tty *tty, const struct linux_winsize *ws)
{
	if (!memcmp(ws, &tty->winsize, sizeof(*ws)))
		return;
	tty->winsize = *ws;
	tty_kill_pgrp(tty->pgrp, LINUX_SIGWINCH);
}

size_t tty_receive(struct tty *tty, const unsigned char *buf, size_t n)
{
	return n_tty_receive(tty, buf, n);
}

/* --- files ------------------------------------------------------------------ */

struct tty *tty_of_file(struct file *f)
{
	if (!f || f->fops != &tty_fops || !f->priv)
		return NULL;
	return ((struct tty_file *)f->priv)->tty;
}

/* Files opened as /dev/console outlive a hangup, as on Linux. */
static bool hung_up(struct file *f)
{
	struct tty_file *tf = f->priv;

	return !tf->console && tf->gen != tf->tty->hangup_gen;
}

int tty_open_file(struct tty *tty, struct file *f, bool console, bool noctty)
{
	struct tty_file *tf = malloc(sizeof(*tf));

	if (!tf)
		return -ENOMEM;
	tf->tty = tty;
	tf->gen = tty->hangup_gen;
	tf->console = console;
	f->priv = tf;
	f->fops = &tty_fops;
	nonseekable_open(f);
	tty->count++;
	noctty = noctty || console || tty->is_master || (f->f_flags & LINUX_O_NOCTTY);
	/* A session leader without a terminal acquires one it opens (tty_open). */
	if (!noctty && session_leader() && !tty_current() && !tty->session &&
	    (f->f_mode & FMODE_READ))
		set_ctty(tty);
	return 0;
}

static void tty_release(struct file *f)
{
	struct tty_file *tf = f->priv;
	struct tty *tty = tf->tty;

	free(tf);
	f->priv = NULL;
	tty->count--;
	if (tty->ops->close)
		tty->ops->close(tty);
}

static long tty_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct tty_file *tf = f->priv;
	struct tty *tty = tf->tty;
	int64_t wake_at;
	long r;

	if (hung_up(f))
		return 0;
	if (!tf->console) {
		r = tty_check_change(tty, LINUX_SIGTTIN);
		if (r)
			return r;
	}
	if (!current->restart_valid)
		current->restart.deadline_ns = ktime_mono_ns();
	r = n_tty_read(tty, to, current->restart.deadline_ns, &wake_at);
	if (r != -EAGAIN)
		return r;
	/* a pty whose other end is gone: the data was read, then EIO */
	if (tty->other_closed)
		return tty->link && !tty->is_master ? 0 : -EIO;
	if (tty->io_error)
		return 0;
	if (f->f_flags & LINUX_O_NONBLOCK)
		return -EAGAIN;
	return wake_at >= 0 ? sched_wait_until(&tty->read_wait, wake_at)
			    : sched_wait(&tty->read_wait);
}

static long tty_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	struct tty_file *tf = f->priv;
	struct tty *tty = tf->tty;
	char buf[CHUNK];
	size_t total = iov_iter_count(from);
	long done = 0;

	if (hung_up(f) || tty->io_error || (tty->link && !tty->link->count && !tty->is_master))
		return -EIO;
	if ((tty->termios.c_lflag & LINUX_TOSTOP) && !tf->console) {
		long r = tty_check_change(tty, LINUX_SIGTTOU);

		if (r)
			return r;
	}
	while (iov_iter_count(from)) {
		size_t n = MIN(iov_iter_count(from), sizeof(buf));
		long r = copy_from_iter(buf, n, from);

		if (r <= 0)
			return done ? done : (r ? r : -EFAULT);
		r = n_tty_write(tty, buf, (size_t)r);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < n)
			break;
	}
	if (done || !total)
		return done;
	if (f->f_flags & LINUX_O_NONBLOCK)
		return -EAGAIN;
	return sched_wait(&tty->write_wait);
}

static unsigned tty_poll(struct file *f)
{
	struct tty *tty = ((struct tty_file *)f->priv)->tty;
	unsigned mask = 0;

	if (hung_up(f))
		return LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLERR | LINUX_POLLHUP |
		       LINUX_POLLRDNORM | LINUX_POLLWRNORM;
	if (n_tty_input_available(tty, true) || tty->input_eof)
		mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
	if (tty->other_closed || tty->io_error)
		mask |= LINUX_POLLHUP;
	if (!tty->stopped && (!tty->ops->write_room || tty->ops->write_room(tty) > 0))
		mask |= LINUX_POLLOUT | LINUX_POLLWRNORM;
	return mask;
}

/* --- ioctls ------------------------------------------------------------------- */

static long put_int(uint64_t arg, int v)
{
	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long set_termios(struct tty *tty, uint64_t arg, unsigned cmd)
{
	struct linux_termios t, old = tty->termios;
	long r = tty_check_change(tty, LINUX_SIGTTOU);

	if (r)
		return r;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	if (cmd == LINUX_TCSETSF)
		n_tty_flush_input(tty);
	tty->termios = t;
	n_tty_set_termios(tty, &old);
	return 0;
}

static long tiocspgrp(struct tty *tty, uint64_t arg)
{
	long r = tty_check_change(tty, LINUX_SIGTTOU);
	int pgrp, sid;

	if (r == -EIO)
		return -ENOTTY;
	if (r)
		return r;
	if (copy_from_user(&pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (tty_current() != tty || tty->session != current->sid)
		return -ENOTTY;
	sid = session_of_pgrp(pgrp);
	if (sid < 0)
		return -ESRCH;
	if (sid != current->sid)
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

static long tiocsctty(struct tty *tty, struct file *f, uint64_t arg)
{
	struct tty *cur = tty_current();

	if (session_leader() && tty->session == current->sid)
		return 0;
	if (!session_leader() || cur)
		return -EPERM;
	if (tty->session) {
		if (arg != 1 || !capable(CAP_SYS_ADMIN))
			return -EPERM;
		tty->session = 0;	/* steal it */
	}
	if (!(f->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	set_ctty(tty);
	return 0;
}

static long tiocnotty(struct tty *tty)
{
	if (tty_current() != tty)
		return -ENOTTY;
	if (session_leader()) {
		tty_kill_pgrp(tty->pgrp, LINUX_SIGHUP);
		tty_kill_pgrp(tty->pgrp, LINUX_SIGCONT);
		tty->session = 0;
		tty->pgrp = 0;
	}
	return 0;
}

static long tty_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct tty_file *tf = f->priv;
	struct tty *tty = tf->tty;
	/* a pty master's termios, size and groups are its slave's */
	struct tty *real = tty->is_master ? tty->link : tty;
	struct linux_winsize ws;
	long r;

	if (hung_up(f))
		return cmd == LINUX_TIOCSPGRP ? -ENOTTY : -EIO;
	r = pty_ioctl(tty, f, cmd, arg);
	if (r != -ENOIOCTLCMD)
		return r;
	switch (cmd) {
	case LINUX_TCGETS:
		return copy_to_user(arg, &real->termios, sizeof(real->termios)) ? -EFAULT : 0;
	case LINUX_TCSETS:
	case LINUX_TCSETSW:
	case LINUX_TCSETSF:
		return set_termios(real, arg, cmd);
	case LINUX_TIOCGWINSZ:
		return copy_to_user(arg, &real->winsize, sizeof(ws)) ? -EFAULT : 0;
	case LINUX_TIOCSWINSZ:
		if (copy_from_user(&ws, arg, sizeof(ws)))
			return -EFAULT;
		tty_set_winsize(real, &ws);
		return 0;
	case LINUX_TIOCGPGRP:
		if (tty == real && tty_current() != real)
			return -ENOTTY;
		return put_int(arg, real->pgrp);
	case LINUX_TIOCSPGRP:
		return tiocspgrp(real, arg);
	case LINUX_TIOCGSID:
		if ((tty == real && tty_current() != real) || !real->session)
			return -ENOTTY;
		return put_int(arg, real->session);
	case LINUX_TIOCSCTTY:
		return tiocsctty(real, f, arg);
	case LINUX_TIOCNOTTY:
		return tiocnotty(tty);
	case LINUX_FIONREAD:
		return put_int(arg, n_tty_inq(tty));
	case LINUX_TIOCOUTQ:
		return put_int(arg, 0);	/* output goes to the device at once */
	case LINUX_TCFLSH:
		r = tty_check_change(tty, LINUX_SIGTTOU);
		if (r)
			return r;
		switch (arg) {
		case LINUX_TCIFLUSH:
		case LINUX_TCIOFLUSH:
			n_tty_flush_input(tty);
			/* fall through */
		case LINUX_TCOFLUSH:
			return 0;
		}
		return -EINVAL;
	case LINUX_TCXONC:
		r = tty_check_change(tty, LINUX_SIGTTOU);
		if (r)
			return r;
		switch (arg) {
		case LINUX_TCOOFF:
			tty->tco_stopped = false;
			tty_stop(tty);
			tty->tco_stopped = true;
			return 0;
		case LINUX_TCOON:
			if (tty->tco_stopped) {
				tty->tco_stopped = false;
				tty_start(tty);
			}
			return 0;
		case LINUX_TCIOFF:
		case LINUX_TCION: {
			char c = (char)tty->termios.c_cc[arg == LINUX_TCIOFF ? LINUX_VSTOP : LINUX_VSTART];

			if (c)
				tty->ops->write(tty, &c, 1);
			return 0;
		}
		}
		return -EINVAL;
	case LINUX_TCSBRK:
	case LINUX_TCSBRKP:
		return tty_check_change(tty, LINUX_SIGTTOU);
	case LINUX_TIOCVHANGUP:
		if (!capable(CAP_SYS_ADMIN))
			return -EPERM;
		do_hangup(tty, false);
		return 0;
	case LINUX_TIOCSTI: {
		unsigned char c;

		if (tty_current() != tty && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (copy_from_user(&c, arg, 1))
			return -EFAULT;
		n_tty_receive(tty, &c, 1);
		return 0;
	}
	case LINUX_TIOCEXCL:
	case LINUX_TIOCNXCL:
		return 0;
	}
	return -ENOTTY;
}

const struct file_ops tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
	.release = tty_release,
};

/* /dev/tty: the caller's controlling terminal. */
static int dev_tty_open(struct inode *inode, struct file *f)
{
	struct tty *tty = tty_current();

	if (!tty)
		return -ENXIO;
	return tty_open_file(tty, f, false, true);
}

static const struct file_ops dev_tty_fops = {
	.open = dev_tty_open,
};

int tty_init(void)
{
	int err = chardev_register(LINUX_TTYAUX_MAJOR, 0, "tty", 0666, &dev_tty_fops);

	return err ? err : pty_init();
}
