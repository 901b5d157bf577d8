/*
 * MS_NOEXEC: execve of a file there fails with EACCES (a copy of this very
 * program, read through /proc/self/exe, runs from a plain mount), mapping
 * it executable fails with EPERM, and a mapping of it cannot be made
 * executable later (EACCES). MS_NODEV:
 * device nodes there cannot be opened (EACCES). MS_NOSUID shows in statvfs.
 * umk-test: native=unshare
 */
#include "guest.h"
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#define DIR "mnt_noexec.d"

static void copy_self(const char *to)
{
	char buf[65536];
	int in = open("/proc/self/exe", O_RDONLY), out;
	long n;

	CHECK(in >= 0);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(out >= 0);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK_EQ(write(out, buf, (size_t)n), n);
	close(in);
	close(out);
}

/* Run path with argument "child"; its exit status, or -errno of execve. */
static int run(const char *path)
{
	int p[2], status, err = 0;
	pid_t pid;

	CHECK(pipe2(p, O_CLOEXEC) == 0);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, "child", NULL };

		execv(path, argv);
		err = errno;
		write(p[1], &err, sizeof(err));
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(p[0]);
	CHECK(waitpid(pid, &status, 0) == pid);
	return err ? -err : WEXITSTATUS(status);
}

/*
 * Map path's first page executable: 0, or -errno of mmap (a read-only
 * mapping of it made executable must then fail with EACCES), as one result.
 */
static int map_exec(const char *path)
{
	int fd = open(path, O_RDONLY), err = 0;
	void *p;

	if (fd < 0)
		return -errno;
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		err = -errno;
		p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
		CHECK(p != MAP_FAILED);
		if (p != MAP_FAILED) {
			CHECK_ERR(mprotect(p, 4096, PROT_READ | PROT_EXEC), EACCES);
			munmap(p, 4096);
		}
	} else {
		munmap(p, 4096);
	}
	close(fd);
	return err;
}

int main(int argc, char **argv)
{
	struct statvfs sv;
	int fd;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return 42;
	CHECK(mkdir(DIR, 0755) == 0);
	CHECK(mount("t", DIR, "tmpfs", MS_NOEXEC | MS_NODEV | MS_NOSUID, NULL) == 0);
	CHECK(statvfs(DIR, &sv) == 0);
	CHECK_EQ(sv.f_flag & (ST_NOEXEC | ST_NODEV | ST_NOSUID | ST_RDONLY),
		 ST_NOEXEC | ST_NODEV | ST_NOSUID);
	copy_self(DIR "/prog");
	CHECK_EQ(run(DIR "/prog"), -EACCES);
	CHECK_EQ(map_exec(DIR "/prog"), -EPERM);
	CHECK(mknod(DIR "/null", S_IFCHR | 0666, makedev(1, 3)) == 0);
	CHECK_ERR(open(DIR "/null", O_WRONLY), EACCES);

	/* the same files, through a mount without the flags */
	CHECK(mount(NULL, DIR, NULL, MS_REMOUNT, NULL) == 0);
	CHECK_EQ(run(DIR "/prog"), 42);
	CHECK_EQ(map_exec(DIR "/prog"), 0);
	fd = open(DIR "/null", O_WRONLY);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "x", 1), 1);
	close(fd);

	unlink(DIR "/prog");
	unlink(DIR "/null");
	CHECK(umount(DIR) == 0);
	CHECK(rmdir(DIR) == 0);
	return report();
}
