/*
 * procfs inside: the entry tables, the text buffers files are generated
 * into, and the helpers the files of fs/proc/ share.
 *
 * Every procfs inode is described by a static entry (inode->priv) and its
 * inode number, which encodes the task and fd it is about:
 *   ino = tid << 32 | (fd + 1) << 12 | entry id
 * so nothing needs freeing when an inode goes. A file's text is made when
 * it is read from position 0 (as seq_file does) into a buffer that lives
 * with the open file. Tasks are found again by tid at every use, so a file
 * of a process that is gone answers ESRCH, never a stale pointer.
 */
#ifndef UMK_FS_PROC_INTERNAL_H
#define UMK_FS_PROC_INTERNAL_H

#include <umk/task.h>
#include <umk/vfs_internal.h>

struct proc_buf {
	char *data;
	size_t len, cap;
	bool oom;
};

__attribute__((format(printf, 2, 3))) void pb_printf(struct proc_buf *b, const char *fmt, ...);
void pb_write(struct proc_buf *b, const void *p, size_t n);
/* A path for /proc/mounts: space, tab, newline and backslash as \ooo. */
void pb_escaped(struct proc_buf *b, const char *s);

struct proc_ent;

/* How a directory finds its children. */
enum proc_dir_kind {
	PD_STATIC,	/* only the table */
	PD_ROOT,	/* the table, then one directory per process */
	PD_FD,		/* one symlink per open fd */
	PD_FDINFO,	/* one file per open fd */
	PD_TASK,	/* one directory per thread of the process */
};

struct proc_ent {
	const char *name;
	unsigned mode;		/* LINUX_S_IF* | permissions */
	/* regular files: the text, about t (NULL for global files). 0 or -errno */
	int (*show)(struct proc_buf *b, struct task *t, int fd);
	/* symlinks: the text of the link. 0 or -errno */
	int (*link)(struct proc_buf *b, struct task *t, int fd);
	/* magic symlinks: where following the link lands (reference taken) */
	int (*jump)(struct task *t, int fd, struct path *out);
	/* directories */
	enum proc_dir_kind kind;
	const struct proc_ent *children;	/* terminated by a NULL name */
	bool per_task;		/* /proc/PID and below: owned by the task's user */
	bool owner_only;	/* environ: only the owner (or root) may read */
};

extern const struct proc_ent proc_root_ents[];
extern const struct proc_ent proc_pid_ents[];
extern const struct proc_ent proc_tid_ents[];
extern const struct proc_ent proc_fd_ent;
extern const struct proc_ent proc_fdinfo_ent;
extern const struct proc_ent proc_pid_dir_ent;
extern const struct proc_ent proc_tid_dir_ent;

/* The task with tid (zombies included), or NULL. */
struct task *proc_task(int tid);
/* The tid and fd an inode is about (0 and -1 for none). */
int proc_ino_tid(const struct inode *inode);
int proc_ino_fd(const struct inode *inode);

/* The file at fd in t's table, or NULL. */
struct file *proc_task_file(struct task *t, int fd);
/* Name of an open file as readlink(/proc/PID/fd/N) gives it. */
void proc_file_name(struct proc_buf *b, struct task *t, struct file *f);

/* Mount tables of /proc/PID/mounts and mountinfo (proc/mounts.c). */
int proc_show_mounts(struct proc_buf *b, struct task *t, int fd);
int proc_show_mountinfo(struct proc_buf *b, struct task *t, int fd);

/* Files of the process directories (proc/pid.c, proc/stat.c). */
int proc_show_stat(struct proc_buf *b, struct task *t, int fd);
int proc_show_status(struct proc_buf *b, struct task *t, int fd);
int proc_show_statm(struct proc_buf *b, struct task *t, int fd);
/* System-wide numbers shared by meminfo, sysinfo-like files. */
uint64_t proc_nr_threads(void);

#endif
