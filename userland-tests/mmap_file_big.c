/*
 * Reading a file through mappings, more of it than may fit in memory:
 * a shared read-only mapping and a private one of the same file read back
 * the file's bytes on every pass, and the pages the private mapping copied
 * on write keep their own bytes after it is made read-only and the file
 * has been read through twice more.
 *
 * Runs in the current directory; the argument is the file's size in MiB
 * (default 8). scripts/test-ext2 runs it on an ext2 volume with a file
 * larger than the guest's RAM, so that the kernel must take back mapped
 * pages of the file to go on.
 */
#include <sys/mman.h>

#include "guest.h"

#define F "mmap_file_big.tmp"
#define MB (1L << 20)
#define PG 4096L

static unsigned char pat(long off)
{
	return (unsigned char)((off * 7 + off / PG) & 0xff);
}

/* The first page-sized stretch of p (len bytes at file offset 0) that differs, or -1. */
static long first_bad(const unsigned char *p, long len, long skip_a, long skip_b)
{
	for (long off = 0; off < len; off += PG) {
		if (off == skip_a || off == skip_b)
			continue;
		for (long i = 0; i < PG; i++)
			if (p[off + i] != pat(off + i))
				return off + i;
	}
	return -1;
}

int main(int argc, char **argv)
{
	long mib = argc > 1 ? atol(argv[1]) : 8, len = mib * MB;
	static unsigned char buf[MB];
	unsigned char *shared, *priv;
	long a = 5 * PG, b = len - PG;
	int fd;

	if (mib < 1 || mib > 4096)
		return 2;
	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	for (long off = 0; off < len; off += MB) {
		for (long i = 0; i < MB; i++)
			buf[i] = pat(off + i);
		CHECK_EQ(write(fd, buf, MB), MB);
	}
	shared = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(shared != MAP_FAILED && priv != MAP_FAILED);
	if (shared == MAP_FAILED || priv == MAP_FAILED)
		return report();

	CHECK_EQ(first_bad(shared, len, -1, -1), -1);
	/* two pages of the private mapping become its own, then read-only */
	memset(priv + a, 0xa5, PG);
	memset(priv + b, 0x5a, PG);
	CHECK_OK(mprotect(priv, len, PROT_READ));
	CHECK_EQ(first_bad(priv, len, a, b), -1);
	for (int pass = 0; pass < 2; pass++)
		CHECK_EQ(first_bad(shared, len, -1, -1), -1);
	CHECK_EQ(first_bad(priv, len, a, b), -1);
	CHECK(priv[a] == 0xa5 && priv[a + PG - 1] == 0xa5);
	CHECK(priv[b] == 0x5a && priv[b + PG - 1] == 0x5a);
	/* and the file itself never saw the private writes */
	CHECK_EQ(pread(fd, buf, PG, a), PG);
	CHECK(buf[0] == pat(a) && buf[PG - 1] == pat(a + PG - 1));

	CHECK_OK(munmap(shared, len));
	CHECK_OK(munmap(priv, len));
	close(fd);
	CHECK_OK(unlink(F));
	return report();
}
