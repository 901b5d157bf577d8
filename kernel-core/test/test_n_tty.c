/*
 * Unit tests for the n_tty line discipline (tty/n_tty.c) on a tty whose
 * driver records its output: canonical reads and line editing with their
 * echoes, end of file, the 4096-byte buffer (a canonical line that
 * overflows keeps 4095 bytes and its newline; raw input stops being
 * taken), non-canonical VMIN/VTIME answers, input and output processing,
 * flow control and signal characters flushing the input.
 */
#include <check.h>
#include "unit.h"
#include <string.h>

#include <umk/errno.h>
#include <umk/tty.h>
#include <umk/uaccess.h>

static char outbuf[65536];
static size_t outlen;
static struct tty *tty;

static long rec_write(struct tty *t, const char *buf, size_t n)
{
	if (outlen + n > sizeof(outbuf))
		n = sizeof(outbuf) - outlen;
	memcpy(outbuf + outlen, buf, n);
	outlen += n;
	return (long)n;
}

static const struct tty_ops rec_ops = { .write = rec_write };

static void setup(void)
{
	outlen = 0;
	tty = tty_alloc("test", 0, &rec_ops, NULL);
	ck_assert_ptr_nonnull(tty);
}

static void teardown(void)
{
	tty_free(tty);
}

static void in(const char *s)
{
	ck_assert_uint_eq(n_tty_receive(tty, (const unsigned char *)s, strlen(s)), strlen(s));
}

/* The echo so far, as a string, then forget it. */
static const char *echoed(void)
{
	static char s[sizeof(outbuf) + 1];

	memcpy(s, outbuf, outlen);
	s[outlen] = '\0';
	outlen = 0;
	return s;
}

/* One read into buf: its result; buf is NUL-terminated. */
static long rd(char *buf, size_t n, int64_t *wake)
{
	struct iov_iter it;
	int64_t w;
	long r;

	iov_iter_kernel(&it, buf, n - 1);
	r = n_tty_read(tty, &it, 0, wake ? wake : &w);
	buf[r > 0 ? r : 0] = '\0';
	return r;
}

static void set_lflag(unsigned on, unsigned off)
{
	struct linux_termios old = tty->termios;

	tty->termios.c_lflag = (tty->termios.c_lflag | on) & ~off;
	n_tty_set_termios(tty, &old);
}

START_TEST(test_canonical_line)
{
	char buf[64];

	in("hel");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), -EAGAIN);
	in("lo\n");
	ck_assert_str_eq(echoed(), "hello\r\n");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 6);
	ck_assert_str_eq(buf, "hello\n");
	/* a small buffer takes a line in pieces */
	in("abcdef\n");
	ck_assert_int_eq(rd(buf, 4, NULL), 3);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 4);
	ck_assert_str_eq(buf, "def\n");
}
END_TEST

START_TEST(test_editing_echoes)
{
	char buf[64];

	in("abc\177d\n");
	ck_assert_str_eq(echoed(), "abc\b \bd\r\n");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "abd\n");
	in("xyz\025ok\n");
	ck_assert_str_eq(echoed(), "xyz\b \b\b \b\b \bok\r\n");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "ok\n");
	in("one two\027three\n");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "one three\n");
	outlen = 0;
	in("a\026\003b\n");
	ck_assert_str_eq(echoed(), "a^\b^Cb\r\n");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "a\003b\n");
	in("ab\022c\n");
	ck_assert_str_eq(echoed(), "ab^R\r\nabc\r\n");
	rd(buf, sizeof(buf), NULL);
	/* a tab at column 0 is erased with 8 backspaces */
	in("\tx\177\177\n");
	ck_assert_str_eq(echoed(), "\tx\b \b" "\b\b\b\b\b\b\b\b" "\r\n");
}
END_TEST

START_TEST(test_eof)
{
	char buf[64];

	in("partial\004");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 7);
	ck_assert_str_eq(buf, "partial");
	in("\004");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 0);
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), -EAGAIN);
	/* a source that ended: what is left, then end of file */
	in("tail");
	tty->input_eof = true;
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 4);
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 0);
}
END_TEST

START_TEST(test_canonical_overflow)
{
	static char line[9000], buf[N_TTY_BUF_SIZE + 64];

	memset(line, 'y', sizeof(line));
	/* the line is taken whole: bytes past the buffer give way */
	ck_assert_uint_eq(n_tty_receive(tty, (unsigned char *)line, sizeof(line)), sizeof(line));
	in("\n");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), N_TTY_BUF_SIZE);
	ck_assert_int_eq(buf[N_TTY_BUF_SIZE - 1], '\n');
	ck_assert_int_eq(buf[N_TTY_BUF_SIZE - 2], 'y');
}
END_TEST

