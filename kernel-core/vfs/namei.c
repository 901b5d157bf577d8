/*
 * Path walking (path_resolution(7)).
 *
 * A walk starts at the root, the cwd or a directory fd and consumes the
 * name one component at a time. Symlinks met on the way push their target
 * on a small stack of strings still to walk, so nesting needs no recursion;
 * at most MAXSYMLINKS links are followed per walk (ELOOP). "." stays, ".."
 * climbs, never above the process root, and steps out of a mount from its
 * root; stepping onto a mount point enters the mount.
 *
 * Callers get either the final object (vfs_lookup), the parent and last
 * name for operations that create or remove (vfs_lookup_parent), or the
 * open variant that may return a negative last dentry (vfs_open_lookup).
 * Runs under the big kernel lock; the process root cannot change during a
 * walk, so nd->root holds no reference.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>

struct frame {
	char *buf;		/* owned copy of a symlink target; NULL for the caller's name */
	const char *rest;	/* what is left to walk */
};

struct nameidata {
	struct path path;	/* where the walk is; holds a reference */
	struct path root;	/* no reference (see above) */
	struct frame stack[MAXSYMLINKS + 1];
	int depth;
	int links;		/* symlinks followed so far */
	/* the last component, once walk_components() found it */
	const char *last;
	size_t last_len;
	enum last_type last_type;
	bool slash;		/* trailing slash after it */
	bool jumped;		/* the last link followed was a magic one */
};

static void nd_release(struct nameidata *nd)
{
	path_put(&nd->path);
	while (nd->depth > 0)
		free(nd->stack[--nd->depth].buf);
}

static int nd_init(struct nameidata *nd, int dfd, const char *name, unsigned flags)
{
	memset(nd, 0, sizeof(*nd));
	current_root(&nd->root);
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (name[0] == '/') {
		nd->path = nd->root;
	} else if (dfd == LINUX_AT_FDCWD) {
		current_pwd(&nd->path);
	} else {
		struct file *f = fd_lookup(dfd);

		if (!f)
			return -EBADF;
		if (!f->dentry)
			return -ENOTDIR;
		if (*name && !LINUX_S_ISDIR(f->inode->mode))
			return -ENOTDIR;
		nd->path.mnt = f->mnt;
		nd->path.dentry = f->dentry;
	}
	path_get(&nd->path);
	nd->stack[0].rest = name;
	nd->depth = 1;
	return 0;
}

/* Replace *p by the root of whatever is mounted on it, repeatedly. */
static void follow_mounts(struct path *p)
{
	struct mount *m;

	while ((m = mount_lookup(p->mnt, p->dentry))) {
		dget(m->root);
		mnt_get(m);
		path_put(p);
		p->mnt = m;
		p->dentry = m->root;
	}
}

static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct mount *parent;
		struct dentry *up;

		if (path_equal(&nd->path, &nd->root))
			return;
		if (nd->path.dentry != nd->path.mnt->root) {
			up = dget(nd->path.dentry->parent);
			dput(nd->path.dentry);
			nd->path.dentry = up;
			break;
		}
		if (!nd->path.mnt->parent)
			return;	/* "/.." is "/" */
		parent = mnt_get(nd->path.mnt->parent);
		up = dget(nd->path.mnt->mountpoint);
		path_put(&nd->path);
		nd->path.mnt = parent;
		nd->path.dentry = up;
	}
	follow_mounts(&nd->path);
}

