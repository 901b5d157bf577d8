/*
 * close-on-exec: across execve, descriptors marked FD_CLOEXEC (by
 * O_CLOEXEC, F_DUPFD_CLOEXEC or F_SETFD) are closed and the others stay
 * open, usable, without the flag, and sharing the file offset. The exec'd
 * image (this program with "child" and the fd numbers as arguments) checks
 * each descriptor and reports through its exit status.
 */
#include "guest.h"
#include <sys/wait.h>

#define F "proc_cloexec.tmp"

/* The exec'd image: argv = prog child KEEP CLOSED... */
static int child_main(int argc, char **argv)
{
	char c = 0;
	int keep, i;

	CHECK_EQ(argc, 6);
	if (argc != 6)
		return report();
	keep = atoi(argv[2]);
	CHECK_EQ(fcntl(keep, F_GETFD), 0);
	/* The parent read one byte before exec: the offset is shared. */
	CHECK_EQ(read(keep, &c, 1), 1);
	CHECK_EQ(c, 'b');
	for (i = 3; i < argc; i++)
		CHECK_ERR(fcntl(atoi(argv[i]), F_GETFD), EBADF);
	return guest_failures ? report() : 0;
}

int main(int argc, char **argv)
{
	char nums[4][16], *cargv[7], c = 0;
	int keep, by_open, by_dupfd, by_setfd, status = -1, fd;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child_main(argc, argv);

	unlink(F);
	fd = MUST(open(F, O_WRONLY | O_CREAT | O_TRUNC, 0644));
	MUST(write(fd, "abc", 3));
	close(fd);

	keep = MUST(open(F, O_RDONLY));
	by_open = MUST(open(F, O_RDONLY | O_CLOEXEC));
	by_dupfd = MUST(fcntl(keep, F_DUPFD_CLOEXEC, 0));
	by_setfd = MUST(open(F, O_RDONLY));
	MUST(fcntl(by_setfd, F_SETFD, FD_CLOEXEC));
	CHECK_EQ(fcntl(keep, F_GETFD), 0);
	CHECK_EQ(fcntl(by_open, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(by_dupfd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(by_setfd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(read(keep, &c, 1), 1);

	snprintf(nums[0], sizeof(nums[0]), "%d", keep);
	snprintf(nums[1], sizeof(nums[1]), "%d", by_open);
	snprintf(nums[2], sizeof(nums[2]), "%d", by_dupfd);
	snprintf(nums[3], sizeof(nums[3]), "%d", by_setfd);
	cargv[0] = argv[0];
	cargv[1] = "child";
	cargv[2] = nums[0];
	cargv[3] = nums[1];
	cargv[4] = nums[2];
	cargv[5] = nums[3];
	cargv[6] = NULL;

	fflush(stdout);
	pid = MUST(fork());
	if (pid == 0) {
		execv(argv[0], cargv);
		_exit(127);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);

	/* The exec'd child read through the shared offset; ours stay open. */
	CHECK_EQ(read(keep, &c, 1), 1);
	CHECK_EQ(c, 'c');
	CHECK_EQ(fcntl(by_open, F_GETFD), FD_CLOEXEC);
	close(keep);
	close(by_open);
	close(by_dupfd);
	close(by_setfd);
	CHECK_EQ(unlink(F), 0);
	return report();
}
