/* Resource usage, scheduling and system information of the x86-64 ABI. */
#ifndef UMK_UAPI_LINUX_RESOURCE_H
#define UMK_UAPI_LINUX_RESOURCE_H

#include <stdint.h>

#include <uapi/linux_time.h>

struct linux_rusage {
	struct linux_timeval ru_utime;
	struct linux_timeval ru_stime;
	int64_t ru_maxrss;	/* KiB */
	int64_t ru_ixrss, ru_idrss, ru_isrss;
	int64_t ru_minflt, ru_majflt, ru_nswap;
	int64_t ru_inblock, ru_oublock;
	int64_t ru_msgsnd, ru_msgrcv, ru_nsignals;
	int64_t ru_nvcsw, ru_nivcsw;
};
#define LINUX_RUSAGE_SELF 0
#define LINUX_RUSAGE_CHILDREN (-1)
#define LINUX_RUSAGE_THREAD 1

struct linux_tms {
	int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};
#define LINUX_USER_HZ 100

struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram;
	uint64_t totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t pad2;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[4];
};

#define LINUX_PRIO_PROCESS 0
#define LINUX_PRIO_PGRP 1
#define LINUX_PRIO_USER 2

#define LINUX_SCHED_NORMAL 0
#define LINUX_SCHED_FIFO 1
#define LINUX_SCHED_RR 2
#define LINUX_SCHED_BATCH 3
#define LINUX_SCHED_IDLE 5
#define LINUX_SCHED_DEADLINE 6
#define LINUX_SCHED_EXT 7
#define LINUX_SCHED_RESET_ON_FORK 0x40000000

struct linux_sched_param {
	int32_t sched_priority;
};

/* CPU-time clock ids (clock_getcpuclockid(3)): ~pid << 3 | perthread << 2 | which */
#define LINUX_CPUCLOCK_PROF 0
#define LINUX_CPUCLOCK_VIRT 1
#define LINUX_CPUCLOCK_SCHED 2
#define LINUX_CPUCLOCK_PERTHREAD 4
#define LINUX_CLOCK_TAI 11

#endif
