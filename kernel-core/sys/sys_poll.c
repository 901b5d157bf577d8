/*
 * Waiting for file readiness: poll, ppoll, select, pselect6 (poll(2),
 * select(2)). Each try checks every file's ->poll; if nothing is ready the
 * task sleeps on poll_wq (woken by any wake_up) until its deadline, kept
 * in current->restart across the retries.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs.h>
#include <uapi/linux_poll.h>
#include <uapi/linux_time.h>

#define DEFAULT_POLLMASK (LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM)
#define POLLIN_SET (LINUX_POLLIN | LINUX_POLLRDNORM | LINUX_POLLHUP | LINUX_POLLERR)
#define POLLOUT_SET (LINUX_POLLOUT | LINUX_POLLWRNORM | LINUX_POLLERR)
#define POLLEX_SET LINUX_POLLPRI

static unsigned file_poll(struct file *f)
{
	return f->fops && f->fops->poll ? f->fops->poll(f) : DEFAULT_POLLMASK;
}

/* First try: remember the deadline (-1: none). Returns false on a bad timeout. */
static void set_deadline(int64_t timeout_ns)
{
	if (current->restart_valid)
		return;
	current->restart.deadline_ns = timeout_ns < 0 ? -1 : ktime_mono_ns() + timeout_ns;
}

static bool timed_out(void)
{
	int64_t d = current->restart.deadline_ns;

	return d >= 0 && ktime_mono_ns() >= d;
}

/* A signal ends the wait with EINTR whatever SA_RESTART says (poll(2)). */
static long sleep_more(void)
{
	int64_t d = current->restart.deadline_ns;
	long r = d < 0 ? sched_wait(&poll_wq) : sched_wait_until(&poll_wq, d);

	return r == -ERESTARTSYS ? -ERESTARTNOHAND : r;
}

static long do_poll(uaddr_t ufds, uint64_t nfds, int64_t timeout_ns)
{
	struct linux_pollfd *fds;
	long ready = 0;

	if (nfds > current->rlim[LINUX_RLIMIT_NOFILE].rlim_cur || nfds > 1048576)
		return -EINVAL;
	set_deadline(timeout_ns);
	fds = malloc(sizeof(*fds) * (nfds ? nfds : 1));
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, sizeof(*fds) * nfds)) {
		free(fds);
		return -EFAULT;
	}
	for (uint64_t i = 0; i < nfds; i++) {
		struct file *f;
		unsigned mask;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = fd_lookup(fds[i].fd);
		if (!f)
			mask = LINUX_POLLNVAL;
		else
			mask = file_poll(f) & ((uint16_t)fds[i].events | LINUX_POLLERR |
					       LINUX_POLLHUP | LINUX_POLLNVAL);
		fds[i].revents = (int16_t)mask;
		if (mask)
			ready++;
	}
	if (!ready && timeout_ns != 0 && !timed_out()) {
		free(fds);
		return sleep_more();
	}
	for (uint64_t i = 0; i < nfds; i++) {
		if (copy_to_user(ufds + i * sizeof(*fds) + offsetof(struct linux_pollfd, revents),
				 &fds[i].revents, sizeof(fds[i].revents))) {
			free(fds);
			return -EFAULT;
		}
	}
	free(fds);
	return ready;
}

SYSCALL_DEFINE(poll)
{
	int timeout_ms = (int)a[2];

	return do_poll(a[0], a[1], timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000);
}

/* A guest timeout; NULL means none (-1). */
static long read_timespec(uaddr_t uts, int64_t *ns)
{
	if (!uts) {
		*ns = -1;
		return 0;
	}
	return timespec_from_user(uts, ns);
}

SYSCALL_DEFINE(ppoll)
{
	int64_t ns = -1;

	if (!current->restart_valid) {
		long err = read_timespec(a[2], &ns);

		if (err)
			return err;
		if (a[3] && a[4] != sizeof(linux_sigset_t))
			return -EINVAL;
	}
	return do_poll(a[0], a[1], ns);
}

