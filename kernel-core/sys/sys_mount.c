/*
 * Mounts: mount, umount2, chroot, pivot_root.
 *
 * The handlers copy and check the arguments in Linux's order (the strings,
 * the target path, then privilege, then what the flags select: remount,
 * bind, propagation change, move, or a new mount), build the super block
 * of a new mount through its fs_type, and leave the tree surgery to
 * vfs/mount.c.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/blkdev.h>
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fs.h>

#define LINUX_MS_NOSYMFOLLOW 0x100
#define LINUX_MS_UNBINDABLE (1 << 17)
#define LINUX_MS_NOUSER (1UL << 31)
#define PROPAGATION_FLAGS (LINUX_MS_SHARED | LINUX_MS_PRIVATE | LINUX_MS_SLAVE | \
			   LINUX_MS_UNBINDABLE)
#define ATIME_FLAGS (LINUX_MS_NOATIME | LINUX_MS_NODIRATIME | LINUX_MS_RELATIME | \
		     LINUX_MS_STRICTATIME)
/* What a super block keeps of the flags (the rest are per mount). */
#define SB_FLAGS (LINUX_MS_RDONLY | LINUX_MS_SYNCHRONOUS | LINUX_MS_MANDLOCK | \
		  LINUX_MS_DIRSYNC | LINUX_MS_SILENT)

static bool capable_admin(void)
{
	return capable(CAP_SYS_ADMIN);
}

/* A string argument that may be NULL (copy_mount_string). */
static long mount_string(uaddr_t u, char **out)
{
	*out = NULL;
	if (!u)
		return 0;
	*out = getname(u);
	if (IS_ERR(*out)) {
		long err = PTR_ERR(*out);

		*out = NULL;
		return err;
	}
	return 0;
}

/*
 * The data page (copy_mount_options): at most a page, as much of it as is
 * readable, and always NUL-terminated. NULL data stays NULL.
 */
static long mount_data(uaddr_t u, char **out)
{
	char *buf;
	size_t n = 0;

	*out = NULL;
	if (!u)
		return 0;
	buf = calloc(1, PAGE_SIZE);
	if (!buf)
		return -ENOMEM;
	while (n < PAGE_SIZE - 1 && !copy_from_user(buf + n, u + n, 1)) {
		if (!buf[n])
			break;
		n++;
	}
	if (n == 0 && copy_from_user(buf, u, 1)) {
		free(buf);
		return -EFAULT;
	}
	*out = buf;
	return 0;
}

/* Per-mount flags of mount(2)'s flags (path_mount). */
static unsigned long mnt_flags_of(unsigned long flags, const struct mount *old)
{
	unsigned long mf = 0;

	if (!(flags & LINUX_MS_NOATIME))
		mf |= LINUX_MS_RELATIME;
	mf |= flags & (LINUX_MS_NOSUID | LINUX_MS_NODEV | LINUX_MS_NOEXEC | LINUX_MS_NOATIME |
		       LINUX_MS_NODIRATIME | LINUX_MS_RDONLY | LINUX_MS_NOSYMFOLLOW);
	if (flags & LINUX_MS_STRICTATIME)
		mf &= ~(unsigned long)(LINUX_MS_RELATIME | LINUX_MS_NOATIME);
	/* a remount that says nothing about atime keeps what the mount had */
	if ((flags & LINUX_MS_REMOUNT) && !(flags & ATIME_FLAGS)) {
		mf &= ~(unsigned long)ATIME_FLAGS;
		mf |= old->flags & ATIME_FLAGS;
	}
	return mf;
}

