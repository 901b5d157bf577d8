/*
 * The anonymous inode (fs/anon_inode.c): the one inode behind files that
 * have none of their own (eventfd; later timerfd, signalfd, epoll), as
 * Linux's anon_inodefs. fstat on such a file shows mode 0600 with no file
 * type, and the same st_dev and st_ino for all of them.
 */
#ifndef UMK_ANON_INODE_H
#define UMK_ANON_INODE_H

struct file;
struct file_ops;
struct inode;

/* The anonymous inode, made on first use (NULL: out of memory). Never freed. */
struct inode *anon_inode(void);
/*
 * A new file on the anonymous inode (anon_inode_getfile): fops and open
 * flags, priv as its private data, name as /proc shows it ("[eventfd]").
 * pread/pwrite on it fail with ESPIPE. Returns the file or ERR_PTR; on
 * failure priv is still the caller's.
 */
struct file *anon_file(const char *name, const struct file_ops *fops, void *priv,
		       unsigned flags);

#endif