/* Continue the walk inside the symlink's target (relative to nd->path). */
static int push_link(struct nameidata *nd, struct inode *link)
{
	const char *target;
	char *buf;

	if (++nd->links > MAXSYMLINKS || nd->depth > MAXSYMLINKS)
		return -ELOOP;
	nd->jumped = false;
	if (link->iops && link->iops->jump) {
		struct path to;
		int err = link->iops->jump(link, &to);

		if (err)
			return err;
		path_put(&nd->path);
		nd->path = to;
		nd->jumped = true;
		return 0;
	}
	if (!link->iops || !link->iops->get_link)
		return -EINVAL;
	target = link->iops->get_link(link);
	if (IS_ERR(target))
		return (int)PTR_ERR(target);
	if (!*target)
		return -ENOENT;
	buf = strdup(target);
	if (!buf)
		return -ENOMEM;
	nd->stack[nd->depth].buf = buf;
	nd->stack[nd->depth].rest = buf;
	nd->depth++;
	if (buf[0] == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	return 0;
}

/* The next component (len in *len), popping finished link targets; NULL at the end. */
static const char *next_component(struct nameidata *nd, size_t *len)
{
	while (nd->depth > 0) {
		struct frame *fr = &nd->stack[nd->depth - 1];
		const char *c;
		size_t n = 0;

		while (*fr->rest == '/')
			fr->rest++;
		if (*fr->rest) {
			c = fr->rest;
			while (c[n] && c[n] != '/')
				n++;
			fr->rest = c + n;
			*len = n;
			return c;
		}
		if (nd->depth == 1)
			return NULL;
		free(fr->buf);
		nd->depth--;
	}
	return NULL;
}

/* Is nothing but slashes left anywhere? *slash: were there any. */
static bool rest_is_empty(const struct nameidata *nd, bool *slash)
{
	*slash = false;
	for (int i = nd->depth - 1; i >= 0; i--) {
		for (const char *p = nd->stack[i].rest; *p; p++) {
			if (*p != '/')
				return false;
			*slash = true;
		}
	}
	return true;
}

static enum last_type classify(const char *c, size_t len)
{
	if (len == 1 && c[0] == '.')
		return LAST_DOT;
	if (len == 2 && c[0] == '.' && c[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/* Step into a component that is not the last one; symlinks are followed. */
static int walk_step(struct nameidata *nd, const char *name, size_t len, enum last_type type)
{
	struct path next;
	struct dentry *d;
	int err;

	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	d = d_lookup(nd->path.dentry, name, len);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (!d)
		return -ENOENT;
	next.mnt = mnt_get(nd->path.mnt);
	next.dentry = d;
	follow_mounts(&next);
	if (LINUX_S_ISLNK(next.dentry->inode->mode)) {
		err = push_link(nd, next.dentry->inode);
		path_put(&next);
		return err;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * Walk every component but the last and leave that one in nd->last. On
 * return nd->path is the directory to look it up in (checked to be one,
 * with search permission), or the result itself for LAST_ROOT.
 */
static int walk_components(struct nameidata *nd)
{
	for (;;) {
		size_t len;
		const char *c = next_component(nd, &len);
		enum last_type type;
		bool slash;
		int err;

		if (!c) {
			nd->last = NULL;
			nd->last_len = 0;
			nd->last_type = nd->jumped ? LAST_BIND : LAST_ROOT;
			nd->slash = false;
			return 0;
		}
		err = inode_permission(nd->path.dentry->inode, LINUX_X_OK, false);
		if (err)
			return err;
		type = classify(c, len);
		nd->jumped = false;
		if (rest_is_empty(nd, &slash)) {
			nd->last = c;
			nd->last_len = len;
			nd->last_type = type;
			nd->slash = slash;
			return 0;
		}
		err = walk_step(nd, c, len, type);
		if (err)
			return err;
		if (!LINUX_S_ISDIR(nd->path.dentry->inode->mode))
			return -ENOTDIR;
	}
}

/*
 * Resolve the last component into *res (with a reference). Returns 0, 1
 * when it was a symlink to follow (pushed: walk on), or -errno. A missing
 * name is -ENOENT, or a negative dentry when allow_neg.
 */
static int lookup_last(struct nameidata *nd, bool follow, bool allow_neg, struct path *res)
{
	struct path p;
	struct dentry *d;
	int err;

	switch (nd->last_type) {
	case LAST_DOTDOT:
		follow_dotdot(nd);
		/* fall through */
	case LAST_ROOT:
	case LAST_BIND:
	case LAST_DOT:
		*res = nd->path;
		path_get(res);
		return 0;
	case LAST_NORM:
		break;
	}
	if (nd->last_len > NAME_MAX)
		return -ENAMETOOLONG;
	d = d_lookup(nd->path.dentry, nd->last, nd->last_len);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (!d) {
		if (!allow_neg)
			return -ENOENT;
		d = d_alloc(nd->path.dentry, nd->last, nd->last_len);
		if (!d)
			return -ENOMEM;
		res->mnt = mnt_get(nd->path.mnt);
		res->dentry = d;
		return 0;
	}
	p.mnt = mnt_get(nd->path.mnt);
	p.dentry = d;
	follow_mounts(&p);
	if (follow && LINUX_S_ISLNK(p.dentry->inode->mode)) {
		err = push_link(nd, p.dentry->inode);
		path_put(&p);
		return err ? err : 1;
	}
	*res = p;
	return 0;
}

int vfs_lookup(int dfd, const char *name, unsigned flags, struct path *out)
{
	struct nameidata nd;
	int err = nd_init(&nd, dfd, name, flags);

	while (!err) {
		err = walk_components(&nd);
		if (err)
			break;
		err = lookup_last(&nd, (flags & LOOKUP_FOLLOW) || nd.slash, false, out);
		if (err != 1)
			break;
		err = 0;	/* a symlink: walk its target */
	}
	if (!err && ((flags & LOOKUP_DIRECTORY) || nd.slash) &&
	    !LINUX_S_ISDIR(out->dentry->inode->mode)) {
		path_put(out);
		err = -ENOTDIR;
	}
	nd_release(&nd);
	return err;
}

int user_lookup(uaddr_t uname, unsigned flags, struct path *out)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	err = vfs_lookup(LINUX_AT_FDCWD, name, flags, out);
	putname(name);
	return err;
}

int vfs_lookup_parent(int dfd, const char *name, struct path *parent,
		      const char **last, size_t *len, enum last_type *type, bool *slash)
{
	struct nameidata nd;
	int err = nd_init(&nd, dfd, name, 0);

	if (!err)
		err = walk_components(&nd);
	if (!err && nd.last_type == LAST_NORM && nd.last_len > NAME_MAX)
		err = -ENAMETOOLONG;
	if (!err) {
		/* the last component always lies in the caller's name (frame 0) */
		*parent = nd.path;
		path_get(parent);
		*last = nd.last;
		*len = nd.last_len;
		*type = nd.last_type;
		*slash = nd.slash;
	}
	nd_release(&nd);
	return err;
}

int vfs_open_lookup(int dfd, const char *name, unsigned oflags, struct path *dir,
		    struct path *res, enum last_type *type, bool *slash)
{
	bool create = oflags & LINUX_O_CREAT;
	bool nofollow = (oflags & LINUX_O_NOFOLLOW) || (create && (oflags & LINUX_O_EXCL));
	struct nameidata nd;
	int err = nd_init(&nd, dfd, name, 0);

	while (!err) {
		err = walk_components(&nd);
		if (err)
			break;
		/* open(2): O_CREAT with a trailing slash or "."/".." names a directory */
		if (create && (nd.slash || (nd.last_type != LAST_NORM &&
					    nd.last_type != LAST_BIND))) {
			err = -EISDIR;
			break;
		}
		err = lookup_last(&nd, nd.slash || !nofollow, create, res);
		if (err != 1)
			break;
		err = 0;
	}
	if (!err) {
		*dir = nd.path;
		path_get(dir);
		*type = nd.last_type;
		*slash = nd.slash;
	}
	nd_release(&nd);
	return err;
}
