/* sipcodes core: the variant index, built-in rows and the user's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_private.h"
#include "sc_variants.h"

#include <stdlib.h>
#include <string.h>

/* Variant index: open addressing, capacity a power of two. */
struct variant_slot {
    uint32_t hash;
    const struct sc_variant *row;
};

struct sc_variant_index {
    size_t mask;
    struct variant_slot *slots;
};

static void variant_put(struct sc_variant_index *idx, const struct sc_variant *row)
{
    size_t plen = strlen(row->phrase);
    uint32_t h = sc_phrase_hash(row->code, row->phrase, plen);
    for (size_t i = h & idx->mask;; i = (i + 1) & idx->mask) {
        struct variant_slot *s = &idx->slots[i];
        if (!s->row) {
            s->hash = h;
            s->row = row;
            return;
        }
        if (s->hash == h && s->row->code == row->code
            && sc_phrase_equal(s->row->phrase, strlen(s->row->phrase), row->phrase, plen)) {
            s->row = row; /* later rows replace earlier ones */
            return;
        }
    }
}

struct sc_variant_index *sc_variant_index_new(const struct sc_variant *const *user_rows, size_t n_user)
{
    struct sc_variant_index *idx = calloc(1, sizeof *idx);
    if (!idx)
        return NULL;
    size_t cap = 16;
    while (cap < 2 * (sc_variants_count + n_user))
        cap <<= 1;
    idx->slots = calloc(cap, sizeof *idx->slots);
    if (!idx->slots) {
        free(idx);
        return NULL;
    }
    idx->mask = cap - 1;
    for (size_t i = 0; i < sc_variants_count; i++)
        variant_put(idx, &sc_variants[i]);
    for (size_t i = 0; i < n_user; i++)
        if (user_rows[i] && user_rows[i]->phrase)
            variant_put(idx, user_rows[i]);
    return idx;
}

void sc_variant_index_free(struct sc_variant_index *idx)
{
    if (!idx)
        return;
    free(idx->slots);
    free(idx);
}

const struct sc_variant *sc_variant_lookup(const struct sc_variant_index *idx,
                                           unsigned code, const char *phrase, size_t len)
{
    sc_require_init();
    if (!idx || code > SC_CODE_MAX)
        return NULL;
    uint32_t h = sc_phrase_hash(code, phrase, len);
    for (size_t i = h & idx->mask;; i = (i + 1) & idx->mask) {
        const struct variant_slot *s = &idx->slots[i];
        if (!s->row)
            return NULL;
        if (s->hash == h && s->row->code == code
            && sc_phrase_equal(s->row->phrase, strlen(s->row->phrase), phrase, len))
            return s->row;
    }
}
