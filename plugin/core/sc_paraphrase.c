/* sipcodes core: paraphrases. The synonym entries are indexed by a hash of
 * their first word, so each word of a phrase is checked against a handful
 * of entries.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_paraphrase.h"
#include "sc_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTRIES_MAX 1024
#define BUCKETS 64
#define STANDARD_WORDS_MAX 32 /* words of a standard phrase after rewriting */

/* Entries by bucket of their first word; in a bucket the most words
 * first, then one for a code before one for any code, then file order. */
static uint16_t order[ENTRIES_MAX];
static uint16_t bucket_start[BUCKETS + 1];
static uint8_t n_words[ENTRIES_MAX];

_Static_assert(ENTRIES_MAX <= 65536, "entries are numbered in 16 bits");

static inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
static inline bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

struct word {
    const char *p;
    size_t len;
};

/* The next word of s[0..len) at or after *pos; *pos moves past it. */
static bool next_word(const char *s, size_t len, size_t *pos, struct word *w)
{
    size_t i = *pos;
    while (i < len && !word_char(s[i]))
        i++;
    if (i >= len) {
        *pos = len;
        return false;
    }
    size_t start = i;
    while (i < len && word_char(s[i]))
        i++;
    w->p = s + start;
    w->len = i - start;
    *pos = i;
    return true;
}

static bool word_eq(struct word a, struct word b)
{
    if (a.len != b.len)
        return false;
    for (size_t i = 0; i < a.len; i++)
        if (lower(a.p[i]) != lower(b.p[i]))
            return false;
    return true;
}

static unsigned bucket_of(struct word w)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < w.len; i++)
        h = (h ^ (unsigned char)lower(w.p[i])) * 16777619u;
    return h % BUCKETS;
}

static struct word first_word(const char *words)
{
    struct word w = { words, 0 };
    size_t pos = 0;
    next_word(words, strlen(words), &pos, &w);
    return w;
}

static int entry_order(const void *a, const void *b)
{
    unsigned ia = *(const uint16_t *)a, ib = *(const uint16_t *)b;
    unsigned ba = bucket_of(first_word(sc_paraphrases[ia].words)), bb = bucket_of(first_word(sc_paraphrases[ib].words));
    if (ba != bb)
        return ba < bb ? -1 : 1;
    if (n_words[ia] != n_words[ib])
        return n_words[ia] > n_words[ib] ? -1 : 1;
    bool any_a = sc_paraphrases[ia].code == 0, any_b = sc_paraphrases[ib].code == 0;
    if (any_a != any_b)
        return any_a ? 1 : -1;
    return ia < ib ? -1 : ia > ib;
}

typedef bool (*word_fn)(struct word w, void *user);

/* W(s) word by word into fn, which may stop the walk by returning false. */
static bool rewrite(unsigned code, const char *s, size_t len, word_fn fn, void *user)
{
    size_t pos = 0;
    struct word w;
    while (next_word(s, len, &pos, &w)) {
        unsigned b = bucket_of(w);
        const struct sc_paraphrase *hit = NULL;
        size_t hit_end = pos;
        for (size_t k = bucket_start[b]; k < bucket_start[b + 1] && !hit; k++) {
            const struct sc_paraphrase *e = &sc_paraphrases[order[k]];
            if (e->code && e->code != code)
                continue;
            /* every word of the entry, from w on */
            const char *ew = e->words;
            size_t epos = 0, elen = strlen(ew), at = pos;
            struct word x, y = w;
            bool same = next_word(ew, elen, &epos, &x) && word_eq(x, y);
            while (same && next_word(ew, elen, &epos, &x))
                same = next_word(s, len, &at, &y) && word_eq(x, y);
            if (same) {
                hit = e;
                hit_end = at;
            }
        }
        if (!hit) {
            if (!fn(w, user))
                return false;
            continue;
        }
        pos = hit_end;
        size_t spos = 0, slen = strlen(hit->same_as);
        struct word x;
        while (next_word(hit->same_as, slen, &spos, &x))
            if (!fn(x, user))
                return false;
    }
    return true;
}

struct standard_words {
    struct word w[STANDARD_WORDS_MAX];
    unsigned n;
    bool overflow;
};

static bool keep_standard_word(struct word w, void *user)
{
    struct standard_words *s = user;
    for (unsigned i = 0; i < s->n; i++)
        if (word_eq(s->w[i], w))
            return true;
    if (s->n == STANDARD_WORDS_MAX) {
        s->overflow = true;
        return false;
    }
    s->w[s->n++] = w;
    return true;
}

struct phrase_check {
    const struct standard_words *standard;
    size_t words;
};

static bool in_standard(struct word w, void *user)
{
    struct phrase_check *c = user;
    c->words++;
    for (unsigned i = 0; i < c->standard->n; i++)
        if (word_eq(c->standard->w[i], w))
            return true;
    return false;
}

void sc_phrases_init(void)
{
    if (sc_paraphrases_count > ENTRIES_MAX) {
        fputs("sipcodes: more paraphrase rows than the index holds\n", stderr);
        abort();
    }
    for (size_t i = 0; i < sc_paraphrases_count; i++) {
        size_t pos = 0, len = strlen(sc_paraphrases[i].words);
        struct word w;
        unsigned n = 0;
        while (next_word(sc_paraphrases[i].words, len, &pos, &w))
            n++;
        n_words[i] = (uint8_t)(n > 255 ? 255 : n);
        order[i] = (uint16_t)i;
    }
    qsort(order, sc_paraphrases_count, sizeof order[0], entry_order);
    size_t k = 0;
    for (unsigned b = 0; b <= BUCKETS; b++) {
        while (k < sc_paraphrases_count && bucket_of(first_word(sc_paraphrases[order[k]].words)) < b)
            k++;
        bucket_start[b] = (uint16_t)k;
    }
    bucket_start[BUCKETS] = (uint16_t)sc_paraphrases_count;
    /* every standard phrase fits the word set of sc_paraphrase_of() */
    for (size_t i = 0; i < sc_codes_count; i++) {
        struct standard_words s = { .n = 0 };
        rewrite(sc_codes[i].code, sc_codes[i].phrase, strlen(sc_codes[i].phrase), keep_standard_word, &s);
        if (s.overflow) {
            fprintf(stderr, "sipcodes: the standard phrase of %u has more than %d words\n", sc_codes[i].code,
                    STANDARD_WORDS_MAX);
            abort();
        }
    }
}

bool sc_paraphrase_of(unsigned code, const char *standard, const char *phrase, size_t len)
{
    sc_require_init();
    if (!standard || !phrase)
        return false;
    struct standard_words s = { .n = 0 };
    if (!rewrite(code, standard, strlen(standard), keep_standard_word, &s))
        return false;
    struct phrase_check c = { &s, 0 };
    return rewrite(code, phrase, len, in_standard, &c) && c.words > 0;
}
