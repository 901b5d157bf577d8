/*
 * The task name: execve sets it to the file's basename (a symlink's own
 * name when run through one); PR_SET_NAME keeps 15 bytes; fork inherits
 * it; bad pointers are EFAULT; unknown options EINVAL.
 */
#include "guest.h"
#include <sys/prctl.h>
#include <sys/wait.h>

#define LINK "prctl_name_a_long_link_name"

static void print_name(const char *when)
{
	char name[32];

	memset(name, 'x', sizeof(name));
	CHECK_EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
	CHECK_EQ(name[15], 0);
	printf("%s: \"%s\"\n", when, name);
}

int main(int argc, char **argv)
{
	int st = -1;
	pid_t pid;

	if (argc > 1) {
		print_name("after exec via link");
		return report();
	}
	print_name("at start");
	CHECK_EQ(prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz", 0, 0, 0), 0);
	print_name("long name");
	CHECK_EQ(prctl(PR_SET_NAME, "", 0, 0, 0), 0);
	print_name("empty");
	CHECK_EQ(prctl(PR_SET_NAME, "worker", 0, 0, 0), 0);
	CHECK_ERR(prctl(PR_SET_NAME, (char *)1, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(PR_GET_NAME, (char *)1, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(12345, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(-1, 0, 0, 0, 0), EINVAL);
	print_name("after errors");

	pid = fork();
	if (pid == 0) {
		print_name("child");
		_exit(report());
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);

	unlink(LINK);
	MUST(symlink(argv[0], LINK));
	pid = fork();
	if (pid == 0) {
		execl(LINK, "whatever", "exec", (char *)NULL);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	unlink(LINK);
	return report();
}
