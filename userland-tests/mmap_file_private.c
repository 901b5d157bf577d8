/*
 * A MAP_PRIVATE file mapping shows the file's bytes (zeros past EOF up to
 * the page end), honours the page offset, keeps writes private to the
 * mapping, and outlives close(fd). Bad fds and modes give EBADF, EACCES,
 * ENODEV and EINVAL.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL
#define F "mmap_file_private.tmp"
#define D "mmap_file_private.d"
#define SIZE 10000

static unsigned char pattern(unsigned long i)
{
	return (unsigned char)(i * 31 + i / 251);
}

int main(void)
{
	static unsigned char buf[SIZE];
	unsigned char *p, *q;
	unsigned long i, bad;
	int fd, wfd, dfd;

	unlink(F);
	rmdir(D);
	for (i = 0; i < SIZE; i++)
		buf[i] = pattern(i);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, buf, SIZE) == SIZE ? 0 : -1);

	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	MUST(p == MAP_FAILED ? -1 : 0);
	bad = 0;
	for (i = 0; i < SIZE; i++)
		bad += p[i] != pattern(i);
	CHECK_EQ(bad, 0);
	bad = 0;
	for (i = SIZE; i < 3 * PG; i++)
		bad += p[i] != 0;
	CHECK_EQ(bad, 0);

	/* Private writes do not reach the file. */
	memset(p + 100, 0xee, 5000);
	p[SIZE + 10] = 1;
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, SIZE, 0), SIZE);
	bad = 0;
	for (i = 0; i < SIZE; i++)
		bad += buf[i] != pattern(i);
	CHECK_EQ(bad, 0);
	CHECK_EQ(lseek(fd, 0, SEEK_END), SIZE);
	CHECK_EQ(p[100], 0xee);
	CHECK_EQ(p[5099], 0xee);
	CHECK_EQ(p[5100], pattern(5100));

	/* A second private mapping of the file sees the file, not p's writes. */
	q = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, PG);
	CHECK(q != MAP_FAILED);
	if (q != MAP_FAILED) {
		bad = 0;
		for (i = 0; i < PG; i++)
			bad += q[i] != pattern(PG + i);
		CHECK_EQ(bad, 0);
		CHECK_EQ(munmap(q, PG), 0);
	}

	/* The mapping outlives the fd. */
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(p[0], pattern(0));
	CHECK_EQ(p[9999], pattern(9999));
	CHECK_EQ(p[100], 0xee);
	CHECK_EQ(munmap(p, 3 * PG), 0);

	/* Errors. */
	fd = MUST(open(F, O_RDONLY));
	q = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 1);
	CHECK(q == MAP_FAILED && errno == EINVAL);
	q = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0);
	CHECK(q == MAP_FAILED && errno == EBADF);
	q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(q == MAP_FAILED && errno == EACCES);
	/* Private writable mappings of a read-only fd are fine. */
	q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(q != MAP_FAILED);
	if (q != MAP_FAILED) {
		q[0] ^= 0xff;
		CHECK_EQ(q[0], pattern(0) ^ 0xff);
		CHECK_EQ(munmap(q, PG), 0);
	}
	CHECK_EQ(close(fd), 0);

	wfd = MUST(open(F, O_WRONLY));
	q = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wfd, 0);
	CHECK(q == MAP_FAILED && errno == EACCES);
	CHECK_EQ(close(wfd), 0);

	MUST(mkdir(D, 0755));
	dfd = MUST(open(D, O_RDONLY | O_DIRECTORY));
	q = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dfd, 0);
	CHECK(q == MAP_FAILED && errno == ENODEV);
	CHECK_EQ(close(dfd), 0);

	CHECK_EQ(rmdir(D), 0);
	CHECK_EQ(unlink(F), 0);
	return report();
}
