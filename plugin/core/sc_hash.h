/* sipcodes core: hashing of message pieces (Call-IDs, tags, branches,
 * addresses). A call is kept as hashes, not copies: two different 64-bit
 * keys of one capture collide with a chance of about n*n / 2^65.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_HASH_H
#define SC_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a over the bytes, then a finaliser that spreads every input bit. */
static inline uint64_t sc_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = (const unsigned char *)data;
    uint64_t h = 14695981039346656037ull ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

/* 0 is kept for "absent": a present piece never hashes to 0. */
static inline uint32_t sc_hash32(const void *data, size_t len, uint64_t seed)
{
    uint32_t h = (uint32_t)(sc_hash64(data, len, seed) >> 32);
    return h ? h : 1;
}

#endif
