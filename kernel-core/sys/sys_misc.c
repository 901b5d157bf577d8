/*
 * uname, sysinfo and getrandom.
 */
#include <string.h>

#include <host/host.h>
#include <umk/errno.h>
#include <umk/frame.h>
#include <umk/sched.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_misc.h>
#include <uapi/linux_time.h>

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

/* sysinfo(2): uptime as CLOCK_BOOTTIME, guest RAM, no swap; loads stay 0. */
SYSCALL_DEFINE(sysinfo)
{
	struct linux_sysinfo si;
	unsigned procs = 0;

	for (struct task *t = task_first(); t; t = task_next(t))
		if (t->state != TASK_DEAD)
			procs++;
	memset(&si, 0, sizeof(si));
	si.uptime = (ktime_mono_ns() + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
	si.totalram = frame_total() * PAGE_SIZE;
	si.freeram = frame_free_count() * PAGE_SIZE;
	si.procs = (uint16_t)MIN(procs, 0xffffu);
	si.mem_unit = 1;
	return copy_to_user(a[0], &si, sizeof(si)) ? -EFAULT : 0;
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
