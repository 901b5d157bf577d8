/*
 * ubd: the virtual disks. Disk N is a host file given on the command line
 * (--disk FILE[,ro], UML's ubdN=FILE[,ro] or ubdNr=FILE); the guest sees
 * it as /dev/ubd<a+N>, block major 98, minor 16*N, as under UML.
 *
 * The block-device ops are synchronous: the caller gets its data (or its
 * write is in the host file) when the op returns. umk is one kernel thread
 * under a big kernel lock, and a syscall that sleeps is restarted from the
 * top when its task wakes; an asynchronous request would need the file
 * system's call chain to be restartable halfway through a block map or a
 * directory update, which it is not. So the op waits for the host, but the
 * host sees one batched request stream (blkio.c: up to 1 MiB per piece,
 * many in flight), and guest threads that compute keep running meanwhile.
 *
 * Small writes are gathered: a write that continues the previous one is
 * appended to a write-behind buffer (up to WB_MAX), which goes to the host
 * as one request when a write does not continue it, before any read from
 * the host, and on flush. Page write-back is one page per call, so a
 * 256 MiB file goes out as 256 requests of 1 MiB, not 65,536 small ones.
 * The price: a host error of a gathered write is reported by the call that
 * sends the buffer (a later write, a read, or the flush that fsync ends
 * with), and a kill -9 of umk loses what was gathered but not flushed,
 * which nothing had asked to be durable yet. Flush is the buffer, then an
 * fsync of the host file.
 *
 * A small read-ahead window sits in front of the host: the file systems
 * read a page or a block at a time, and a sequential stream of 4 KiB reads
 * would otherwise be one host round trip each. When a read continues past
 * the previous one, the driver reads a window (128 KiB, doubling to
 * 2 MiB) in one request and serves the next reads from it, like a disk's
 * track cache. Writes update the bytes they overlap, so it is never stale.
 *
 * Big kernel lock; the table only grows at boot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drivers/drivers.h>
#include <host/host.h>
#include <umk/blkdev.h>
#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/printk.h>
#include <uapi/linux_stat.h>

#define UBD_MAJOR 98
#define UBD_MAX 16
#define RA_MIN (128u << 10)
#define RA_MAX (2u << 20)
#define WB_MAX (1u << 20)

struct ubd {
	struct blkdev bd;
	struct host_disk *host;
	char *path;
	/* read-ahead window: ra_len bytes of the disk at ra_off */
	char *ra_buf;
	uint64_t ra_off;
	size_t ra_len;
	size_t ra_next;		/* size of the next window */
	/* write-behind buffer: wb_len bytes for the disk at wb_off */
	char *wb_buf;
	uint64_t wb_off;
	size_t wb_len;
};

static struct ubd *ubds[UBD_MAX];

/* Host errors as the guest sees them: a full host disk is ENOSPC, the rest EIO. */
static int ubd_error(struct ubd *u, const char *op, uint64_t off, int err)
{
	printk("ubd: %s: %s error at byte %llu: %s\n", u->bd.name, op,
	       (unsigned long long)off, errno_text(err));
	return err == -ENOSPC ? -ENOSPC : -EIO;
}

static bool in_range(const struct blkdev *bd, uint64_t off, size_t len)
{
	return off <= bd->size && len <= bd->size - off;
}

/* Send the gathered writes to the host. 0 or the guest's errno. */
static int wb_flush(struct ubd *u)
{
	uint64_t off = u->wb_off;
	int err;

	if (!u->wb_len)
		return 0;
	err = host_disk_write(u->host, off, u->wb_buf, u->wb_len);
	u->wb_len = 0;
	if (err) {
		u->ra_len = 0;	/* part of it may have reached the host */
		return ubd_error(u, "write", off, err);
	}
	return 0;
}

/* Fill the window with the bytes at off (as far as the disk goes). */
static int ra_fill(struct ubd *u, uint64_t off)
{
	size_t len = (size_t)MIN((uint64_t)u->ra_next, u->bd.size - off);
	int err;

	u->ra_len = 0;
	err = host_disk_read(u->host, off, u->ra_buf, len);
	if (err)
		return err;
	u->ra_off = off;
	u->ra_len = len;
	u->ra_next = MIN(u->ra_next * 2, RA_MAX);
	return 0;
}

