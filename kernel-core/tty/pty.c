/*
 * Unix98 ptys (pty(7)): /dev/ptmx makes a master/slave pair and a node
 * /dev/pts/N for the slave in the devpts file system.
 *
 * Each end is a struct tty with its own line discipline: what one end
 * writes goes through its output processing and into the other end's
 * input (receive) side, so the master reads what the slave's program
 * wrote and the slave's program reads what the master typed, echoed and
 * edited by the slave's line discipline. A writer blocks while the other
 * end's input buffer is full. The slave starts locked (TIOCSPTLCK). When
 * the master's last file closes, the slave is hung up and its node goes;
 * when the slave's last file closes, the master reads EIO after the data.
 * The pair is freed when no file is open on either end. Big kernel lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <umk/chardev.h>
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/task.h>
#include <umk/tty.h>
#include <umk/vfs_internal.h>

#define PTY_MAX 256

static struct tty *masters[PTY_MAX];	/* by index */
static struct super_block *devpts_sb;

static long pty_write(struct tty *tty, const char *buf, size_t n)
{
	struct tty *to = tty->link;

	return (long)tty_receive(to, (const unsigned char *)buf, n);
}

static size_t pty_write_room(struct tty *tty)
{
	return n_tty_receive_room(tty->link);
}

/* This end read input: the other end's writers may go on. */
static void pty_unthrottle(struct tty *tty)
{
	wake_up(&tty->link->write_wait);
}

static void node_name(int index, char *buf, size_t size)
{
	snprintf(buf, size, "%d", index);
}

static void remove_node(int index)
{
	char name[16];
	struct dentry *d;

	if (!devpts_sb)
		return;
	node_name(index, name, sizeof(name));
	d = d_lookup(devpts_sb->root, name, strlen(name));
	if (IS_ERR_OR_NULL(d))
		return;
	if (devpts_sb->root->inode->iops->unlink(devpts_sb->root->inode, d) == 0)
		d_unlink(d);
	dput(d);
}

static void pty_close(struct tty *tty)
{
	struct tty *master = tty->is_master ? tty : tty->link;
	struct tty *slave = master->link;

	if (tty->count)
		return;
	if (tty == master) {
		remove_node(master->index);
		slave->other_closed = true;
		tty_hangup(slave);
	} else {
		master->other_closed = true;
		wake_up(&master->read_wait);
		wake_up(&master->write_wait);
	}
	if (!master->count && !slave->count) {
		masters[master->index] = NULL;
		tty_free(slave);
		tty_free(master);
	}
}

static const struct tty_ops pty_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.unthrottle = pty_unthrottle,
	.close = pty_close,
};

/* The slave's node: opening it finds the pair through inode->priv. */
static int pts_open(struct inode *inode, struct file *f)
{
	struct tty *slave = inode->priv;

	if (!slave || slave->locked || slave->io_error)
		return -EIO;
	slave->link->other_closed = false;
	return tty_open_file(slave, f, false, false);
}

static const struct file_ops pts_open_fops = {
	.open = pts_open,
};

static struct dentry *make_node(struct tty *slave)
{
	char name[16];
	struct dentry *d;

	node_name(slave->index, name, sizeof(name));
	d = vfs_create_child(devpts_sb->root, name, LINUX_S_IFCHR | 0600,
			     LINUX_MKDEV(LINUX_PTY_SLAVE_MAJOR, slave->index), NULL);
	if (IS_ERR(d))
		return d;
	d->inode->fops = &pts_open_fops;
	d->inode->priv = slave;
	if (current) {
		d->inode->uid = current->cred.fsuid;
		d->inode->gid = current->cred.fsgid;
	}
	return d;
}

static int ptmx_open(struct inode *inode, struct file *f)
{
	struct tty *master, *slave;
	struct dentry *d;
	char name[16];
	int index, err;

	if (!devpts_sb)
		return -ENODEV;
	for (index = 0; index < PTY_MAX && masters[index]; index++)
		;
	if (index == PTY_MAX)
		return -ENOSPC;
	snprintf(name, sizeof(name), "pts/%d", index);
	master = tty_alloc("ptm", index, &pty_ops, NULL);
	slave = tty_alloc(name, index, &pty_ops, NULL);
	if (!master || !slave)
		goto nomem;
	master->is_master = true;
	master->link = slave;
	slave->link = master;
	slave->locked = true;
	master->other_closed = true;
	/* the master end is raw: no input or output processing, no echo */
	master->termios.c_iflag = 0;
	master->termios.c_oflag = 0;
	master->termios.c_lflag = 0;
	n_tty_set_termios(master, NULL);
	d = make_node(slave);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		tty_free(slave);
		tty_free(master);
		return err;
	}
	dput(d);
	masters[index] = master;
	return tty_open_file(master, f, false, true);

