/*
 * link_count: hard links share an inode and count in st_nlink; link(2)
 * refuses directories (EPERM), existing names (EEXIST) and other file
 * systems (EXDEV); the data lives until the last name goes.
 */
#include "guest.h"

#define F "link_count.tmp"
#define G "link_count.tmp2"
#define H "link_count.tmp3"

int main(void)
{
	struct stat st, st2;
	char buf[8];
	int fd;

	unlink(F);
	unlink(G);
	unlink(H);
	fd = MUST(open(F, O_RDWR | O_CREAT | O_EXCL, 0644));
	MUST(write(fd, "abc", 3));
	MUST(close(fd));

	CHECK_EQ(link(F, G), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(stat(G, &st2), 0);
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(linkat(AT_FDCWD, G, AT_FDCWD, H, 0), 0);
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_nlink, 3);

	CHECK_ERR(link(F, G), EEXIST);
	CHECK_ERR(link("link_count.missing", "link_count.x"), ENOENT);
	CHECK_ERR(link(".", "link_count.dir"), EPERM);
	CHECK_ERR(link(F, "link_count.missing/x"), ENOENT);
	CHECK_ERR(link("/dev/null", "link_count.null"), EXDEV);
	CHECK_ERR(linkat(AT_FDCWD, F, AT_FDCWD, "link_count.x", 0x1), EINVAL);

	CHECK_EQ(unlink(F), 0);
	CHECK_EQ(unlink(G), 0);
	CHECK_EQ(stat(H, &st), 0);
	CHECK_EQ(st.st_nlink, 1);
	fd = open(H, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(unlink(H), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(close(fd), 0);
	return report();
}