static int ubd_read(struct blkdev *bd, uint64_t off, void *buf, size_t len)
{
	struct ubd *u = bd->priv;
	uint64_t ra_end = u->ra_off + u->ra_len;
	int err;

	if (!in_range(bd, off, len))
		return -EIO;
	if (!len)
		return 0;
	if (u->ra_len && off >= u->ra_off && off + len <= ra_end) {
		memcpy(buf, u->ra_buf + (off - u->ra_off), len);
		return 0;
	}
	/* The host must hold everything written before we read from it. */
	err = wb_flush(u);
	if (err)
		return err;
	/*
	 * Small and near where the window ended (metadata reads of a file
	 * system come in between): read ahead. Large or random: go direct.
	 */
	if (u->ra_buf && len <= RA_MIN && u->ra_len && off >= u->ra_off &&
	    off <= ra_end + RA_MIN) {
		err = ra_fill(u, off);
		if (err)
			return ubd_error(u, "read", off, err);
		if (len <= u->ra_len) {
			memcpy(buf, u->ra_buf, len);
			return 0;
		}
	}
	err = host_disk_read(u->host, off, buf, len);
	if (err)
		return ubd_error(u, "read", off, err);
	if (u->ra_buf && len <= RA_MIN) {
		/* A new stream may start here: this read is its first window. */
		memcpy(u->ra_buf, buf, len);
		u->ra_off = off;
		u->ra_len = len;
		u->ra_next = RA_MIN;
	}
	return 0;
}

static int ubd_write(struct blkdev *bd, uint64_t off, const void *buf, size_t len)
{
	struct ubd *u = bd->priv;
	uint64_t ra_end = u->ra_off + u->ra_len;
	int err;

	if (bd->read_only)
		return -EROFS;
	if (!in_range(bd, off, len))
		return -EIO;
	if (!len)
		return 0;
	if (u->wb_buf && len <= WB_MAX / 4) {
		if (!u->wb_len || off != u->wb_off + u->wb_len || u->wb_len + len > WB_MAX) {
			err = wb_flush(u);
			if (err)
				return err;
			u->wb_off = off;
		}
		memcpy(u->wb_buf + u->wb_len, buf, len);
		u->wb_len += len;
	} else {
		err = wb_flush(u);
		if (err)
			return err;
		err = host_disk_write(u->host, off, buf, len);
		if (err) {
			u->ra_len = 0;	/* part of it may have reached the host */
			return ubd_error(u, "write", off, err);
		}
	}
	/* Keep the window what the disk now holds. */
	if (u->ra_len && off < ra_end && off + len > u->ra_off) {
		uint64_t from = MAX(off, u->ra_off), to = MIN(off + len, ra_end);

		memcpy(u->ra_buf + (from - u->ra_off), (const char *)buf + (from - off),
		       (size_t)(to - from));
	}
	return 0;
}

/* The segments as the host layer takes them, or NULL (no memory). */
static struct host_iovec *host_vec(const struct kvec *v, unsigned n, size_t *len)
{
	struct host_iovec *hv = malloc(sizeof(*hv) * (n ? n : 1));

	*len = 0;
	if (!hv)
		return NULL;
	for (unsigned i = 0; i < n; i++) {
		hv[i] = (struct host_iovec){ v[i].base, v[i].len };
		*len += v[i].len;
	}
	return hv;
}

/*
 * Direct I/O: straight between guest pages and the host file. The host
 * must hold every gathered write first; a write drops the read-ahead
 * window it overlaps instead of patching it from the scattered segments.
 */
