/*
 * The n_tty line discipline, as Linux's (termios(3), n_tty.c's rules):
 * input processing (ISTRIP, INLCR, IGNCR, ICRNL), canonical line editing
 * (VERASE, VKILL, VWERASE, VREPRINT, VLNEXT, VEOF, VEOL), echo (ECHO,
 * ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL, ECHOPRT), signal characters
 * (ISIG), output flow control (IXON, IXANY), non-canonical reads with VMIN
 * and VTIME, and output processing (OPOST, ONLCR, OCRNL, ONOCR, ONLRET,
 * XTABS, OLCUC).
 *
 * The read buffer is a ring of N_TTY_BUF_SIZE bytes with a bit per slot
 * marking where a line ends; an end-of-file character is kept as a NUL
 * with that bit set and never copied out. Echoes are gathered in ld.echo
 * and sent to the driver when a byte has been handled (or when output
 * starts again after ^S). Blocking is the tty core's business: the
 * functions here answer -EAGAIN and say until when to wait.
 *
 * State is per tty, under the big kernel lock.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include <umk/tty.h>
#include <umk/uaccess.h>

#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))
#define CTRL(c) ((c) & 0x1f)
#define DISABLED_CHAR 0

#define I(t, f) ((t)->termios.c_iflag & LINUX_##f)
#define O(t, f) ((t)->termios.c_oflag & LINUX_##f)
#define L(t, f) ((t)->termios.c_lflag & LINUX_##f)
#define CC(t, v) ((t)->termios.c_cc[LINUX_##v])

const struct linux_termios tty_std_termios = {
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

static bool iscntrl_(unsigned char c) { return c < 32 || c == 127; }
static bool isalnum_(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool is_continuation(struct tty *tty, unsigned char c)
{
	return I(tty, IUTF8) && (c & 0xc0) == 0x80;
}

static bool special(const struct n_tty *ld, unsigned char c)
{
	return ld->char_map[c >> 6] & (1ULL << (c & 63));
}

static void set_special(struct n_tty *ld, unsigned char c)
{
	ld->char_map[c >> 6] |= 1ULL << (c & 63);
}

static bool eol_at(const struct n_tty *ld, size_t i)
{
	return ld->eol[MASK(i) / 64] & (1ULL << (MASK(i) % 64));
}

static void set_eol(struct n_tty *ld, size_t i, bool on)
{
	uint64_t bit = 1ULL << (MASK(i) % 64);

	if (on)
		ld->eol[MASK(i) / 64] |= bit;
	else
		ld->eol[MASK(i) / 64] &= ~bit;
}

/* --- output ------------------------------------------------------------- */

static size_t room(struct tty *tty)
{
	if (tty->stopped)
		return 0;
	return tty->ops->write_room ? tty->ops->write_room(tty) : SIZE_MAX;
}

static void put_raw(struct tty *tty, const char *s, size_t n)
{
	if (n)
		tty->ops->write(tty, s, n);
}

/*
 * One byte with output processing, if space allows: the bytes it needs,
 * or -1 when there is not room for all of them (nothing is written).
 */
static int output_char(struct tty *tty, unsigned char c, size_t space, char *out)
{
	struct n_tty *ld = &tty->ld;
	unsigned spaces;

	if (!space)
		return -1;
	switch (c) {
	case '\n':
		if (O(tty, ONLRET))
			ld->column = 0;
		if (O(tty, ONLCR)) {
			if (space < 2)
				return -1;
			ld->canon_column = ld->column = 0;
			out[0] = '\r';
			out[1] = '\n';
			return 2;
		}
		ld->canon_column = ld->column;
		break;
	case '\r':
		if (O(tty, ONOCR) && ld->column == 0)
			return 0;
		if (O(tty, OCRNL)) {
			c = '\n';
			if (O(tty, ONLRET))
				ld->canon_column = ld->column = 0;
			break;
		}
		ld->canon_column = ld->column = 0;
		break;
	case '\t':
		spaces = 8 - (ld->column & 7);
		if ((tty->termios.c_oflag & LINUX_TABDLY) == LINUX_XTABS) {
			if (space < spaces)
				return -1;
			ld->column += spaces;
			memset(out, ' ', spaces);
			return (int)spaces;
		}
		ld->column += spaces;
		break;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		if (!iscntrl_(c)) {
			if (O(tty, OLCUC) && c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 'a' + 'A');
			if (!is_continuation(tty, c))
				ld->column++;
		}
		break;
	}
	out[0] = (char)c;
	return 1;
}

