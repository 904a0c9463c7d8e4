/* sipcodes core: the index of reason-phrase variants.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_VARIANTS_H
#define SC_VARIANTS_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Variant index: built-in rows plus user rows; a user row replaces a
 * built-in row with the same code and phrase. */
struct sc_variant_index;
struct sc_variant_index *sc_variant_index_new(const struct sc_variant *const *user_rows, size_t n_user);
void sc_variant_index_free(struct sc_variant_index *idx);
const struct sc_variant *sc_variant_lookup(const struct sc_variant_index *idx,
                                           unsigned code, const char *phrase, size_t len);

#ifdef __cplusplus
}
#endif
#endif
