/*
 * uname and getrandom.
 */
#include <string.h>

#include <host/host.h>
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <uapi/linux_misc.h>

#define UMK_RELEASE "6.1.0-umk"

SYSCALL_DEFINE(uname)
{
	struct linux_utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "umk");
	strcpy(u.release, UMK_RELEASE);
	strcpy(u.version, "#1 SMP PREEMPT umk");
	strcpy(u.machine, "x86_64");
	strcpy(u.domainname, "(none)");
	return copy_to_user(a[0], &u, sizeof(u)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(getrandom)
{
	uaddr_t buf = a[0];
	uint64_t len = a[1], done = 0;
	unsigned flags = (unsigned)a[2];
	char chunk[256];

	if (flags & ~(LINUX_GRND_NONBLOCK | LINUX_GRND_RANDOM | LINUX_GRND_INSECURE))
		return -EINVAL;
	if ((flags & LINUX_GRND_RANDOM) && (flags & LINUX_GRND_INSECURE))
		return -EINVAL;
	if (len > 0x1ffffff)
		len = 0x1ffffff;	/* one call returns at most 32 MiB - 1, as on Linux */
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		if (host_getrandom(chunk, n) < 0)
			return done ? (long)done : -EIO;
		if (copy_to_user(buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}
