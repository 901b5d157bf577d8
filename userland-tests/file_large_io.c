/*
 * Large reads and writes of a regular file (umk moves whole uncached pages
 * of a disk file straight between the guest's buffer and the disk): the
 * bytes are right whatever the alignment of buffer and offset, with
 * scattered iovecs, O_APPEND, holes, truncation, and a shared mapping of
 * the same pages; a buffer that ends in an inaccessible page gives the
 * short count of what came before it.
 *
 * Runs in the current directory; scripts/test-disk also runs it on an
 * ext2 root. With the argument "keep" it leaves file_large_io.keep (its
 * content is fixed) for the caller to compare through debugfs.
 */
#include <sys/mman.h>
#include <sys/uio.h>

#include "guest.h"

#define F "file_large_io.tmp"
#define KEEP "file_large_io.keep"
#define MB (1 << 20)
#define PG 4096

/* The byte at offset off of a file written with pattern seed. */
static unsigned char pat(long off, int seed)
{
	return (unsigned char)((off * 31 + off / 4093 + seed) & 0xff);
}

static void fill(unsigned char *p, long off, long n, int seed)
{
	for (long i = 0; i < n; i++)
		p[i] = pat(off + i, seed);
}

/* The first offset in [off, off + n) whose byte is not the pattern's, or -1. */
static long mismatch(const unsigned char *p, long off, long n, int seed)
{
	for (long i = 0; i < n; i++)
		if (p[i] != pat(off + i, seed))
			return off + i;
	return -1;
}

static long zeros_until(const unsigned char *p, long n)
{
	for (long i = 0; i < n; i++)
		if (p[i])
			return i;
	return -1;
}

static int fresh(const char *name)
{
	unlink(name);
	return MUST(open(name, O_RDWR | O_CREAT | O_EXCL, 0644));
}

static unsigned char *area(long len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("cannot map %ld bytes\n", len);
		exit(2);
	}
	return p;
}

/* One write, one read, buffer and offsets misaligned. */
static void plain(unsigned char *buf, unsigned char *back)
{
	long len = 3 * MB + 1234;
	int fd = fresh(F);

	fill(buf + 7, 0, len, 1);
	CHECK_EQ(write(fd, buf + 7, len), len);
	CHECK_EQ(lseek(fd, 0, SEEK_END), len);
	memset(back, 0xee, 4 * MB);
	CHECK_EQ(pread(fd, back + 3, len + 100, 0), len);
	CHECK_EQ(mismatch(back + 3, 0, len, 1), -1);
	/* from an unaligned offset to the end */
	memset(back, 0xee, 4 * MB);
	CHECK_EQ(pread(fd, back, 2 * MB, 100), 2 * MB);
	CHECK_EQ(mismatch(back, 100, 2 * MB, 1), -1);
	CHECK_EQ(pread(fd, back, 4 * MB, len - 5000), 5000);
	CHECK_EQ(mismatch(back, len - 5000, 5000, 1), -1);
	/* overwrite whole pages in the middle */
	fill(buf, 5 * PG, 512 * 1024, 2);
	CHECK_EQ(pwrite(fd, buf, 512 * 1024, 5 * PG), 512 * 1024);
	CHECK_EQ(pread(fd, back, len, 0), len);
	CHECK_EQ(mismatch(back, 0, 5 * PG, 1), -1);
	CHECK_EQ(mismatch(back + 5 * PG, 5 * PG, 512 * 1024, 2), -1);
	CHECK_EQ(mismatch(back + 5 * PG + 512 * 1024, 5 * PG + 512 * 1024,
			  len - 5 * PG - 512 * 1024, 1), -1);
	CHECK_OK(fsync(fd));
	close(fd);
	unlink(F);
}

/* writev and readv with many pieces, cut differently each way. */
static void vectored(unsigned char *buf, unsigned char *back)
{
	struct iovec v[300];
	long len = 0;
	int fd = fresh(F);

	for (int i = 0; i < 300; i++) {
		v[i].iov_base = buf + len + i;	/* a gap of one byte between pieces */
		v[i].iov_len = 4096 + 13 * (i % 7);
		fill(v[i].iov_base, len, (long)v[i].iov_len, 3);
		len += (long)v[i].iov_len;
	}
	CHECK_EQ(writev(fd, v, 300), len);
	memset(back, 0, 4 * MB);
	for (int i = 0; i < 3; i++) {
		v[i].iov_base = back + i * (MB + 1);
		v[i].iov_len = i < 2 ? 300 * 1024 + 1 : MB;
	}
	CHECK_EQ(preadv(fd, v, 3, 0), len);
	CHECK_EQ(mismatch(back, 0, 300 * 1024 + 1, 3), -1);
	CHECK_EQ(mismatch(back + MB + 1, 300 * 1024 + 1, 300 * 1024 + 1, 3), -1);
	CHECK_EQ(mismatch(back + 2 * (MB + 1), 2 * (300 * 1024 + 1), len - 2 * (300 * 1024 + 1), 3),
		 -1);
	close(fd);
	unlink(F);
}

