/*
 * Terminals: struct tty, the n_tty line discipline (tty/n_tty.c), the tty
 * core with controlling terminals and job control (tty/tty.c), and ptys
 * (tty/pty.c). A driver (the console, a pty end) fills a struct tty_ops
 * and feeds its input to tty_receive(); the line discipline calls the
 * driver's write for processed output and echoes.
 *
 * A session's controlling tty is the tty whose session is the session's
 * id: setsid() leaves it by making a new id, and hangup or the leader's
 * exit clears tty->session. Everything runs under the big kernel lock.
 */
#ifndef UMK_TTY_H
#define UMK_TTY_H

#include <umk/list.h>
#include <umk/sched.h>
#include <umk/types.h>
#include <uapi/linux_misc.h>
#include <uapi/linux_termios.h>

#define N_TTY_BUF_SIZE 4096

struct tty;
struct file;
struct task;

struct tty_ops {
	/* Take up to n bytes of processed output: the count taken, or -errno. */
	long (*write)(struct tty *tty, const char *buf, size_t n);
	/* Bytes write would take now; NULL: as many as given. */
	size_t (*write_room)(struct tty *tty);
	/* The line discipline has room for input again. Optional. */
	void (*unthrottle)(struct tty *tty);
	/* A file on this tty was closed; tty->count is already the new count. */
	void (*close)(struct tty *tty);
	/* Input was flushed (TCIFLUSH, a signal character). Optional. */
	void (*flush)(struct tty *tty);
};

/* The line discipline's state: the read buffer and the echo columns. */
struct n_tty {
	unsigned char buf[N_TTY_BUF_SIZE];
	/* one bit per buf slot: a line ends here (newline, EOL, EOF) */
	uint64_t eol[N_TTY_BUF_SIZE / 64];
	uint64_t char_map[4];	/* characters with a special meaning now */
	size_t head, tail;	/* free-running: tail..head-1 are buffered */
	size_t canon_head;	/* end of the last complete line */
	unsigned column, canon_column;
	bool icanon, lnext, erasing;
	int64_t last_rx_ns;	/* when the last byte came in (VTIME) */
	char echo[256];		/* echoes gathered before they go out */
	size_t echo_len;
};

struct tty {
	char name[16];		/* "tty1", "pts/0" */
	int index;
	const struct tty_ops *ops;
	void *driver_data;
	struct tty *link;	/* the other end of a pty */
	bool is_master;		/* a pty master: no job control, no ctty */

	struct linux_termios termios;
	struct linux_winsize winsize;
	int session, pgrp;	/* 0: nobody's controlling tty */
	int count;		/* open files */
	unsigned hangup_gen;	/* files opened before a hangup see it */
	bool other_closed;	/* pty: the other end has no open file */
	bool locked;		/* pty slave: TIOCSPTLCK */
	bool stopped;		/* output stopped: ^S or TCOOFF */
	bool tco_stopped;	/* by TCOOFF */
	bool input_eof;		/* the source of input ended for good */
	bool io_error;		/* the device is gone: writes fail with EIO */

	struct waitq read_wait, write_wait;
	struct n_tty ld;
	struct list_head node;	/* all ttys */
};

/* --- the line discipline (tty/n_tty.c) ------------------------------------ */

/* Linux's default termios for a terminal (tty_std_termios). */
extern const struct linux_termios tty_std_termios;
/* Set up tty's line discipline for its current termios. */
void n_tty_init(struct tty *tty);
/* termios changed (TCSETS): recompute what is special, switch modes. */
void n_tty_set_termios(struct tty *tty, const struct linux_termios *old);
/*
 * How many input bytes the line discipline takes now (0: the driver must
 * hold the rest and wait for ops->unthrottle).
 */
size_t n_tty_receive_room(struct tty *tty);
/* Input from the device: returns the bytes consumed (the rest: later). */
size_t n_tty_receive(struct tty *tty, const unsigned char *buf, size_t n);
/*
 * read(2) on the line discipline into to: bytes, 0 (end of file or a
 * VTIME timeout), -EFAULT, or -EAGAIN when the reader must wait, with
 * *wake_at the monotonic time to try again (-1: when input comes).
 * start_ns is when the read began (VTIME without VMIN).
 */
struct iov_iter;
long n_tty_read(struct tty *tty, struct iov_iter *to, int64_t start_ns, int64_t *wake_at);
/* write(2): output processing and the driver's write. */
long n_tty_write(struct tty *tty, const char *buf, size_t n);
/* Throw buffered input away (TCIFLUSH, signal characters). */
void n_tty_flush_input(struct tty *tty);
/* Input readiness for poll (LINUX_POLLIN bits or 0). */
bool n_tty_input_available(struct tty *tty, bool for_poll);
/* FIONREAD: bytes a read could return. */
int n_tty_inq(struct tty *tty);
/* Output stop/start (^S/^Q, TCOOFF/TCOON). */
void tty_stop(struct tty *tty);
void tty_start(struct tty *tty);

/* --- the tty core (tty/tty.c) --------------------------------------------- */

/* Make a tty with the standard termios and register it. NULL: -ENOMEM. */
struct tty *tty_alloc(const char *name, int index, const struct tty_ops *ops, void *data);
void tty_free(struct tty *tty);
/*
 * A driver's input: passes it through the line discipline. Returns the
 * bytes taken; when fewer than n, the driver waits for ops->unthrottle.
 */
size_t tty_receive(struct tty *tty, const unsigned char *buf, size_t n);
/* The device is gone (host terminal closed, pty master closed). */
void tty_hangup(struct tty *tty);
/* A new window size from the device: SIGWINCH to the foreground group. */
void tty_set_winsize(struct tty *tty, const struct linux_winsize *ws);
/* Send sig to every process of group pgrp (SI_KERNEL), as Linux's kill_pgrp. */
void tty_kill_pgrp(int pgrp, int sig);
/* No member of pgrp has a parent in another group of its session. */
bool pgrp_orphaned(int pgrp);
/* t's group lost its link through p: SIGHUP, SIGCONT if orphaned and stopped. */
void pgrp_orphan_check(struct task *t, struct task *p);
/* Current's controlling tty, or NULL. */
struct tty *tty_current(void);
/* A session leader exits: Linux's disassociate_ctty(1). */
void tty_session_exit(struct task *t);

/*
 * Open a file on tty (the driver's open calls this). console: opened as
 * /dev/console (no job control, never a controlling tty); noctty: O_NOCTTY
 * or a node that never makes one. 0 or -errno.
 */
int tty_open_file(struct tty *tty, struct file *f, bool console, bool noctty);
/* The file ops of every tty file. */
extern const struct file_ops tty_fops;
/* The tty behind a tty file, or NULL if f is not one. */
struct tty *tty_of_file(struct file *f);

/* Boot: /dev/tty, /dev/ptmx, the devpts file system. 0 or -errno. */
int tty_init(void);
/* Boot, after devtmpfs: mount devpts on /dev/pts. 0 or -errno. */
int devpts_mount(void);
/* pty.c: the pty ioctls of a master or slave (-ENOIOCTLCMD: not one). */
long pty_ioctl(struct tty *tty, struct file *f, unsigned cmd, uint64_t arg);
int pty_init(void);

#endif