START_TEST(test_raw_full_buffer)
{
	static char data[5000], buf[N_TTY_BUF_SIZE + 64];

	set_lflag(0, LINUX_ICANON | LINUX_ECHO);
	memset(data, 'r', sizeof(data));
	ck_assert_uint_eq(n_tty_receive(tty, (unsigned char *)data, sizeof(data)),
			  N_TTY_BUF_SIZE - 1);
	ck_assert_uint_eq(n_tty_receive_room(tty), 0);
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), N_TTY_BUF_SIZE - 1);
	ck_assert_uint_eq(n_tty_receive_room(tty), N_TTY_BUF_SIZE - 1);
}
END_TEST

START_TEST(test_vmin_vtime)
{
	char buf[64];
	int64_t wake;

	set_lflag(0, LINUX_ICANON);
	tty->termios.c_cc[LINUX_VMIN] = 3;
	in("ab");
	ck_assert_int_eq(rd(buf, sizeof(buf), &wake), -EAGAIN);
	ck_assert_int_eq(wake, -1);
	in("c");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 3);
	/* VMIN 0, VTIME 0: whatever is there, maybe nothing */
	tty->termios.c_cc[LINUX_VMIN] = 0;
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 0);
	/* VMIN 0, VTIME 1: a deadline 0.1 s after the read began (at 0: past) */
	tty->termios.c_cc[LINUX_VTIME] = 1;
	ck_assert_int_eq(rd(buf, sizeof(buf), &wake), 0);
}
END_TEST

START_TEST(test_input_processing)
{
	char buf[64];
	struct linux_termios old = tty->termios;

	in("a\r");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "a\n");	/* ICRNL */
	tty->termios.c_iflag = LINUX_IGNCR;
	n_tty_set_termios(tty, &old);
	in("b\r\n");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "b\n");
	old = tty->termios;
	tty->termios.c_iflag = LINUX_INLCR;
	set_lflag(0, LINUX_ICANON);
	n_tty_set_termios(tty, &old);
	in("c\n");
	rd(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "c\r");
}
END_TEST

START_TEST(test_output_processing)
{
	ck_assert_int_eq(n_tty_write(tty, "a\nb\tc", 5), 5);
	ck_assert_str_eq(echoed(), "a\r\nb\tc");
	tty->termios.c_oflag = LINUX_OPOST | LINUX_ONLCR | LINUX_XTABS;
	ck_assert_int_eq(n_tty_write(tty, "\nab\tc", 5), 5);
	ck_assert_str_eq(echoed(), "\r\nab      c");
	tty->termios.c_oflag = 0;
	ck_assert_int_eq(n_tty_write(tty, "x\n", 2), 2);
	ck_assert_str_eq(echoed(), "x\n");
}
END_TEST

START_TEST(test_flow_control)
{
	in("\023");	/* ^S */
	ck_assert(tty->stopped);
	ck_assert_int_eq(n_tty_write(tty, "held", 4), 0);
	in("k");	/* the echo waits too */
	ck_assert_str_eq(echoed(), "");
	in("\021");	/* ^Q */
	ck_assert(!tty->stopped);
	ck_assert_str_eq(echoed(), "k");
	ck_assert_int_eq(n_tty_write(tty, "go", 2), 2);
}
END_TEST

START_TEST(test_signal_char_flushes)
{
	char buf[64];

	in("typed");
	in("\003");	/* no foreground group: only the flush and the echo */
	ck_assert_str_eq(echoed(), "typed^C");
	in("\n");
	ck_assert_int_eq(rd(buf, sizeof(buf), NULL), 1);
	ck_assert_int_eq(n_tty_inq(tty), 0);
}
END_TEST

static Suite *n_tty_suite(void)
{
	Suite *s = suite_create("n_tty");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_canonical_line);
	tcase_add_test(tc, test_editing_echoes);
	tcase_add_test(tc, test_eof);
	tcase_add_test(tc, test_canonical_overflow);
	tcase_add_test(tc, test_raw_full_buffer);
	tcase_add_test(tc, test_vmin_vtime);
	tcase_add_test(tc, test_input_processing);
	tcase_add_test(tc, test_output_processing);
	tcase_add_test(tc, test_flow_control);
	tcase_add_test(tc, test_signal_char_flushes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(n_tty_suite());
}
