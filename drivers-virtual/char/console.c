/*
 * The console: one tty on umk's standard input and output, reached as
 * /dev/console (5:1) and /dev/tty1 (4:1). /dev/console never becomes a
 * controlling tty and does no job control, as on Linux; /dev/tty1 does.
 *
 * Output goes to the host at once. Input is read whenever the host has
 * some (the stdin interrupt stays enabled) and goes through the guest's
 * line discipline, so ^C reaches the foreground group even while nobody
 * reads; when the line discipline is full the interrupt is disabled until
 * a reader makes room (throttling). When standard input is a terminal,
 * the host layer has put it in raw mode; a host SIGWINCH becomes a new
 * window size (and SIGWINCH for the foreground group), and the host
 * terminal going away (SIGHUP, EOF or EIO on it) is a hangup of the
 * console: SIGHUP to the session, then the machine halts after a grace
 * period. When standard input is not a terminal (a pipe, /dev/null), its
 * end is an end of file for guest readers, for good.
 * State is global, under the big kernel lock.
 */
#include <host/host.h>
#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/irq.h>
#include <umk/kernel.h>
#include <umk/timer.h>
#include <umk/tty.h>
#include <umk/vfs_internal.h>
#include <drivers/drivers.h>

#define HALT_GRACE_NS 1000000000LL

static struct tty *console;
static int input_irq = -1, event_irq = -1;
static bool host_tty, input_done;
static unsigned char pending[512];	/* read from the host, not yet taken */
static size_t pending_off, pending_len;
static struct ktimer halt_timer;

static long console_write(struct tty *tty, const char *buf, size_t n)
{
	if (!tty->io_error && host_write_all(HOST_STDOUT, buf, n) < 0 && host_tty)
		tty->io_error = true;	/* the terminal is gone; the hangup follows */
	return (long)n;
}

/*
 * Hand pending input to the line discipline; true when all of it went.
 * Not re-entered: a signal character flushes the input, which calls
 * unthrottle from inside the receive.
 */
static bool push_pending(void)
{
	static bool busy;

	if (busy)
		return false;
	busy = true;
	pending_off += tty_receive(console, pending + pending_off, pending_len - pending_off);
	busy = false;
	if (pending_off < pending_len)
		return false;
	pending_off = pending_len = 0;
	return true;
}

static void console_unthrottle(struct tty *tty)
{
	if (input_done || !push_pending())
		return;
	irq_enable(input_irq);
}

static void halt_now(struct ktimer *kt, int64_t now)
{
	kernel_power_off(0);
}

/* The host terminal is gone: hang the console up, then power off. */
static void host_hangup(void)
{
	if (input_done && console->io_error)
		return;
	input_done = true;
	irq_disable(input_irq);
	irq_disable(event_irq);
	tty_hangup(console);
	ktimer_init(&halt_timer, halt_now, NULL);
	ktimer_add(&halt_timer, ktime_mono_ns() + HALT_GRACE_NS);
}

static void input_interrupt(void *arg)
{
	long n;

	if (!push_pending()) {
		irq_disable(input_irq);
		return;
	}
	n = host_read(HOST_STDIN, pending, sizeof(pending));
	if (n == -EAGAIN || n == -EINTR)
		return;
	if (n <= 0) {
		if (host_tty) {
			host_hangup();
			return;
		}
		/* a pipe or file ended: an end of file for every reader */
		input_done = true;
		irq_disable(input_irq);
		console->input_eof = true;
		wake_up(&console->read_wait);
		return;
	}
	pending_len = (size_t)n;
	if (!push_pending())
		irq_disable(input_irq);
}

static void read_host_winsize(void)
{
	struct linux_winsize ws = { 0 };
	unsigned rows, cols;

	if (host_winsize(HOST_STDIN, &rows, &cols) == 0) {
		ws.ws_row = (uint16_t)rows;
		ws.ws_col = (uint16_t)cols;
		tty_set_winsize(console, &ws);
	}
}

static void event_interrupt(void *arg)
{
	unsigned ev = host_console_events();

	if (ev & HOST_CONSOLE_WINCH)
		read_host_winsize();
	if (ev & HOST_CONSOLE_HUP)
		host_hangup();
}

static const struct tty_ops console_ops = {
	.write = console_write,
	.unthrottle = console_unthrottle,
};

static int console_open(struct inode *inode, struct file *f)
{
	bool is_console = LINUX_MAJOR(inode->rdev) == LINUX_TTYAUX_MAJOR;

	return tty_open_file(console, f, is_console, false);
}

static const struct file_ops console_fops = {
	.open = console_open,
};

int console_init(void)
{
	int err, evfd;

	console = tty_alloc("tty1", 1, &console_ops, NULL);
	if (!console)
		return -ENOMEM;
	evfd = host_console_init(&host_tty);
	if (evfd < 0)
		return evfd;
	input_irq = irq_register(HOST_STDIN, input_interrupt, NULL);
	if (input_irq < 0)
		return input_irq;
	event_irq = irq_register(evfd, event_interrupt, NULL);
	if (event_irq < 0)
		return event_irq;
	irq_enable(input_irq);
	if (host_tty) {
		irq_enable(event_irq);
		read_host_winsize();
	}
	err = chardev_register(LINUX_TTYAUX_MAJOR, 1, "console", 0600, &console_fops);
	if (!err)
		err = chardev_register(LINUX_TTY_MAJOR, 1, "tty1", 0620, &console_fops);
	return err;
}
