/*
 * Hashing bytes for in-memory tables (dentries, directory name filters):
 * FNV-1a, 64-bit, folded to 32 bits by hash_fold().
 */
#ifndef UMK_HASH_H
#define UMK_HASH_H

#include <umk/types.h>

#define HASH_INIT 0xcbf29ce484222325ULL

/* Continue hash h over the n bytes at p (start from HASH_INIT, or a seed mixed into it). */
static inline uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static inline uint32_t hash_fold(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32));
}

#endif