/* A shared mapping of pages the large read and write cover. */
static void mapped(unsigned char *buf, unsigned char *back)
{
	int fd = fresh(F);
	unsigned char *m;

	fill(buf, 0, 2 * MB, 4);
	CHECK_EQ(write(fd, buf, 2 * MB), 2 * MB);
	m = mmap(NULL, 2 * MB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	CHECK_EQ(m[300 * PG + 5], pat(300 * PG + 5, 4));
	memset(m + 300 * PG, 'M', PG);
	CHECK_EQ(pread(fd, back, 2 * MB, 0), 2 * MB);
	CHECK_EQ(mismatch(back, 0, 300 * PG, 4), -1);
	CHECK_EQ(back[300 * PG] == 'M' && back[301 * PG - 1] == 'M', 1);
	CHECK_EQ(mismatch(back + 301 * PG, 301 * PG, 2 * MB - 301 * PG, 4), -1);
	/* a large write over the mapped page shows through the mapping */
	fill(buf, 0, 2 * MB, 5);
	CHECK_EQ(pwrite(fd, buf, 2 * MB, 0), 2 * MB);
	CHECK_EQ(mismatch(m, 0, 2 * MB, 5), -1);
	CHECK_OK(msync(m, 2 * MB, MS_SYNC));
	munmap(m, 2 * MB);
	CHECK_EQ(pread(fd, back, 2 * MB, 0), 2 * MB);
	CHECK_EQ(mismatch(back, 0, 2 * MB, 5), -1);
	close(fd);
	unlink(F);
}

/* Holes read as zeros; truncation leaves only zeros past the new end. */
static void holes(unsigned char *buf, unsigned char *back)
{
	int fd = fresh(F);

	CHECK_OK(ftruncate(fd, 4 * MB));
	fill(buf, 2 * MB, PG, 6);
	CHECK_EQ(pwrite(fd, buf, PG, 2 * MB), PG);
	memset(back, 0xee, 4 * MB);
	CHECK_EQ(pread(fd, back, 4 * MB, 0), 4 * MB);
	CHECK_EQ(zeros_until(back, 2 * MB), -1);
	CHECK_EQ(mismatch(back + 2 * MB, 2 * MB, PG, 6), -1);
	CHECK_EQ(zeros_until(back + 2 * MB + PG, 2 * MB - PG), -1);

	fill(buf, 0, MB, 7);
	CHECK_EQ(pwrite(fd, buf, MB, 0), MB);
	CHECK_OK(ftruncate(fd, 5000));
	CHECK_OK(ftruncate(fd, MB));
	memset(back, 0xee, MB);
	CHECK_EQ(pread(fd, back, MB, 0), MB);
	CHECK_EQ(mismatch(back, 0, 5000, 7), -1);
	CHECK_EQ(zeros_until(back + 5000, MB - 5000), -1);
	close(fd);
	unlink(F);
}

/* O_APPEND: large writes land at the end, whatever the offset. */
static void append(unsigned char *buf, unsigned char *back)
{
	int fd = fresh(F);

	fill(buf, 0, 100, 8);
	CHECK_EQ(write(fd, buf, 100), 100);
	close(fd);
	fd = MUST(open(F, O_RDWR | O_APPEND));
	fill(buf, 100, MB, 8);
	CHECK_EQ(write(fd, buf, MB), MB);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	fill(buf, 100 + MB, MB + PG, 8);
	CHECK_EQ(write(fd, buf, MB + PG), MB + PG);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 100 + 2 * MB + PG);
	CHECK_EQ(pread(fd, back, 4 * MB, 0), 100 + 2 * MB + PG);
	CHECK_EQ(mismatch(back, 0, 100 + 2 * MB + PG, 8), -1);
	close(fd);
	unlink(F);
}

/* A buffer whose last quarter cannot be touched: the bytes before it count. */
static void bad_tail(unsigned char *buf)
{
	unsigned char *b = area(MB);
	int fd = fresh(F);

	fill(buf, 0, 2 * MB, 9);
	CHECK_EQ(write(fd, buf, 2 * MB), 2 * MB);
	CHECK_OK(mprotect(b + 3 * MB / 4, MB / 4, PROT_NONE));
	CHECK_EQ(pread(fd, b, MB, 0), 3 * MB / 4);
	CHECK_EQ(mismatch(b, 0, 3 * MB / 4, 9), -1);
	CHECK_ERR(pread(fd, b + 3 * MB / 4, MB / 4, 0), EFAULT);

	/* writing from it: what came before the bad page is written */
	fill(b, MB, 3 * MB / 4, 10);
	CHECK_EQ(pwrite(fd, b, MB, MB), 3 * MB / 4);
	CHECK_EQ(pread(fd, buf, 2 * MB, 0), 2 * MB);
	CHECK_EQ(mismatch(buf, 0, MB, 9), -1);
	CHECK_EQ(mismatch(buf + MB, MB, 3 * MB / 4, 10), -1);
	CHECK_EQ(mismatch(buf + MB + 3 * MB / 4, MB + 3 * MB / 4, MB / 4, 9), -1);
	CHECK_ERR(write(fd, b + 3 * MB / 4, MB / 4), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 2 * MB);
	munmap(b, MB);
	close(fd);
	unlink(F);
}

static void keep(unsigned char *buf)
{
	int fd = fresh(KEEP);

	fill(buf, 0, 3 * MB + 77, 11);
	CHECK_EQ(write(fd, buf, MB + 77), MB + 77);
	CHECK_EQ(write(fd, buf + MB + 77, 2 * MB), 2 * MB);
	CHECK_OK(fsync(fd));
	close(fd);
}

int main(int argc, char **argv)
{
	unsigned char *buf = area(4 * MB + PG), *back = area(4 * MB + PG);

	plain(buf, back);
	vectored(buf, back);
	mapped(buf, back);
	holes(buf, back);
	append(buf, back);
	bad_tail(buf);
	if (argc > 1 && strcmp(argv[1], "keep") == 0)
		keep(buf);
	return report();
}
