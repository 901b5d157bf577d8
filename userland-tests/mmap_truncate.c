/*
 * Truncating a file that is mapped: the pages past the new end leave every
 * mapping, shared and private (a private copy too), so touching them is
 * SIGBUS; the part of the last page past the end reads as zeros; after the
 * file grows again, the mapping and read() agree on zeros, and a write
 * through the shared mapping is what read() sees.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "guest.h"

#define F "mmap_truncate.tmp"
#define PG 4096L

static sigjmp_buf jb;

static void on_signal(int sig)
{
	siglongjmp(jb, sig);
}

/* The byte at p, or -SIG when the touch raised a signal. */
static int touch(volatile const char *p)
{
	int sig = sigsetjmp(jb, 1);

	if (sig)
		return -sig;
	return (unsigned char)*p;
}

int main(void)
{
	char *shared, *priv, c;
	int fd;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_OK(ftruncate(fd, 3 * PG));
	shared = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(shared != MAP_FAILED && priv != MAP_FAILED);
	if (shared == MAP_FAILED || priv == MAP_FAILED)
		return report();
	signal(SIGBUS, on_signal);
	signal(SIGSEGV, on_signal);

	memset(shared, 'a', 3 * PG);
	CHECK_EQ(touch(priv + 2 * PG), 'a');	/* the file's page, mapped privately */
	priv[PG + 7] = 'p';			/* a private copy of the middle page */
	CHECK_EQ(touch(priv + PG + 7), 'p');

	/* down to 100 bytes into the middle page */
	CHECK_OK(ftruncate(fd, PG + 100));
	CHECK_EQ(touch(shared + PG + 99), 'a');
	CHECK_EQ(touch(shared + PG + 100), 0);
	CHECK_EQ(touch(shared + PG - 1), 'a');
	CHECK_EQ(touch(shared + 2 * PG), -SIGBUS);
	CHECK_EQ(touch(priv + 2 * PG), -SIGBUS);
	CHECK_EQ(touch(priv + PG + 7), 'p');	/* within the file: the copy stays */

	/* down to the first page: the private copy goes as well */
	CHECK_OK(ftruncate(fd, PG));
	CHECK_EQ(touch(shared + PG), -SIGBUS);
	CHECK_EQ(touch(priv + PG + 7), -SIGBUS);
	CHECK_EQ(touch(priv), 'a');

	/* grown again: zeros through the mappings and read() alike */
	CHECK_OK(ftruncate(fd, 3 * PG));
	CHECK_EQ(touch(shared + 2 * PG + 5), 0);
	CHECK_EQ(touch(priv + PG + 7), 0);
	CHECK_EQ(pread(fd, &c, 1, 2 * PG + 5), 1);
	CHECK_EQ(c, 0);
	shared[2 * PG + 5] = 'z';
	CHECK_EQ(pread(fd, &c, 1, 2 * PG + 5), 1);
	CHECK_EQ(c, 'z');
	CHECK_EQ(touch(priv + 2 * PG + 5), 'z');	/* not copied: the file's page */

	CHECK_OK(munmap(shared, 3 * PG));
	CHECK_OK(munmap(priv, 3 * PG));
	close(fd);
	CHECK_OK(unlink(F));
	return report();
}
