/* sipcodes core: phrase hints. Keywords are indexed by first letter, so
 * a word is checked against a handful of rows.
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

static bool for_code(const struct sc_hint *h, unsigned code)
{
    if (!h->n_codes)
        return true;
    for (unsigned i = 0; i < h->n_codes; i++)
        if (code >= h->codes[i].first && code <= h->codes[i].last)
            return true;
    return false;
}

/* The keyword of a category shown so far, and where it was found. */
struct shown {
    const struct sc_hint *hint;
    size_t off, len;
};

/* Whether keyword h found at off beats the one shown: higher weight, then
 * earlier in the phrase, then (same word) the longer keyword. */
static bool better(const struct sc_hint *h, size_t off, const struct shown *cur)
{
    if (!cur->hint || h->weight != cur->hint->weight)
        return !cur->hint || h->weight > cur->hint->weight;
    if (off != cur->off)
        return off < cur->off;
    return strlen(h->keyword) > strlen(cur->hint->keyword);
}

bool sc_hint_guess(unsigned code, const char *phrase, size_t len, struct sc_hint_match *out)
{
    sc_require_init();
    memset(out, 0, sizeof *out);
    unsigned score[SC_CATEGORY_COUNT] = { 0 };
    struct shown shown[SC_CATEGORY_COUNT];
    memset(shown, 0, sizeof shown);
    uint16_t found[HINTS_MAX]; /* rows counted, each once */
    size_t n_found = 0;
    for (size_t i = 0; i < len; i++) {
        if (!alnum(phrase[i]) || (i > 0 && alnum(phrase[i - 1])))
            continue;
        size_t end = i;
        while (end < len && alnum(phrase[end]))
            end++;
        int b = bucket_of(phrase[i]);
        for (size_t k = bucket_start[b]; k < bucket_start[b + 1]; k++) {
            const struct sc_hint *h = &sc_hints[order[k]];
            if (!starts_with(phrase + i, end - i, h->keyword) || !for_code(h, code))
                continue;
            bool counted = false;
            for (size_t f = 0; f < n_found && !counted; f++)
                counted = found[f] == order[k];
            if (counted)
                continue;
            found[n_found++] = order[k];
            score[h->category] += h->weight;
            if (better(h, i, &shown[h->category])) {
                shown[h->category].hint = h;
                shown[h->category].off = i;
                shown[h->category].len = end - i;
            }
        }
        i = end;
    }
    unsigned best = 0, winners = 0;
    enum sc_category winner = SC_CATEGORY_OTHER;
    for (unsigned c = 0; c < SC_CATEGORY_COUNT; c++) {
        if (score[c] > best) {
            best = score[c];
            winner = (enum sc_category)c;
            winners = 1;
        } else if (score[c] == best && best) {
            winners++;
        }
    }
    if (best < SC_HINT_MIN_SCORE || winners != 1)
        return false;
    out->hint = shown[winner].hint;
    out->word_off = shown[winner].off;
    out->word_len = shown[winner].len;
    out->score = best;
    return true;
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
