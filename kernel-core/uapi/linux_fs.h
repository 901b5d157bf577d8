/* File-system ABI pieces of x86-64 Linux not covered elsewhere: utime, rename, close_range, statfs. */
#ifndef UMK_UAPI_LINUX_FS_H
#define UMK_UAPI_LINUX_FS_H

#include <stdint.h>

#define LINUX_UTIME_NOW ((1L << 30) - 1L)
#define LINUX_UTIME_OMIT ((1L << 30) - 2L)

struct linux_utimbuf {
	int64_t actime;
	int64_t modtime;
};

#define LINUX_RENAME_NOREPLACE 0x1
#define LINUX_RENAME_EXCHANGE 0x2
#define LINUX_RENAME_WHITEOUT 0x4

#define LINUX_CLOSE_RANGE_UNSHARE 0x2
#define LINUX_CLOSE_RANGE_CLOEXEC 0x4

#define LINUX_FIOASYNC 0x5452
#define LINUX_FIOQSIZE 0x5460

#define LINUX_F_GETOWN 9
#define LINUX_F_SETOWN 8
#define LINUX_F_ADD_SEALS 1033
#define LINUX_F_GET_SEALS 1034

struct linux_statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	struct { int32_t val[2]; } f_fsid;
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};
#define LINUX_TMPFS_MAGIC 0x01021994
#define LINUX_ST_NOSUID 0x0002
#define LINUX_ST_NODEV 0x0004
#define LINUX_ST_RELATIME 0x1000

#endif
