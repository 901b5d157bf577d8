/*
 * Without the capability Linux checks, uid 0 is refused with EPERM before
 * any argument is looked at: reboot(2) without CAP_SYS_BOOT, sethostname(2)
 * without CAP_SYS_ADMIN, timerfd_create(2) of an alarm clock without
 * CAP_WAKE_ALARM, chroot(2) without CAP_SYS_CHROOT. With CAP_SYS_BOOT back,
 * reboot with a bad magic is EINVAL. Nothing here can change the host: the
 * reboot magic is wrong and no capability is checked after the bit is gone.
 */
#include "guest.h"
#include <sys/timerfd.h>
#include <sys/wait.h>

#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_SYS_CHROOT 18
#define CAP_SYS_ADMIN 21
#define CAP_SYS_BOOT 22
#define CAP_WAKE_ALARM 35
#define BIT(cap) (1ULL << (cap))
#define DROP (BIT(CAP_SYS_CHROOT) | BIT(CAP_SYS_ADMIN) | BIT(CAP_SYS_BOOT) | BIT(CAP_WAKE_ALARM))

struct cap_header {
	unsigned version;
	int pid;
};
struct cap_data {
	unsigned effective, permitted, inheritable;
};

static unsigned long long get_eff(void)
{
	struct cap_header h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct cap_data d[2];

	if (syscall(SYS_capget, &h, d))
		return ~0ULL;
	return d[0].effective | (unsigned long long)d[1].effective << 32;
}

/* Effective set: the permitted set minus drop. */
static int set_eff(unsigned long long drop)
{
	struct cap_header h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct cap_data d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective = d[0].permitted & ~(unsigned)drop;
	d[1].effective = d[1].permitted & ~(unsigned)(drop >> 32);
	return syscall(SYS_capset, &h, d);
}

static int child(void)
{
	MUST(set_eff(DROP));
	if (get_eff() & DROP) {
		printf("capabilities not dropped\n");
		return 2;
	}
	CHECK_ERR(syscall(SYS_reboot, 0x1234, 0x5678, 0, NULL), EPERM);
	CHECK_ERR(sethostname("x", 1), EPERM);
	CHECK_ERR(timerfd_create(CLOCK_REALTIME_ALARM, 0), EPERM);
	CHECK_ERR(timerfd_create(CLOCK_BOOTTIME_ALARM, 0), EPERM);
	CHECK_ERR(chroot("."), EPERM);
	MUST(set_eff(DROP & ~BIT(CAP_SYS_BOOT)));
	CHECK_ERR(syscall(SYS_reboot, 0x1234, 0x5678, 0, NULL), EINVAL);
	return report();
}

int main(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int r = child();

		fflush(stdout);
		_exit(r);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return report();
}
