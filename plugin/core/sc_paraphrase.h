/* sipcodes core: the paraphrase rule of data/README.md ("Standard,
 * variant, paraphrase or unknown", step 4) with data/paraphrases.tsv.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_PARAPHRASE_H
#define SC_PARAPHRASE_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether phrase only rewords or shortens standard, the standard phrase of
 * code: W(phrase) is not empty and every word of it is in W(standard).
 * W(p): the words of p (runs of ASCII letters and digits, and of bytes
 * above 0x7f, ASCII case ignored), rewritten left to right by the synonym
 * table (at each word the entry with the most words, one for code before
 * one for any code). O(words); needs sc_init(). */
bool sc_paraphrase_of(unsigned code, const char *standard, const char *phrase, size_t len);

#ifdef __cplusplus
}
#endif
#endif
