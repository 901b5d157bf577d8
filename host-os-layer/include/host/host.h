/*
 * host-os-layer: the only code that calls the host OS.
 *
 * Every call returns a negative errno on failure (never touches the
 * caller's errno), in the manner of UML's os_*() wrappers. Flags and
 * structures are umk's own or the Linux UAPI ones from kernel-core/uapi,
 * never the host libc's.
 */
#ifndef HOST_HOST_H
#define HOST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- memory ----------------------------------------------------------- */

/* A sparse memfd of size bytes. Returns the fd or -errno. */
int host_memfd_create(const char *name, uint64_t size);
/* Map the whole memfd shared, read-write, in umk. ERR via *err. */
void *host_map_shared(int fd, uint64_t size, int *err);
/* Give a range of the memfd back to the host (FALLOC_FL_PUNCH_HOLE). */
int host_punch_hole(int fd, uint64_t off, uint64_t len);
/*
 * Have the host back len bytes of a shared mapping at addr now, in one
 * call (MADV_POPULATE_WRITE), instead of one fault per page later.
 * 0 or -errno (-EINVAL before Linux 5.14).
 */
int host_populate(void *addr, uint64_t len);

/* --- files ------------------------------------------------------------ */

#define HOST_O_RDONLY 0
#define HOST_O_RDWR 2

int host_open(const char *path, int flags);
int host_close(int fd);
long host_read(int fd, void *buf, size_t n);
long host_write(int fd, const void *buf, size_t n);
long host_pread(int fd, void *buf, size_t n, uint64_t off);
long host_pwrite(int fd, const void *buf, size_t n, uint64_t off);
/* Size of an open regular file, or -errno (-EISDIR, -EINVAL for others). */
long host_file_size(int fd);
/*
 * Read a whole regular file into a malloc'd buffer. Returns 0 with *data
 * and *len set, or -errno.
 */
int host_read_file(const char *path, void **data, size_t *len);
/* Move fd to a number >= min, close-on-exec. Returns the new fd or -errno. */
int host_fd_move_high(int fd, int min);

/* --- disk images (blkio.c) ----------------------------------------------- */

struct host_disk;

/*
 * Open the disk image at path and lock it (flock: shared when read_only,
 * exclusive otherwise). Returns 0 with *out and *size (bytes), or -errno:
 * -ENOENT, -EISDIR (a directory), -EINVAL (not a file or block device),
 * -EROFS (read-write asked, but the file is read-only on the host), -EBUSY
 * (another process holds the lock).
 */
int host_disk_open(const char *path, bool read_only, struct host_disk **out, uint64_t *size);
void host_disk_close(struct host_disk *d);
/*
 * All of [off, off + len) from or to buf, through io_uring in batched
 * pieces of up to 1 MiB, waiting for the last. 0 or -errno (-ENOSPC, -EIO).
 */
int host_disk_read(struct host_disk *d, uint64_t off, void *buf, size_t len);
int host_disk_write(struct host_disk *d, uint64_t off, const void *buf, size_t len);
/* A piece of umk's memory, for vectored disk I/O. */
struct host_iovec {
	void *base;
	size_t len;
};
/* The same, between the disk at off and n segments of memory, in order. */
int host_disk_readv(struct host_disk *d, uint64_t off, const struct host_iovec *v, unsigned n);
int host_disk_writev(struct host_disk *d, uint64_t off, const struct host_iovec *v, unsigned n);
/* fsync of the image. 0 or -errno. */
int host_disk_flush(struct host_disk *d);

/* --- console ---------------------------------------------------------- */

#define HOST_STDIN 0
#define HOST_STDOUT 1
#define HOST_STDERR 2

/* Write all of buf (retrying short writes). Returns n or -errno. */
long host_write_all(int fd, const void *buf, size_t n);
bool host_isatty(int fd);
/* Terminal size of fd: 0 or -errno (-ENOTTY). */
int host_winsize(int fd, unsigned *rows, unsigned *cols);
/* Non-blocking readiness probe: 1 readable (or EOF/hangup), 0 not, -errno. */
int host_fd_readable(int fd);

/*
 * umk's terminal (host-os-layer/tty.c). host_console_init puts standard
 * input in raw mode when it is a terminal umk owns (*is_tty then true),
 * restoring it at exit and on fatal signals, and returns an fd that turns
 * readable on host SIGWINCH / SIGHUP (or -errno). host_console_events
 * drains it and says which came.
 */
#define HOST_CONSOLE_WINCH 0x1
#define HOST_CONSOLE_HUP 0x2
int host_console_init(bool *is_tty);
unsigned host_console_events(void);
void host_console_restore(void);

/* --- time and randomness ---------------------------------------------- */

int64_t host_time_mono_ns(void);
int64_t host_time_real_ns(void);
int host_getrandom(void *buf, size_t n);

/*
 * CPU time of host thread tid of process pid in nanoseconds: the total it
 * ran, and that split into user and system time. 0 or -errno.
 */
int host_thread_cputime(int pid, int tid, int64_t *sum, int64_t *utime, int64_t *stime);

/*
 * Wait until one of fds is readable or timeout_ns passes (< 0: forever).
 * ready[i] is set for each ready fd. Returns the number ready, 0 on
 * timeout, or -errno (-EINTR).
 */
int host_poll_read(const int *fds, int n, bool *ready, int64_t timeout_ns);

/* --- processes, ptrace and wait --------------------------------------- */

/*
 * Start the program at path (argv given) as a traced child: it calls
 * PTRACE_TRACEME, keeps only the fds in keep[] (renumbered to 3, 4, ...),
 * and execs. Returns the pid (the child then sits in its exec stop) or
 * -errno.
 */
int host_spawn_traced(const char *path, char *const argv[], const int *keep, int nkeep);

long host_ptrace(int req, int pid, uint64_t addr, uint64_t data);
/* waitpid(pid, &status, flags): returns pid, 0 (WNOHANG) or -errno. */
int host_waitpid(int pid, int *status, int flags);
int host_kill(int pid, int sig);
int host_getpid(void);
/* Pin the calling thread/process (pid 0) to one CPU. */
int host_pin_cpu(int pid, int cpu_nr);
/* The CPU the caller is running on, and how many CPUs the host has. */
int host_current_cpu(void);
int host_ncpus(void);

/* Exit umk at once with status. */
_Noreturn void host_exit(int status);

/* Print a backtrace of umk itself (libunwind) on standard error. */
void host_backtrace(void);

/* --- the kernel tick ------------------------------------------------------ */

/*
 * A host timer that interrupts umk's waits (they return -EINTR): first
 * expiry after first_ns, then every period_ns (0: once). host_tick_stop()
 * disarms it. Nothing else happens when it fires.
 */
int host_tick_start(int64_t first_ns, int64_t period_ns);
void host_tick_stop(void);

#endif
