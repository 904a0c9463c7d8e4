/* SPDX-License-Identifier: GPL-2.0-or-later
 * The phrase rules of data/README.md in C: the kind of a reason phrase
 * (standard, variant, paraphrase, hinted, unknown) and the weighted phrase
 * hints, through the explanation every view shows. Test vectors are read
 * at run time from the data folder: every row of
 * data/phrase_kinds_expected.tsv must get its kind, and the hints must be
 * right in at least 85 % of the phrases of data/hint_corpus.tsv where they
 * fire.
 *
 * Usage: test_phrases DATA_DIR */
#include "sc_explain.h"
#include "sc_paraphrase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static struct sc_variant_index *variants;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* A TSV table of data/: the header names the columns. */
#define MAX_COLS 16
struct table {
    char *text;
    char **rows;             /* nrows * ncols cells */
    size_t nrows, ncols;
    char *names[MAX_COLS];
};

static bool load(const char *dir, const char *file, struct table *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    memset(t, 0, sizeof *t);
    t->text = read_file(path);
    if (!t->text) {
        fprintf(stderr, "  cannot read %s\n", path);
        return false;
    }
    size_t cap = 0;
    for (char *line = t->text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *cells[MAX_COLS];
        size_t n = 0;
        for (char *c = line; c && n < MAX_COLS;) {
            cells[n++] = c;
            c = strchr(c, '\t');
            if (c)
                *c++ = '\0';
        }
        if (!t->ncols) {
            t->ncols = n;
            memcpy(t->names, cells, n * sizeof *cells);
            continue;
        }
        if (n != t->ncols)
            continue;
        if (t->nrows == cap) {
            cap = cap ? 2 * cap : 64;
            t->rows = realloc(t->rows, cap * t->ncols * sizeof *t->rows);
        }
        memcpy(t->rows + t->nrows * t->ncols, cells, n * sizeof *cells);
        t->nrows++;
    }
    return t->nrows > 0;
}

static const char *cell(const struct table *t, size_t row, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->names[c], name) == 0)
            return t->rows[row * t->ncols + c];
    fprintf(stderr, "  no column %s\n", name);
    exit(1);
}

static void unload(struct table *t)
{
    free(t->rows);
    free(t->text);
}

static void explain(unsigned code, const char *phrase, struct sc_explanation *ex)
{
    struct sc_explain_ctx ctx = { variants, NULL };
    sc_explain_status(&ctx, code, SC_STATUS_OK, phrase, strlen(phrase), false, ex);
}

static const char *kind_of(unsigned code, const char *phrase)
{
    struct sc_explanation ex;
    explain(code, phrase, &ex);
    return sc_phrase_kind_names[ex.phrase_kind];
}

static const char *hint_of(unsigned code, const char *phrase, char *word, size_t size)
{
    struct sc_explanation ex;
    explain(code, phrase, &ex);
    if (!ex.hint)
        return NULL;
    snprintf(word, size, "%.*s", (int)ex.hint_word_len, phrase + ex.hint_word_off);
    return sc_category_names[ex.hint->category];
}

