/* timerfd_create(2) and signalfd(2) of the x86-64 Linux ABI. */
#ifndef UMK_UAPI_LINUX_TIMERFD_H
#define UMK_UAPI_LINUX_TIMERFD_H

#include <stdint.h>

#define LINUX_TFD_CLOEXEC 02000000
#define LINUX_TFD_NONBLOCK 00004000
#define LINUX_TFD_TIMER_ABSTIME 1
#define LINUX_TFD_TIMER_CANCEL_ON_SET 2

#define LINUX_CLOCK_REALTIME_ALARM 8
#define LINUX_CLOCK_BOOTTIME_ALARM 9

#define LINUX_SFD_CLOEXEC 02000000
#define LINUX_SFD_NONBLOCK 00004000

/* What a read of a signalfd returns per signal: 128 bytes. */
struct linux_signalfd_siginfo {
	uint32_t ssi_signo;
	int32_t ssi_errno;
	int32_t ssi_code;
	uint32_t ssi_pid;
	uint32_t ssi_uid;
	int32_t ssi_fd;
	uint32_t ssi_tid;
	uint32_t ssi_band;
	uint32_t ssi_overrun;
	uint32_t ssi_trapno;
	int32_t ssi_status;
	int32_t ssi_int;
	uint64_t ssi_ptr;
	uint64_t ssi_utime;
	uint64_t ssi_stime;
	uint64_t ssi_addr;
	uint16_t ssi_addr_lsb;
	uint16_t __pad2;
	int32_t ssi_syscall;
	uint64_t ssi_call_addr;
	uint32_t ssi_arch;
	uint8_t __pad[28];
};

#endif