long n_tty_write(struct tty *tty, const char *buf, size_t n)
{
	char out[1024];
	size_t done = 0, len = 0, space = room(tty);

	if (!O(tty, OPOST)) {
		long r;

		n = MIN(n, space);
		r = n ? tty->ops->write(tty, buf, n) : 0;
		return r;
	}
	while (done < n) {
		char tmp[8];
		int k = output_char(tty, (unsigned char)buf[done], space, tmp);

		if (k < 0)
			break;
		if (len + (size_t)k > sizeof(out)) {
			put_raw(tty, out, len);
			len = 0;
		}
		memcpy(out + len, tmp, (size_t)k);
		len += (size_t)k;
		space -= (size_t)k;
		done++;
	}
	put_raw(tty, out, len);
	return (long)done;
}

/* --- echoes ------------------------------------------------------------- */

static void echo_bytes(struct n_tty *ld, const char *s, size_t n)
{
	if (ld->echo_len + n > sizeof(ld->echo))
		return;		/* a flood of echoes while output is stopped: drop */
	memcpy(ld->echo + ld->echo_len, s, n);
	ld->echo_len += n;
}

/* An echoed byte, with output processing when OPOST is on. */
static void echo_raw(struct tty *tty, unsigned char c)
{
	char tmp[8];
	int k;

	if (!O(tty, OPOST)) {
		echo_bytes(&tty->ld, (char *)&c, 1);
		return;
	}
	k = output_char(tty, c, sizeof(tmp), tmp);
	if (k > 0)
		echo_bytes(&tty->ld, tmp, (size_t)k);
}

/* Echo c as typed: a control character as ^X under ECHOCTL. */
static void echo_char(struct tty *tty, unsigned char c)
{
	if (L(tty, ECHOCTL) && iscntrl_(c) && c != '\t') {
		char two[2] = { '^', (char)(c ^ 0100) };

		echo_bytes(&tty->ld, two, 2);
		tty->ld.column += 2;
		return;
	}
	echo_raw(tty, c);
}

static void commit_echoes(struct tty *tty)
{
	struct n_tty *ld = &tty->ld;

	if (!ld->echo_len || tty->stopped)
		return;
	put_raw(tty, ld->echo, ld->echo_len);
	ld->echo_len = 0;
}

static void finish_erasing(struct tty *tty)
{
	if (tty->ld.erasing) {
		echo_raw(tty, '/');
		tty->ld.erasing = false;
	}
}

/* Back over a tab: how far depends on what precedes it (Linux's echo_erase_tab). */
static void erase_tab(struct tty *tty, unsigned num_chars, bool after_tab)
{
	struct n_tty *ld = &tty->ld;
	unsigned num_bs;

	if (!after_tab)
		num_chars += ld->canon_column;
	num_bs = 8 - (num_chars & 7);
	while (num_bs--) {
		echo_bytes(ld, "\b", 1);
		if (ld->column > 0)
			ld->column--;
	}
}

/* --- input -------------------------------------------------------------- */

static void put_queue(struct n_tty *ld, unsigned char c)
{
	/* Overflowing a line that fills the buffer: the last byte gives way. */
	if (ld->head - ld->tail >= N_TTY_BUF_SIZE) {
		ld->head--;
		set_eol(ld, ld->head, false);
	}
	ld->buf[MASK(ld->head)] = c;
	set_eol(ld, ld->head, false);
	ld->head++;
}

static void reset_buffer(struct n_tty *ld)
{
	ld->head = ld->tail = ld->canon_head = 0;
	memset(ld->eol, 0, sizeof(ld->eol));
	ld->erasing = ld->lnext = false;
}