static bool str_is(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The rule case by case: RFC 3261 s21 gives the standard phrases,
 * data/paraphrases.tsv and data/variants.tsv the rest. */
static void test_kinds_by_hand(void)
{
    CHECK(str_is(kind_of(200, "OK"), "standard"));
    CHECK(str_is(kind_of(200, "  ok "), "standard"));              /* case and blanks aside */
    CHECK(str_is(kind_of(480, "No money left"), "variant"));       /* variants.tsv */
    /* s21.4.25 487 Request Terminated; paraphrases.tsv: cancelled -> terminated for 487 */
    CHECK(str_is(kind_of(487, "Request Cancelled"), "paraphrase"));
    CHECK(str_is(kind_of(486, "Request Cancelled"), "unknown"));   /* only for 487 */
    /* s21.4.18 480 Temporarily Unavailable; unavailable -> not available for any code */
    CHECK(str_is(kind_of(480, "Temporarily not available"), "paraphrase"));
    CHECK(str_is(kind_of(480, "Temporarily"), "paraphrase"));      /* a part of it */
    CHECK(str_is(kind_of(480, "User temporarily not available"), "unknown")); /* adds a word */
    /* s21.1.1 100 Trying; connecting -> trying for 100 only */
    CHECK(str_is(kind_of(100, "Connecting"), "paraphrase"));
    CHECK(str_is(kind_of(180, "Connecting"), "unknown"));
    /* the longest entry first: "no such" -> "does not exist" for 481 (s21.4.19) */
    CHECK(str_is(kind_of(481, "No Such Call"), "paraphrase"));
    CHECK(str_is(kind_of(481, "No Call"), "unknown"));
    /* words are cut at anything but letters and digits */
    CHECK(str_is(kind_of(482, "(Loop Detected)"), "paraphrase"));
    CHECK(str_is(kind_of(414, "URI: too large"), "paraphrase")); /* large -> long for 414 */
    /* nothing left after rewriting, or nothing at all */
    CHECK(str_is(kind_of(480, "the"), "unknown"));
    CHECK(str_is(kind_of(480, ""), "unknown"));
    CHECK(str_is(kind_of(480, "--"), "unknown"));
    /* no standard phrase: never a paraphrase */
    CHECK(str_is(kind_of(299, "OK"), "unknown"));
    /* a hint only for what is left: "In band info aZailable" names band (media, weight 2) */
    CHECK(str_is(kind_of(183, "In band info aZailable"), "hinted"));
    CHECK(sc_paraphrase_of(487, "Request Terminated", "request  CANCELED", 17));
    CHECK(!sc_paraphrase_of(487, NULL, "x", 1));
}

/* Every row of data/phrase_kinds_expected.tsv. The file's unknown is the
 * rule's last step, so it is "unknown" or "hinted" here. */
static void test_kinds_expected(const char *dir)
{
    struct table t;
    CHECK(load(dir, "phrase_kinds_expected.tsv", &t));
    unsigned seen[SC_PHRASE_KIND_COUNT] = { 0 };
    for (size_t r = 0; r < t.nrows; r++) {
        unsigned code = (unsigned)atoi(cell(&t, r, "code"));
        const char *phrase = cell(&t, r, "phrase"), *want = cell(&t, r, "kind");
        struct sc_explanation ex;
        explain(code, phrase, &ex);
        const char *got = sc_phrase_kind_names[ex.phrase_kind];
        bool ok = str_is(got, want) || (str_is(want, "unknown") && str_is(got, "hinted"));
        if (!ok)
            fprintf(stderr, "  phrase_kinds_expected.tsv:%zu: %u \"%s\" is %s, expected %s\n", r + 2, code, phrase, got,
                    want);
        CHECK(ok);
        /* a paraphrase, a variant or a standard phrase never gets a hint */
        if (!str_is(want, "unknown"))
            CHECK(ex.hint == NULL && !(ex.expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_HINT)));
        /* and no note that it is unknown */
        if (str_is(want, "paraphrase"))
            CHECK(!(ex.expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_UNKNOWN))
                  && (ex.expert & SC_EXPERT_BIT(SC_EXPERT_PARAPHRASE)));
        seen[ex.phrase_kind]++;
    }
    printf("phrase_kinds_expected.tsv: %zu rows:", t.nrows);
    for (unsigned k = 0; k < SC_PHRASE_KIND_COUNT; k++)
        printf(" %s %u", sc_phrase_kind_names[k], seen[k]);
    printf("\n");
    CHECK(t.nrows >= 51);
    unload(&t);
}

/* The weighted rule case by case (data/README.md "Phrase hints", weights
 * and codes from data/hint_weights.tsv). */
static void test_hints_by_hand(void)
{
    char w[64];
    /* password (auth, 3) outweighs invalid (protocol, 1); the word shown is the winner's */
    CHECK(str_is(hint_of(403, "Invalid password", w, sizeof w), "auth") && str_is(w, "password"));
    /* a weight-1 keyword alone never decides: rout */
    CHECK(hint_of(480, "No route", w, sizeof w) == NULL);
    /* two weight-1 keywords of one category do: rout + destination; the first in the phrase is shown */
    CHECK(str_is(hint_of(480, "No route to destination", w, sizeof w), "routing") && str_is(w, "route"));
    /* a tie gives no guess: db (database, 3) and timeout (timeout, 3) */
    CHECK(hint_of(503, "DB Timeout", w, sizeof w) == NULL);
    /* busy counts only for 500-599 */
    CHECK(hint_of(486, "User Busy", w, sizeof w) == NULL);
    CHECK(str_is(hint_of(503, "Gateway busy now", w, sizeof w), "overload") && str_is(w, "busy"));
    /* a keyword counts once, however often it is found: rout twice is still 1 */
    CHECK(hint_of(480, "route routing", w, sizeof w) == NULL);
    /* found at a word start, in the whole word: resolv in "Unresolvable" is no word start, unresolv is */
    CHECK(str_is(hint_of(480, "Unresolvable host", w, sizeof w), "routing") && str_is(w, "Unresolvable"));
    CHECK(hint_of(480, "xpassword", w, sizeof w) == NULL);
    /* never for a standard phrase, a variant or a paraphrase */
    CHECK(hint_of(401, "Unauthorized", w, sizeof w) == NULL);
    CHECK(hint_of(480, "No money left", w, sizeof w) == NULL);
    CHECK(hint_of(408, "Timeout", w, sizeof w) == NULL); /* a paraphrase of 408 Request Timeout */
    CHECK(hint_of(480, "Timeout", w, sizeof w) != NULL);  /* not one of 480 Temporarily Unavailable */

    struct sc_hint_match m;
    CHECK(sc_hint_guess(401, "Nonce went stale", 16, &m) && m.score == 3 && m.word_off == 0 && m.word_len == 5);
    CHECK(!sc_hint_guess(401, "", 0, &m) && m.hint == NULL);
}

