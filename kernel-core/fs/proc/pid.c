/*
 * procfs: the process directories /proc/PID and /proc/PID/task/TID, with
 * cmdline, environ, comm, maps, fd/, fdinfo/, exe, cwd, root, mounts,
 * mountinfo and the tables of what they hold (stat, status and statm are
 * in proc/stat.c). Formats are proc(5)'s, field for field.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/mm.h>
#include <uapi/linux_mman.h>
#include "internal.h"

/* --- argument and environment strings ------------------------------------------ */

static int show_user_range(struct proc_buf *b, struct task *t, uaddr_t start, uaddr_t end)
{
	char chunk[512];

	if (!t->mm || end <= start)
		return 0;
	while (start < end) {
		size_t n = (size_t)MIN((uaddr_t)sizeof(chunk), end - start);

		if (mm_copy_from(t->mm, chunk, start, n))
			break;
		pb_write(b, chunk, n);
		start += n;
	}
	return 0;
}

static int show_cmdline(struct proc_buf *b, struct task *t, int fd)
{
	(void)fd;
	return t->mm ? show_user_range(b, t, t->mm->arg_start, t->mm->arg_end) : 0;
}

static int show_environ(struct proc_buf *b, struct task *t, int fd)
{
	(void)fd;
	return t->mm ? show_user_range(b, t, t->mm->env_start, t->mm->env_end) : 0;
}

static int show_comm(struct proc_buf *b, struct task *t, int fd)
{
	(void)fd;
	pb_printf(b, "%s\n", t->comm);
	return 0;
}

/* --- names of files ----------------------------------------------------------------- */

/* The path of (mnt, dentry) as current sees it, " (deleted)" if it was removed. */
static void show_path(struct proc_buf *b, const struct path *p)
{
	struct path root;
	char *buf = malloc(PATH_MAX);

	if (!buf) {
		b->oom = true;
		return;
	}
	current_root(&root);
	if (path_name(p, &root, buf, PATH_MAX))
		pb_printf(b, "%s", buf);
	if (d_unlinked(p->dentry))
		pb_printf(b, " (deleted)");
	free(buf);
}

void proc_file_name(struct proc_buf *b, struct task *t, struct file *f)
{
	(void)t;
	if (f->dentry && f->mnt) {
		struct path p = { f->mnt, f->dentry };

		show_path(b, &p);
	} else if (f->inode && f->inode->sb && strcmp(f->inode->sb->fstype, "pipefs") == 0) {
		pb_printf(b, "pipe:[%lu]", (unsigned long)f->inode->ino);
	} else if (f->anon_name) {
		pb_printf(b, "anon_inode:%s", f->anon_name);
	} else if (f->inode) {
		pb_printf(b, "anon_inode:[%lu]", (unsigned long)f->inode->ino);
	}
}

/* The program the address space's exec ran (the ELF, not a #! script). */
static struct file *exe_file(struct task *t)
{
	return t->mm ? t->mm->exe_file : NULL;
}

static int link_exe(struct proc_buf *b, struct task *t, int fd)
{
	struct file *f = exe_file(t);

	(void)fd;
	if (!f)
		return -ENOENT;
	proc_file_name(b, t, f);
	return 0;
}

static int link_cwd(struct proc_buf *b, struct task *t, int fd)
{
	(void)fd;
	if (!t->fs)
		return -ENOENT;
	show_path(b, &t->fs->pwd);
	return 0;
}

static int link_root(struct proc_buf *b, struct task *t, int fd)
{
	(void)fd;
	if (!t->fs)
		return -ENOENT;
	show_path(b, &t->fs->root);
	return 0;
}

static int link_fd(struct proc_buf *b, struct task *t, int fd)
{
	struct file *f = proc_task_file(t, fd);

	if (!f)
		return -ENOENT;
	proc_file_name(b, t, f);
	return 0;
}

/* Where a link to an open file lands: its path, or the bare inode (pipes). */
static int jump_file(struct file *f, struct path *out)
{
	if (f->dentry) {
		out->mnt = f->mnt;
		out->dentry = f->dentry;
		path_get(out);
		return 0;
	}
	if (!f->inode || !f->inode->sb)
		return -ENOENT;
	out->mnt = NULL;
	out->dentry = d_alloc_root(f->inode->sb, inode_get(f->inode));
	if (!out->dentry) {
		inode_put(f->inode);
		return -ENOMEM;
	}
	return 0;
}

static int jump_exe(struct task *t, int fd, struct path *out)
{
	struct file *f = exe_file(t);

	(void)fd;
	return f ? jump_file(f, out) : -ENOENT;
}

static int jump_fd(struct task *t, int fd, struct path *out)
{
	struct file *f = proc_task_file(t, fd);

	return f ? jump_file(f, out) : -ENOENT;
}

static int jump_fs(const struct path *p, struct path *out)
{
	*out = *p;
	path_get(out);
	return 0;
}

static int jump_cwd(struct task *t, int fd, struct path *out)
{
	(void)fd;
	return t->fs ? jump_fs(&t->fs->pwd, out) : -ENOENT;
}

