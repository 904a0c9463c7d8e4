/* A packed array of message locations, in blocks so that it grows without
 * copying; frames arrive in order on the first pass, so the array is
 * sorted by frame and found by binary search.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipcodes-record.h"

#define BLOCK_BITS 12
#define BLOCK_SIZE ((gsize)1 << BLOCK_BITS)

G_STATIC_ASSERT(sizeof(struct sipcodes_location) == 16);

static struct sipcodes_location **blocks;
static gsize n_blocks, n_records;

const struct sipcodes_location *sipcodes_record_at(gsize index)
{
    return &blocks[index >> BLOCK_BITS][index & (BLOCK_SIZE - 1)];
}

static struct sipcodes_location *slot(gsize index)
{
    return &blocks[index >> BLOCK_BITS][index & (BLOCK_SIZE - 1)];
}

void sipcodes_record_add(const struct sipcodes_location *loc)
{
    if (n_records == n_blocks * BLOCK_SIZE) {
        blocks = g_renew(struct sipcodes_location *, blocks, n_blocks + 1);
        blocks[n_blocks++] = g_new(struct sipcodes_location, BLOCK_SIZE);
    }
    /* keep the order should a frame ever come back out of turn */
    gsize at = n_records++;
    while (at > 0 && sipcodes_record_at(at - 1)->frame > loc->frame) {
        *slot(at) = *sipcodes_record_at(at - 1);
        at--;
    }
    *slot(at) = *loc;
}

gsize sipcodes_record_find(guint32 frame, guint *count)
{
    gsize lo = 0, hi = n_records;
    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;
        if (sipcodes_record_at(mid)->frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    guint n = 0;
    while (lo + n < n_records && sipcodes_record_at(lo + n)->frame == frame)
        n++;
    *count = n;
    return lo;
}

void sipcodes_record_clear(void)
{
    for (gsize i = 0; i < n_blocks; i++)
        g_free(blocks[i]);
    g_free(blocks);
    blocks = NULL;
    n_blocks = n_records = 0;
}