static int ubd_rwv(struct blkdev *bd, bool write, uint64_t off, const struct kvec *v,
		   unsigned n)
{
	struct ubd *u = bd->priv;
	struct host_iovec *hv;
	size_t len;
	int err;

	if (write && bd->read_only)
		return -EROFS;
	hv = host_vec(v, n, &len);
	if (!hv)
		return -ENOMEM;
	err = in_range(bd, off, len) ? wb_flush(u) : -EIO;
	if (!err && len) {
		err = write ? host_disk_writev(u->host, off, hv, n) : host_disk_readv(u->host, off, hv, n);
		if (write && u->ra_len && off < u->ra_off + u->ra_len && off + len > u->ra_off)
			u->ra_len = 0;
		if (err)
			err = ubd_error(u, write ? "write" : "read", off, err);
	}
	free(hv);
	return err;
}

static int ubd_readv(struct blkdev *bd, uint64_t off, const struct kvec *v, unsigned n)
{
	return ubd_rwv(bd, false, off, v, n);
}

static int ubd_writev(struct blkdev *bd, uint64_t off, const struct kvec *v, unsigned n)
{
	return ubd_rwv(bd, true, off, v, n);
}

static int ubd_flush(struct blkdev *bd)
{
	struct ubd *u = bd->priv;
	int err;

	if (bd->read_only)
		return 0;
	err = wb_flush(u);
	if (err)
		return err;
	err = host_disk_flush(u->host);
	return err ? ubd_error(u, "flush", 0, err) : 0;
}

static const struct blkdev_ops ubd_ops = {
	.read = ubd_read,
	.write = ubd_write,
	.readv = ubd_readv,
	.writev = ubd_writev,
	.flush = ubd_flush,
};

int ubd_add(int index, const char *path, bool read_only)
{
	struct ubd *u;
	uint64_t size;
	int err;

	if (index < 0 || index >= UBD_MAX) {
		printk("umk: disk %d: at most %d disks (ubd0..ubd%d)\n", index, UBD_MAX, UBD_MAX - 1);
		return -EINVAL;
	}
	if (ubds[index]) {
		printk("umk: ubd%d is given twice (%s and %s)\n", index, ubds[index]->path, path);
		return -EEXIST;
	}
	u = calloc(1, sizeof(*u));
	if (!u)
		return -ENOMEM;
	err = host_disk_open(path, read_only, &u->host, &size);
	if (err) {
		switch (err) {
		case -EROFS:
			printk("umk: disk image %s is read-only on the host; "
			       "give it as %s,ro to use it read-only\n", path, path);
			break;
		case -EBUSY:
			printk("umk: disk image %s is in use by another process "
			       "(it is locked; is another umk running on it?)\n", path);
			break;
		case -EISDIR:
			printk("umk: disk image %s is a directory\n", path);
			break;
		case -EINVAL:
			printk("umk: disk image %s is not a regular file or block device\n", path);
			break;
		default:
			printk("umk: cannot open disk image %s: %s\n", path, errno_text(err));
			break;
		}
		free(u);
		return err;
	}
	if (size < BLKDEV_SECTOR) {
		printk("umk: disk image %s is smaller than one sector (%llu bytes)\n",
		       path, (unsigned long long)size);
		host_disk_close(u->host);
		free(u);
		return -EINVAL;
	}
	snprintf(u->bd.name, sizeof(u->bd.name), "ubd%c", 'a' + index);
	u->bd.rdev = LINUX_MKDEV(UBD_MAJOR, 16 * index);
	u->bd.size = size & ~(uint64_t)(BLKDEV_SECTOR - 1);	/* a partial last sector is not used */
	u->bd.read_only = read_only;
	u->bd.ops = &ubd_ops;
	u->bd.priv = u;
	u->path = strdup(path);
	u->ra_buf = malloc(RA_MAX);	/* no window if this fails: just slower */
	u->ra_next = RA_MIN;
	if (!read_only)
		u->wb_buf = malloc(WB_MAX);	/* none: every write goes straight out */
	err = blkdev_register(&u->bd);
	if (err) {
		printk("umk: cannot register %s: %s\n", u->bd.name, errno_text(err));
		host_disk_close(u->host);
		free(u->ra_buf);
		free(u->wb_buf);
		free(u->path);
		free(u);
		return err;
	}
	ubds[index] = u;
	return 0;
}
