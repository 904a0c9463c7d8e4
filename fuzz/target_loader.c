/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target for the loader of the data/ tables (plugin/gen/sc_tsv.c,
 * sc_data.c) and the C emitter (sc_emit.c), linked as they are built.
 *
 * Input: the data files separated by NUL bytes (a NUL ends the text the
 * loader looks at anyway):
 *   codes.tsv \0 variants.tsv \0 device_codes.tsv \0 q850.tsv \0
 *   sip_to_q850.tsv \0 q850_to_sip.tsv \0 outcomes.tsv [\0 sets.tsv [\0 hints.tsv]]
 * A missing or empty section is an empty file, except sets.tsv: then the
 * sets this build was generated from are used; hints.tsv, when missing, is
 * absent. When every table loads and passes the cross checks, the emitter
 * writes the header and the tables to memory; the emitted C is checked for
 * string literals that are not closed on their line and for trigraphs.
 * Messages go to /dev/null (SC_FUZZ_VERBOSE=1 shows them). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc_data.h"
#include "sc_emit.h"
#include "sc_tables.h"
#include "targets.h"

enum { SEC_SETS = 7, SEC_HINTS = 8, N_SECTIONS = 9 };
static const char *const section_file[N_SECTIONS] = {
    "codes.tsv", "variants.tsv", "device_codes.tsv", "q850.tsv", "sip_to_q850.tsv",
    "q850_to_sip.tsv", "outcomes.tsv", "sets.tsv", "hints.tsv",
};

struct sections {
    const char *data[N_SECTIONS];
    size_t len[N_SECTIONS];
    bool given[N_SECTIONS];
};

static char *dup_text(const char *s, size_t len)
{
    char *t = malloc(len + 1);
    if (!t)
        abort();
    memcpy(t, s, len);
    t[len] = '\0';
    return t;
}

/* sets.tsv as this build's sc_sets.h has it */
static char *builtin_sets(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    SC_FUZZ_CHECK(f != NULL);
    fputs("set\tname\ttitle\tsource\n", f);
#define ROWS(set, names, titles, count)                                         \
    for (size_t i = 0; i < (count); i++)                                        \
        fprintf(f, "%s\t%s\t%s\tbuild\n", set, names[i], titles[i]);
    ROWS("lang", sc_lang_names, sc_lang_titles, SC_LANG_COUNT)
    ROWS("category", sc_category_names, sc_category_titles, SC_CATEGORY_COUNT)
    ROWS("registry", sc_registry_names, sc_registry_titles, SC_REGISTRY_COUNT)
    ROWS("device_kind", sc_device_kind_names, sc_device_kind_titles, SC_DEVICE_KIND_COUNT)
    ROWS("outcome", sc_outcome_names, sc_outcome_titles, SC_OUTCOME_COUNT)
    ROWS("class", sc_class_names, sc_class_titles, SC_CLASS_COUNT)
#undef ROWS
    SC_FUZZ_CHECK(fclose(f) == 0);
    return text;
}

static char *read_section(void *user, const char *file)
{
    const struct sections *s = user;
    for (size_t i = 0; i < N_SECTIONS; i++) {
        if (strcmp(file, section_file[i]) != 0)
            continue;
        if (i == SEC_SETS && s->len[i] == 0)
            return builtin_sets();
        if (i == SEC_HINTS && !s->given[i])
            return NULL;
        return dup_text(s->data[i], s->len[i]);
    }
    return NULL;
}

static FILE *message_sink(void)
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

static void check_numeric_unique(const struct sc_tsv *t, const char *name, bool skip_empty)
{
    size_t col = sc_tsv_col(t, name);
    for (size_t r = 0; r < t->nrows; r++) {
        if (skip_empty && !sc_tsv_cell(t, r, col)[0])
            continue;
        for (size_t k = 0; k < r; k++) {
            if (skip_empty && !sc_tsv_cell(t, k, col)[0])
                continue;
            SC_FUZZ_CHECK(sc_tsv_num(t, r, col) != sc_tsv_num(t, k, col));
        }
    }
}

static void emit_and_check(const struct sc_data *d, bool header)
{
    char *out = NULL;
    size_t out_len = 0;
    FILE *f = open_memstream(&out, &out_len);
    SC_FUZZ_CHECK(f != NULL);
    if (header)
        sc_emit_sets_header(f, &d->sets);
    else
        sc_emit_tables(f, d);
    SC_FUZZ_CHECK(fclose(f) == 0);
    check_emitted(out, out_len);
    free(out);
}

int sc_fuzz_loader(const uint8_t *data, size_t size)
{
    struct sections s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < N_SECTIONS; i++)
        s.data[i] = "";
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size && n < N_SECTIONS; i++) {
        if (i == size || data[i] == '\0') {
            s.data[n] = (const char *)data + start;
            s.len[n] = i - start;
            s.given[n] = true;
            n++;
            start = i + 1;
        }
    }

    struct sc_tsv_ctx ctx = { .dir = "fuzz", .err = message_sink(), .read = read_section, .read_user = &s };
    struct sc_data d;
    sc_data_init(&d);
    bool ok = sc_data_load(&ctx, &d);
    SC_FUZZ_CHECK(ok == (ctx.errors == 0));

    struct sc_tsv *all[SC_DATA_MAX_TABLES];
    size_t ntables = sc_data_tables(&d, all, SC_DATA_MAX_TABLES);
    for (size_t i = 0; i < ntables; i++) {
        const struct sc_tsv *t = all[i];
        for (size_t r = 0; r < t->nrows; r++) {
            SC_FUZZ_CHECK(t->lines[r] >= 2);
            for (size_t c = 0; c < t->ncols; c++) {
                const char *v = sc_tsv_cell(t, r, c);
                SC_FUZZ_CHECK(v != NULL);
                SC_FUZZ_CHECK(strchr(v, '\t') == NULL && strchr(v, '\n') == NULL);
            }
        }
    }
    if (ok) {
        size_t code = sc_tsv_col(&d.codes, "code");
        for (size_t r = 0; r < d.codes.nrows; r++)
            SC_FUZZ_CHECK(sc_tsv_num(&d.codes, r, code) <= 999);
        size_t first = sc_tsv_col(&d.outcomes, "first"), last = sc_tsv_col(&d.outcomes, "last");
        for (size_t r = 0; r < d.outcomes.nrows; r++)
            SC_FUZZ_CHECK(sc_tsv_num(&d.outcomes, r, first) <= sc_tsv_num(&d.outcomes, r, last));
        for (size_t r = 0; r < d.hints.nrows; r++)
            for (size_t c = 0; c < d.hints.ncols; c++)
                if (d.hints.cols[c].type == SC_COL_HINT) {
                    const char *v = sc_tsv_cell(&d.hints, r, c), *p = strchr(v, '%');
                    SC_FUZZ_CHECK(p && p[1] == 's' && !strchr(p + 1, '%'));
                }
        if (strict_data_wanted()) {
            check_numeric_unique(&d.codes, "code", false);
            check_numeric_unique(&d.devices, "sip_code", true);
            check_numeric_unique(&d.q850, "cause", false);
            check_numeric_unique(&d.sip_to_q850, "sip_code", false);
            check_numeric_unique(&d.q850_to_sip, "cause", false);
        }
        emit_and_check(&d, true);
        emit_and_check(&d, false);
    }
    sc_data_free(&d);
    return 0;
}
