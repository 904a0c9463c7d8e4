/* sipcodes core: phrase hints. Keywords are indexed by first letter,
 * longest first, so a word is checked against a handful of rows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 36 /* a-z, 0-9 */
#define HINTS_MAX 1024

/* Rows by the bucket of their keyword's first letter, longest first. */
static uint16_t order[HINTS_MAX];
static uint16_t bucket_start[BUCKETS + 1];

_Static_assert(HINTS_MAX <= 65536, "hint rows are numbered in 16 bits");

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
    const struct sc_hint *ha = &sc_hints[*(const uint16_t *)a], *hb = &sc_hints[*(const uint16_t *)b];
    int ba = bucket_of(ha->keyword[0]), bb = bucket_of(hb->keyword[0]);
    if (ba != bb)
        return ba < bb ? -1 : 1;
    size_t la = strlen(ha->keyword), lb = strlen(hb->keyword);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

void sc_hints_init(void)
{
    size_t n = 0;
    if (sc_hints_count > HINTS_MAX) {
        fputs("sipcodes: more hint rows than the index holds\n", stderr);
        abort();
    }
    for (size_t i = 0; i < sc_hints_count; i++)
        if (bucket_of(sc_hints[i].keyword[0]) >= 0)
            order[n++] = (uint16_t)i;
    qsort(order, n, sizeof order[0], longer_first);
    size_t k = 0;
    for (int b = 0; b <= BUCKETS; b++) {
        while (k < n && bucket_of(sc_hints[order[k]].keyword[0]) < b)
            k++;
        bucket_start[b] = (uint16_t)k;
    }
    bucket_start[BUCKETS] = (uint16_t)n;
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
    sc_require_init();
    for (size_t i = 0; i < len; i++) {
        if (!alnum(phrase[i]) || (i > 0 && alnum(phrase[i - 1])))
            continue;
        int b = bucket_of(phrase[i]);
        for (size_t k = b >= 0 ? bucket_start[b] : 0; b >= 0 && k < bucket_start[b + 1]; k++) {
            const struct sc_hint *h = &sc_hints[order[k]];
            if (starts_with(phrase + i, len - i, h->keyword)) {
                size_t end = i;
                while (end < len && alnum(phrase[end]))
                    end++;
                *word_off = i;
                *word_len = end - i;
                return h;
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
