/*
 * reboot(2): CAP_SYS_BOOT only (EPERM first, as Linux checks CAP_SYS_BOOT before
 * anything), Linux's magic numbers (EINVAL otherwise). Power off, halt and
 * restart all write back every file system and stop umk with status 0:
 * a user-mode machine has nothing to restart into. Ctrl-Alt-Del on/off is
 * recorded and otherwise meaningless here.
 */
#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_reboot.h>

static bool cad_enabled = true;

_Noreturn void kernel_power_off(int status)
{
	vfs_shutdown();
	kernel_halt(status);
}

SYSCALL_DEFINE(reboot)
{
	uint32_t magic1 = (uint32_t)a[0], magic2 = (uint32_t)a[1], cmd = (uint32_t)a[2];
	char buf[256];

	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		cad_enabled = cmd == LINUX_REBOOT_CMD_CAD_ON;
		return 0;
	case LINUX_REBOOT_CMD_RESTART2:
		if (strncpy_from_user(buf, a[3], sizeof(buf)) == -EFAULT)
			return -EFAULT;
		/* fall through */
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off(0);
	case LINUX_REBOOT_CMD_SW_SUSPEND:
		return -ENOSYS;	/* no hibernation */
	default:
		return -EINVAL;	/* KEXEC: nothing loaded */
	}
}
