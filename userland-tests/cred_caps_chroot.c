/*
 * chroot(2) needs CAP_SYS_CHROOT, not uid 0: a child that keeps its
 * capabilities across setuid(1000) (PR_SET_KEEPCAPS) and puts only
 * CAP_SYS_CHROOT back in its effective set can chroot into a directory;
 * with the bit gone (uid 0 or not) chroot is EPERM.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/prctl.h>
#include <sys/wait.h>

#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_SYS_CHROOT 18
#define DIR "caps_root.d"

struct cap_header {
	unsigned version;
	int pid;
};
struct cap_data {
	unsigned effective, permitted, inheritable;
};

/* Set the effective set's low word to eff within the permitted set. */
static int set_eff(unsigned eff)
{
	struct cap_header h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct cap_data d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective = eff & d[0].permitted;
	d[1].effective = 0;
	return syscall(SYS_capset, &h, d);
}

static int child_root_without_cap(void)
{
	CHECK_EQ(set_eff(~(1U << CAP_SYS_CHROOT)), 0);
	CHECK_ERR(chroot(DIR), EPERM);
	return report();
}

static int child_user_with_cap(void)
{
	struct stat st;
	int dir = MUST(open(DIR, O_RDONLY | O_DIRECTORY));

	CHECK_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0);
	CHECK_EQ(setuid(1000), 0);
	CHECK_EQ(getuid(), 1000);
	/* the temp dir may be closed to uid 1000: go in by fd */
	CHECK_EQ(fchdir(dir), 0);
	CHECK_ERR(chroot("."), EPERM);	/* effective set cleared by setuid */
	CHECK_EQ(set_eff(1U << CAP_SYS_CHROOT), 0);
	CHECK_EQ(chroot("."), 0);
	CHECK_EQ(chdir("/"), 0);
	CHECK_EQ(stat("/marker", &st), 0);
	CHECK_EQ(set_eff(0), 0);
	CHECK_ERR(chroot("/"), EPERM);
	return report();
}

static int run(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int r = fn();

		fflush(stdout);
		_exit(r);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void)
{
	int fd;

	MUST(mkdir(DIR, 0755));
	fd = MUST(open(DIR "/marker", O_WRONLY | O_CREAT, 0644));
	close(fd);
	CHECK_EQ(run(child_root_without_cap), 0);
	CHECK_EQ(run(child_user_with_cap), 0);
	unlink(DIR "/marker");
	rmdir(DIR);
	return report();
}
