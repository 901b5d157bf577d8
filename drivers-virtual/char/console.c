/*
 * The console: /dev/console 5:1, /dev/tty 5:0 and /dev/tty1 4:1, all on
 * the host's standard input and output.
 *
 * Output goes to the host at once, with the OPOST/ONLCR translation of the
 * stored termios. Input is read from the host only when it is ready; a
 * read that would block sleeps on console_wq with the stdin interrupt
 * enabled, and the interrupt handler wakes it and disables itself, so an
 * idle console costs nothing. Line editing and echo are the host
 * terminal's for now: the termios here is stored and reported, not
 * applied (beyond ONLCR). State is global, under the big kernel lock.
 */
#include <string.h>

#include <host/host.h>
#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/irq.h>
#include <uapi/linux_poll.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_misc.h>
#include <uapi/linux_termios.h>
#include <drivers/drivers.h>

#define CHUNK 512
#define CTRL(c) ((c) & 0x1f)

static struct linux_termios termios = {
	.c_iflag = LINUX_ICRNL | LINUX_IXON,
	.c_oflag = LINUX_OPOST | LINUX_ONLCR,
	.c_cflag = LINUX_B38400 | LINUX_CS8 | LINUX_CREAD | LINUX_HUPCL,
	.c_lflag = LINUX_ISIG | LINUX_ICANON | LINUX_ECHO | LINUX_ECHOE | LINUX_ECHOK |
		   LINUX_ECHOCTL | LINUX_ECHOKE | LINUX_IEXTEN,
	.c_cc = {
		[LINUX_VINTR] = CTRL('C'), [LINUX_VQUIT] = CTRL('\\'),
		[LINUX_VERASE] = 0177, [LINUX_VKILL] = CTRL('U'), [LINUX_VEOF] = CTRL('D'),
		[LINUX_VTIME] = 0, [LINUX_VMIN] = 1, [LINUX_VSTART] = CTRL('Q'),
		[LINUX_VSTOP] = CTRL('S'), [LINUX_VSUSP] = CTRL('Z'),
		[LINUX_VREPRINT] = CTRL('R'), [LINUX_VDISCARD] = CTRL('O'),
		[LINUX_VWERASE] = CTRL('W'), [LINUX_VLNEXT] = CTRL('V'),
	},
};
static struct linux_winsize winsize;
static bool winsize_set;

static struct waitq console_wq = WAITQ_INIT(console_wq);
static int console_irq = -1;

static void console_interrupt(void *arg)
{
	irq_disable(console_irq);
	wake_up(&console_wq);
}

static int console_open(struct inode *inode, struct file *f)
{
	nonseekable_open(f);
	return 0;
}

/* No input yet: EAGAIN, or sleep until the host says there is some. */
static long wait_input(struct file *f)
{
	if (f->f_flags & LINUX_O_NONBLOCK)
		return -EAGAIN;
	irq_enable(console_irq);
	return sched_wait(&console_wq);
}

static long console_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	char buf[CHUNK];
	long n, r;

	if (!iov_iter_count(to))
		return 0;
	r = host_fd_readable(HOST_STDIN);
	if (r < 0)
		return -EIO;
	if (r == 0)
		return wait_input(f);
	n = host_read(HOST_STDIN, buf, MIN(iov_iter_count(to), sizeof(buf)));
	if (n == -EAGAIN || n == -EINTR)
		return wait_input(f);
	if (n < 0)
		return -EIO;
	if (n == 0)
		return 0;	/* end of file on the host */
	r = copy_to_iter(buf, (size_t)n, to);
	return r;
}

/* Write n bytes, turning \n into \r\n when OPOST|ONLCR are set. */
static long output(const char *s, size_t n)
{
	char out[2 * CHUNK];
	size_t len = 0;

	if ((termios.c_oflag & (LINUX_OPOST | LINUX_ONLCR)) != (LINUX_OPOST | LINUX_ONLCR))
		return host_write_all(HOST_STDOUT, s, n);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			out[len++] = '\r';
		out[len++] = s[i];
	}
	return host_write_all(HOST_STDOUT, out, len);
}

static long console_write(struct file *f, struct iov_iter *from, uint64_t *pos)
{
	char buf[CHUNK];
	long done = 0;

	while (iov_iter_count(from)) {
		size_t n = MIN(iov_iter_count(from), sizeof(buf));
		long r = copy_from_iter(buf, n, from);

		if (r < 0)
			return done ? done : r;
		if (r > 0 && output(buf, (size_t)r) < 0)
			return done ? done : -EIO;
		done += r;
		if ((size_t)r < n)
			break;
	}
	return done;
}

static long get_winsize(uaddr_t arg)
{
	struct linux_winsize ws = winsize;
	unsigned rows, cols;

	if (!winsize_set) {
		memset(&ws, 0, sizeof(ws));
		if (host_winsize(HOST_STDIN, &rows, &cols) == 0) {
			ws.ws_row = (uint16_t)rows;
			ws.ws_col = (uint16_t)cols;
		}
	}
	return copy_to_user(arg, &ws, sizeof(ws)) ? -EFAULT : 0;
}

static long console_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct linux_termios t;
	int v;

	switch (cmd) {
	case LINUX_TCGETS:
		return copy_to_user(arg, &termios, sizeof(termios)) ? -EFAULT : 0;
	case LINUX_TCSETS:
	case LINUX_TCSETSW:
	case LINUX_TCSETSF:
		if (copy_from_user(&t, arg, sizeof(t)))
			return -EFAULT;
		termios = t;
		return 0;
	case LINUX_TIOCGWINSZ:
		return get_winsize(arg);
	case LINUX_TIOCSWINSZ:
		if (copy_from_user(&winsize, arg, sizeof(winsize)))
			return -EFAULT;
		winsize_set = true;
		return 0;
	case LINUX_TIOCGPGRP:
	case LINUX_TIOCGSID:
		/*
		 * No sessions yet, so the console is nobody's controlling
		 * terminal: Linux answers ENOTTY then (tty_ioctl(4)), and a
		 * shell turns job control off.
		 */
		return -ENOTTY;
	case LINUX_TIOCSPGRP:
		if (copy_from_user(&v, arg, sizeof(v)))
			return -EFAULT;
		return v < 0 ? -EINVAL : 0;
	case LINUX_FIONREAD:
		/* the host says only ready or not: report one byte when ready */
		v = host_fd_readable(HOST_STDIN) > 0 ? 1 : 0;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case LINUX_TIOCOUTQ:
		v = 0;	/* output is written through at once */
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case LINUX_TCSBRK:
	case LINUX_TCXONC:
	case LINUX_TCFLSH:
	case LINUX_TIOCSCTTY:
	case LINUX_TIOCNOTTY:
		return 0;
	default:
		return -ENOTTY;
	}
}

static unsigned console_poll(struct file *f)
{
	unsigned mask = LINUX_POLLOUT | LINUX_POLLWRNORM;

	if (host_fd_readable(HOST_STDIN) != 0)
		return mask | LINUX_POLLIN | LINUX_POLLRDNORM;
	irq_enable(console_irq);
	return mask;
}

static const struct file_ops console_fops = {
	.poll = console_poll,
	.open = console_open,
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};

int console_init(void)
{
	int err;

	console_irq = irq_register(HOST_STDIN, console_interrupt, NULL);
	if (console_irq < 0)
		return console_irq;
	err = chardev_register(5, 1, "console", 0600, &console_fops);
	if (!err)
		err = chardev_register(5, 0, "tty", 0666, &console_fops);
	if (!err)
		err = chardev_register(4, 1, "tty1", 0620, &console_fops);
	return err;
}
