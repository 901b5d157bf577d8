/*
 * Basic kernel types and helpers shared by every kernel-core file.
 * Freestanding: only compiler headers, never a host system header.
 */
#ifndef UMK_TYPES_H
#define UMK_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A guest virtual address. Reached only through uaccess.h. */
typedef uint64_t uaddr_t;

#undef PAGE_SIZE
#undef PAGE_MASK
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(x) (((x) & (PAGE_SIZE - 1)) == 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* A piece of umk's own memory (a run of physmem): what direct disk I/O moves. */
struct kvec {
	void *base;
	size_t len;
};

/* Pointers that carry an errno: ERR_PTR(-ENOENT), IS_ERR(p), PTR_ERR(p). */
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline bool IS_ERR(const void *p)
{
	return (uintptr_t)p >= (uintptr_t)-MAX_ERRNO;
}
static inline bool IS_ERR_OR_NULL(const void *p) { return !p || IS_ERR(p); }

#endif
