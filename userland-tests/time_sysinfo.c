/*
 * sysinfo and times: uptime agrees with CLOCK_BOOTTIME; total RAM is
 * positive and free RAM within it; at least this process runs; the value
 * times() returns never goes backwards; bad pointers are EFAULT.
 */
#include "guest.h"
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <time.h>

int main(void)
{
	struct sysinfo si;
	struct timespec boot;
	struct tms tms;
	long t1, t2;

	CHECK_EQ(sysinfo(&si), 0);
	CHECK_EQ(clock_gettime(CLOCK_BOOTTIME, &boot), 0);
	CHECK(si.uptime > 0);
	CHECK((long)si.uptime - boot.tv_sec >= -1 && (long)si.uptime - boot.tv_sec <= 2);
	CHECK(si.mem_unit >= 1);
	CHECK(si.totalram > 0);
	CHECK(si.freeram <= si.totalram);
	CHECK(si.procs >= 1);
	CHECK(si.totalswap >= si.freeswap);
	CHECK_ERR(syscall(SYS_sysinfo, (void *)1), EFAULT);

	t1 = syscall(SYS_times, NULL);
	t2 = syscall(SYS_times, &tms);
	CHECK(t2 >= t1);
	CHECK(tms.tms_cutime == 0 && tms.tms_cstime == 0);
	CHECK_ERR(syscall(SYS_times, (void *)1), EFAULT);
	return report();
}
