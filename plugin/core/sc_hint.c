/* sipcodes core: phrase hints. Keywords are indexed by first letter,
 * longest first, so a word is checked against a handful of rows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_hint.h"

#include <stdlib.h>
#include <string.h>

#define BUCKETS 36 /* a-z, 0-9 */

static const struct sc_hint **by_letter[BUCKETS];
static size_t n_by_letter[BUCKETS];
static bool indexed;

static inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
static inline bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int bucket_of(char c)
{
    c = lower(c);
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '0' && c <= '9')
        return 26 + (c - '0');
    return -1;
}

static int longer_first(const void *a, const void *b)
{
    size_t la = strlen((*(const struct sc_hint *const *)a)->keyword);
    size_t lb = strlen((*(const struct sc_hint *const *)b)->keyword);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

static void build_index(void)
{
    for (size_t i = 0; i < sc_hints_count; i++) {
        int b = bucket_of(sc_hints[i].keyword[0]);
        if (b < 0)
            continue;
        const struct sc_hint **grown = realloc(by_letter[b], (n_by_letter[b] + 1) * sizeof *grown);
        if (!grown)
            return;
        by_letter[b] = grown;
        by_letter[b][n_by_letter[b]++] = &sc_hints[i];
    }
    for (int b = 0; b < BUCKETS; b++)
        if (n_by_letter[b] > 1)
            qsort(by_letter[b], n_by_letter[b], sizeof by_letter[b][0], longer_first);
    indexed = true;
}

void sc_hint_index_free(void)
{
    for (int b = 0; b < BUCKETS; b++) {
        free(by_letter[b]);
        by_letter[b] = NULL;
        n_by_letter[b] = 0;
    }
    indexed = false;
}

static bool starts_with(const char *p, size_t len, const char *keyword)
{
    size_t n = strlen(keyword);
    if (n > len)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(p[i]) != keyword[i])
            return false;
    return true;
}

const struct sc_hint *sc_hint_find(const char *phrase, size_t len, size_t *word_off, size_t *word_len)
{
    if (!indexed)
        build_index();
    for (size_t i = 0; i < len; i++) {
        if (!alnum(phrase[i]) || (i > 0 && alnum(phrase[i - 1])))
            continue;
        int b = bucket_of(phrase[i]);
        for (size_t k = 0; b >= 0 && k < n_by_letter[b]; k++) {
            if (starts_with(phrase + i, len - i, by_letter[b][k]->keyword)) {
                size_t end = i;
                while (end < len && alnum(phrase[end]))
                    end++;
                *word_off = i;
                *word_len = end - i;
                return by_letter[b][k];
            }
        }
    }
    return NULL;
}

size_t sc_hint_format(const struct sc_hint *hint, enum sc_lang lang, const char *word, size_t word_len,
                      char *out, size_t size)
{
    const char *text = hint->desc[lang];
    const char *at = strstr(text, "%s");
    size_t head = at ? (size_t)(at - text) : strlen(text);
    const char *tail = at ? at + 2 : "";
    size_t need = head + (at ? word_len : 0) + strlen(tail);
    if (size) {
        size_t n = 0;
        for (size_t i = 0; i < head && n + 1 < size; i++)
            out[n++] = text[i];
        for (size_t i = 0; at && i < word_len && n + 1 < size; i++)
            out[n++] = word[i];
        for (size_t i = 0; tail[i] && n + 1 < size; i++)
            out[n++] = tail[i];
        out[n] = '\0';
    }
    return need;
}
