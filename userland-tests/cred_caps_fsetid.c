/*
 * A write clears set-user-ID (and set-group-ID with group execute) unless
 * the writer has CAP_FSETID, even as uid 0 (capabilities(7), write(2)).
 */
#include "guest.h"

#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_FSETID 4

struct cap_header {
	unsigned version;
	int pid;
};
struct cap_data {
	unsigned effective, permitted, inheritable;
};

/* Effective set: the permitted set minus drop (low word). */
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

static unsigned mode_after_write(void)
{
	struct stat st;
	int fd = MUST(open("fsetid.f", O_WRONLY));

	CHECK_EQ(write(fd, "x", 1), 1);
	close(fd);
	MUST(stat("fsetid.f", &st));
	return st.st_mode & 07777;
}

int main(void)
{
	int fd = MUST(open("fsetid.f", O_WRONLY | O_CREAT | O_TRUNC, 0644));

	close(fd);
	MUST(chmod("fsetid.f", 06755));
	CHECK_EQ(mode_after_write(), 06755);		/* with CAP_FSETID */
	CHECK_EQ(set_eff(1U << CAP_FSETID), 0);
	CHECK_EQ(mode_after_write(), 0755);		/* without */
	CHECK_EQ(set_eff(0), 0);
	CHECK_EQ(chmod("fsetid.f", 02745), 0);
	CHECK_EQ(set_eff(1U << CAP_FSETID), 0);
	CHECK_EQ(mode_after_write(), 02745);		/* sgid without group x stays */
	CHECK_EQ(set_eff(0), 0);
	unlink("fsetid.f");
	return report();
}
