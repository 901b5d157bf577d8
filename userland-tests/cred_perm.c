/*
 * File permission checks use the fs ids and supplementary groups: a file
 * readable by a group opens for a member through a supplementary group or
 * the fsgid; fsuid 1000 of root loses the file-system capabilities (EACCES
 * on root's 0600 file) while access(2) still checks as the real uid.
 */
#include "guest.h"
#include <grp.h>
#include <sys/fsuid.h>
#include <sys/wait.h>

#define OWNER "cred_perm_owner"	/* 0600 1000:1000 */
#define GROUP "cred_perm_group"	/* 0060 0:3000 */
#define ROOT "cred_perm_root"	/* 0600 0:0 */

static int try_open(const char *name, int flags)
{
	int fd = open(name, flags);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int supplementary(void)
{
	gid_t g = 3000;

	CHECK_EQ(setgroups(1, &g), 0);
	CHECK_EQ(setresgid(2000, 2000, 2000), 0);
	CHECK_EQ(setresuid(2000, 2000, 2000), 0);
	CHECK_EQ(try_open(GROUP, O_RDWR), 0);
	CHECK_EQ(access(GROUP, R_OK | W_OK), 0);
	CHECK_EQ(try_open(OWNER, O_RDONLY), -EACCES);
	CHECK_EQ(try_open(ROOT, O_RDONLY), -EACCES);
	CHECK_ERR(access(ROOT, R_OK), EACCES);
	return report();
}

static int fsgid(void)
{
	CHECK_EQ(setgroups(0, NULL), 0);
	CHECK_EQ(setfsgid(3000), 0);
	CHECK_EQ(setfsuid(1234), 0);
	CHECK_EQ(try_open(GROUP, O_RDWR), 0);
	CHECK_EQ(try_open(OWNER, O_RDONLY), -EACCES);
	CHECK_EQ(setfsgid(4000), 3000);
	CHECK_EQ(try_open(GROUP, O_RDONLY), -EACCES);
	return report();
}

static int fsuid(void)
{
	CHECK_EQ(setgroups(0, NULL), 0);
	CHECK_EQ(setfsuid(1000), 0);
	CHECK_EQ(try_open(OWNER, O_RDWR), 0);
	CHECK_EQ(try_open(ROOT, O_RDONLY), -EACCES);
	CHECK_EQ(access(ROOT, R_OK | W_OK), 0);		/* real uid 0 */
	CHECK_EQ(setfsuid(0), 1000);
	CHECK_EQ(try_open(ROOT, O_RDWR), 0);
	/* access(2) checks the real uid: 1000 may read OWNER, euid 2000 may not. */
	CHECK_EQ(setresuid(1000, 2000, 0), 0);
	CHECK_EQ(access(OWNER, R_OK), 0);
	CHECK_EQ(try_open(OWNER, O_RDONLY), -EACCES);
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

static void make(const char *name, mode_t mode, uid_t uid, gid_t gid)
{
	int fd = MUST(open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600));

	MUST(write(fd, "x", 1));
	close(fd);
	MUST(chown(name, uid, gid));
	MUST(chmod(name, mode));
}

int main(void)
{
	struct stat st;

	/* The working directory must be searchable by the other users. */
	MUST(stat(".", &st));
	MUST(chmod(".", 0711));
	make(OWNER, 0600, 1000, 1000);
	make(GROUP, 0060, 0, 3000);
	make(ROOT, 0600, 0, 0);
	CHECK_EQ(run(supplementary), 0);
	CHECK_EQ(run(fsgid), 0);
	CHECK_EQ(run(fsuid), 0);
	unlink(OWNER);
	unlink(GROUP);
	unlink(ROOT);
	chmod(".", st.st_mode & 07777);
	return report();
}