void n_tty_flush_input(struct tty *tty)
{
	reset_buffer(&tty->ld);
	if (tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
	if (tty->ops->flush)
		tty->ops->flush(tty);
}

/* VERASE, VWERASE, VKILL in canonical mode (Linux's eraser()). */
static void eraser(struct tty *tty, unsigned char c)
{
	struct n_tty *ld = &tty->ld;
	enum { ERASE, WERASE, KILL } kill_type;
	int seen_alnums = 0;

	if (ld->head == ld->canon_head)
		return;
	if (c == CC(tty, VERASE)) {
		kill_type = ERASE;
	} else if (c == CC(tty, VWERASE)) {
		kill_type = WERASE;
	} else {
		if (!L(tty, ECHO)) {
			ld->head = ld->canon_head;
			return;
		}
		if (!L(tty, ECHOK) || !L(tty, ECHOKE) || !L(tty, ECHOE)) {
			ld->head = ld->canon_head;
			finish_erasing(tty);
			echo_char(tty, CC(tty, VKILL));
			if (L(tty, ECHOK))
				echo_raw(tty, '\n');
			return;
		}
		kill_type = KILL;
	}

	while (MASK(ld->head) != MASK(ld->canon_head)) {
		size_t head = ld->head, cnt;

		do {
			head--;
			c = ld->buf[MASK(head)];
		} while (is_continuation(tty, c) && MASK(head) != MASK(ld->canon_head));
		if (is_continuation(tty, c))
			break;
		if (kill_type == WERASE) {
			if (isalnum_(c) || c == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		cnt = ld->head - head;
		ld->head = head;
		if (L(tty, ECHO)) {
			if (L(tty, ECHOPRT)) {
				if (!ld->erasing) {
					echo_raw(tty, '\\');
					ld->erasing = true;
				}
				echo_char(tty, c);
				while (--cnt > 0) {
					head++;
					echo_bytes(ld, (char *)&ld->buf[MASK(head)], 1);
					if (ld->column > 0)
						ld->column--;
				}
			} else if (kill_type == ERASE && !L(tty, ECHOE)) {
				echo_char(tty, CC(tty, VERASE));
			} else if (c == '\t') {
				unsigned num_chars = 0;
				bool after_tab = false;
				size_t tail = ld->head;

				while (MASK(tail) != MASK(ld->canon_head)) {
					tail--;
					c = ld->buf[MASK(tail)];
					if (c == '\t') {
						after_tab = true;
						break;
					} else if (iscntrl_(c)) {
						if (L(tty, ECHOCTL))
							num_chars += 2;
					} else if (!is_continuation(tty, c)) {
						num_chars++;
					}
				}
				erase_tab(tty, num_chars, after_tab);
			} else {
				if (iscntrl_(c) && L(tty, ECHOCTL))
					echo_raw(tty, '\b'), echo_raw(tty, ' '), echo_raw(tty, '\b');
				if (!iscntrl_(c) || L(tty, ECHOCTL))
					echo_raw(tty, '\b'), echo_raw(tty, ' '), echo_raw(tty, '\b');
			}
		}
		if (kill_type == ERASE)
			break;
	}
	if (ld->head == ld->canon_head && L(tty, ECHO))
		finish_erasing(tty);
}

void tty_stop(struct tty *tty)
{
	tty->stopped = true;
}

void tty_start(struct tty *tty)
{
	if (tty->tco_stopped)
		return;
	tty->stopped = false;
	commit_echoes(tty);
	wake_up(&tty->write_wait);
}

/* ^C, ^\, ^Z: signal the foreground group, flush unless NOFLSH, echo. */
static void signal_char(struct tty *tty, int sig, unsigned char c)
{
	tty_kill_pgrp(tty->pgrp, sig);
	if (!L(tty, NOFLSH)) {
		tty->ld.echo_len = 0;
		n_tty_flush_input(tty);
	}
	if (I(tty, IXON))
		tty_start(tty);
	if (L(tty, ECHO))
		echo_char(tty, c);
	commit_echoes(tty);
}

/* Echo an ordinary byte, noting where a canonical line's echo starts. */
static void echo_ordinary(struct tty *tty, unsigned char c)
{
	struct n_tty *ld = &tty->ld;

	if (ld->canon_head == ld->head)
		ld->canon_column = ld->column;
	echo_char(tty, c);
}

/* PARMRK: a real 0377 byte is queued twice, so it reads unlike a mark. */
static void escape_0377(struct tty *tty, unsigned char c)
{
	if (c == 0377 && I(tty, PARMRK))
		put_queue(&tty->ld, c);
}

/* Echo a byte that is not a newline, and queue it. */
static void echo_and_queue(struct tty *tty, unsigned char c)
{
	if (L(tty, ECHO)) {
		finish_erasing(tty);
		echo_ordinary(tty, c);
		commit_echoes(tty);
	}
	escape_0377(tty, c);
	put_queue(&tty->ld, c);
}

/* An ordinary byte: echo it and queue it. */
static void receive_plain(struct tty *tty, unsigned char c)
{
	if (tty->stopped && !tty->tco_stopped && I(tty, IXON) && I(tty, IXANY))
		tty_start(tty);
	echo_and_queue(tty, c);
}

static void end_line(struct tty *tty, unsigned char c)
{
	struct n_tty *ld = &tty->ld;

	put_queue(ld, c);
	set_eol(ld, ld->head - 1, true);
	ld->canon_head = ld->head;
	wake_up(&tty->read_wait);
}

static void receive_special(struct tty *tty, unsigned char c)
{
	struct n_tty *ld = &tty->ld;

	if (I(tty, IXON)) {
		if (c == CC(tty, VSTART)) {
			tty_start(tty);
			return;
		}
		if (c == CC(tty, VSTOP)) {
			tty_stop(tty);
			return;
		}
	}
	if (L(tty, ISIG)) {
		if (c == CC(tty, VINTR)) {
			signal_char(tty, LINUX_SIGINT, c);
			return;
		}
		if (c == CC(tty, VQUIT)) {
			signal_char(tty, LINUX_SIGQUIT, c);
			return;
		}
		if (c == CC(tty, VSUSP)) {
			signal_char(tty, LINUX_SIGTSTP, c);
			return;
		}
	}
	if (tty->stopped && !tty->tco_stopped && I(tty, IXON) && I(tty, IXANY))
		tty_start(tty);
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (ld->icanon) {
		if (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
		    (c == CC(tty, VWERASE) && L(tty, IEXTEN))) {
			eraser(tty, c);
			commit_echoes(tty);
			return;
		}
		if (c == CC(tty, VLNEXT) && L(tty, IEXTEN)) {
			ld->lnext = true;
			if (L(tty, ECHO)) {
				finish_erasing(tty);
				if (L(tty, ECHOCTL)) {
					echo_bytes(ld, "^\b", 2);
					commit_echoes(tty);
				}
			}
			return;
		}
		if (c == CC(tty, VREPRINT) && L(tty, ECHO) && L(tty, IEXTEN)) {
			finish_erasing(tty);
			echo_char(tty, c);
			echo_raw(tty, '\n');
			for (size_t i = ld->canon_head; MASK(i) != MASK(ld->head); i++)
				echo_char(tty, ld->buf[MASK(i)]);
			commit_echoes(tty);
			return;
		}
		if (c == '\n') {
			if (L(tty, ECHO) || L(tty, ECHONL)) {
				echo_raw(tty, '\n');
				commit_echoes(tty);
			}
			end_line(tty, c);
			return;
		}
		if (c == CC(tty, VEOF)) {
			end_line(tty, DISABLED_CHAR);
			return;
		}
		if (c == CC(tty, VEOL) || (c == CC(tty, VEOL2) && L(tty, IEXTEN))) {
			if (L(tty, ECHO)) {
				echo_ordinary(tty, c);
				commit_echoes(tty);
			}
			escape_0377(tty, c);
			end_line(tty, c);
			return;
		}
	}
	if (c != '\n') {
		echo_and_queue(tty, c);
		return;
	}
	if (L(tty, ECHO)) {
		finish_erasing(tty);
		echo_raw(tty, '\n');
		commit_echoes(tty);
	}
	put_queue(ld, c);
}

size_t n_tty_receive_room(struct tty *tty)
{
	struct n_tty *ld = &tty->ld;
	size_t used = ld->head - ld->tail;

	if (used + 1 < N_TTY_BUF_SIZE)
		return N_TTY_BUF_SIZE - 1 - used;
	/* A canonical line that fills the buffer still takes its newline. */
	return ld->icanon && ld->canon_head == ld->tail ? 1 : 0;
}

size_t n_tty_receive(struct tty *tty, const unsigned char *buf, size_t n)
{
	struct n_tty *ld = &tty->ld;
	size_t i;

	if (!(tty->termios.c_cflag & LINUX_CREAD))
		return n;
	for (i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (!n_tty_receive_room(tty))
			break;
		if (I(tty, ISTRIP))
			c &= 0x7f;
		if (I(tty, IUCLC) && L(tty, IEXTEN) && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (ld->lnext) {
			ld->lnext = false;
			receive_plain(tty, c);
		} else if (special(ld, c)) {
			receive_special(tty, c);
		} else {
			receive_plain(tty, c);
		}
	}
	if (i)
		ld->last_rx_ns = ktime_mono_ns();
	if (!ld->icanon && ld->head != ld->tail)
		wake_up(&tty->read_wait);
	return i;
}

/* --- reading ------------------------------------------------------------ */

bool n_tty_input_available(struct tty *tty, bool for_poll)
{
	struct n_tty *ld = &tty->ld;
	size_t amt = 1;

	if (ld->icanon)
		return ld->canon_head != ld->tail;
	if (for_poll && !CC(tty, VTIME) && CC(tty, VMIN))
		amt = CC(tty, VMIN);
	return ld->head - ld->tail >= amt;
}

int n_tty_inq(struct tty *tty)
{
	struct n_tty *ld = &tty->ld;
	size_t n;

	if (!ld->icanon)
		return (int)(ld->head - ld->tail);
	n = ld->canon_head - ld->tail;
	/* end-of-file markers are not data */
	for (size_t i = ld->tail; i != ld->canon_head; i++)
		if (eol_at(ld, i) && ld->buf[MASK(i)] == DISABLED_CHAR)
			n--;
	return (int)n;
}

/* Copy n buffered bytes from the tail out; on success consume them. */
static long copy_out(struct tty *tty, struct iov_iter *to, size_t n)
{
	struct n_tty *ld = &tty->ld;
	size_t first = MIN(n, N_TTY_BUF_SIZE - MASK(ld->tail));
	long r;

	if (!n)
		return 0;
	r = copy_to_iter(ld->buf + MASK(ld->tail), first, to);
	if (r < 0)
		return r;
	if ((size_t)r == first && n > first) {
		long r2 = copy_to_iter(ld->buf, n - first, to);

		if (r2 > 0)
			r += r2;
	}
	for (long i = 0; i < r; i++)
		set_eol(ld, ld->tail + (size_t)i, false);
	ld->tail += (size_t)r;
	if (ld->icanon && ld->canon_head - ld->tail > N_TTY_BUF_SIZE)
		ld->canon_head = ld->tail;
	if (tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
	return r;
}

static long read_canon(struct tty *tty, struct iov_iter *to)
{
	struct n_tty *ld = &tty->ld;
	size_t want = iov_iter_count(to), eol, len;
	bool is_eof;
	long r;

	if (ld->canon_head == ld->tail) {
		if (tty->input_eof)
			return copy_out(tty, to, MIN(want, ld->head - ld->tail));
		return -EAGAIN;
	}
	for (eol = ld->tail; eol != ld->canon_head && !eol_at(ld, eol); eol++)
		;
	if (eol == ld->canon_head)	/* no marker: a line pushed by a mode change */
		eol = ld->canon_head - 1;
	is_eof = eol_at(ld, eol) && ld->buf[MASK(eol)] == DISABLED_CHAR;
	len = eol - ld->tail + (is_eof ? 0 : 1);
	if (len > want)
		return copy_out(tty, to, want);
	r = copy_out(tty, to, len);
	if (r == (long)len && is_eof) {
		set_eol(ld, ld->tail, false);
		ld->tail++;
	}
	return r;
}

long n_tty_read(struct tty *tty, struct iov_iter *to, int64_t start_ns, int64_t *wake_at)
{
	struct n_tty *ld = &tty->ld;
	size_t avail = ld->head - ld->tail, want = iov_iter_count(to);
	int64_t now, time_ns = (int64_t)CC(tty, VTIME) * 100000000;
	unsigned min = CC(tty, VMIN);

	*wake_at = -1;
	if (!want)
		return 0;
	if (ld->icanon)
		return read_canon(tty, to);
	if (avail && (!min || avail >= MIN((size_t)min, want) || tty->input_eof))
		return copy_out(tty, to, MIN(avail, want));
	if (tty->input_eof)
		return 0;
	if (!min && !time_ns)
		return 0;
	now = ktime_mono_ns();
	if (!min) {
		if (now >= start_ns + time_ns)
			return 0;
		*wake_at = start_ns + time_ns;
		return -EAGAIN;
	}
	if (time_ns && avail) {
		/* VMIN and VTIME: an inter-byte timer after the first byte */
		if (now >= ld->last_rx_ns + time_ns)
			return copy_out(tty, to, MIN(avail, want));
		*wake_at = ld->last_rx_ns + time_ns;
	}
	return -EAGAIN;
}

/* --- modes -------------------------------------------------------------- */

void n_tty_set_termios(struct tty *tty, const struct linux_termios *old)
{
	struct n_tty *ld = &tty->ld;
	bool canon = L(tty, ICANON);

	if (!old || ((old->c_lflag ^ tty->termios.c_lflag) & (LINUX_ICANON | LINUX_EXTPROC))) {
		if (canon && ld->head != ld->tail && old) {
			/* what raw mode left becomes a line, pushed as is */
			set_eol(ld, ld->head - 1, true);
			ld->canon_head = ld->head;
		} else {
			ld->canon_head = ld->tail;
		}
		ld->erasing = ld->lnext = false;
	}
	ld->icanon = canon;
	memset(ld->char_map, 0, sizeof(ld->char_map));
	if (I(tty, IGNCR) || I(tty, ICRNL))
		set_special(ld, '\r');
	if (I(tty, INLCR))
		set_special(ld, '\n');
	if (canon) {
		set_special(ld, CC(tty, VERASE));
		set_special(ld, CC(tty, VKILL));
		set_special(ld, CC(tty, VEOF));
		set_special(ld, '\n');
		set_special(ld, CC(tty, VEOL));
		if (L(tty, IEXTEN)) {
			set_special(ld, CC(tty, VWERASE));
			set_special(ld, CC(tty, VLNEXT));
			set_special(ld, CC(tty, VEOL2));
			if (L(tty, ECHO))
				set_special(ld, CC(tty, VREPRINT));
		}
	}
	if (I(tty, IXON)) {
		set_special(ld, CC(tty, VSTART));
		set_special(ld, CC(tty, VSTOP));
	}
	if (L(tty, ISIG)) {
		set_special(ld, CC(tty, VINTR));
		set_special(ld, CC(tty, VQUIT));
		set_special(ld, CC(tty, VSUSP));
	}
	ld->char_map[0] &= ~1ULL;	/* a disabled character is never special */
	if (!I(tty, IXON) && tty->stopped && !tty->tco_stopped)
		tty_start(tty);
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
}

void n_tty_init(struct tty *tty)
{
	memset(&tty->ld, 0, sizeof(tty->ld));
	n_tty_set_termios(tty, NULL);
}
