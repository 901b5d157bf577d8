/*
 * Host disk images: the host half of the virtual block device.
 *
 * A disk is a host file (or host block device) opened once at boot. Its
 * requests go to the host through an io_uring of its own (liburing 2.3):
 * a request is cut into pieces of at most HOST_DISK_CHUNK bytes, up to
 * HOST_DISK_QD of them are queued and submitted with one io_uring_enter,
 * and the call returns when every piece has completed. So a 256 MiB read
 * is a stream of 1 MiB operations with many in flight, not a loop of
 * small synchronous round trips. A vectored request (direct I/O between
 * the disk and scattered guest pages) is cut the same way, into readv and
 * writev pieces. A short completion (the host may return less than asked)
 * is finished with plain preadv/pwritev.
 *
 * Opened read-write, the image is locked with flock(LOCK_EX|LOCK_NB);
 * read-only, with LOCK_SH|LOCK_NB: a second umk cannot write an image
 * another one uses, and nobody reads one that is being written.
 *
 * Each disk belongs to umk's one kernel thread: no locking here.
 */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>
#include <limits.h>
#include <sys/uio.h>

#include <host/host.h>

#define HOST_DISK_QD 32
#define HOST_DISK_CHUNK (1u << 20)
#define MIN_SZ(a, b) ((size_t)(a) < (size_t)(b) ? (size_t)(a) : (size_t)(b))

struct host_disk {
	int fd;
	bool have_ring;		/* false: io_uring unavailable, use pread/pwrite */
	struct io_uring ring;
};

/* Whether the host would let anyone write the file: a write bit is set. */
static bool mode_writable(const struct stat *st)
{
	return S_ISBLK(st->st_mode) || (st->st_mode & 0222);
}

int host_disk_open(const char *path, bool read_only, struct host_disk **out,
		   uint64_t *size)
{
	struct host_disk *d;
	struct stat st;
	uint64_t bytes;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		goto fail_errno;
	if (S_ISDIR(st.st_mode)) {
		err = -EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		err = -EINVAL;
		goto fail;
	}
	if (!read_only) {
		int rw;

		/*
		 * A file nobody may write is read-only on the host even for
		 * root, who could open it anyway: the user meant it so.
		 */
		if (!mode_writable(&st)) {
			err = -EROFS;
			goto fail;
		}
		rw = open(path, O_RDWR | O_CLOEXEC);
		if (rw < 0) {
			err = (errno == EACCES || errno == EPERM || errno == ETXTBSY) ? -EROFS : -errno;
			goto fail;
		}
		close(fd);
		fd = rw;
	}
	if (flock(fd, (read_only ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
		err = errno == EWOULDBLOCK ? -EBUSY : -errno;
		goto fail;
	}
	if (S_ISBLK(st.st_mode)) {
		if (ioctl(fd, BLKGETSIZE64, &bytes) < 0)
			goto fail_errno;
	} else {
		bytes = (uint64_t)st.st_size;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		err = -ENOMEM;
		goto fail;
	}
	d->fd = fd;
	d->have_ring = io_uring_queue_init(HOST_DISK_QD, &d->ring, 0) == 0;
	*out = d;
	*size = bytes;
	return 0;

fail_errno:
	err = -errno;
fail:
	close(fd);
	return err;
}

void host_disk_close(struct host_disk *d)
{
	if (!d)
		return;
	if (d->have_ring)
		io_uring_queue_exit(&d->ring);
	close(d->fd);
	free(d);
}

/* A piece of a request: cnt iovecs from first, len bytes at off. */
struct piece {
	size_t first;
	unsigned cnt;
	uint64_t off;
	size_t len;
};

/*
 * preadv/pwritev all of the cnt iovecs (which it consumes) at off, less
 * the first done bytes: 0 or -errno (-EIO at the end of the file, -ENOSPC
 * for a write that makes no progress).
 */
static int sync_rwv(struct host_disk *d, bool write, uint64_t off, struct iovec *iov,
		    unsigned cnt, size_t done)
{
	off += done;
	for (;;) {
		ssize_t r;
		int n;

		while (cnt && done >= iov->iov_len) {
			done -= iov->iov_len;
			iov++;
			cnt--;
		}
		if (!cnt)
			return 0;
		iov->iov_base = (char *)iov->iov_base + done;
		iov->iov_len -= done;
		n = (int)MIN_SZ(cnt, IOV_MAX);
		r = write ? pwritev(d->fd, iov, n, (off_t)off) : preadv(d->fd, iov, n, (off_t)off);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				done = 0;
				continue;
			}
			return -errno;
		}
		if (r == 0)
			return write ? -ENOSPC : -EIO;
		done = (size_t)r;
		off += (uint64_t)r;
	}
}

