/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target for the table generator's TSV loader (plugin/gen/sipcodes_gen.c).
 *
 * The generator keeps its loader inside one file with main(); this file
 * includes that source unchanged and redirects, for it only:
 *   fopen   -> a memory stream over one section of the fuzz input,
 *   malloc/realloc -> an arena freed after every input (the generator
 *              never frees, it exits),
 *   stderr  -> /dev/null (set SC_FUZZ_VERBOSE=1 to see its messages),
 *   main    -> sipcodes_gen_main (not called).
 *
 * Input: the seven data files in the generator's order, separated by NUL
 * bytes (a NUL ends the text the loader looks at anyway):
 *   codes.tsv \0 variants.tsv \0 device_codes.tsv \0 q850.tsv \0
 *   sip_to_q850.tsv \0 q850_to_sip.tsv \0 outcomes.tsv
 * A missing section is an empty file. When every table loads, the cross
 * checks run and the C emitter writes to memory; the emitted C is checked
 * for string literals that are not closed on their line and for trigraphs. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets.h"

static void *arena_malloc(size_t n);
static void *arena_realloc(void *p, size_t n);
static FILE *loader_fopen(const char *path, const char *mode);
static FILE *loader_stderr(void);

#define malloc(n) arena_malloc(n)
#define realloc(p, n) arena_realloc(p, n)
#define fopen(p, m) loader_fopen(p, m)
#undef stderr
#define stderr (loader_stderr())
#define main sipcodes_gen_main
#include "sipcodes_gen.c"
#undef main
#undef stderr
#undef fopen
#undef realloc
#undef malloc

/* ---- arena ---- */

static void **arena;
static size_t arena_len, arena_cap;

static void arena_push(void *p)
{
    if (!p)
        return;
    if (arena_len == arena_cap) {
        arena_cap = arena_cap ? 2 * arena_cap : 256;
        arena = realloc(arena, arena_cap * sizeof *arena);
        if (!arena)
            abort();
    }
    arena[arena_len++] = p;
}

static void *arena_malloc(size_t n)
{
    void *p = malloc(n);
    arena_push(p);
    return p;
}

static void *arena_realloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!p) {
        arena_push(q);
        return q;
    }
    if (q) {
        for (size_t i = arena_len; i-- > 0;) {
            if (arena[i] == p) {
                arena[i] = q;
                return q;
            }
        }
        abort(); /* realloc of a block the arena does not know */
    }
    return q;
}

static void arena_free_all(void)
{
    for (size_t i = 0; i < arena_len; i++)
        free(arena[i]);
    arena_len = 0;
}

/* ---- the seven files ---- */

static struct table *const loader_tables[] = {
    &codes, &variants, &devices, &q850, &sip_to_q850, &q850_to_sip, &outcome,
};
#define N_TABLES (sizeof loader_tables / sizeof loader_tables[0])

static const char *section_data[N_TABLES];
static size_t section_len[N_TABLES];

static FILE *loader_fopen(const char *path, const char *mode)
{
    if (strcmp(mode, "rb") != 0 && strcmp(mode, "r") != 0)
        return NULL; /* the generator's output file: not used here */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < N_TABLES; i++) {
        if (strcmp(base, loader_tables[i]->file) != 0)
            continue;
        if (section_len[i] == 0)
            return fopen("/dev/null", "rb");
        return fmemopen((void *)section_data[i], section_len[i], "rb");
    }
    return NULL;
}

static FILE *loader_stderr(void)
{
    static FILE *sink;
    if (!sink) {
        const char *v = getenv("SC_FUZZ_VERBOSE");
        sink = v && *v && *v != '0' ? stderr : fopen("/dev/null", "w");
        if (!sink)
            abort();
    }
    return sink;
}

/* The emitted C: every string literal closes on its line, no trigraph,
 * no raw control character. */
