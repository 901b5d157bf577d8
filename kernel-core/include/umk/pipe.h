/*
 * Pipes and FIFOs (fs/pipe.c): what the syscalls and the VFS call.
 *
 * An anonymous pipe (pipe2) and an open FIFO are the same object behind
 * the same file_ops; a FIFO's pipe hangs off its inode while any end is
 * open or any opener waits for a partner.
 */
#ifndef UMK_PIPE_H
#define UMK_PIPE_H

#include <umk/types.h>

struct file;
struct inode;

/* Writes of at most PIPE_BUF bytes are atomic (pipe(7)). */
#define PIPE_BUF 4096

/*
 * A new anonymous pipe: files[0] the read end, files[1] the write end, each
 * with one reference for the caller. flags: LINUX_O_NONBLOCK (both ends) and
 * LINUX_O_DIRECT (packet mode, kept on the write end as Linux does); the
 * caller has checked them. 0 or -ENOMEM.
 */
int pipe_create(struct file *files[2], unsigned flags);

/*
 * Open of a FIFO inode (fifo(7)), called by the VFS opener of special
 * files: takes the file over (sets its ops). O_RDONLY waits for a writer
 * unless O_NONBLOCK, O_WRONLY waits for a reader or with O_NONBLOCK fails
 * -ENXIO, O_RDWR never waits. 0, -errno, or -ERESTART_WAIT when current
 * went to sleep (the open is run again when a partner arrives).
 */
int fifo_open(struct inode *inode, struct file *f);

/*
 * fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (arg already truncated to 32 bits, as
 * Linux does): the capacity in bytes, or -EBADF when f is not a pipe,
 * -EINVAL, -EPERM (above /proc/sys/fs/pipe-max-size), -EBUSY (the pipe
 * holds more than the new size), -ENOMEM.
 */
long pipe_fcntl(struct file *f, unsigned cmd, unsigned arg);

#endif
