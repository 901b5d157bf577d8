/*
 * procfs: the files about the whole system (/proc/meminfo, cpuinfo, stat,
 * uptime, loadavg, version, filesystems, /proc/sys/...), the self links,
 * and the table of /proc's root. Formats are proc(5)'s.
 */
#include <stdio.h>
#include <string.h>

#include <umk/errno.h>

#include <umk/frame.h>
#include <umk/kernel.h>
#include <umk/sched.h>
#include "internal.h"

#define USER_HZ 100
/* The release uname(2) reports (sys/sys_misc.c). */
#define UMK_RELEASE "6.1.0-umk"
#define UMK_VERSION "#1 SMP PREEMPT umk"

static unsigned long kb(uint64_t pages)
{
	return (unsigned long)(pages * (PAGE_SIZE / 1024));
}

static void mem_line(struct proc_buf *b, const char *name, uint64_t pages)
{
	char label[32];

	snprintf(label, sizeof(label), "%s:", name);
	pb_printf(b, "%-16s%8lu kB\n", label, kb(pages));
}

static int show_meminfo(struct proc_buf *b, struct task *t, int fd)
{
	static const char *const zero1[] = {
		"SwapCached", "Active", "Inactive", "Active(anon)", "Inactive(anon)",
		"Active(file)", "Inactive(file)", "Unevictable", "Mlocked", "SwapTotal", "SwapFree",
	};
	static const char *const zero2[] = {
		"Writeback", "AnonPages", "Mapped",
	};
	static const char *const zero3[] = {
		"KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack",
		"PageTables", "SecPageTables", "NFS_Unstable", "Bounce", "WritebackTmp",
	};
	uint64_t total = frame_total(), free_pages = frame_free_count();
	uint64_t cached, dirty, shmem;

	(void)t;
	(void)fd;
	page_cache_stats(&cached, &dirty, &shmem);
	mem_line(b, "MemTotal", total);
	mem_line(b, "MemFree", free_pages);
	/* what a file system could give back: its clean pages, once written its dirty ones */
	mem_line(b, "MemAvailable", free_pages + cached - shmem);
	mem_line(b, "Buffers", 0);
	mem_line(b, "Cached", cached);
	for (size_t i = 0; i < ARRAY_SIZE(zero1); i++)
		mem_line(b, zero1[i], 0);
	mem_line(b, "Dirty", dirty);
	for (size_t i = 0; i < ARRAY_SIZE(zero2); i++)
		mem_line(b, zero2[i], 0);
	mem_line(b, "Shmem", shmem);
	for (size_t i = 0; i < ARRAY_SIZE(zero3); i++)
		mem_line(b, zero3[i], 0);
	mem_line(b, "CommitLimit", total / 2);
	mem_line(b, "Committed_AS", total - free_pages);
	pb_printf(b, "%-16s%8lu kB\n", "VmallocTotal:", 34359738367UL);
	mem_line(b, "VmallocUsed", 0);
	mem_line(b, "VmallocChunk", 0);
	mem_line(b, "Percpu", 0);
	mem_line(b, "HardwareCorrupted", 0);
	mem_line(b, "AnonHugePages", 0);
	mem_line(b, "ShmemHugePages", 0);
	mem_line(b, "ShmemPmdMapped", 0);
	mem_line(b, "FileHugePages", 0);
	mem_line(b, "FilePmdMapped", 0);
	pb_printf(b, "HugePages_Total:       0\nHugePages_Free:        0\n"
		  "HugePages_Rsvd:        0\nHugePages_Surp:        0\n");
	pb_printf(b, "%-16s%8lu kB\n", "Hugepagesize:", 2048UL);
	mem_line(b, "Hugetlb", 0);
	mem_line(b, "DirectMap4k", total);
	return 0;
}

static int show_cpuinfo(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	for (int i = 0; i < kernel_ncpus; i++) {
		pb_printf(b, "processor\t: %d\nvendor_id\t: umk\ncpu family\t: 6\nmodel\t\t: 0\n"
			  "model name\t: umk virtual CPU\nstepping\t: 0\ncpu MHz\t\t: 1000.000\n"
			  "physical id\t: 0\nsiblings\t: %d\ncore id\t\t: %d\ncpu cores\t: %d\n"
			  "apicid\t\t: %d\nfpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: 13\n"
			  "wp\t\t: yes\nflags\t\t: fpu tsc cx8 cmov mmx fxsr sse sse2 syscall lm\n"
			  "bogomips\t: 2000.00\nclflush size\t: 64\ncache_alignment\t: 64\n"
			  "address sizes\t: 46 bits physical, 48 bits virtual\npower management:\n\n",
			  i, kernel_ncpus, i, kernel_ncpus, i);
	}
	return 0;
}

static uint64_t uptime_ticks(void)
{
	return (uint64_t)ktime_mono_ns() / (NSEC_PER_SEC / USER_HZ);
}

static int show_stat(struct proc_buf *b, struct task *t, int fd)
{
	uint64_t idle = uptime_ticks(), forks = 0, running = 0;

	(void)t;
	(void)fd;
	for (struct task *o = task_first(); o; o = task_next(o)) {
		forks++;
		if (o->state == TASK_RUNNING)
			running++;
	}
	pb_printf(b, "cpu  0 0 0 %lu 0 0 0 0 0 0\n", (unsigned long)(idle * (uint64_t)kernel_ncpus));
	for (int i = 0; i < kernel_ncpus; i++)
		pb_printf(b, "cpu%d 0 0 0 %lu 0 0 0 0 0 0\n", i, (unsigned long)idle);
	pb_printf(b, "intr 0\nctxt 0\nbtime %ld\nprocesses %lu\nprocs_running %lu\n"
		  "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		  (long)((ktime_real_ns() - ktime_mono_ns()) / NSEC_PER_SEC),
		  (unsigned long)forks, (unsigned long)MAX(running, 1));
	return 0;
}

