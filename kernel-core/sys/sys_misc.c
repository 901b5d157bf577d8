/*
 * getrandom (getrandom(2)).
 */
#include <string.h>

#include <host/host.h>
#include <umk/errno.h>
#include <umk/syscall.h>
#include <umk/uaccess.h>
#include <uapi/linux_misc.h>

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
