/*
 * umask returns the previous mask and strips bits from the mode given to
 * open(O_CREAT) and mkdir; only the low 9 bits are kept.
 */
#include "guest.h"

#define F "umask.tmp"
#define D "umask.d"

int main(void)
{
	struct stat st;

	unlink(F);
	rmdir(D);
	umask(022);
	CHECK_EQ(umask(077), 022);
	CHECK_EQ(umask(0), 077);
	CHECK_EQ(umask(0), 0);
	CHECK_EQ(umask(0777777), 0);
	CHECK_EQ(umask(027), 0777);

	MUST(close(MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0666))));
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0640);
	CHECK_EQ(unlink(F), 0);

	CHECK_EQ(mkdir(D, 0777), 0);
	CHECK_EQ(stat(D, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0750);
	CHECK_EQ(rmdir(D), 0);

	CHECK_EQ(umask(0), 027);
	MUST(close(MUST(open(F, O_WRONLY | O_CREAT | O_EXCL, 0751))));
	CHECK_EQ(stat(F, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0751);
	CHECK_EQ(unlink(F), 0);

	CHECK_EQ(umask(022), 0);
	return report();
}