static int jump_root(struct task *t, int fd, struct path *out)
{
	(void)fd;
	return t->fs ? jump_fs(&t->fs->root, out) : -ENOENT;
}

/* fdinfo(5): position, flags (with O_CLOEXEC), mount id, inode. */
static int show_fdinfo(struct proc_buf *b, struct task *t, int fd)
{
	struct file *f = proc_task_file(t, fd);
	unsigned flags;

	if (!f)
		return -ENOENT;
	flags = f->f_flags;
	if (t->files->cloexec[fd])
		flags |= LINUX_O_CLOEXEC;
	pb_printf(b, "pos:\t%lu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
		  (unsigned long)f->f_pos, flags, f->mnt ? f->mnt->id : 0,
		  f->inode ? (unsigned long)f->inode->ino : 0UL);
	return 0;
}

/* --- maps ------------------------------------------------------------------------------- */

static int show_maps(struct proc_buf *b, struct task *t, int fd)
{
	struct vma *v;

	(void)fd;
	if (!t->mm)
		return 0;
	list_for_each_entry(v, &t->mm->vmas.list, node) {
		uint64_t dev = 0, ino = 0;
		size_t start = b->len;

		if (v->file && v->file->inode) {
			dev = v->file->inode->sb ? v->file->inode->sb->dev : 0;
			ino = v->file->inode->ino;
		}
		pb_printf(b, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
			  (unsigned long)v->start, (unsigned long)v->end,
			  (v->prot & LINUX_PROT_READ) ? 'r' : '-',
			  (v->prot & LINUX_PROT_WRITE) ? 'w' : '-',
			  (v->prot & LINUX_PROT_EXEC) ? 'x' : '-',
			  (v->flags & VMA_SHARED) ? 's' : 'p',
			  (unsigned long)(v->file ? v->pgoff << PAGE_SHIFT : 0),
			  LINUX_MAJOR(dev), LINUX_MINOR(dev), (unsigned long)ino);
		if (v->file || (v->flags & (VMA_HEAP | VMA_STACK))) {
			/* the name starts at column 73, as Linux pads it */
			while (b->len - start < 73 && !b->oom)
				pb_write(b, " ", 1);
			if (v->file)
				proc_file_name(b, t, v->file);
			else
				pb_printf(b, "%s", (v->flags & VMA_HEAP) ? "[heap]" : "[stack]");
		}
		pb_write(b, "\n", 1);
	}
	return 0;
}

/* --- the tables ------------------------------------------------------------------------- */

#define REG(n, m, fn) { .name = n, .mode = LINUX_S_IFREG | (m), .show = fn, .per_task = true }
#define LNK(n, l, j) { .name = n, .mode = LINUX_S_IFLNK | 0777, .link = l, .jump = j, \
		       .per_task = true }

const struct proc_ent proc_fd_ent = {
	.name = "fd", .mode = LINUX_S_IFLNK | 0700, .link = link_fd, .jump = jump_fd,
	.per_task = true,
};

const struct proc_ent proc_fdinfo_ent = {
	.name = "fdinfo", .mode = LINUX_S_IFREG | 0444, .show = show_fdinfo, .per_task = true,
};

#define COMMON_ENTS                                                                  \
	REG("cmdline", 0444, show_cmdline),                                          \
	REG("comm", 0644, show_comm),                                                \
	LNK("cwd", link_cwd, jump_cwd),                                              \
	{ .name = "environ", .mode = LINUX_S_IFREG | 0400, .show = show_environ,     \
	  .per_task = true, .owner_only = true },                                    \
	LNK("exe", link_exe, jump_exe),                                              \
	{ .name = "fd", .mode = LINUX_S_IFDIR | 0500, .kind = PD_FD, .per_task = true }, \
	{ .name = "fdinfo", .mode = LINUX_S_IFDIR | 0500, .kind = PD_FDINFO,         \
	  .per_task = true },                                                        \
	REG("maps", 0444, show_maps),                                                \
	REG("mountinfo", 0444, proc_show_mountinfo),                                 \
	REG("mounts", 0444, proc_show_mounts),                                       \
	LNK("root", link_root, jump_root),                                           \
	REG("stat", 0444, proc_show_stat),                                           \
	REG("statm", 0444, proc_show_statm),                                         \
	REG("status", 0444, proc_show_status)

const struct proc_ent proc_tid_ents[] = {
	COMMON_ENTS,
	{ 0 },
};

const struct proc_ent proc_pid_ents[] = {
	COMMON_ENTS,
	{ .name = "task", .mode = LINUX_S_IFDIR | 0555, .kind = PD_TASK, .per_task = true },
	{ 0 },
};

const struct proc_ent proc_pid_dir_ent = {
	.name = "pid", .mode = LINUX_S_IFDIR | 0555, .kind = PD_STATIC,
	.children = proc_pid_ents, .per_task = true,
};

const struct proc_ent proc_tid_dir_ent = {
	.name = "tid", .mode = LINUX_S_IFDIR | 0555, .kind = PD_STATIC,
	.children = proc_tid_ents, .per_task = true,
};