/*
 * The batched request: queue pieces while there is room, submit them and
 * wait for at least one completion in the same call, reap every completion
 * there is, repeat. Nothing is left in flight on return, even after an
 * error, since the pieces point into the caller's memory. A short
 * completion is finished by hand.
 */
static int ring_rwv(struct host_disk *d, bool write, struct iovec *iov, struct piece *pc,
		    unsigned npieces)
{
	unsigned next = 0, inflight = 0;
	int err = 0;

	while (next < npieces || inflight) {
		struct io_uring_cqe *cqe;
		int r;

		while (next < npieces && !err) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&d->ring);
			struct piece *p = &pc[next];

			if (!sqe)
				break;
			if (write)
				io_uring_prep_writev(sqe, d->fd, iov + p->first, p->cnt, p->off);
			else
				io_uring_prep_readv(sqe, d->fd, iov + p->first, p->cnt, p->off);
			io_uring_sqe_set_data64(sqe, next);
			next++;
			inflight++;
		}
		if (err && !inflight)
			break;
		r = io_uring_submit_and_wait(&d->ring, 1);
		if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
			/* The ring itself broke: nothing more completes through it. */
			return r;
		}
		while (io_uring_peek_cqe(&d->ring, &cqe) == 0) {
			struct piece *p = &pc[io_uring_cqe_get_data64(cqe)];
			int res = cqe->res;

			io_uring_cqe_seen(&d->ring, cqe);
			inflight--;
			if (res == -EAGAIN || res == -EINTR)
				res = 0;	/* finish it by hand */
			if (res < 0) {
				if (!err)
					err = res;
				continue;
			}
			if ((size_t)res < p->len) {
				r = sync_rwv(d, write, p->off, iov + p->first, p->cnt, (size_t)res);
				if (r && !err)
					err = r;
			}
		}
	}
	return err;
}

/*
 * All of the n segments from or to the disk at off: cut into pieces of at
 * most HOST_DISK_CHUNK bytes and IOV_MAX iovecs, sent through the ring
 * (or by hand without one).
 */
static int disk_rwv(struct host_disk *d, bool write, uint64_t off, const struct host_iovec *v,
		    unsigned n)
{
	size_t total = 0, seg_off = 0, max_pieces, nio = 0;
	struct iovec *iov;
	struct piece *pc;
	unsigned np = 0;
	int err = 0;

	for (unsigned i = 0; i < n; i++)
		total += v[i].len;
	/* a piece ends full of bytes, full of iovecs (one of them a split), or last */
	max_pieces = total / HOST_DISK_CHUNK + n / (IOV_MAX - 1) + 2;
	iov = malloc(sizeof(*iov) * (n + max_pieces));
	pc = malloc(sizeof(*pc) * max_pieces);
	if (!iov || !pc) {
		free(iov);
		free(pc);
		return -ENOMEM;
	}
	for (unsigned i = 0; i < n;) {
		struct piece *p = &pc[np];

		*p = (struct piece){ .first = nio, .off = off };
		while (i < n && p->len < HOST_DISK_CHUNK && p->cnt < IOV_MAX) {
			size_t take = MIN_SZ(v[i].len - seg_off, HOST_DISK_CHUNK - p->len);

			if (take) {
				iov[nio++] = (struct iovec){ (char *)v[i].base + seg_off, take };
				p->cnt++;
				p->len += take;
			}
			seg_off += take;
			if (seg_off == v[i].len) {
				i++;
				seg_off = 0;
			}
		}
		off += p->len;
		if (p->cnt)
			np++;
	}
	if (d->have_ring) {
		err = ring_rwv(d, write, iov, pc, np);
	} else {
		for (unsigned i = 0; i < np && !err; i++)
			err = sync_rwv(d, write, pc[i].off, iov + pc[i].first, pc[i].cnt, 0);
	}
	free(iov);
	free(pc);
	return err;
}

int host_disk_read(struct host_disk *d, uint64_t off, void *buf, size_t len)
{
	struct host_iovec v = { buf, len };

	return disk_rwv(d, false, off, &v, 1);
}

int host_disk_write(struct host_disk *d, uint64_t off, const void *buf, size_t len)
{
	struct host_iovec v = { (void *)buf, len };

	return disk_rwv(d, true, off, &v, 1);
}

int host_disk_readv(struct host_disk *d, uint64_t off, const struct host_iovec *v, unsigned n)
{
	return disk_rwv(d, false, off, v, n);
}

int host_disk_writev(struct host_disk *d, uint64_t off, const struct host_iovec *v, unsigned n)
{
	return disk_rwv(d, true, off, v, n);
}

int host_disk_flush(struct host_disk *d)
{
	while (fsync(d->fd) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}
