/*
 * reboot(2) refuses what is not Linux's magic: a wrong first or second
 * magic number, or an unknown command, is EINVAL for root (EPERM comes
 * first for anyone else). Only refusals are tried: a call that worked
 * would stop the machine.
 */
#include "guest.h"

/* linux/reboot.h (not in musl's headers) */
#define LINUX_REBOOT_MAGIC1 0xfee1deadU
#define LINUX_REBOOT_MAGIC2 672274793U
#define LINUX_REBOOT_MAGIC2A 85072278U
#define LINUX_REBOOT_MAGIC2C 537993216U
#define LINUX_REBOOT_CMD_HALT 0xCDEF0123U
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDCU

static long rb(unsigned m1, unsigned m2, unsigned cmd)
{
	return syscall(SYS_reboot, m1, m2, cmd, NULL);
}

int main(void)
{
	int want = geteuid() == 0 ? EINVAL : EPERM;

	CHECK_ERR(rb(0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF), want);
	CHECK_ERR(rb(LINUX_REBOOT_MAGIC1, 0, LINUX_REBOOT_CMD_POWER_OFF), want);
	CHECK_ERR(rb(LINUX_REBOOT_MAGIC1, 12345, LINUX_REBOOT_CMD_HALT), want);
	CHECK_ERR(rb(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, 0x12345678), want);
	CHECK_ERR(rb(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2A, 0x87654321), want);
	CHECK_ERR(rb(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2C, 0xffffffff), want);
	return report();
}
