/*
 * The anonymous inode: one inode, on a super block of its own, shared by
 * every file that has no inode of its own (eventfd; later timerfd,
 * signalfd, epoll), as Linux's anon_inodefs does. It is made on first use,
 * owned by root with mode 0600 and no file type (what fstat shows on
 * Linux), and lives until umk exits. Runs under the big kernel lock.
 */
#include <umk/anon_inode.h>
#include <umk/errno.h>
#include <umk/vfs_internal.h>

static struct super_block anon_sb = {
	.fstype = "anon_inodefs",
	.magic = 0x09041934,	/* ANON_INODE_FS_MAGIC */
	.next_ino = 1,
};
static struct inode *anon;

struct inode *anon_inode(void)
{
	if (anon)
		return anon;
	if (!anon_sb.dev)
		anon_sb.dev = anon_dev_alloc();
	anon = inode_alloc(&anon_sb, 0600);
	if (!anon)
		return NULL;
	anon->uid = 0;
	anon->gid = 0;
	return anon;
}

struct file *anon_file(const char *name, const struct file_ops *fops, void *priv,
		       unsigned flags)
{
	struct inode *inode = anon_inode();
	struct file *f;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	f = file_alloc_anon(inode, fops, flags);
	if (IS_ERR(f))
		return f;
	f->priv = priv;
	f->anon_name = name;
	f->f_mode &= ~(unsigned)FMODE_PREAD;	/* pread/pwrite: ESPIPE */
	return f;
}
