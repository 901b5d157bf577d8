/*
 * What only a file's owner (or CAP_FOWNER) may do: open it O_NOATIME or set
 * O_NOATIME with F_SETFL (EPERM for others), and, with protected hard
 * links on (/proc/sys/fs/protected_hardlinks, 1 on Debian and in umk),
 * link to it unless it is a regular file the linker may read and write
 * that is not set-user-ID (EPERM). Root makes the files, a child with uid
 * 1000 tries, through a directory fd it inherits.
 */
#include <sys/wait.h>

#include "guest.h"

#define D "cred_owner_only.d"

static int child(int dir, int protect)
{
	int fd;

	CHECK_OK(setresgid(1000, 1000, 1000));
	CHECK_OK(setresuid(1000, 1000, 1000));

	CHECK_ERR(openat(dir, "root644", O_RDONLY | O_NOATIME), EPERM);
	fd = openat(dir, "root644", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(fcntl(fd, F_SETFL, O_NOATIME), EPERM);
	CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK));	/* the rest may change */
	close(fd);
	fd = openat(dir, "mine", O_RDWR | O_CREAT | O_NOATIME, 0600);
	CHECK(fd >= 0);
	CHECK_OK(fcntl(fd, F_SETFL, 0));
	CHECK_OK(fcntl(fd, F_SETFL, O_NOATIME));
	close(fd);

	if (protect) {
		CHECK_ERR(linkat(dir, "root644", dir, "l1", 0), EPERM);
		CHECK_ERR(linkat(dir, "suid", dir, "l2", 0), EPERM);
	} else {
		CHECK_OK(linkat(dir, "root644", dir, "l1", 0));
		CHECK_OK(linkat(dir, "suid", dir, "l2", 0));
	}
	CHECK_OK(linkat(dir, "root666", dir, "l3", 0));	/* readable and writable */
	CHECK_OK(linkat(dir, "mine", dir, "l4", 0));
	CHECK_ERR(linkat(dir, "root666", dir, "l3", 0), EEXIST);
	return report();
}

static void make(const char *name, unsigned mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0600);

	CHECK(fd >= 0);
	CHECK_OK(fchmod(fd, mode));
	close(fd);
}

int main(void)
{
	char flag = '1';
	int dir, fd, status, protect;
	pid_t pid;

	fd = open("/proc/sys/fs/protected_hardlinks", O_RDONLY);
	if (fd >= 0) {
		CHECK_EQ(read(fd, &flag, 1), 1);
		close(fd);
	}
	protect = flag != '0';
	CHECK_OK(mkdir(D, 0700));
	CHECK_OK(chmod(D, 01777));
	make(D "/root644", 0644);
	make(D "/root666", 0666);
	make(D "/suid", 04777);
	dir = MUST(open(D, O_RDONLY | O_DIRECTORY));

	pid = fork();
	if (pid == 0)
		_exit(child(dir, protect));
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	close(dir);
	for (const char *n = "root644\0root666\0suid\0mine\0l1\0l2\0l3\0l4\0"; *n; n += strlen(n) + 1) {
		char path[64];

		snprintf(path, sizeof(path), D "/%s", n);
		unlink(path);
	}
	CHECK_OK(rmdir(D));
	return report();
}
