/*
 * chroot(2): errors (ENOENT, ENOTDIR, EFAULT), then, in a child, a new root:
 * "/" and "/.." are the new root, absolute paths resolve inside it, the
 * old cwd is left alone, and a directory fd from before still escapes.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/wait.h>

#define DIR "chroot.d"

int main(void)
{
	char buf[256];
	struct stat st;
	int status, outside, fd;
	pid_t pid;

	CHECK(mkdir(DIR, 0755) == 0);
	CHECK(mkdir(DIR "/inner", 0755) == 0);
	fd = open(DIR "/inner/hello", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	fd = open("chroot.file", O_WRONLY | O_CREAT, 0644);
	close(fd);

	CHECK_ERR(chroot("chroot.none"), ENOENT);
	CHECK_ERR(chroot("chroot.file"), ENOTDIR);
	CHECK_ERR(chroot("chroot.file/x"), ENOTDIR);
	CHECK_ERR(chroot((char *)8), EFAULT);

	outside = open(".", O_RDONLY | O_DIRECTORY);
	CHECK(outside >= 0);
	pid = fork();
	if (pid == 0) {
		if (chroot(DIR) != 0)
			_exit(1);
		/* the cwd did not move: relative names still work */
		if (access(DIR "/inner/hello", F_OK) != 0)
			_exit(2);
		if (chdir("/") != 0 || !getcwd(buf, sizeof(buf)) || strcmp(buf, "/") != 0)
			_exit(3);
		if (access("/inner/hello", F_OK) != 0 || access("/../../inner/hello", F_OK) != 0)
			_exit(4);
		if (chdir("/inner/../..") != 0 || !getcwd(buf, sizeof(buf)) || strcmp(buf, "/") != 0)
			_exit(5);
		if (access("/chroot.file", F_OK) == 0 || errno != ENOENT)
			_exit(6);
		if (stat("/", &st) != 0 || stat("/inner", &st) != 0)
			_exit(7);
		/* a directory opened before is a way out */
		if (fchdir(outside) != 0 || access("chroot.file", F_OK) != 0)
			_exit(8);
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	close(outside);
	CHECK(access(DIR "/inner/hello", F_OK) == 0);	/* our root is unchanged */

	unlink(DIR "/inner/hello");
	rmdir(DIR "/inner");
	unlink("chroot.file");
	CHECK(rmdir(DIR) == 0);
	return report();
}
