/*
 * getdents_stable: a listing read in small pieces while entries are being
 * removed and added returns every entry that stayed exactly once and no
 * entry twice; d_off of each record resumes the listing after it.
 */
#include "guest.h"

#define D "getdents_stable.d"
#define N 40

struct lx_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int main(void)
{
	char buf[256], name[64];
	int seen[N] = { 0 };
	int fd, i, dups = 0, missing = 0, entries = 0;
	long n, off, resume = -1;

	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), D "/e%02d", i);
		unlink(name);
	}
	unlink(D "/new");
	rmdir(D);
	MUST(mkdir(D, 0755));
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), D "/e%02d", i);
		MUST(close(MUST(open(name, O_WRONLY | O_CREAT | O_EXCL, 0644))));
	}
	fd = MUST(open(D, O_RDONLY | O_DIRECTORY));
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct lx_dirent64 *d = (void *)(buf + off);

			if (sscanf(d->d_name, "e%d", &i) == 1 && i >= 0 && i < N) {
				dups += seen[i] > 0;
				seen[i]++;
			}
			if (++entries == 10)
				resume = d->d_off;
			off += d->d_reclen;
		}
		/* while listing: drop the odd entries, add one */
		if (entries < 2 * N) {
			for (i = 1; i < N; i += 2) {
				snprintf(name, sizeof(name), D "/e%02d", i);
				if (!seen[i])
					unlink(name);
			}
			close(open(D "/new", O_WRONLY | O_CREAT, 0644));
		}
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(dups, 0);
	for (i = 0; i < N; i += 2)
		missing += seen[i] != 1;
	CHECK_EQ(missing, 0);

	/* seeking to a record's d_off resumes right after it */
	CHECK(resume > 0);
	CHECK_EQ(lseek(fd, resume, SEEK_SET), resume);
	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	CHECK(n > 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0);
	CHECK_EQ(close(fd), 0);

	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), D "/e%02d", i);
		unlink(name);
	}
	CHECK_EQ(unlink(D "/new"), 0);
	CHECK_EQ(rmdir(D), 0);
	return report();
}