/* The block device a mount source names: ENOTBLK, ENXIO, EACCES as Linux. */
static int source_blkdev(const char *source, struct blkdev **bd)
{
	struct path p;
	int err;

	if (!source || !*source)
		return source ? -ENOENT : -EINVAL;
	err = vfs_lookup(LINUX_AT_FDCWD, source, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (!LINUX_S_ISBLK(p.dentry->inode->mode))
		err = -ENOTBLK;
	else if (mnt_may_dev(p.mnt))
		err = -EACCES;
	else if (!(*bd = blkdev_by_rdev(p.dentry->inode->rdev)))
		err = -ENXIO;
	path_put(&p);
	return err;
}

/*
 * The generic options of a mount's data (vfs_parse_sb_flag): "ro", "rw",
 * "sync"... change *flags and are cut out of the string the file system
 * parses. Empty options are dropped.
 */
static void generic_options(char *data, unsigned long *flags)
{
	static const struct { const char *name; unsigned long set, clear; } opts[] = {
		{ "ro", LINUX_MS_RDONLY, 0 },	{ "rw", 0, LINUX_MS_RDONLY },
		{ "sync", LINUX_MS_SYNCHRONOUS, 0 }, { "async", 0, LINUX_MS_SYNCHRONOUS },
		{ "dirsync", LINUX_MS_DIRSYNC, 0 }, { "mand", LINUX_MS_MANDLOCK, 0 },
		{ "nomand", 0, LINUX_MS_MANDLOCK }, { "lazytime", 0, 0 },
		{ "nolazytime", 0, 0 },		{ "posixacl", 0, 0 },
	};
	char *out = data, *opt, *next;

	for (opt = data; opt; opt = next) {
		bool generic = false;

		next = strchr(opt, ',');
		if (next)
			*next++ = '\0';
		if (!*opt)
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(opts); i++) {
			if (strcmp(opt, opts[i].name) == 0) {
				*flags = (*flags | opts[i].set) & ~opts[i].clear;
				generic = true;
			}
		}
		if (generic)
			continue;
		if (out != data)
			*out++ = ',';
		memmove(out, opt, strlen(opt) + 1);
		out += strlen(out);
	}
	*out = '\0';
}

static long new_mount(const struct path *mp, const char *type, const char *source,
		      unsigned long flags, char *data)
{
	struct fs_type *fst;
	struct blkdev *bd = NULL;
	struct super_block *sb;
	unsigned long mnt_flags = mnt_flags_of(flags, mp->mnt);
	long err;

	if (!type)
		return -EINVAL;
	fst = get_fs_type(type);
	if (!fst)
		return -ENODEV;
	if (data)
		generic_options(data, &flags);
	if (fst->requires_dev) {
		err = source_blkdev(source, &bd);
		if (err)
			return err;
	}
	sb = fst->mount(bd, flags & SB_FLAGS, data ? data : "");
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	if (!sb->source)
		sb->source = strdup(source ? source : "none");
	if (!sb->fstype)
		sb->fstype = fst->name;
	sb->flags |= flags & SB_FLAGS & ~(unsigned long)LINUX_MS_SILENT;
	return mount_new_fs(mp, sb, mnt_flags);
}

/* MS_SHARED, MS_PRIVATE...: exactly one, on a mount's root; no propagation kept. */
static long change_type(const struct path *mp, unsigned long flags)
{
	unsigned long type = flags & ~(unsigned long)(LINUX_MS_REC | LINUX_MS_SILENT);

	if (mp->dentry != mp->mnt->root)
		return -EINVAL;
	if (!type || (type & (type - 1)))
		return -EINVAL;
	return 0;
}

static long lookup_old(const char *name, struct path *old)
{
	if (!name || !*name)
		return -ENOENT;
	return vfs_lookup(LINUX_AT_FDCWD, name, LOOKUP_FOLLOW, old);
}