static void check_emitted(const char *c, size_t len)
{
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)c[i];
        SC_FUZZ_CHECK(ch == '\n' || ch >= 0x20);
        SC_FUZZ_CHECK(ch != 0x7f);
        if (ch == '?' && i + 1 < len && c[i + 1] == '?')
            SC_FUZZ_CHECK(!"trigraph sequence in the generated C");
        if (in_str) {
            SC_FUZZ_CHECK(ch != '\n');
            if (ch == '\\') {
                SC_FUZZ_CHECK(i + 1 < len && (c[i + 1] == '"' || c[i + 1] == '\\'));
                i++;
            } else if (ch == '"') {
                in_str = false;
            }
        } else if (ch == '"') {
            in_str = true;
        }
    }
    SC_FUZZ_CHECK(!in_str);
}

/* Optional (SC_FUZZ_STRICT_DATA=1): numeric keys the plugin indexes by must
 * be unique as numbers, not only as strings ("480" and "0480"). */
static bool strict_data_wanted(void)
{
    static int wanted = -1;
    if (wanted < 0) {
        const char *e = getenv("SC_FUZZ_STRICT_DATA");
        wanted = e && *e && *e != '0';
    }
    return wanted;
}

static void check_numeric_unique(const struct table *t, size_t col, bool skip_empty)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (skip_empty && !cell(t, r, col)[0])
            continue;
        for (size_t k = 0; k < r; k++) {
            if (skip_empty && !cell(t, k, col)[0])
                continue;
            SC_FUZZ_CHECK(num(t, r, col) != num(t, k, col));
        }
    }
}

int sc_fuzz_loader(const uint8_t *data, size_t size)
{
    /* split */
    size_t s = 0, start = 0;
    for (size_t i = 0; i < N_TABLES; i++) {
        section_data[i] = "";
        section_len[i] = 0;
    }
    for (size_t i = 0; i <= size && s < N_TABLES; i++) {
        if (i == size || data[i] == '\0') {
            section_data[s] = (const char *)data + start;
            section_len[s] = i - start;
            s++;
            start = i + 1;
        }
    }

    /* fresh generator state */
    data_dir = "fuzz";
    errors = 0;
    for (size_t i = 0; i < N_TABLES; i++) {
        loader_tables[i]->cells = NULL;
        loader_tables[i]->lines = NULL;
        loader_tables[i]->nrows = 0;
    }

    for (size_t i = 0; i < N_TABLES; i++)
        load(loader_tables[i]);
    for (size_t i = 0; i < N_TABLES; i++) {
        const struct table *t = loader_tables[i];
        for (size_t r = 0; r < t->nrows; r++) {
            SC_FUZZ_CHECK(t->lines[r] >= 2);
            for (size_t c = 0; c < t->ncols; c++) {
                const char *v = cell(t, r, c);
                SC_FUZZ_CHECK(v != NULL);
                SC_FUZZ_CHECK(strchr(v, '\t') == NULL && strchr(v, '\n') == NULL);
            }
        }
    }
    if (!errors)
        cross_check();
    if (!errors) {
        for (size_t r = 0; r < codes.nrows; r++)
            SC_FUZZ_CHECK(num(&codes, r, 0) <= 999);
        for (size_t r = 0; r < outcome.nrows; r++)
            SC_FUZZ_CHECK(num(&outcome, r, 0) <= num(&outcome, r, 1));
        if (strict_data_wanted()) {
            check_numeric_unique(&codes, 0, false);
            check_numeric_unique(&devices, 1, true);
            check_numeric_unique(&q850, 0, false);
            check_numeric_unique(&sip_to_q850, 0, false);
            check_numeric_unique(&q850_to_sip, 0, false);
        }
        char *out = NULL;
        size_t out_len = 0;
        FILE *f = open_memstream(&out, &out_len);
        SC_FUZZ_CHECK(f != NULL);
        emit(f);
        SC_FUZZ_CHECK(fclose(f) == 0);
        check_emitted(out, out_len);
        free(out);
    }
    arena_free_all();
    return 0;
}
