/*
 * Moving bytes between files in the kernel: sendfile (with and without an
 * offset, to a file and to a pipe), copy_file_range (offsets, positions,
 * the end of the input, the same file), and the hints fadvise64,
 * readahead and sync_file_range, each with the errors Linux gives in the
 * order it checks them.
 */
#include <sys/sendfile.h>

#include "guest.h"

#define A "file_copy_range.a"
#define B "file_copy_range.b"
#define N 200000L

static long cfr(int in, int64_t *off_in, int out, int64_t *off_out, size_t len, unsigned flags)
{
	return syscall(SYS_copy_file_range, in, off_in, out, off_out, len, flags);
}

static unsigned char pat(long i)
{
	return (unsigned char)(i * 31 + i / 4096);
}

/* n bytes of fd at off are the pattern from src. */
static int same(int fd, long off, long src, long n)
{
	static unsigned char buf[N];

	if (n > N || pread(fd, buf, n, off) != n)
		return 0;
	for (long i = 0; i < n; i++)
		if (buf[i] != pat(src + i))
			return 0;
	return 1;
}

int main(void)
{
	static unsigned char buf[N];
	int a, b, p[2], wr, app, dir;
	int64_t off, off2;

	for (long i = 0; i < N; i++)
		buf[i] = pat(i);
	unlink(A);
	unlink(B);
	a = MUST(open(A, O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(a, buf, N), N);
	b = MUST(open(B, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(pipe(p));

	/* sendfile from an offset: the input's position stays */
	CHECK_OK(lseek(a, 7, SEEK_SET));
	off = 1000;
	CHECK_EQ(sendfile(b, a, &off, 50000), 50000);
	CHECK_EQ(off, 51000);
	CHECK_EQ(lseek(a, 0, SEEK_CUR), 7);
	CHECK_EQ(lseek(b, 0, SEEK_CUR), 50000);
	CHECK(same(b, 0, 1000, 50000));
	/* from the position: it moves; at the end of the input, 0 */
	CHECK_EQ(sendfile(b, a, NULL, 10), 10);
	CHECK_EQ(lseek(a, 0, SEEK_CUR), 17);
	CHECK(same(b, 50000, 7, 10));
	off = N - 5;
	CHECK_EQ(sendfile(b, a, &off, 100), 5);
	CHECK_EQ(sendfile(b, a, &off, 100), 0);
	CHECK_EQ(sendfile(b, a, NULL, 0), 0);
	/* to a pipe: as much as it takes, then what it holds reads back */
	off = 0;
	CHECK_EQ(sendfile(p[1], a, &off, 100000), 65536);
	CHECK_EQ(read(p[0], buf, 65536), 65536);
	CHECK(buf[0] == pat(0) && buf[65535] == pat(65535));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	off = 0;
	CHECK_EQ(sendfile(p[1], a, &off, 65536), 65536);
	CHECK_ERR(sendfile(p[1], a, &off, 10), EAGAIN);
	CHECK_EQ(off, 65536);
	CHECK_EQ(read(p[0], buf, 65536), 65536);
	/* sendfile's errors */
	wr = MUST(open(A, O_WRONLY));
	app = MUST(open(B, O_WRONLY | O_APPEND));
	CHECK_ERR(sendfile(b, wr, NULL, 10), EBADF);
	CHECK_ERR(sendfile(a, b, (off_t *)1, 10), EFAULT);
	CHECK_ERR(sendfile(-1, a, NULL, 10), EBADF);
	CHECK_ERR(sendfile(p[0], a, NULL, 10), EBADF);
	CHECK_ERR(sendfile(app, a, NULL, 10), EINVAL);
	CHECK_ERR(sendfile(b, p[0], NULL, 10), EINVAL);
	off = 0;
	CHECK_ERR(sendfile(b, p[0], &off, 10), ESPIPE);
	off = -1;
	CHECK_ERR(sendfile(b, a, &off, 10), EINVAL);

	/* copy_file_range with offsets: the positions stay */
	CHECK_OK(ftruncate(b, 0));
	CHECK_OK(lseek(b, 3, SEEK_SET));
	off = 10;
	off2 = 4096;
	CHECK_EQ(cfr(a, &off, b, &off2, 150000, 0), 150000);
	CHECK_EQ(off, 150010);
	CHECK_EQ(off2, 154096);
	CHECK_EQ(lseek(b, 0, SEEK_CUR), 3);
	CHECK(same(b, 4096, 10, 150000));
	/* from the positions: they move; the input's end shortens it */
	CHECK_OK(lseek(a, N - 100, SEEK_SET));
	CHECK_OK(lseek(b, 0, SEEK_SET));
	CHECK_EQ(cfr(a, NULL, b, NULL, 1000, 0), 100);
	CHECK_EQ(lseek(a, 0, SEEK_CUR), N);
	CHECK_EQ(lseek(b, 0, SEEK_CUR), 100);
	CHECK(same(b, 0, N - 100, 100));
	CHECK_EQ(cfr(a, NULL, b, NULL, 1000, 0), 0);
	/* within one file: apart is fine, overlapping is not */
	off = 0;
	off2 = N;
	CHECK_EQ(cfr(a, &off, a, &off2, 1000, 0), 1000);
	CHECK(same(a, N, 0, 1000));
	off = 0;
	off2 = 500;
	CHECK_ERR(cfr(a, &off, a, &off2, 1000, 0), EINVAL);
	/* copy_file_range's errors */
	dir = MUST(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(cfr(a, NULL, b, NULL, 10, 1), EINVAL);
	CHECK_ERR(cfr(-1, NULL, b, NULL, 10, 0), EBADF);
	CHECK_ERR(cfr(a, NULL, -1, NULL, 10, 0), EBADF);
	CHECK_ERR(cfr(a, (int64_t *)1, b, NULL, 10, 0), EFAULT);
	CHECK_ERR(cfr(dir, NULL, b, NULL, 10, 0), EISDIR);
	CHECK_ERR(cfr(p[0], NULL, b, NULL, 10, 0), EINVAL);
	CHECK_ERR(cfr(wr, NULL, b, NULL, 10, 0), EBADF);
	CHECK_ERR(cfr(a, NULL, app, NULL, 10, 0), EBADF);
	off = -1;	/* wraps past the end of the offsets */
	CHECK_ERR(cfr(a, &off, b, NULL, 10, 0), EOVERFLOW);
	off = -1000000;
	CHECK_ERR(cfr(a, &off, b, NULL, 10, 0), EINVAL);
	off = 0;
	CHECK_EQ(cfr(a, &off, b, NULL, 0, 0), 0);

	/* the hints */
	CHECK_OK(syscall(SYS_fadvise64, a, 0, 0, 2));	/* POSIX_FADV_SEQUENTIAL */
	CHECK_OK(syscall(SYS_fadvise64, a, 0, 4096, 4));	/* POSIX_FADV_DONTNEED */
	CHECK_ERR(syscall(SYS_fadvise64, a, 0, 0, 99), EINVAL);
	CHECK_ERR(syscall(SYS_fadvise64, a, 0L, -1L, 0), EINVAL);
	CHECK_ERR(syscall(SYS_fadvise64, p[0], 0, 0, 0), ESPIPE);
	CHECK_ERR(syscall(SYS_fadvise64, -1, 0, 0, 0), EBADF);
	CHECK_OK(syscall(SYS_readahead, a, 0, 100000));
	CHECK_ERR(syscall(SYS_readahead, p[0], 0, 10), EINVAL);
	CHECK_ERR(syscall(SYS_readahead, wr, 0, 10), EBADF);
	CHECK_OK(syscall(SYS_sync_file_range, b, 0, 0, 2));	/* SYNC_FILE_RANGE_WRITE */
	CHECK_OK(syscall(SYS_sync_file_range, b, 0, 4096, 7));
	CHECK_ERR(syscall(SYS_sync_file_range, b, 0, 0, 8), EINVAL);
	CHECK_ERR(syscall(SYS_sync_file_range, b, -1L, 0L, 2), EINVAL);
	CHECK_ERR(syscall(SYS_sync_file_range, p[0], 0, 0, 2), ESPIPE);
	CHECK_ERR(syscall(SYS_sync_file_range, -1, 0, 0, 2), EBADF);

	close(dir);
	close(wr);
	close(app);
	close(p[0]);
	close(p[1]);
	close(a);
	close(b);
	CHECK_OK(unlink(A));
	CHECK_OK(unlink(B));
	return report();
}
