/*
 * The set*uid family follows Linux's permission rules: root may set any
 * id; an unprivileged caller only ids it holds (real, effective or saved),
 * else EPERM; setreuid updates the saved id as setreuid(2) says; setfsuid
 * returns the old fsuid and ignores ids it may not take; -1 is EINVAL for
 * setuid. Runs in a forked child, which changes its ids.
 */
#include "guest.h"
#include <sys/fsuid.h>
#include <sys/wait.h>

#define EXPECT_IDS(r, e, s)                                                \
	do {                                                               \
		uid_t r_, e_, s_;                                          \
		CHECK_EQ(getresuid(&r_, &e_, &s_), 0);                     \
		CHECK_EQ(r_, r);                                           \
		CHECK_EQ(e_, e);                                           \
		CHECK_EQ(s_, s);                                           \
	} while (0)

static int child_rules(void)
{
	CHECK_EQ(setresuid(1000, 2000, 0), 0);
	EXPECT_IDS(1000, 2000, 0);
	CHECK_EQ(getuid(), 1000);
	CHECK_EQ(geteuid(), 2000);
	CHECK_EQ(setfsuid(-1), 2000);		/* fsuid follows euid */
	CHECK_ERR(setuid(3000), EPERM);		/* not one it holds */
	CHECK_EQ(setuid(0), 0);			/* the saved id: effective only */
	EXPECT_IDS(1000, 0, 0);
	CHECK_EQ(setreuid(-1, 2000), 0);	/* euid != ruid: saved follows */
	EXPECT_IDS(1000, 2000, 2000);
	CHECK_EQ(setreuid(2000, 1000), 0);	/* swap: saved = new euid */
	EXPECT_IDS(2000, 1000, 1000);
	CHECK_EQ(setresuid(-1, -1, 2000), 0);
	EXPECT_IDS(2000, 1000, 2000);
	CHECK_ERR(setresuid(0, -1, -1), EPERM);
	CHECK_ERR(setreuid(5555, -1), EPERM);
	CHECK_ERR(setreuid(-1, 5555), EPERM);
	CHECK_EQ(setresuid(-1, -1, -1), 0);
	EXPECT_IDS(2000, 1000, 2000);

	CHECK_EQ(setfsuid(2000), 1000);		/* returns the old fsuid */
	CHECK_EQ(setfsuid(5555), 2000);		/* refused: unchanged */
	CHECK_EQ(setfsuid(-1), 2000);
	CHECK_EQ(setresuid(-1, 2000, -1), 0);	/* a set*uid resets fsuid */
	CHECK_EQ(setfsuid(-1), 2000);
	CHECK_ERR(syscall(SYS_setuid, -1), EINVAL);
	CHECK_ERR(setuid(1000), EPERM);
	CHECK_EQ(setuid(2000), 0);
	EXPECT_IDS(2000, 2000, 2000);
	CHECK_ERR(syscall(SYS_getresuid, (void *)1, NULL, NULL), EFAULT);
	return report();
}

/* Root's setuid sets all three, and there is no way back. */
static int child_root_setuid(void)
{
	CHECK_EQ(setuid(1000), 0);
	EXPECT_IDS(1000, 1000, 1000);
	CHECK_ERR(setuid(0), EPERM);
	CHECK_ERR(seteuid(0), EPERM);
	CHECK_EQ(setfsuid(0), 1000);
	CHECK_EQ(setfsuid(-1), 1000);
	return report();
}

static int run(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void)
{
	CHECK_EQ(run(child_rules), 0);
	CHECK_EQ(run(child_root_setuid), 0);
	return report();
}
