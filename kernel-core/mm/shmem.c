/*
 * Shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS): as in Linux, the
 * mapping is backed by an unnamed file whose page cache holds the pages,
 * so that a page first touched after fork is still the same page in parent
 * and child. Each mapping gets a regular inode of the mapping's size on an
 * internal super block nobody can reach by path; the VMA's reference on the
 * file keeps it alive, the last unmap frees its pages.
 * Runs under the big kernel lock.
 */
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_stat.h>

static struct super_block shmem_sb = {
	.fstype = "tmpfs",
	.next_ino = 1,
};

static const struct file_ops shmem_fops = {
	.read = page_cache_read,
	.write = page_cache_write,
};

struct file *shmem_anon_file(uint64_t size)
{
	struct inode *inode;
	struct file *f;

	if (!shmem_sb.dev)
		shmem_sb.dev = anon_dev_alloc();
	inode = inode_alloc(&shmem_sb, LINUX_S_IFREG | 0600);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->uid = 0;
	inode->gid = 0;
	inode->size = size;
	f = file_alloc_anon(inode, &shmem_fops, LINUX_O_RDWR);
	inode_put(inode);
	return f;
}
