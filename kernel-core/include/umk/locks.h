/*
 * Advisory file locks (vfs/locks.c): flock(2) locks, owned by an open
 * file, and fcntl(2) record locks, owned by a process's fd table (POSIX)
 * or by an open file (OFD). The syscalls are sys/sys_lock.c. All of it
 * runs under the big kernel lock.
 */
#ifndef UMK_LOCKS_H
#define UMK_LOCKS_H

#include <umk/types.h>

struct file;
struct files;

/* The largest offset a lock reaches (a length of 0: to the end of time). */
#define LOCK_OFFSET_MAX INT64_MAX

/* A byte range lock: type LINUX_F_RDLCK, _WRLCK or _UNLCK, bytes [start, end]. */
struct lock_range {
	int type;
	int64_t start, end;
	int pid;		/* F_GETLK: the holder's pid, -1 for an OFD lock */
};

/*
 * flock(2) on f's inode with type LINUX_F_RDLCK (LOCK_SH), _WRLCK (LOCK_EX)
 * or _UNLCK. 0, -EWOULDBLOCK (nowait), -ERESTARTSYS, -ENOMEM, or
 * -ERESTART_WAIT: the syscall is run again when a lock goes.
 */
int flock_lock(struct file *f, int type, bool wait);

/*
 * F_SETLK(W) (ofd: F_OFD_SETLK(W)) of r on f's inode for current.
 * 0, -EAGAIN, -EDEADLK, -ENOLCK, -ERESTARTSYS or -ERESTART_WAIT.
 */
int posix_lock(struct file *f, bool ofd, const struct lock_range *r, bool wait);
/* F_GETLK: r becomes the first lock in the way, or its type F_UNLCK. */
void posix_test(struct file *f, bool ofd, struct lock_range *r);

/* The fcntl lock commands on f (sys/sys_lock.c). */
long fcntl_lock(struct file *f, unsigned cmd, uint64_t arg);

/* The last reference to f goes: its flock and OFD locks go. */
void locks_release_file(struct file *f);
/* fs closes an fd of f: every POSIX lock fs holds on f's inode goes. */
void locks_remove_posix(struct file *f, struct files *fs);

#endif