/* path_mount: choose the operation the flags name. */
static long do_mount(const char *source, const struct path *mp, const char *type,
		     unsigned long flags, char *data)
{
	struct path old;
	long err;

	if ((flags & LINUX_MS_MGC_MSK) == LINUX_MS_MGC_VAL)
		flags &= ~(unsigned long)LINUX_MS_MGC_MSK;
	if (flags & LINUX_MS_NOUSER)
		return -EINVAL;
	if (!capable_admin())
		return -EPERM;
	if (flags & LINUX_MS_REMOUNT) {
		unsigned long mnt_flags = mnt_flags_of(flags, mp->mnt);
		unsigned long sb_flags = flags & SB_FLAGS;

		if (flags & LINUX_MS_BIND)
			return mount_remount(mp, 0, mnt_flags, true);
		if (data)
			generic_options(data, &sb_flags);
		return mount_remount(mp, sb_flags, mnt_flags | (sb_flags & LINUX_MS_RDONLY),
				     false);
	}
	if (flags & LINUX_MS_BIND) {
		err = lookup_old(source, &old);
		if (err)
			return err;
		err = mount_bind(mp, &old, flags & LINUX_MS_REC);
		path_put(&old);
		return err;
	}
	if (flags & PROPAGATION_FLAGS)
		return change_type(mp, flags);
	if (!(flags & LINUX_MS_MOVE))
		return new_mount(mp, type, source, flags, data);
	err = lookup_old(source, &old);
	if (err)
		return err;
	err = mount_move(mp, &old);
	path_put(&old);
	return err;
}

SYSCALL_DEFINE(mount)
{
	char *source = NULL, *target = NULL, *type = NULL, *data = NULL;
	unsigned long flags = a[3];
	struct path mp;
	long err;

	err = mount_string(a[2], &type);
	if (!err)
		err = mount_string(a[0], &source);
	if (!err)
		err = mount_data(a[4], &data);
	if (!err) {
		target = getname(a[1]);
		if (IS_ERR(target)) {
			err = PTR_ERR(target);
			target = NULL;
		}
	}
	if (err)
		goto out;
	err = vfs_lookup(LINUX_AT_FDCWD, target, LOOKUP_FOLLOW, &mp);
	if (err)
		goto out;
	err = do_mount(source, &mp, type, flags, data);
	path_put(&mp);
out:
	free(data);
	putname(type);
	putname(source);
	putname(target);
	return err;
}

SYSCALL_DEFINE(umount2)
{
	int flags = (int)a[1];
	unsigned lookup = 0;
	struct path p;
	char *name;
	long err;

	if (flags & ~(LINUX_MNT_FORCE | LINUX_MNT_DETACH | LINUX_MNT_EXPIRE | LINUX_UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (!capable_admin())
		return -EPERM;
	if (!(flags & LINUX_UMOUNT_NOFOLLOW))
		lookup |= LOOKUP_FOLLOW;
	name = getname(a[0]);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_lookup(LINUX_AT_FDCWD, name, lookup, &p);
	putname(name);
	if (err)
		return err;
	if ((flags & LINUX_MNT_EXPIRE) && (p.dentry != p.mnt->root || !p.mnt->parent ||
					   (flags & (LINUX_MNT_FORCE | LINUX_MNT_DETACH))))
		err = -EINVAL;
	else if (flags & LINUX_MNT_EXPIRE)
		err = -EAGAIN;	/* marked; a second call would unmount an idle mount */
	else
		err = mount_umount(&p, flags);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(chroot)
{
	struct path p;
	long err = user_lookup(a[0], LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->inode, LINUX_X_OK, false);
	if (!err && !capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		err = vfs_chroot(&p);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(pivot_root)
{
	char *new_name = NULL, *old_name = NULL;
	struct path new_root, put_old, root;
	long err;

	if (!capable_admin())
		return -EPERM;
	err = mount_string(a[0], &new_name);
	if (!err && !new_name)
		err = -EFAULT;
	if (err)
		goto out;
	err = vfs_lookup(LINUX_AT_FDCWD, new_name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &new_root);
	if (err)
		goto out;
	err = mount_string(a[1], &old_name);
	if (!err && !old_name)
		err = -EFAULT;
	if (!err)
		err = vfs_lookup(LINUX_AT_FDCWD, old_name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
				 &put_old);
	if (!err) {
		current_root(&root);
		err = mount_pivot(&new_root, &put_old, &root);
		path_put(&put_old);
	}
	path_put(&new_root);
out:
	putname(new_name);
	putname(old_name);
	return err;
}
