/*
 * Host files: disk images, the initrd, and umk's standard streams.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <host/host.h>

int host_open(const char *path, int flags)
{
	int fd = open(path, (flags == HOST_O_RDWR ? O_RDWR : O_RDONLY) | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int host_close(int fd)
{
	return close(fd) < 0 ? -errno : 0;
}

long host_read(int fd, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : r;
}

long host_write(int fd, const void *buf, size_t n)
{
	ssize_t r = write(fd, buf, n);

	return r < 0 ? -errno : r;
}

long host_pread(int fd, void *buf, size_t n, uint64_t off)
{
	ssize_t r = pread(fd, buf, n, (off_t)off);

	return r < 0 ? -errno : r;
}

long host_pwrite(int fd, const void *buf, size_t n, uint64_t off)
{
	ssize_t r = pwrite(fd, buf, n, (off_t)off);

	return r < 0 ? -errno : r;
}

long host_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	size_t done = 0;

	while (done < n) {
		ssize_t r = write(fd, p + done, n - done);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd pfd = { .fd = fd, .events = POLLOUT };

				poll(&pfd, 1, -1);
				continue;
			}
			return -errno;
		}
		done += (size_t)r;
	}
	return (long)n;
}

long host_file_size(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	return st.st_size;
}

int host_read_file(const char *path, void **data, size_t *len)
{
	int fd = host_open(path, HOST_O_RDONLY);
	long size, r;
	size_t done = 0;
	char *buf;

	if (fd < 0)
		return fd;
	size = host_file_size(fd);
	if (size < 0) {
		close(fd);
		return (int)size;
	}
	buf = malloc(size ? (size_t)size : 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (done < (size_t)size) {
		r = host_read(fd, buf + done, (size_t)size - done);
		if (r <= 0) {
			free(buf);
			close(fd);
			return r < 0 ? (int)r : -EIO;
		}
		done += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = done;
	return 0;
}

int host_fd_move_high(int fd, int min)
{
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, min);

	if (nfd < 0)
		return -errno;
	close(fd);
	return nfd;
}

bool host_isatty(int fd)
{
	return isatty(fd) == 1;
}

int host_winsize(int fd, unsigned *rows, unsigned *cols)
{
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) < 0)
		return -errno;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}

int host_fd_readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int r = poll(&pfd, 1, 0);

	if (r < 0)
		return -errno;
	return r > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL));
}

int host_poll_read(const int *fds, int n, bool *ready, int64_t timeout_ns)
{
	struct pollfd pfd[64];
	struct timespec ts, *tsp = NULL;
	int r;

	if (n > 64)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		pfd[i].fd = fds[i];
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	r = ppoll(pfd, (nfds_t)n, tsp, NULL);
	if (r < 0)
		return -errno;
	for (int i = 0; i < n; i++)
		ready[i] = pfd[i].revents != 0;
	return r;
}
