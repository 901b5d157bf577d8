/*
 * Host and domain names: in a new UTS namespace (unshare(CLONE_NEWUTS)),
 * sethostname and setdomainname change what uname reports there and not
 * outside; more than 64 bytes or a negative length is EINVAL, a bad
 * pointer EFAULT, and without root both are EPERM (checked first).
 */
#include "guest.h"
#include <sched.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static int child(void)
{
	struct utsname u;
	char name[80], big[80];

	/* Never touch the real host name: a namespace of our own or nothing. */
	MUST(unshare(CLONE_NEWUTS));
	CHECK_EQ(sethostname("guest-test-host", 15), 0);
	CHECK_EQ(setdomainname("example.test", 12), 0);
	CHECK_EQ(uname(&u), 0);
	CHECK_STR(u.nodename, "guest-test-host");
	CHECK_STR(u.domainname, "example.test");
	CHECK_EQ(gethostname(name, sizeof(name)), 0);
	CHECK_STR(name, "guest-test-host");
	CHECK_EQ(sethostname("abcdefgh", 3), 0);	/* exactly len bytes */
	CHECK_EQ(gethostname(name, sizeof(name)), 0);
	CHECK_STR(name, "abc");
	memset(big, 'h', sizeof(big));
	CHECK_EQ(sethostname(big, 64), 0);
	CHECK_EQ(uname(&u), 0);
	CHECK_EQ(strlen(u.nodename), 64);
	CHECK_ERR(syscall(SYS_sethostname, big, 65), EINVAL);
	CHECK_ERR(syscall(SYS_sethostname, big, -1), EINVAL);
	CHECK_ERR(syscall(SYS_setdomainname, big, 65), EINVAL);
	CHECK_ERR(syscall(SYS_sethostname, (void *)1, 4), EFAULT);
	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_ERR(syscall(SYS_sethostname, "x", 1), EPERM);
	CHECK_ERR(syscall(SYS_sethostname, big, 65), EPERM);
	CHECK_ERR(syscall(SYS_setdomainname, "x", 1), EPERM);
	CHECK_ERR(unshare(CLONE_NEWUTS), EPERM);
	return report();
}

int main(void)
{
	struct utsname before, after;
	int st = -1;
	pid_t pid;

	CHECK_EQ(uname(&before), 0);
	pid = fork();
	if (pid == 0)
		_exit(child());
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	CHECK_EQ(uname(&after), 0);
	CHECK_STR(after.nodename, before.nodename);
	CHECK_STR(after.domainname, before.domainname);
	CHECK_ERR(syscall(SYS_uname, (void *)1), EFAULT);
	CHECK_ERR(unshare(0x1), EINVAL);
	CHECK_EQ(unshare(0), 0);
	return report();
}
