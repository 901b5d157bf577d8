/*
 * procfs: the file system itself (mount -t proc), its directories, and the
 * machinery every file shares: inodes made from static entries, lookup and
 * readdir of the process directories, text files generated on read, and
 * symlinks (plain and magic).
 *
 * Nothing about a task is cached: an inode names its task by tid (see
 * internal.h) and every use finds it again. Cached dentries of tasks or
 * fds that are gone fail revalidate and are dropped. Big kernel lock.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include "internal.h"

#define PROC_ROOT_INO 1
#define MAX_ENT_IDS 4096

static const struct inode_ops proc_dir_iops;
static const struct inode_ops proc_link_iops;
static const struct inode_ops proc_magic_iops;
static const struct file_ops proc_dir_fops;
static const struct file_ops proc_file_fops;

static const struct proc_ent proc_root_dir_ent = {
	.name = "/", .mode = LINUX_S_IFDIR | 0555, .kind = PD_ROOT, .children = proc_root_ents,
};

/* --- text buffers ----------------------------------------------------------- */

static bool pb_reserve(struct proc_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	cap = MAX(b->cap * 2, b->len + n + 256);
	p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void pb_write(struct proc_buf *b, const void *p, size_t n)
{
	if (!pb_reserve(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pb_printf(struct proc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !pb_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void pb_escaped(struct proc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			pb_printf(b, "\\%03o", (unsigned char)*s);
		else
			pb_write(b, s, 1);
	}
}

/* --- tasks, fds, inode numbers ----------------------------------------------- */

struct task *proc_task(int tid)
{
	if (tid <= 0)
		return NULL;
	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->tid == tid)
			return t;
	return NULL;
}

struct file *proc_task_file(struct task *t, int fd)
{
	if (!t || !t->files || fd < 0 || (unsigned)fd >= t->files->size)
		return NULL;
	return t->files->fd[fd];
}

/* A small number per entry, for inode numbers (ids 0 and 1 are taken). */
static unsigned ent_id(const struct proc_ent *e)
{
	static const struct proc_ent *ids[MAX_ENT_IDS];
	static unsigned nr = 2;

	for (unsigned i = 2; i < nr; i++)
		if (ids[i] == e)
			return i;
	if (nr == MAX_ENT_IDS)
		return 0;
	ids[nr] = e;
	return nr++;
}

int proc_ino_tid(const struct inode *inode)
{
	return (int)(inode->ino >> 32);
}

int proc_ino_fd(const struct inode *inode)
{
	return (int)((inode->ino >> 12) & 0xfffff) - 1;
}

static struct inode *proc_inode(struct super_block *sb, const struct proc_ent *e, int tid, int fd)
{
	struct inode *inode = inode_alloc(sb, e->mode);
	struct task *t = proc_task(tid);

	if (!inode)
		return NULL;
	inode->ino = (uint64_t)tid << 32 | (uint64_t)(fd + 1) << 12 | ent_id(e);
	inode->priv = (void *)e;
	if (e->per_task && t) {
		inode->uid = t->cred.euid;
		inode->gid = t->cred.egid;
	}
	if (e == &proc_fd_ent) {
		struct file *f = proc_task_file(t, fd);

		/* the link's mode tells how the file is open: lr-x, l-wx, lrwx */
		inode->mode = LINUX_S_IFLNK;
		if (f && (f->f_mode & FMODE_READ))
			inode->mode |= 0500;
		if (f && (f->f_mode & FMODE_WRITE))
			inode->mode |= 0300;
		inode->size = 64;
	}
	switch (e->mode & LINUX_S_IFMT) {
	case LINUX_S_IFDIR:
		inode->iops = &proc_dir_iops;
		inode->fops = &proc_dir_fops;
		inode->nlink = 2;
		break;
	case LINUX_S_IFLNK:
		inode->iops = e->jump ? &proc_magic_iops : &proc_link_iops;
		break;
	default:
		inode->fops = &proc_file_fops;
		break;
	}
	return inode;
}

/* Linux's name_to_int: decimal, no sign, no leading zero; -1 if not. */
static int name_to_int(const char *name, size_t len)
{
	long v = 0;

	if (!len || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return (int)v;
}

/* The process whose leader is tid, or NULL. */
static struct task *proc_leader(int pid)
{
	struct task *t = proc_task(pid);

	return t && t->tgid == pid ? t : NULL;
}

/* --- directories -------------------------------------------------------------- */

static int proc_lookup(struct inode *dir, struct dentry *d)
{
	const struct proc_ent *e = dir->priv, *c;
	int tid = proc_ino_tid(dir), n;
	struct task *t = proc_task(tid), *o;
	struct inode *inode = NULL;

	if (tid && !t)
		return -ESRCH;	/* a directory of a process that is gone (held open) */
	for (c = e->children; c && c->name; c++) {
		if (strlen(c->name) == d->namelen && memcmp(c->name, d->name, d->namelen) == 0) {
			inode = proc_inode(dir->sb, c, tid, -1);
			goto found;
		}
	}
	/* a name procfs does not have is an error, not a negative entry (no creating) */
	n = name_to_int(d->name, d->namelen);
	if (n < 0)
		return -ENOENT;
	switch (e->kind) {
	case PD_ROOT:
		if (proc_leader(n))
			inode = proc_inode(dir->sb, &proc_pid_dir_ent, n, -1);
		break;
	case PD_TASK:
		o = proc_task(n);
		if (o && o->tgid == t->tgid && o->state != TASK_DEAD)
			inode = proc_inode(dir->sb, &proc_tid_dir_ent, n, -1);
		break;
	case PD_FD:
	case PD_FDINFO:
		if (proc_task_file(t, n))
			inode = proc_inode(dir->sb, e->kind == PD_FD ? &proc_fd_ent : &proc_fdinfo_ent,
					   tid, n);
		break;
	case PD_STATIC:
		return -ENOENT;
	}
	if (!inode)
		return -ENOENT;
found:
	if (!inode)
		return -ENOMEM;
	d_instantiate(d, inode);
	return 0;
}

static bool proc_revalidate(struct inode *dir, struct dentry *d)
{
	int tid = proc_ino_tid(d->inode), fd = proc_ino_fd(d->inode);
	struct task *t;

	(void)dir;
	if (!tid)
		return true;
	t = proc_task(tid);
	if (!t)
		return false;
	if (fd >= 0 && !proc_task_file(t, fd))
		return false;
	if (((const struct proc_ent *)d->inode->priv)->per_task) {
		/* setuid changes who owns /proc/PID */
		d->inode->uid = t->cred.euid;
		d->inode->gid = t->cred.egid;
	}
	return true;
}

/* The smallest value >= from that the dynamic part of the directory lists, or -1. */
static long next_dynamic(enum proc_dir_kind kind, struct task *owner, long from)
{
	long best = -1;

	if (kind == PD_FD || kind == PD_FDINFO) {
		if (!owner || !owner->files)
			return -1;
		for (long i = from; i < (long)owner->files->size; i++)
			if (owner->files->fd[i])
				return i;
		return -1;
	}
	for (struct task *t = task_first(); t; t = task_next(t)) {
		bool listed = kind == PD_ROOT ? t->tid == t->tgid
					      : (t->tgid == owner->tgid && t->state != TASK_DEAD);

		if (listed && t->tid >= from && (best < 0 || t->tid < best))
			best = t->tid;
	}
	return best;
}

/* Drop cached /proc/PID dentries of processes that are gone. */
static void prune_dead(struct dentry *dir)
{
	struct dentry *c;

again:
	list_for_each_entry(c, &dir->children, child) {
		int tid = proc_ino_tid(c->inode);

		if (tid && !proc_task(tid)) {
			d_invalidate(c);
			goto again;	/* the list changed under us */
		}
	}
}

static long proc_getdents(struct file *f, uaddr_t buf, size_t len)
{
	struct inode *dir = f->inode;
	const struct proc_ent *e = dir->priv;
	int tid = proc_ino_tid(dir);
	struct task *t = proc_task(tid);
	struct dir_ctx ctx = { .buf = buf, .len = len, .pos = f->f_pos };
	uint64_t nstatic = 0, base;
	long v;

	if (tid && !t)
		return -ENOENT;
	while (e->children && e->children[nstatic].name)
		nstatic++;
	base = 2 + nstatic;
	if (e->kind == PD_ROOT)
		prune_dead(f->dentry);
	if (ctx.pos == 0 && !dir_emit(&ctx, ".", 1, dir->ino, LINUX_S_IFDIR, 1))
		goto done;
	if (ctx.pos == 1 && !dir_emit(&ctx, "..", 2, f->dentry->parent->inode->ino,
				      LINUX_S_IFDIR, 2))
		goto done;
	for (; ctx.pos >= 2 && ctx.pos < base; ) {
		const struct proc_ent *c = &e->children[ctx.pos - 2];
		uint64_t ino = (uint64_t)tid << 32 | ent_id(c);

		if (!dir_emit(&ctx, c->name, strlen(c->name), ino, c->mode, ctx.pos + 1))
			goto done;
	}
	if (e->kind == PD_STATIC)
		goto done;
	while ((v = next_dynamic(e->kind, t, (long)(ctx.pos - base))) >= 0) {
		const struct proc_ent *c = e->kind == PD_FD ? &proc_fd_ent :
					   e->kind == PD_FDINFO ? &proc_fdinfo_ent :
					   e->kind == PD_TASK ? &proc_tid_dir_ent : &proc_pid_dir_ent;
		bool fdish = e->kind == PD_FD || e->kind == PD_FDINFO;
		uint64_t ino = (uint64_t)(fdish ? tid : v) << 32 |
			       (uint64_t)(fdish ? v + 1 : 0) << 12 | ent_id(c);
		char name[16];
		int n = snprintf(name, sizeof(name), "%ld", v);

		if (!dir_emit(&ctx, name, (size_t)n, ino, c->mode, base + (uint64_t)v + 1))
			break;
	}
done:
	return dir_emit_end(f, &ctx, 0);
}

static const struct inode_ops proc_dir_iops = {
	.lookup = proc_lookup,
	.revalidate = proc_revalidate,
};

static const struct file_ops proc_dir_fops = {
	.read = read_dir_eisdir,
	.llseek = dcache_dir_llseek,
	.getdents = proc_getdents,
};

/* --- symlinks ----------------------------------------------------------------- */

static const char *proc_get_link(struct inode *inode)
{
	const struct proc_ent *e = inode->priv;
	int tid = proc_ino_tid(inode);
	struct task *t = proc_task(tid);
	struct proc_buf b = { 0 };
	int err;

	if (tid && !t)
		return ERR_PTR(-ENOENT);
	/* a magic link (cwd, exe, fd/N) tells only whoever may look into its process */
	if (e->jump && t && !ptrace_may_read(t, true))
		return ERR_PTR(-EACCES);
	err = e->link(&b, t, proc_ino_fd(inode));
	if (!err && b.oom)
		err = -ENOMEM;
	if (err) {
		free(b.data);
		return ERR_PTR(err);
	}
	free(inode->link);
	inode->link = b.data ? b.data : strdup("");
	return inode->link ? inode->link : ERR_PTR(-ENOMEM);
}

static int proc_jump(struct inode *inode, struct path *out)
{
	const struct proc_ent *e = inode->priv;
	int tid = proc_ino_tid(inode);
	struct task *t = proc_task(tid);

	if (!t || t->state == TASK_DEAD)
		return -ENOENT;
	if (!ptrace_may_read(t, true))
		return -EACCES;
	return e->jump(t, proc_ino_fd(inode), out);
}

static const struct inode_ops proc_link_iops = {
	.get_link = proc_get_link,
};

static const struct inode_ops proc_magic_iops = {
	.get_link = proc_get_link,
	.jump = proc_jump,
};

/* --- generated files ---------------------------------------------------------- */

static int proc_fill(struct file *f)
{
	const struct proc_ent *e = f->inode->priv;
	int tid = proc_ino_tid(f->inode);
	struct task *t = proc_task(tid);
	struct proc_buf *b = f->priv;
	int err;

	if (tid && !t)
		return -ESRCH;
	b->len = 0;
	b->oom = false;
	err = e->show(b, t, proc_ino_fd(f->inode));
	if (!err && b->oom)
		err = -ENOMEM;
	return err;
}

static int proc_file_open(struct inode *inode, struct file *f)
{
	int tid = proc_ino_tid(inode);

	if (tid && !proc_task(tid))
		return -ENOENT;
	f->priv = calloc(1, sizeof(struct proc_buf));
	return f->priv ? 0 : -ENOMEM;
}

static void proc_file_release(struct file *f)
{
	struct proc_buf *b = f->priv;

	if (b)
		free(b->data);
	free(b);
}

static long proc_file_read(struct file *f, struct iov_iter *to, uint64_t *pos)
{
	struct proc_buf *b = f->priv;
	size_t n;
	long r;

	if (*pos == 0 || !b->data) {
		int err = proc_fill(f);

		if (err)
			return err;
	}
	if (*pos >= b->len)
		return 0;
	n = MIN(b->len - (size_t)*pos, iov_iter_count(to));
	r = copy_to_iter(b->data + *pos, n, to);
	if (r > 0)
		*pos += (uint64_t)r;
	return r ? r : -EFAULT;
}

static long proc_file_llseek(struct file *f, int64_t off, int whence)
{
	return dcache_dir_llseek(f, off, whence);	/* SEEK_SET and SEEK_CUR, as seq_file */
}

static const struct file_ops proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.llseek = proc_file_llseek,
	.release = proc_file_release,
};

/* --- the file system ---------------------------------------------------------- */

static int proc_statfs(struct super_block *sb, struct linux_statfs *st)
{
	(void)sb;
	st->f_type = LINUX_PROC_SUPER_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_ops proc_sops = {
	.statfs = proc_statfs,
};

/* proc's options: hidepid=, gid=, subset= (accepted); anything else is EINVAL. */
static int proc_parse(const char *data)
{
	const char *p = data;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n && strncmp(p, "hidepid=", 8) && strncmp(p, "gid=", 4) &&
		    strncmp(p, "subset=", 7))
			return -EINVAL;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static struct super_block *proc_mount(struct blkdev *bd, unsigned long flags, const char *data)
{
	struct super_block *sb;
	struct inode *root;
	int err = proc_parse(data);

	(void)bd;
	(void)flags;
	if (err)
		return ERR_PTR(err);
	sb = calloc(1, sizeof(*sb));
	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->dev = anon_dev_alloc();
	sb->fstype = "proc";
	sb->magic = LINUX_PROC_SUPER_MAGIC;
	sb->ops = &proc_sops;
	root = proc_inode(sb, &proc_root_dir_ent, 0, -1);
	if (!root)
		goto out_free;
	root->ino = PROC_ROOT_INO;
	sb->root = d_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		goto out_free;
	}
	return sb;

out_free:
	free(sb);
	return ERR_PTR(-ENOMEM);
}

struct fs_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
};
