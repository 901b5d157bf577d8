/*
 * The ext2 on-disk format (Documentation/filesystems/ext2.rst and the
 * ext2/ext4 layout document): super block, group descriptors, inodes and
 * directory entries. Every field is little-endian on disk; x86-64 is too,
 * so the structs are read in place.
 */
#ifndef UAPI_LINUX_EXT2_H
#define UAPI_LINUX_EXT2_H

#include <stdint.h>

#define LINUX_EXT2_MAGIC 0xEF53
#define LINUX_EXT2_SB_OFFSET 1024	/* bytes from the start of the disk */
#define LINUX_EXT2_MIN_BLOCK_LOG 10	/* 1 KiB */
#define LINUX_EXT2_MAX_BLOCK_LOG 16	/* 64 KiB */

/* s_state */
#define LINUX_EXT2_VALID_FS 0x0001
#define LINUX_EXT2_ERROR_FS 0x0002

/* s_rev_level */
#define LINUX_EXT2_GOOD_OLD_REV 0
#define LINUX_EXT2_DYNAMIC_REV 1
#define LINUX_EXT2_GOOD_OLD_INODE_SIZE 128
#define LINUX_EXT2_GOOD_OLD_FIRST_INO 11

/* reserved inode numbers */
#define LINUX_EXT2_BAD_INO 1
#define LINUX_EXT2_ROOT_INO 2

/* s_feature_compat */
#define LINUX_EXT2_FEATURE_COMPAT_DIR_PREALLOC 0x0001
#define LINUX_EXT2_FEATURE_COMPAT_IMAGIC_INODES 0x0002
#define LINUX_EXT3_FEATURE_COMPAT_HAS_JOURNAL 0x0004
#define LINUX_EXT2_FEATURE_COMPAT_EXT_ATTR 0x0008
#define LINUX_EXT2_FEATURE_COMPAT_RESIZE_INO 0x0010
#define LINUX_EXT2_FEATURE_COMPAT_DIR_INDEX 0x0020
/* s_feature_ro_compat */
#define LINUX_EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define LINUX_EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define LINUX_EXT2_FEATURE_RO_COMPAT_BTREE_DIR 0x0004
/* s_feature_incompat */
#define LINUX_EXT2_FEATURE_INCOMPAT_COMPRESSION 0x0001
#define LINUX_EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002
#define LINUX_EXT3_FEATURE_INCOMPAT_RECOVER 0x0004
#define LINUX_EXT3_FEATURE_INCOMPAT_JOURNAL_DEV 0x0008
#define LINUX_EXT2_FEATURE_INCOMPAT_META_BG 0x0010

struct linux_ext2_super {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;
	uint32_t s_log_block_size;
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;
	uint32_t s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* EXT2_DYNAMIC_REV only */
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t s_prealloc_blocks;
	uint8_t s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;
	uint8_t s_journal_uuid[16];
	uint32_t s_journal_inum;
	uint32_t s_journal_dev;
	uint32_t s_last_orphan;
	uint32_t s_hash_seed[4];
	uint8_t s_def_hash_version;
	uint8_t s_jnl_backup_type;
	uint16_t s_desc_size;
	uint32_t s_default_mount_opts;
	uint32_t s_first_meta_bg;
	uint32_t s_mkfs_time;
	uint8_t s_rest[1024 - 268];
};

struct linux_ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_pad;
	uint32_t bg_reserved[3];
};

#define LINUX_EXT2_NDIR_BLOCKS 12
#define LINUX_EXT2_IND_BLOCK 12
#define LINUX_EXT2_DIND_BLOCK 13
#define LINUX_EXT2_TIND_BLOCK 14
#define LINUX_EXT2_N_BLOCKS 15

/* i_flags */
#define LINUX_EXT2_INDEX_FL 0x00001000	/* hash-indexed directory */

struct linux_ext2_inode {
	uint16_t i_mode;
	uint16_t i_uid;
	uint32_t i_size;
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;	/* 512-byte units */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[LINUX_EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;	/* i_dir_acl before large_file */
	uint32_t i_faddr;
	uint8_t l_i_frag;
	uint8_t l_i_fsize;
	uint16_t i_pad1;
	uint16_t l_i_uid_high;
	uint16_t l_i_gid_high;
	uint32_t l_i_reserved2;
};

/* Directory entries: 4-byte aligned records chained by rec_len within a block. */
struct linux_ext2_dirent {
	uint32_t inode;		/* 0: unused */
	uint16_t rec_len;
	uint8_t name_len;
	uint8_t file_type;	/* with INCOMPAT_FILETYPE; else the high byte of name_len */
	char name[];
};
#define LINUX_EXT2_DIR_REC_LEN(n) (((n) + 8 + 3) & ~3u)

/* file_type */
#define LINUX_EXT2_FT_UNKNOWN 0
#define LINUX_EXT2_FT_REG_FILE 1
#define LINUX_EXT2_FT_DIR 2
#define LINUX_EXT2_FT_CHRDEV 3
#define LINUX_EXT2_FT_BLKDEV 4
#define LINUX_EXT2_FT_FIFO 5
#define LINUX_EXT2_FT_SOCK 6
#define LINUX_EXT2_FT_SYMLINK 7

_Static_assert(sizeof(struct linux_ext2_super) == 1024, "ext2 super block size");
_Static_assert(sizeof(struct linux_ext2_group_desc) == 32, "ext2 group descriptor size");
_Static_assert(sizeof(struct linux_ext2_inode) == 128, "ext2 inode size");

#endif