/* Every keyword alone, at a word start, with its own code list: found
 * when its weight reaches the threshold. */
static void test_every_keyword(void)
{
    for (size_t i = 0; i < sc_hints_count; i++) {
        const struct sc_hint *h = &sc_hints[i];
        unsigned code = h->n_codes ? h->codes[0].first : 480;
        char phrase[128];
        snprintf(phrase, sizeof phrase, "Xq %szz", h->keyword);
        struct sc_hint_match m;
        bool fired = sc_hint_guess(code, phrase, strlen(phrase), &m);
        /* another keyword may start the same word (cert, certificate) */
        bool ok = fired ? m.hint->category == h->category && m.word_off == 3
                        : h->weight < SC_HINT_MIN_SCORE;
        if (!ok)
            fprintf(stderr, "  hint row %zu '%s' (weight %u): not found alone\n", i + 2, h->keyword, h->weight);
        CHECK(ok);
        CHECK(h->weight >= 1 && h->weight <= 3);
        for (unsigned k = 0; k < h->n_codes; k++)
            CHECK(h->codes[k].first <= h->codes[k].last && h->codes[k].first >= 100 && h->codes[k].last <= 799);
        if (h->n_codes && h->codes[0].first > 100)
            CHECK(!sc_hint_guess(h->codes[0].first - 1, phrase, strlen(phrase), &m)
                  || m.hint->category != h->category || m.hint != h);
    }
}

/* data/hint_corpus.tsv: real phrases in no table, each with the category
 * an engineer gives it or none. */
static void test_hint_corpus(const char *dir)
{
    struct table t;
    CHECK(load(dir, "hint_corpus.tsv", &t));
    unsigned fired = 0, right = 0;
    for (size_t r = 0; r < t.nrows; r++) {
        unsigned code = (unsigned)atoi(cell(&t, r, "code"));
        const char *phrase = cell(&t, r, "phrase"), *want = cell(&t, r, "category");
        struct sc_explanation ex;
        explain(code, phrase, &ex);
        bool unknown = ex.phrase_kind == SC_PHRASE_KIND_UNKNOWN || ex.phrase_kind == SC_PHRASE_KIND_HINTED;
        if (!unknown)
            fprintf(stderr, "  hint_corpus.tsv:%zu: %u \"%s\" is %s, not unknown\n", r + 2, code, phrase,
                    sc_phrase_kind_names[ex.phrase_kind]);
        CHECK(unknown);
        CHECK((ex.hint != NULL) == (ex.phrase_kind == SC_PHRASE_KIND_HINTED));
        if (!ex.hint)
            continue;
        fired++;
        right += str_is(sc_category_names[ex.hint->category], want);
    }
    double precision = fired ? 100.0 * right / fired : 0.0;
    printf("hint_corpus.tsv: %zu phrases, a hint fires on %u, right %u: precision %.1f %%\n", t.nrows, fired, right,
           precision);
    CHECK(fired > 0 && 100 * right >= 85 * fired);
    unload(&t);
}

/* Every standard phrase is standard and every variant row a variant,
 * neither with a hint. */
static void test_tables_agree(void)
{
    for (size_t i = 0; i < sc_codes_count; i++) {
        if (!sc_codes[i].phrase[0])
            continue;
        struct sc_explanation ex;
        explain(sc_codes[i].code, sc_codes[i].phrase, &ex);
        CHECK(ex.phrase_kind == SC_PHRASE_KIND_STANDARD && !ex.hint && ex.expert == (ex.expert & ~(
                  SC_EXPERT_BIT(SC_EXPERT_VARIANT) | SC_EXPERT_BIT(SC_EXPERT_PHRASE_UNKNOWN)
                  | SC_EXPERT_BIT(SC_EXPERT_PARAPHRASE) | SC_EXPERT_BIT(SC_EXPERT_PHRASE_HINT))));
    }
    for (size_t i = 0; i < sc_variants_count; i++) {
        struct sc_explanation ex;
        explain(sc_variants[i].code, sc_variants[i].phrase, &ex);
        CHECK(ex.phrase_kind == SC_PHRASE_KIND_VARIANT && ex.variant && !ex.hint);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
        return 2;
    }
    sc_init();
    variants = sc_variant_index_new(NULL, 0);
    CHECK(variants != NULL);
    test_kinds_by_hand();
    test_kinds_expected(argv[1]);
    test_hints_by_hand();
    test_every_keyword();
    test_hint_corpus(argv[1]);
    test_tables_agree();
    sc_variant_index_free(variants);
    return CHECK_SUMMARY();
}
