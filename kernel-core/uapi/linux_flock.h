/* flock(2) and fcntl(2) record locks of the x86-64 Linux ABI. */
#ifndef UMK_UAPI_LINUX_FLOCK_H
#define UMK_UAPI_LINUX_FLOCK_H

#include <stdint.h>

#define LINUX_LOCK_SH 1
#define LINUX_LOCK_EX 2
#define LINUX_LOCK_NB 4
#define LINUX_LOCK_UN 8

#define LINUX_F_RDLCK 0
#define LINUX_F_WRLCK 1
#define LINUX_F_UNLCK 2

#define LINUX_F_OFD_GETLK 36
#define LINUX_F_OFD_SETLK 37
#define LINUX_F_OFD_SETLKW 38

/* struct flock: 32 bytes */
struct linux_flock {
	int16_t l_type;
	int16_t l_whence;
	int64_t l_start;
	int64_t l_len;
	int32_t l_pid;
};

#endif
