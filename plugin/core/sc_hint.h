/* sipcodes core: a category guessed from the words of a reason phrase
 * nobody knows (data/hints.tsv, data/hint_weights.tsv).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_HINT_H
#define SC_HINT_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A guess from the words of a phrase (data/README.md, "Phrase hints"). */
struct sc_hint_match {
    const struct sc_hint *hint;      /* the winner's keyword shown; NULL: no hint */
    size_t word_off, word_len;       /* the whole word it was found in, in phrase */
    unsigned score;                  /* the winning category's score */
};

/* The words of phrase are its runs of ASCII letters and digits; a keyword
 * is found when a word starts with it (ASCII case ignored) and its codes,
 * if any, hold code; each keyword counts once with its weight. The
 * category with the highest sum wins when that sum is at least
 * SC_HINT_MIN_SCORE and no other category has it. The keyword shown is the
 * winner's found keyword of the highest weight, the first in the phrase on
 * a tie (the longer one within one word). False when no category wins.
 * O(words); needs sc_init(). */
#define SC_HINT_MIN_SCORE 2
bool sc_hint_guess(unsigned code, const char *phrase, size_t len, struct sc_hint_match *out);

/* The hint's text in lang with the word put in for "%s"; returns the
 * length it needs (like snprintf). */
size_t sc_hint_format(const struct sc_hint *hint, enum sc_lang lang, const char *word, size_t word_len,
                      char *out, size_t size);

#ifdef __cplusplus
}
#endif
#endif
