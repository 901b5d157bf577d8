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

/* The per-mount options after "rw"/"ro" (show_mnt_opts). */
static void show_mnt_opts(struct proc_buf *b, unsigned long f)
{
	if (f & LINUX_MS_NOSUID)
		pb_printf(b, ",nosuid");
	if (f & LINUX_MS_NODEV)
		pb_printf(b, ",nodev");
	if (f & LINUX_MS_NOEXEC)
		pb_printf(b, ",noexec");
	if (f & LINUX_MS_NOATIME)
		pb_printf(b, ",noatime");
	if (f & LINUX_MS_NODIRATIME)
		pb_printf(b, ",nodiratime");
	if (f & LINUX_MS_RELATIME)
		pb_printf(b, ",relatime");
	if (f & 0x100)
		pb_printf(b, ",nosymfollow");
}

static void show_sb_opts(struct proc_buf *b, const struct super_block *sb)
{
	if (sb->flags & LINUX_MS_SYNCHRONOUS)
		pb_printf(b, ",sync");
	if (sb->flags & LINUX_MS_DIRSYNC)
		pb_printf(b, ",dirsync");
	if (sb->flags & LINUX_MS_MANDLOCK)
		pb_printf(b, ",mand");
	if (sb->options)
		pb_printf(b, "%s", sb->options);
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
		if (sb->flags & LINUX_MS_SYNCHRONOUS)
			pb_printf(b, ",sync");
		if (sb->flags & LINUX_MS_DIRSYNC)
			pb_printf(b, ",dirsync");
		if (sb->flags & LINUX_MS_MANDLOCK)
			pb_printf(b, ",mand");
		show_mnt_opts(b, m->flags);
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
		show_mnt_opts(b, m->flags);
		pb_printf(b, " - %s ", sb->fstype);
		pb_escaped(b, sb->source ? sb->source : "none");
		pb_printf(b, " %s", (sb->flags & LINUX_MS_RDONLY) ? "ro" : "rw");
		show_sb_opts(b, sb);
		pb_write(b, "\n", 1);
	}
	free(buf);
	return 0;
}
