/*
 * The file permission checks use capabilities, not uid 0 (capabilities(7)):
 * root with CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER
 * dropped from its effective set cannot chown, open a mode-0 file of
 * another owner, chmod it or list a mode-0 directory; taking them back
 * from the permitted set restores each. Only files in the temp dir.
 */
#include "guest.h"

#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define BIT(cap) (1U << (cap))
#define DROP (BIT(CAP_CHOWN) | BIT(CAP_DAC_OVERRIDE) | BIT(CAP_DAC_READ_SEARCH) | BIT(CAP_FOWNER))

struct cap_header {
	unsigned version;
	int pid;
};
struct cap_data {
	unsigned effective, permitted, inheritable;
};

/* Set the effective set's low word to permitted minus drop. */
static int set_eff(unsigned drop)
{
	struct cap_header h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct cap_data d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective = d[0].permitted & ~drop;
	d[1].effective = d[1].permitted;
	return syscall(SYS_capset, &h, d);
}

int main(void)
{
	struct stat st;
	int fd;

	fd = MUST(open("caps.f", O_WRONLY | O_CREAT | O_TRUNC, 0644));
	close(fd);
	MUST(mkdir("caps.d", 0700));
	MUST(chown("caps.f", 1000, 1000));
	MUST(chown("caps.d", 1000, 1000));
	MUST(chmod("caps.f", 0));
	MUST(chmod("caps.d", 0));

	CHECK_EQ(set_eff(DROP), 0);
	CHECK_ERR(chown("caps.f", 0, 0), EPERM);
	CHECK_ERR(open("caps.f", O_RDONLY), EACCES);
	CHECK_ERR(open("caps.f", O_WRONLY), EACCES);
	CHECK_ERR(chmod("caps.f", 0644), EPERM);
	CHECK_ERR(open("caps.d", O_RDONLY | O_DIRECTORY), EACCES);
	CHECK_ERR(stat("caps.d/x", &st), EACCES);
	CHECK_EQ(access("caps.f", R_OK | W_OK), 0);	/* access(2) checks as uid 0 */

	/* CAP_DAC_READ_SEARCH alone reads but does not write */
	CHECK_EQ(set_eff(DROP & ~BIT(CAP_DAC_READ_SEARCH)), 0);
	fd = open("caps.f", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERR(open("caps.f", O_WRONLY), EACCES);
	CHECK_ERR(chmod("caps.f", 0644), EPERM);

	/* CAP_FOWNER alone allows chmod but not chown */
	CHECK_EQ(set_eff(DROP & ~BIT(CAP_FOWNER)), 0);
	CHECK_EQ(chmod("caps.f", 0), 0);
	CHECK_ERR(chown("caps.f", 0, 0), EPERM);

	CHECK_EQ(set_eff(0), 0);
	fd = open("caps.f", O_RDWR);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(chmod("caps.f", 0644), 0);
	CHECK_EQ(chown("caps.f", 0, 0), 0);
	CHECK_EQ(chown("caps.d", 0, 0), 0);
	CHECK_EQ(chmod("caps.d", 0755), 0);
	unlink("caps.f");
	rmdir("caps.d");
	return report();
}
