/*
 * Only the low 8 bits of the exit_group code survive: 263 exits as 7.
 * Raw syscall, nothing flushed by libc after it.
 * umk-test: status=7
 */
#include "guest.h"

int main(void)
{
	printf("exit_group(263)\n");
	fflush(stdout);
	syscall(SYS_exit_group, 263);
	printf("FAIL: still running after exit_group\n");
	return 1;
}
