/*
 * Supplementary groups: setgroups stores them sorted (duplicates kept) and
 * getgroups returns them; getgroups(0) counts; a short buffer or a size
 * above NGROUPS_MAX is EINVAL; bad pointers EFAULT; without root setgroups
 * is EPERM (checked before the size).
 */
#include "guest.h"
#include <grp.h>
#include <sys/wait.h>

static int child(void)
{
	gid_t set[3] = { 30, 10, 20 }, dup[3] = { 5, 5, 1 }, got[8];

	CHECK_EQ(syscall(SYS_setgroups, 3, set), 0);
	CHECK_EQ(syscall(SYS_getgroups, 0, NULL), 3);
	CHECK_EQ(syscall(SYS_getgroups, 8, got), 3);
	CHECK(got[0] == 10 && got[1] == 20 && got[2] == 30);
	CHECK_ERR(syscall(SYS_getgroups, 2, got), EINVAL);
	CHECK_ERR(syscall(SYS_getgroups, -1, got), EINVAL);
	CHECK_ERR(syscall(SYS_getgroups, 3, (void *)1), EFAULT);
	CHECK_EQ(syscall(SYS_setgroups, 3, dup), 0);
	CHECK_EQ(syscall(SYS_getgroups, 3, got), 3);
	CHECK(got[0] == 1 && got[1] == 5 && got[2] == 5);
	CHECK_ERR(syscall(SYS_setgroups, 65537, set), EINVAL);
	CHECK_ERR(syscall(SYS_setgroups, -1, set), EINVAL);
	CHECK_ERR(syscall(SYS_setgroups, 2, (void *)1), EFAULT);
	CHECK_EQ(syscall(SYS_getgroups, 0, NULL), 3);	/* unchanged by failures */
	CHECK_EQ(syscall(SYS_setgroups, 0, NULL), 0);
	CHECK_EQ(syscall(SYS_getgroups, 0, NULL), 0);
	CHECK_EQ(syscall(SYS_setgroups, 1, set), 0);

	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_ERR(syscall(SYS_setgroups, 1, dup), EPERM);
	CHECK_ERR(syscall(SYS_setgroups, 65537, dup), EPERM);
	CHECK_EQ(syscall(SYS_getgroups, 8, got), 1);
	CHECK_EQ(got[0], 30);
	return report();
}

int main(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(child());
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return report();
}
