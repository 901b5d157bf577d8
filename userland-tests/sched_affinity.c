/*
 * CPU affinity: the mask holds CPU 0; setting it to CPU 0 alone reads
 * back, getcpu then answers CPU 0, and a child inherits the mask; an empty
 * mask, or only CPUs that do not exist, is EINVAL; a buffer not a multiple
 * of 8 bytes is EINVAL; bad pointers EFAULT; negative pids ESRCH.
 */
#include "guest.h"
#include <sched.h>
#include <sys/wait.h>

int main(void)
{
	unsigned long mask[16], one = 1, none = 0, far = 1UL << 63;
	unsigned cpu = 99, node = 99;
	long n;
	int st = -1;
	pid_t pid;

	memset(mask, 0, sizeof(mask));
	n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	CHECK(n >= 8 && n % 8 == 0);
	CHECK(mask[0] & 1);
	CHECK_EQ(syscall(SYS_sched_setaffinity, 0, sizeof(one), &one), 0);
	memset(mask, 0xff, sizeof(mask));
	n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	CHECK(n >= 8);
	CHECK_EQ(mask[0], 1);
	CHECK_EQ(syscall(SYS_getcpu, &cpu, &node, NULL), 0);
	CHECK_EQ(cpu, 0);
	CHECK_EQ(node, 0);
	CHECK_EQ(syscall(SYS_getcpu, NULL, NULL, NULL), 0);
	CHECK_ERR(syscall(SYS_getcpu, (void *)1, NULL, NULL), EFAULT);

	pid = fork();
	if (pid == 0) {
		unsigned long m = 0;

		syscall(SYS_sched_getaffinity, 0, sizeof(m), &m);
		_exit(m == 1 ? 0 : 1);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);

	CHECK_ERR(syscall(SYS_sched_setaffinity, 0, sizeof(none), &none), EINVAL);
	CHECK_ERR(syscall(SYS_sched_setaffinity, 0, sizeof(far), &far), EINVAL);
	CHECK_ERR(syscall(SYS_sched_setaffinity, 0, 0, &one), EINVAL);
	CHECK_ERR(syscall(SYS_sched_setaffinity, 0, sizeof(one), (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_sched_setaffinity, -1, sizeof(one), &one), ESRCH);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 4, mask), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 12, mask), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, -1, sizeof(mask), mask), ESRCH);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof(mask), mask), ESRCH);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, sizeof(mask), (void *)1), EFAULT);
	return report();
}
