/*
 * Host disk images: the host half of the virtual block device.
 *
 * A disk is a host file (or host block device) opened once at boot. Its
 * requests go to the host through an io_uring of its own (liburing 2.3):
 * a request is cut into pieces of at most HOST_DISK_CHUNK bytes, up to
 * HOST_DISK_QD of them are queued and submitted with one io_uring_enter,
 * and the call returns when every piece has completed. So a 256 MiB read
 * is a stream of 1 MiB operations with many in flight, not a loop of
 * small synchronous round trips. A short completion (the host may return
 * less than asked) is finished with plain pread/pwrite.
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

/* Plain pread/pwrite of all of [off, off + len): 0 or -errno (-EIO at EOF). */
static int sync_rw(struct host_disk *d, bool write, uint64_t off, char *buf, size_t len)
{
	while (len) {
		ssize_t r = write ? pwrite(d->fd, buf, len, (off_t)off)
				  : pread(d->fd, buf, len, (off_t)off);

		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		if (r == 0)
			return write ? -ENOSPC : -EIO;
		buf += r;
		off += (uint64_t)r;
		len -= (size_t)r;
	}
	return 0;
}

/*
 * The batched request: queue pieces while there is room, submit them and
 * wait for at least one completion in the same call, reap every completion
 * there is, repeat. Nothing is left in flight on return, even after an
 * error, since the pieces point into the caller's buffer.
 */
static int ring_rw(struct host_disk *d, bool write, uint64_t off, char *buf, size_t len)
{
	size_t next = 0;
	unsigned inflight = 0;
	int err = 0;

	while (next < len || inflight) {
		struct io_uring_cqe *cqe;
		int r;

		while (next < len && !err) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&d->ring);
			unsigned n = (unsigned)MIN_SZ(HOST_DISK_CHUNK, len - next);

			if (!sqe)
				break;
			if (write)
				io_uring_prep_write(sqe, d->fd, buf + next, n, off + next);
			else
				io_uring_prep_read(sqe, d->fd, buf + next, n, off + next);
			io_uring_sqe_set_data64(sqe, next);
			next += n;
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
			size_t start = (size_t)io_uring_cqe_get_data64(cqe);
			size_t n = MIN_SZ(HOST_DISK_CHUNK, len - start);
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
			if ((size_t)res < n) {
				r = sync_rw(d, write, off + start + (size_t)res,
					    buf + start + (size_t)res, n - (size_t)res);
				if (r && !err)
					err = r;
			}
		}
	}
	return err;
}

int host_disk_read(struct host_disk *d, uint64_t off, void *buf, size_t len)
{
	if (!d->have_ring)
		return sync_rw(d, false, off, buf, len);
	return ring_rw(d, false, off, buf, len);
}

int host_disk_write(struct host_disk *d, uint64_t off, const void *buf, size_t len)
{
	if (!d->have_ring)
		return sync_rw(d, true, off, (char *)buf, len);
	return ring_rw(d, true, off, (char *)buf, len);
}

int host_disk_flush(struct host_disk *d)
{
	while (fsync(d->fd) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}