static int show_uptime(struct proc_buf *b, struct task *t, int fd)
{
	uint64_t up = uptime_ticks(), idle = up * (uint64_t)kernel_ncpus;

	(void)t;
	(void)fd;
	pb_printf(b, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / USER_HZ),
		  (unsigned long)(up % USER_HZ), (unsigned long)(idle / USER_HZ),
		  (unsigned long)(idle % USER_HZ));
	return 0;
}

static int show_loadavg(struct proc_buf *b, struct task *t, int fd)
{
	unsigned long running = 0, total = 0;
	int last = 0;

	(void)t;
	(void)fd;
	for (struct task *o = task_first(); o; o = task_next(o)) {
		if (o->tid > last)
			last = o->tid;
		if (o->state == TASK_DEAD)
			continue;
		total++;
		if (o->state == TASK_RUNNING)
			running++;
	}
	pb_printf(b, "0.00 0.00 0.00 %lu/%lu %d\n", MAX(running, 1UL), total, last);
	return 0;
}

static int show_version(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	pb_printf(b, "Linux version %s (umk@umk) (gcc) %s\n", UMK_RELEASE, UMK_VERSION);
	return 0;
}

/* Registration order, as Linux lists them ("nodev" for types without a disk). */
static void show_types(struct proc_buf *b, struct fs_type *t)
{
	if (!t)
		return;
	show_types(b, fs_type_next(t));
	pb_printf(b, "%s\t%s\n", t->requires_dev ? "" : "nodev", t->name);
}

static int show_filesystems(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	show_types(b, fs_type_next(NULL));
	return 0;
}

static int link_self(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	if (!current)
		return -ENOENT;
	pb_printf(b, "%d", current->tgid);
	return 0;
}

static int link_thread_self(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	if (!current)
		return -ENOENT;
	pb_printf(b, "%d/task/%d", current->tgid, current->tid);
	return 0;
}

static int link_mounts(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	pb_printf(b, "self/mounts");
	return 0;
}

#define TEXT(fn_name, text)                                                  \
	static int fn_name(struct proc_buf *b, struct task *t, int fd)       \
	{                                                                    \
		(void)t;                                                     \
		(void)fd;                                                    \
		pb_printf(b, "%s\n", text);                                  \
		return 0;                                                    \
	}

/* The reader's UTS names, as sethostname and setdomainname left them. */
static int show_hostname(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	pb_printf(b, "%s\n", task_uts(current)->nodename);
	return 0;
}

static int show_domainname(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	pb_printf(b, "%s\n", task_uts(current)->domainname);
	return 0;
}

TEXT(show_ostype, "Linux")
TEXT(show_osrelease, UMK_RELEASE)
TEXT(show_kversion, UMK_VERSION)
TEXT(show_pid_max, "32768")
TEXT(show_zero, "0")
TEXT(show_one, "1")

/* threads-max: RAM over 8 kernel stacks of 16 KiB, as fork_init sets it. */
static int show_threads_max(struct proc_buf *b, struct task *t, int fd)
{
	(void)t;
	(void)fd;
	pb_printf(b, "%lu\n", (unsigned long)MAX(frame_total() * PAGE_SIZE / (16384 * 8), 20));
	return 0;
}

#define REG(n, fn) { .name = n, .mode = LINUX_S_IFREG | 0444, .show = fn }
#define RW(n, fn) { .name = n, .mode = LINUX_S_IFREG | 0644, .show = fn }
#define LNK(n, fn) { .name = n, .mode = LINUX_S_IFLNK | 0777, .link = fn }
#define DIR(n, ents) { .name = n, .mode = LINUX_S_IFDIR | 0555, .kind = PD_STATIC, \
		       .children = ents }

static const struct proc_ent sys_kernel_ents[] = {
	RW("domainname", show_domainname),
	RW("hostname", show_hostname),
	REG("osrelease", show_osrelease),
	REG("ostype", show_ostype),
	RW("pid_max", show_pid_max),
	RW("threads-max", show_threads_max),
	REG("version", show_kversion),
	{ 0 },
};

static const struct proc_ent sys_vm_ents[] = {
	RW("overcommit_memory", show_zero),
	{ 0 },
};

/* fs.protected_hardlinks: on, as Debian sets it (vfs/dir.c: may_hardlink) */
static const struct proc_ent sys_fs_ents[] = {
	{ .name = "protected_hardlinks", .mode = LINUX_S_IFREG | 0600, .show = show_one },
	{ 0 },
};

static const struct proc_ent sys_ents[] = {
	DIR("fs", sys_fs_ents),
	DIR("kernel", sys_kernel_ents),
	DIR("vm", sys_vm_ents),
	{ 0 },
};

const struct proc_ent proc_root_ents[] = {
	REG("cpuinfo", show_cpuinfo),
	REG("filesystems", show_filesystems),
	REG("loadavg", show_loadavg),
	REG("meminfo", show_meminfo),
	LNK("mounts", link_mounts),
	LNK("self", link_self),
	REG("stat", show_stat),
	DIR("sys", sys_ents),
	LNK("thread-self", link_thread_self),
	REG("uptime", show_uptime),
	REG("version", show_version),
	{ 0 },
};
