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
#define LINUX_ST_NOEXEC 0x0008
#define LINUX_ST_SYNCHRONOUS 0x0010
#define LINUX_ST_VALID 0x0020
#define LINUX_ST_MANDLOCK 0x0040
#define LINUX_ST_NOATIME 0x0400
#define LINUX_ST_NODIRATIME 0x0800
#define LINUX_ST_NOSYMFOLLOW 0x2000
#define LINUX_ST_RDONLY 0x0001
#define LINUX_EXT2_SUPER_MAGIC 0xEF53
#define LINUX_PROC_SUPER_MAGIC 0x9fa0
#define LINUX_SYSFS_MAGIC 0x62656572
#define LINUX_DEVPTS_SUPER_MAGIC 0x1cd1

/* mount(2) flags */
#define LINUX_MS_RDONLY 0x1
#define LINUX_MS_NOSUID 0x2
#define LINUX_MS_NODEV 0x4
#define LINUX_MS_NOEXEC 0x8
#define LINUX_MS_SYNCHRONOUS 0x10
#define LINUX_MS_REMOUNT 0x20
#define LINUX_MS_MANDLOCK 0x40
#define LINUX_MS_DIRSYNC 0x80
#define LINUX_MS_NOATIME 0x400
#define LINUX_MS_NODIRATIME 0x800
#define LINUX_MS_BIND 0x1000
#define LINUX_MS_MOVE 0x2000
#define LINUX_MS_REC 0x4000
#define LINUX_MS_SILENT 0x8000
#define LINUX_MS_PRIVATE (1 << 18)
#define LINUX_MS_SLAVE (1 << 19)
#define LINUX_MS_SHARED (1 << 20)
#define LINUX_MS_RELATIME (1 << 21)
#define LINUX_MS_STRICTATIME (1 << 24)
#define LINUX_MS_MGC_VAL 0xC0ED0000
#define LINUX_MS_MGC_MSK 0xffff0000

/* umount2(2) flags */
#define LINUX_MNT_FORCE 0x1
#define LINUX_MNT_DETACH 0x2
#define LINUX_MNT_EXPIRE 0x4
#define LINUX_UMOUNT_NOFOLLOW 0x8

/* block-device ioctls (linux/fs.h) */
#define LINUX_BLKROGET 0x125e
#define LINUX_BLKGETSIZE 0x1260
#define LINUX_BLKFLSBUF 0x1261
#define LINUX_BLKSSZGET 0x1268
#define LINUX_BLKPBSZGET 0x127b
#define LINUX_BLKGETSIZE64 0x80081272

#endif
