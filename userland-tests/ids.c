/*
 * Process and user ids of a single-threaded program are consistent: gettid
 * equals getpid, set_tid_address returns it, the real, effective and saved
 * ids agree. No values are printed: they differ natively.
 */
#include "guest.h"

int main(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	int tidword;
	pid_t pid = getpid();

	CHECK(pid > 0);
	CHECK(getppid() >= 0);
	CHECK(getppid() != pid);
	CHECK_EQ(syscall(SYS_getpid), pid);
	CHECK_EQ(syscall(SYS_gettid), pid);
	CHECK_EQ(syscall(SYS_set_tid_address, &tidword), pid);

	CHECK_EQ(getuid(), geteuid());
	CHECK_EQ(getgid(), getegid());
	CHECK_EQ(getresuid(&ru, &eu, &su), 0);
	CHECK(ru == getuid() && eu == geteuid() && su == geteuid());
	CHECK_EQ(getresgid(&rg, &eg, &sg), 0);
	CHECK(rg == getgid() && eg == getegid() && sg == getegid());
	CHECK_ERR(syscall(SYS_getresuid, NULL, &eu, &su), EFAULT);
	return report();
}
