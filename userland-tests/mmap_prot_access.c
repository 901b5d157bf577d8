/*
 * What a mapping may become is fixed by how its file was opened: a shared
 * mapping of a file open read-only can never be made writable (mprotect:
 * EACCES; else anyone who may read a file could change it), while a
 * private one can (its writes are copies), and a shared mapping of a file
 * open read-write can go back and forth. The file keeps its bytes.
 */
#include <sys/mman.h>

#include "guest.h"

#define F "mmap_prot_access.tmp"
#define PG 4096L

int main(void)
{
	char buf[8] = { 0 }, *shared, *priv, *rw;
	int fd, ro;

	unlink(F);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK_EQ(write(fd, "original", 8), 8);
	ro = MUST(open(F, O_RDONLY));

	CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED &&
	      errno == EACCES);
	shared = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
	priv = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, ro, 0);
	rw = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(shared != MAP_FAILED && priv != MAP_FAILED && rw != MAP_FAILED);
	if (shared == MAP_FAILED || priv == MAP_FAILED || rw == MAP_FAILED)
		return report();

	/* read-only, shared: never writable */
	CHECK_ERR(mprotect(shared, PG, PROT_READ | PROT_WRITE), EACCES);
	CHECK_ERR(mprotect(shared, PG, PROT_WRITE), EACCES);
	CHECK_OK(mprotect(shared, PG, PROT_NONE));
	CHECK_ERR(mprotect(shared, PG, PROT_READ | PROT_WRITE), EACCES);
	CHECK_OK(mprotect(shared, PG, PROT_READ));
	CHECK(memcmp(shared, "original", 8) == 0);

	/* read-only, private: writable, and the writes stay private */
	CHECK_OK(mprotect(priv, PG, PROT_READ | PROT_WRITE));
	memcpy(priv, "private!", 8);
	CHECK(memcmp(shared, "original", 8) == 0);

	/* read-write, shared: down and up again, and writes reach the file */
	CHECK_OK(mprotect(rw, PG, PROT_READ));
	CHECK_OK(mprotect(rw, PG, PROT_READ | PROT_WRITE));
	memcpy(rw, "changed!", 8);
	CHECK_EQ(pread(ro, buf, 8, 0), 8);
	CHECK(memcmp(buf, "changed!", 8) == 0);
	CHECK(memcmp(shared, "changed!", 8) == 0);

	CHECK_OK(munmap(shared, PG));
	CHECK_OK(munmap(priv, PG));
	CHECK_OK(munmap(rw, PG));
	close(ro);
	close(fd);
	CHECK_OK(unlink(F));
	return report();
}