/* select: fd_set bitmaps of nfds bits. */
static long do_select(int nfds, uaddr_t uin, uaddr_t uout, uaddr_t uex, int64_t timeout_ns)
{
	size_t words = ((size_t)nfds + 63) / 64;
	uint64_t *in, *out, *ex, *rin, *rout, *rex;
	uaddr_t u[3] = { uin, uout, uex };
	long ready = 0, err = 0;

	if (nfds < 0 || (uint64_t)nfds > current->rlim[LINUX_RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	set_deadline(timeout_ns);
	in = calloc(6 * (words ? words : 1), sizeof(uint64_t));
	if (!in)
		return -ENOMEM;
	out = in + words;
	ex = out + words;
	rin = ex + words;
	rout = rin + words;
	rex = rout + words;
	for (int k = 0; k < 3; k++) {
		uint64_t *set = k == 0 ? in : k == 1 ? out : ex;

		if (u[k] && copy_from_user(set, u[k], words * 8)) {
			err = -EFAULT;
			goto out_free;
		}
	}
	for (int fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ULL << (fd % 64);
		size_t w = (size_t)fd / 64;
		struct file *f;
		unsigned mask;

		if (!((in[w] | out[w] | ex[w]) & bit))
			continue;
		f = fd_lookup(fd);
		if (!f) {
			err = -EBADF;
			goto out_free;
		}
		mask = file_poll(f);
		if ((in[w] & bit) && (mask & POLLIN_SET)) {
			rin[w] |= bit;
			ready++;
		}
		if ((out[w] & bit) && (mask & POLLOUT_SET)) {
			rout[w] |= bit;
			ready++;
		}
		if ((ex[w] & bit) && (mask & POLLEX_SET)) {
			rex[w] |= bit;
			ready++;
		}
	}
	if (!ready && timeout_ns != 0 && !timed_out()) {
		err = sleep_more();
		goto out_free;
	}
	for (int k = 0; k < 3; k++) {
		uint64_t *res = k == 0 ? rin : k == 1 ? rout : rex;

		if (u[k] && copy_to_user(u[k], res, words * 8)) {
			err = -EFAULT;
			goto out_free;
		}
	}
	err = ready;
out_free:
	free(in);
	return err;
}

/* Time left before the deadline, for the timeout select writes back. */
static int64_t remaining_ns(void)
{
	int64_t d = current->restart.deadline_ns, left;

	if (d < 0)
		return -1;
	left = d - ktime_mono_ns();
	return left > 0 ? left : 0;
}

SYSCALL_DEFINE(select)
{
	int64_t ns = -1;
	long r;

	if (!current->restart_valid && a[4]) {
		struct linux_timeval tv;

		if (copy_from_user(&tv, a[4], sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		tv.tv_sec += tv.tv_usec / 1000000;
		tv.tv_usec %= 1000000;
		if (tv.tv_sec > INT64_MAX / NSEC_PER_SEC / 2)
			tv.tv_sec = INT64_MAX / NSEC_PER_SEC / 2;
		ns = tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000;
	}
	r = do_select((int)a[0], a[1], a[2], a[3], ns);
	if (r >= 0 && a[4]) {
		int64_t left = remaining_ns();
		struct linux_timeval tv = { 0, 0 };

		if (left > 0)
			tv = (struct linux_timeval){ left / NSEC_PER_SEC, (left % NSEC_PER_SEC) / 1000 };
		if (left >= 0 && copy_to_user(a[4], &tv, sizeof(tv)))
			return -EFAULT;
	}
	return r;
}

SYSCALL_DEFINE(pselect6)
{
	int64_t ns = -1;
	long r;

	if (!current->restart_valid) {
		long err = read_timespec(a[4], &ns);

		if (err)
			return err;
	}
	r = do_select((int)a[0], a[1], a[2], a[3], ns);
	if (r >= 0 && a[4]) {
		int64_t left = remaining_ns();
		struct linux_timespec ts = { 0, 0 };

		if (left > 0)
			ts = (struct linux_timespec){ left / NSEC_PER_SEC, left % NSEC_PER_SEC };
		if (left >= 0 && copy_to_user(a[4], &ts, sizeof(ts)))
			return -EFAULT;
	}
	return r;
}
