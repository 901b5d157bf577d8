/*
 * epoll's bad inputs: epoll_create with size <= 0, epoll_create1 with an
 * unknown flag, epoll_ctl on bad fds, non-pollable targets (a regular file,
 * a directory: EPERM), the epoll fd itself, a non-epoll fd, an unknown op,
 * a bad event pointer, ADD twice (EEXIST), MOD/DEL of what is not there
 * (ENOENT), EPOLLEXCLUSIVE misuse; epoll_wait with a bad maxevents, fd or
 * buffer; epoll_pwait with a bad sigset size; epoll_pwait2 with a bad
 * timeout. EPOLL_CLOEXEC sets FD_CLOEXEC.
 */
#include "guest.h"
#include <sys/epoll.h>
#include <sys/mman.h>
#include <time.h>

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, out[4];
	int ep, ep2, p[2], file, dir;
	struct timespec bad = { 0, 1000000000L };
	void *unmapped;

	alarm(10);
	CHECK_ERR(syscall(SYS_epoll_create, 0), EINVAL);
	CHECK_ERR(syscall(SYS_epoll_create, -1), EINVAL);
	CHECK_ERR(epoll_create1(1), EINVAL);
	CHECK_ERR(epoll_create1(EPOLL_CLOEXEC | O_NONBLOCK), EINVAL);
	ep = MUST(epoll_create(1));
	CHECK_EQ(fcntl(ep, F_GETFD), 0);
	ep2 = MUST(epoll_create1(EPOLL_CLOEXEC));
	CHECK_EQ(fcntl(ep2, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(ep, F_GETFL) & O_ACCMODE, O_RDWR);
	MUST(pipe(p));
	file = MUST(open("epoll_errors.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600));
	dir = MUST(open(".", O_RDONLY | O_DIRECTORY));
	unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(munmap(unmapped, 4096));

	/* epoll_ctl */
	CHECK_ERR(epoll_ctl(-1, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev), EBADF);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev), EPERM);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev), EPERM);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	CHECK_ERR(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	CHECK_ERR(epoll_ctl(ep, 0, p[0], &ev), EINVAL);
	CHECK_ERR(epoll_ctl(ep, 4, p[0], &ev), EINVAL);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], unmapped), EFAULT);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL), EFAULT);
	/* the event is read before anything else, even for a bad op */
	CHECK_ERR(epoll_ctl(-1, 99, -1, NULL), EFAULT);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	/* DEL needs no event */
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);

	/* EPOLLEXCLUSIVE: ADD only, with few other bits, never an epoll */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	ev.events = EPOLLIN;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0);

	/* epoll_wait */
	CHECK_ERR(epoll_wait(ep, out, 0, 0), EINVAL);
	CHECK_ERR(epoll_wait(ep, out, -1, 0), EINVAL);
	CHECK_ERR(epoll_wait(ep, out, 0x7fffffff, 0), EINVAL);
	CHECK_ERR(epoll_wait(ep, out, 0x7fffffff / 12 + 1, 0), EINVAL);
	CHECK_ERR(epoll_wait(-1, out, 4, 0), EBADF);
	CHECK_ERR(epoll_wait(p[0], out, 4, 0), EINVAL);
	CHECK_ERR(epoll_wait(file, out, 4, 0), EINVAL);
	CHECK_ERR(epoll_wait(ep, (void *)0xffffffffffff0000ULL, 4, 0), EFAULT);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);
	CHECK_EQ(epoll_wait(ep, unmapped, 4, 0), 0);	/* nothing to copy */
	ev.events = EPOLLOUT;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
	CHECK_ERR(epoll_wait(ep, unmapped, 4, 0), EFAULT);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);	/* still there */

	/* epoll_pwait, epoll_pwait2 */
	CHECK_ERR(syscall(SYS_epoll_pwait, ep, out, 4, 0, &(sigset_t){ { 0 } }, 4), EINVAL);
	CHECK_ERR(syscall(SYS_epoll_pwait, ep, out, 4, 0, unmapped, 8), EFAULT);
	CHECK_EQ(syscall(SYS_epoll_pwait, ep, out, 4, 0, NULL, 4), 1);
	CHECK_ERR(syscall(SYS_epoll_pwait2, ep, out, 4, &bad, NULL, 8), EINVAL);
	bad.tv_nsec = -1;
	CHECK_ERR(syscall(SYS_epoll_pwait2, ep, out, 4, &bad, NULL, 8), EINVAL);
	CHECK_ERR(syscall(SYS_epoll_pwait2, ep, out, 4, unmapped, NULL, 8), EFAULT);
	CHECK_EQ(syscall(SYS_epoll_pwait2, ep, out, 4, &(struct timespec){ 0, 0 }, NULL, 8), 1);
	CHECK_ERR(syscall(SYS_epoll_pwait2, ep, out, 0, &(struct timespec){ 0, 0 }, NULL, 8), EINVAL);

	/* epoll files cannot be read or written; lseek does nothing */
	CHECK_ERR(read(ep, out, 8), EINVAL);
	CHECK_ERR(write(ep, "x", 1), EINVAL);
	CHECK_EQ(lseek(ep, 5, SEEK_SET), 0);
	unlink("epoll_errors.tmp");
	return report();
}
