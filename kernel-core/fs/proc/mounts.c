/*
 * procfs: the mount tables of a process, /proc/PID/mounts (fstab(5)
 * format) and /proc/PID/mountinfo (proc(5)), for the mounts that lie
 * under the process's root, named as it sees them.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>

#include "internal.h"

/* Is (m, its root) at or below root in the mount tree? */
static bool visible(const struct mount *m, const struct path *root)
{
	struct path p = { (struct mount *)m, m->root };

	for (;;) {
		if (p.mnt == root->mnt) {
			const struct dentry *d = p.dentry;

			for (;;) {
				if (d == root->dentry)
					return true;
				if (d->parent == d)
					return false;
				d = d->parent;
			}
		}
		if (!p.mnt->parent)
			return false;
		p.dentry = p.mnt->mountpoint;
		p.mnt = p.mnt->parent;
	}
}

static void show_mountpoint(struct proc_buf *b, const struct mount *m, const struct path *root)
{
	struct path p = { (struct mount *)m, m->root };
	char *buf = malloc(PATH_MAX);

	if (!buf) {
		b->oom = true;
		return;
	}
	if (path_name(&p, root, buf, PATH_MAX))
		pb_escaped(b, buf);
	free(buf);
}

struct flag_opt {
	unsigned long flag;
	const char *name;
};

/* The per-mount options after "rw"/"ro" (show_mnt_opts). */
static const struct flag_opt mnt_opts[] = {
	{ LINUX_MS_NOSUID, ",nosuid" },
	{ LINUX_MS_NODEV, ",nodev" },
	{ LINUX_MS_NOEXEC, ",noexec" },
	{ LINUX_MS_NOATIME, ",noatime" },
	{ LINUX_MS_NODIRATIME, ",nodiratime" },
	{ LINUX_MS_RELATIME, ",relatime" },
	{ 0x100, ",nosymfollow" },
	{ 0, NULL },
};

/* The super block's flag options (show_sb_opts), before its own options. */
static const struct flag_opt sb_opts[] = {
	{ LINUX_MS_SYNCHRONOUS, ",sync" },
	{ LINUX_MS_DIRSYNC, ",dirsync" },
	{ LINUX_MS_MANDLOCK, ",mand" },
	{ 0, NULL },
};

static void show_opts(struct proc_buf *b, unsigned long f, const struct flag_opt *o)
{
	for (; o->name; o++)
		if (f & o->flag)
			pb_printf(b, "%s", o->name);
}

/* The path of d inside its file system (a bind mount's root: "/sub/dir"). */
static void show_in_sb(struct proc_buf *b, const struct dentry *d, char *buf)
{
	char *pos = buf + PATH_MAX - 1;

	*pos = '\0';
	for (; d->parent != d; d = d->parent) {
		if ((size_t)(pos - buf) < d->namelen + 1)
			break;
		pos -= d->namelen;
		memcpy(pos, d->name, d->namelen);
		*--pos = '/';
	}
	pb_escaped(b, *pos ? pos : "/");
}

static bool task_root(struct task *t, struct path *root)
{
	if (!t->fs)
		return false;
	*root = t->fs->root;
	return true;
}

int proc_show_mounts(struct proc_buf *b, struct task *t, int fd)
{
	struct path root;
	struct mount *m = NULL;

	(void)fd;
	if (!task_root(t, &root))
		return 0;
	while ((m = mount_next(m))) {
		const struct super_block *sb = m->sb;
		bool ro = (m->flags & LINUX_MS_RDONLY) || (sb->flags & LINUX_MS_RDONLY);

		if (!visible(m, &root))
			continue;
		pb_escaped(b, sb->source ? sb->source : "none");
		pb_write(b, " ", 1);
		show_mountpoint(b, m, &root);
		pb_printf(b, " %s %s", sb->fstype, ro ? "ro" : "rw");
		show_opts(b, sb->flags, sb_opts);
		show_opts(b, m->flags, mnt_opts);
		if (sb->options)
			pb_printf(b, "%s", sb->options);
		pb_printf(b, " 0 0\n");
	}
	return 0;
}

int proc_show_mountinfo(struct proc_buf *b, struct task *t, int fd)
{
	struct path root;
	struct mount *m = NULL;
	char *buf = malloc(PATH_MAX);

	(void)fd;
	if (!buf)
		return -ENOMEM;
	if (!task_root(t, &root)) {
		free(buf);
		return 0;
	}
	while ((m = mount_next(m))) {
		const struct super_block *sb = m->sb;
		/* the root of the tree names itself as parent */
		int parent = m->parent ? m->parent->id : m->id;

		if (!visible(m, &root))
			continue;
		pb_printf(b, "%d %d %u:%u ", m->id, parent, LINUX_MAJOR(sb->dev), LINUX_MINOR(sb->dev));
		show_in_sb(b, m->root, buf);
		pb_write(b, " ", 1);
		show_mountpoint(b, m, &root);
		pb_printf(b, " %s", (m->flags & LINUX_MS_RDONLY) ? "ro" : "rw");
		show_opts(b, m->flags, mnt_opts);
		pb_printf(b, " - %s ", sb->fstype);
		pb_escaped(b, sb->source ? sb->source : "none");
		pb_printf(b, " %s", (sb->flags & LINUX_MS_RDONLY) ? "ro" : "rw");
		show_opts(b, sb->flags, sb_opts);
		if (sb->options)
			pb_printf(b, "%s", sb->options);
		pb_write(b, "\n", 1);
	}
	free(buf);
	return 0;
}
