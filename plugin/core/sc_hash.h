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
#include <string.h>

/* Eight bytes at a time, each word mixed in the way of MurmurHash64A,
 * then a finaliser that spreads every input bit. */
static inline uint64_t sc_hash_word(uint64_t h, uint64_t w)
{
    const uint64_t m = 0xc6a4a7935bd1e995ull;
    w *= m;
    w ^= w >> 47;
    w *= m;
    return (h ^ w) * m;
}

static inline uint64_t sc_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = (const unsigned char *)data;
    uint64_t h = (seed + 0x9e3779b97f4a7c15ull) ^ (len * 0xc6a4a7935bd1e995ull);
    size_t n = len;
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = sc_hash_word(h, w);
    }
    if (n) {
        uint64_t w = 0;
        for (size_t i = 0; i < n; i++)
            w |= (uint64_t)p[i] << (8 * i);
        h = sc_hash_word(h, w);
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
