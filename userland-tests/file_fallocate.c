/*
 * fallocate(2): the checks every file system shares (range, mode, file
 * type, open mode), allocation that grows the file or keeps its size, a
 * punched hole that reads as zeros, keeps the size and the bytes around
 * it, reaches a shared mapping and leaves a private copy alone, and
 * posix_fallocate.
 *
 * Uses only what Linux's tmpfs and ext4 both do (the guest's / and the
 * native run's temporary directory); ext2 has no fallocate at all.
 */
#include <limits.h>
#include <sys/mman.h>

#include "guest.h"

#define F "file_fallocate.tmp"
#define PG 4096L

#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
#endif
#ifndef FALLOC_FL_COLLAPSE_RANGE
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#endif

static long falloc(int fd, int mode, long off, long len)
{
	return syscall(SYS_fallocate, fd, mode, off, len);
}

static long size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_size;
}

/* Bytes [from, to) of the file all equal c. */
static int all_are(int fd, long from, long to, char c)
{
	char buf[PG];

	while (from < to) {
		long n = to - from < PG ? to - from : PG;

		if (pread(fd, buf, n, from) != n)
			return 0;
		for (long i = 0; i < n; i++)
			if (buf[i] != c)
				return 0;
		from += n;
	}
	return 1;
}

int main(void)
{
	int fd, ro, p[2], null;
	char *shared, *priv, buf[4 * PG];

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));

	/* the shared checks, in Linux's order */
	CHECK_ERR(falloc(-1, 0, 0, 10), EBADF);
	CHECK_ERR(falloc(fd, 0, 0, 0), EINVAL);
	CHECK_ERR(falloc(fd, 0, -1, 10), EINVAL);
	CHECK_ERR(falloc(fd, 0x100, 0, 10), EOPNOTSUPP);
	CHECK_ERR(falloc(fd, 0x04, 0, 10), EOPNOTSUPP);
	CHECK_ERR(falloc(fd, FALLOC_FL_PUNCH_HOLE, 0, 10), EOPNOTSUPP);
	CHECK_ERR(falloc(fd, FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_KEEP_SIZE, 0, PG), EOPNOTSUPP);
	CHECK_ERR(falloc(fd, 0, LONG_MAX - 10, 100), EFBIG);
	ro = MUST(open(F, O_RDONLY));
	CHECK_ERR(falloc(ro, 0, 0, 10), EBADF);
	CHECK_ERR(falloc(ro, 0, 0, 0), EINVAL);	/* the range before the open mode */
	close(ro);
	ro = MUST(open(F, O_PATH));
	CHECK_ERR(falloc(ro, 0, 0, 10), EBADF);
	close(ro);
	MUST(pipe(p));
	CHECK_ERR(falloc(p[1], 0, 0, 10), ESPIPE);
	close(p[0]);
	close(p[1]);
	null = MUST(open("/dev/null", O_WRONLY));
	CHECK_ERR(falloc(null, 0, 0, 10), ENODEV);
	close(null);
	CHECK_EQ(size_of(fd), 0);

	/* allocation grows the file with zeros, or keeps its size */
	CHECK_OK(falloc(fd, 0, 0, 10000));
	CHECK_EQ(size_of(fd), 10000);
	CHECK(all_are(fd, 0, 10000, 0));
	CHECK_OK(falloc(fd, FALLOC_FL_KEEP_SIZE, 8000, 50000));
	CHECK_EQ(size_of(fd), 10000);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(pwrite(fd, buf, sizeof(buf), 0), (long)sizeof(buf));
	CHECK_OK(falloc(fd, 0, 100, 2 * PG));	/* inside: the data stays */
	CHECK_EQ(size_of(fd), 4 * PG);
	CHECK(all_are(fd, 0, 4 * PG, 'x'));

	/* a hole: zeros inside, the rest and the size as they were */
	CHECK_OK(falloc(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 1000, 9000));
	CHECK_EQ(size_of(fd), 4 * PG);
	CHECK(all_are(fd, 0, 1000, 'x'));
	CHECK(all_are(fd, 1000, 10000, 0));
	CHECK(all_are(fd, 10000, 4 * PG, 'x'));
	CHECK_OK(falloc(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 3 * PG, 10 * PG));
	CHECK_EQ(size_of(fd), 4 * PG);
	CHECK(all_are(fd, 3 * PG, 4 * PG, 0));

	/* through mappings: the shared one sees the hole, a private copy stays */
	CHECK_EQ(pwrite(fd, buf, sizeof(buf), 0), (long)sizeof(buf));
	shared = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(shared != MAP_FAILED && priv != MAP_FAILED);
	if (shared != MAP_FAILED && priv != MAP_FAILED) {
		CHECK_EQ(shared[PG], 'x');
		CHECK_EQ(priv[2 * PG], 'x');	/* the file's page, mapped privately */
		priv[PG] = 'p';			/* a private copy */
		CHECK_OK(falloc(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PG, 2 * PG));
		CHECK_EQ(shared[PG], 0);
		CHECK_EQ(shared[3 * PG - 1], 0);
		CHECK_EQ(shared[3 * PG], 'x');
		CHECK_EQ(priv[2 * PG], 0);
		CHECK_EQ(priv[PG], 'p');
		CHECK_EQ(priv[PG + 1], 'x');
		shared[PG + 5] = 's';
		CHECK(pread(fd, buf, 1, PG + 5) == 1 && buf[0] == 's');
		CHECK_OK(munmap(shared, 4 * PG));
		CHECK_OK(munmap(priv, 4 * PG));
	}

	/* posix_fallocate: 0 or an error number, never -1 */
	CHECK_EQ(posix_fallocate(fd, 0, 20000), 0);
	CHECK_EQ(size_of(fd), 20000);
	CHECK_EQ(posix_fallocate(fd, 0, 0), EINVAL);
	close(fd);
	CHECK_OK(unlink(F));
	return report();
}
