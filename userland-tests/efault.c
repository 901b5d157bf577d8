/*
 * Every syscall given a pointer the guest has not mapped fails with EFAULT
 * instead of crashing: NULL, a low address, an unmapped hole, a kernel
 * address, for buffers read, buffers written, paths, structs and iovecs.
 * Raw syscalls are used where libc would touch the pointer itself.
 */
#include "guest.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <time.h>

#define F "efault.tmp"
#define PG 4096UL

int main(void)
{
	void *bad[3] = { NULL, (void *)1, (void *)0xffff800000000000UL };
	struct iovec iov;
	struct stat st;
	char *hole;
	int fd, zfd, i;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "0123456789abcdef", 16));
	zfd = MUST(open("/dev/zero", O_RDONLY));
	hole = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MUST(hole == MAP_FAILED ? -1 : 0);
	MUST(munmap(hole, PG));
	bad[0] = hole;

	for (i = 0; i < 3; i++) {
		void *p = bad[i];

		CHECK_ERR(write(1, p, 10), EFAULT);
		CHECK_ERR(write(fd, p, 10), EFAULT);
		CHECK_ERR(pwrite(fd, p, 10, 0), EFAULT);
		CHECK_ERR(pread(fd, p, 10, 0), EFAULT);
		CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
		CHECK_ERR(read(fd, p, 10), EFAULT);
		CHECK_ERR(read(zfd, p, 10), EFAULT);
		CHECK_ERR(syscall(SYS_open, p, O_RDONLY), EFAULT);
		CHECK_ERR(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY), EFAULT);
		CHECK_ERR(syscall(SYS_stat, p, &st), EFAULT);
		CHECK_ERR(syscall(SYS_stat, F, p), EFAULT);
		CHECK_ERR(syscall(SYS_lstat, p, &st), EFAULT);
		CHECK_ERR(syscall(SYS_fstat, fd, p), EFAULT);
		CHECK_ERR(syscall(SYS_newfstatat, AT_FDCWD, F, p, 0), EFAULT);
		CHECK_ERR(syscall(SYS_access, p, F_OK), EFAULT);
		CHECK_ERR(syscall(SYS_mkdir, p, 0755), EFAULT);
		CHECK_ERR(syscall(SYS_unlink, p), EFAULT);
		CHECK_ERR(syscall(SYS_chdir, p), EFAULT);
		CHECK_ERR(syscall(SYS_readlink, p, &st, 10), EFAULT);
		CHECK_ERR(syscall(SYS_getcwd, p, 4096), EFAULT);
		CHECK_ERR(syscall(SYS_uname, p), EFAULT);
		CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p), EFAULT);
		CHECK_ERR(syscall(SYS_clock_getres, CLOCK_MONOTONIC, p), EFAULT);
		CHECK_ERR(syscall(SYS_gettimeofday, p, NULL), EFAULT);
		CHECK_ERR(syscall(SYS_time, p), EFAULT);
		CHECK_ERR(syscall(SYS_nanosleep, p, NULL), EFAULT);
		CHECK_ERR(syscall(SYS_getrandom, p, 16, 0), EFAULT);
		CHECK_ERR(syscall(SYS_readv, fd, p, 1), EFAULT);
		CHECK_ERR(syscall(SYS_writev, fd, p, 1), EFAULT);
		iov.iov_base = p;
		iov.iov_len = 10;
		CHECK_ERR(writev(fd, &iov, 1), EFAULT);
		CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
		CHECK_ERR(readv(fd, &iov, 1), EFAULT);
		CHECK_ERR(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p), EFAULT);
		CHECK_ERR(syscall(SYS_getrlimit, RLIMIT_NOFILE, p), EFAULT);
		CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8), EFAULT);
		CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8), EFAULT);
		CHECK_ERR(syscall(SYS_getdents64, zfd, p, 4096), ENOTDIR);
	}

	/* Nothing was written by any of it. */
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 16);
	CHECK_EQ(close(zfd), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
