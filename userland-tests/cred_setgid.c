/*
 * The set*gid family: root sets any gid; setregid moves the saved gid as
 * setregid(2) says; once the uid is not root (no CAP_SETGID) only held
 * gids are allowed, else EPERM; setfsgid returns the old fsgid and
 * ignores gids it may not take; setgid(-1) is EINVAL.
 */
#include "guest.h"
#include <sys/fsuid.h>
#include <sys/wait.h>

#define EXPECT_GIDS(r, e, s)                                               \
	do {                                                               \
		gid_t r_, e_, s_;                                          \
		CHECK_EQ(getresgid(&r_, &e_, &s_), 0);                     \
		CHECK_EQ(r_, r);                                           \
		CHECK_EQ(e_, e);                                           \
		CHECK_EQ(s_, s);                                           \
	} while (0)

static int child(void)
{
	CHECK_EQ(setresgid(100, 200, 300), 0);
	EXPECT_GIDS(100, 200, 300);
	CHECK_EQ(getgid(), 100);
	CHECK_EQ(getegid(), 200);
	CHECK_EQ(setfsgid(-1), 200);
	CHECK_EQ(setgid(400), 0);		/* with CAP_SETGID: all three */
	EXPECT_GIDS(400, 400, 400);
	CHECK_EQ(setresgid(10, 20, 30), 0);
	CHECK_EQ(setregid(-1, 40), 0);		/* egid != rgid: saved follows */
	EXPECT_GIDS(10, 40, 40);
	CHECK_EQ(setregid(50, -1), 0);		/* rgid set: saved = egid */
	EXPECT_GIDS(50, 40, 40);

	/* Without root, only held gids. */
	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_ERR(setgid(500), EPERM);
	CHECK_ERR(setregid(600, -1), EPERM);
	CHECK_ERR(setresgid(-1, -1, 600), EPERM);
	CHECK_EQ(setresgid(40, 50, 40), 0);
	EXPECT_GIDS(40, 50, 40);
	CHECK_ERR(setgid(50), EPERM);		/* the effective gid does not count */
	CHECK_EQ(setfsgid(600), 50);
	CHECK_EQ(setfsgid(-1), 50);
	CHECK_EQ(setfsgid(40), 50);
	CHECK_EQ(setfsgid(-1), 40);
	CHECK_EQ(setgid(40), 0);		/* not root: effective only */
	EXPECT_GIDS(40, 40, 40);
	CHECK_EQ(setfsgid(-1), 40);
	CHECK_ERR(syscall(SYS_setgid, -1), EINVAL);
	CHECK_ERR(syscall(SYS_getresgid, NULL, NULL, NULL), EFAULT);
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