nomem:
	if (master)
		tty_free(master);
	if (slave)
		tty_free(slave);
	return -ENOMEM;
}

static const struct file_ops ptmx_fops = {
	.open = ptmx_open,
};

/* TIOCGPTPEER: open the slave of master with flags, as a new fd. */
static long open_peer(struct tty *master, unsigned flags)
{
	char name[16];
	struct path p;
	struct file *f;

	/* only these flags mean anything here (Linux ignores the rest) */
	flags &= LINUX_O_ACCMODE | LINUX_O_NOCTTY | LINUX_O_NONBLOCK | LINUX_O_CLOEXEC;
	node_name(master->index, name, sizeof(name));
	p.dentry = d_lookup(devpts_sb->root, name, strlen(name));
	if (IS_ERR_OR_NULL(p.dentry))
		return -EIO;
	p.mnt = devpts_sb->mnt;
	f = file_open_path(&p, flags | LINUX_O_LARGEFILE);
	dput(p.dentry);
	return fd_install_or_put(f, flags & LINUX_O_CLOEXEC);
}

long pty_ioctl(struct tty *tty, struct file *f, unsigned cmd, uint64_t arg)
{
	int v;

	switch (cmd) {
	case LINUX_TIOCGPTN:
	case LINUX_TIOCSPTLCK:
	case LINUX_TIOCGPTLCK:
	case LINUX_TIOCGPTPEER:
		if (!tty->is_master)
			return -ENOTTY;
		break;
	default:
		return -ENOIOCTLCMD;
	}
	switch (cmd) {
	case LINUX_TIOCGPTN:
		v = tty->index;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case LINUX_TIOCSPTLCK:
		if (copy_from_user(&v, arg, sizeof(v)))
			return -EFAULT;
		tty->link->locked = v != 0;
		return 0;
	case LINUX_TIOCGPTLCK:
		v = tty->link->locked;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	default:
		return open_peer(tty, (unsigned)arg);
	}
}

/* mount -t devpts: every mount shows the one instance, as without newinstance. */
static struct super_block *devpts_fs_mount(struct blkdev *bd, unsigned long flags,
					    const char *data)
{
	return devpts_sb;
}

static struct fs_type devpts_fs_type = {
	.name = "devpts",
	.mount = devpts_fs_mount,
};

int pty_init(void)
{
	int err;

	devpts_sb = tmpfs_create("devpts", 0755);
	if (!devpts_sb)
		return -ENOMEM;
	devpts_sb->active++;	/* lives as long as umk */
	devpts_sb->source = strdup("devpts");
	devpts_sb->options = strdup(",mode=600,ptmxmode=000");
	err = register_filesystem(&devpts_fs_type);
	if (err)
		return err;
	return chardev_register(LINUX_TTYAUX_MAJOR, 2, "ptmx", 0666, &ptmx_fops);
}

int devpts_mount(void)
{
	struct path root, mp;
	struct dentry *dev, *pts;
	int err;

	vfs_root(&root);
	dev = d_lookup(root.dentry, "dev", 3);
	if (IS_ERR_OR_NULL(dev))
		return dev ? (int)PTR_ERR(dev) : -ENOENT;
	mp.mnt = mount_lookup(root.mnt, dev);
	if (!mp.mnt) {
		dput(dev);
		return -ENOENT;
	}
	pts = d_lookup(mp.mnt->root, "pts", 3);
	if (!pts)
		pts = vfs_create_child(mp.mnt->root, "pts", LINUX_S_IFDIR | 0755, 0, NULL);
	dput(dev);
	if (IS_ERR(pts))
		return (int)PTR_ERR(pts);
	mp.dentry = pts;
	err = vfs_mount(devpts_sb, &mp);
	dput(pts);
	return err;
}
