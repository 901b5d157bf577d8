/*
 * CPU time of host threads, for the guest's CPU clocks and getrusage.
 *
 * A guest thread is a host thread in another process, whose per-thread
 * CPU clock the host only lets its own process read, so the numbers come
 * from /proc: schedstat gives the run time in nanoseconds, stat the
 * user/system split in clock ticks, which scales the total as Linux's
 * cputime_adjust() does.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <host/host.h>

/* Read a small /proc file into buf (NUL-terminated): length or -errno. */
static long read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, buf, size - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* utime and stime (fields 14 and 15) of a /proc stat line, in ticks. */
static int parse_stat_times(const char *buf, uint64_t *ut, uint64_t *st)
{
	const char *p = strrchr(buf, ')');	/* comm may hold spaces */
	int field = 2;

	if (!p)
		return -EINVAL;
	for (p++; *p && field < 13; p++)
		if (*p == ' ')
			field++;
	/* p is now at field 14 */
	if (sscanf(p, " %" SCNu64 " %" SCNu64, ut, st) != 2)
		return -EINVAL;
	return 0;
}

int host_thread_cputime(int pid, int tid, int64_t *sum, int64_t *utime, int64_t *stime)
{
	char path[64], buf[512];
	uint64_t run = 0, ut = 0, st = 0;
	long n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat", pid, tid);
	n = read_small(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	if (sscanf(buf, "%" SCNu64, &run) != 1)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	n = read_small(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	if (parse_stat_times(buf, &ut, &st))
		return -EINVAL;
	*sum = (int64_t)run;
	if (ut + st == 0)
		*utime = (int64_t)run;
	else
		*utime = (int64_t)((double)run * (double)ut / (double)(ut + st));
	*stime = *sum - *utime;
	return 0;
}
