/* sipcodes core: a category guessed from the words of a reason phrase
 * nobody knows (data/hints.tsv).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_HINT_H
#define SC_HINT_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The hint of the first word of phrase that starts with a keyword (the
 * longest keyword wins), ASCII case ignored; NULL when none. *word_off and
 * *word_len give the whole word as found. O(words); needs sc_init(). */
const struct sc_hint *sc_hint_find(const char *phrase, size_t len, size_t *word_off, size_t *word_len);

/* The hint's text in lang with the word put in for "%s"; returns the
 * length it needs (like snprintf). */
size_t sc_hint_format(const struct sc_hint *hint, enum sc_lang lang, const char *word, size_t word_len,
                      char *out, size_t size);

#ifdef __cplusplus
}
#endif
#endif
