/*
 * Writing a file through a shared mapping, across write-back: every page
 * is written through the mapping, the file is fsync'd, some pages are
 * written again and msync'd, some a third time just before munmap and
 * close (left for the kernel to write back). read() sees each generation
 * as it is written, and at the end the file holds the last one.
 *
 * Runs in the current directory; arguments: the file's size in MiB
 * (default 4) and "keep" to leave the file as mmap_shared_write.keep.
 * scripts/test-ext2 runs it on an ext2 volume, compares the image's copy
 * with the native run's through debugfs (a write after the fsync must
 * reach the disk), and again with a file larger than the guest's RAM, so
 * that the kernel must write back and take back written mapped pages.
 */
#include <sys/mman.h>

#include "guest.h"

#define MB (1L << 20)
#define PG 4096L

/* The byte at off after generation gen (0: never written, a hole). */
static unsigned char pat(long off, int gen)
{
	if (!gen)
		return 0;
	return (unsigned char)((off * 13 + off / PG + gen * 71) & 0xff);
}

/* The generation each page holds after round `round` (1..3). */
static int gen_of(long page, int round)
{
	if (round >= 3 && page % 5 == 2)
		return 3;
	if (round >= 2 && page % 3 == 1)
		return 2;
	return 1;
}

static void fill(unsigned char *p, long page, int gen)
{
	for (long i = 0; i < PG; i++)
		p[page * PG + i] = pat(page * PG + i, gen);
}

/* The first byte of the file that differs from round's contents, or -1. */
static long first_bad(int fd, long len, int round)
{
	static unsigned char buf[PG];

	for (long page = 0; page < len / PG; page++) {
		if (pread(fd, buf, PG, page * PG) != PG)
			return page * PG;
		for (long i = 0; i < PG; i++)
			if (buf[i] != pat(page * PG + i, gen_of(page, round)))
				return page * PG + i;
	}
	return -1;
}

int main(int argc, char **argv)
{
	long mib = argc > 1 ? atol(argv[1]) : 4, len = mib * MB;
	int keep = argc > 2 && !strcmp(argv[2], "keep");
	const char *name = keep ? "mmap_shared_write.keep" : "mmap_shared_write.tmp";
	unsigned char *p;
	int fd;

	if (mib < 1 || mib > 4096)
		return 2;
	unlink(name);
	fd = MUST(open(name, O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_OK(ftruncate(fd, len));
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return report();

	for (long page = 0; page < len / PG; page++)
		fill(p, page, 1);
	CHECK_OK(fsync(fd));
	CHECK_EQ(first_bad(fd, len, 1), -1);

	/* written again after the fsync: these must reach the file too */
	for (long page = 0; page < len / PG; page++)
		if (gen_of(page, 2) == 2)
			fill(p, page, 2);
	CHECK_OK(msync(p, len, MS_SYNC));
	CHECK_EQ(first_bad(fd, len, 2), -1);

	for (long page = 0; page < len / PG; page++)
		if (gen_of(page, 3) == 3)
			fill(p, page, 3);
	CHECK_OK(munmap(p, len));
	CHECK_OK(close(fd));

	fd = MUST(open(name, O_RDONLY));
	CHECK_EQ(first_bad(fd, len, 3), -1);
	close(fd);
	if (!keep)
		CHECK_OK(unlink(name));
	return report();
}
