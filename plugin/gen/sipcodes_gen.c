/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Generates sipcodes_tables.c from the TSV files in data/.
 * Usage: sipcodes_gen DATA_DIR OUTPUT.c
 * A malformed row stops the build with "file:line:column: message". */
#include "sipcodes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col_type {
    COL_CODE,        /* 100..799 */
    COL_ANY_CODE,    /* 0..999, used where 099 etc. may appear */
    COL_OPT_CODE,    /* empty or 100..799 */
    COL_CAUSE,       /* 1..127 */
    COL_TEXT,        /* required text */
    COL_OPT_TEXT,    /* may be empty */
    COL_RFC,         /* empty or "RFC <digits>" */
    COL_REGISTRY,
    COL_CATEGORY,
    COL_DEVICE,      /* 0x + 2 or 3 digits */
    COL_KIND,
    COL_OUTCOME,
};

struct column { const char *name; enum col_type type; };

struct table {
    const char *file;
    const struct column *cols;
    size_t ncols;
    char **cells; /* nrows * ncols */
    size_t *lines;
    size_t nrows;
};

static const char *data_dir;
static int errors;

static void fail_at(const char *file, size_t line, size_t col, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s/%s:%zu:%zu: ", data_dir, file, line, col);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    errors++;
}

static bool one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return true;
    return false;
}

static const char *const registries[] = { "registered", "deprecated", "obsolete", "unregistered", NULL };
static const char *const kinds[] = { "setup", "response", "call", "socket", NULL };
static const char *const outcomes[] = { "answered", "redirected", "challenge", "busy", "no-answer",
                                        "cancelled", "rejected", "not-found", "failed", NULL };

static void check_cell(const struct table *t, size_t line, size_t col, const char *v)
{
    const struct column *c = &t->cols[col];
    const char *why;
    unsigned n;
    size_t colno = col + 1;
    switch (c->type) {
    case COL_CODE:
        if (!sc_parse_uint(v, 100, 799, &n))
            fail_at(t->file, line, colno, "%s '%s' is not a status code 100..799", c->name, v);
        return;
    case COL_ANY_CODE:
        if (!sc_parse_uint(v, 0, 999, &n))
            fail_at(t->file, line, colno, "%s '%s' is not a number 0..999", c->name, v);
        return;
    case COL_OPT_CODE:
        if (v[0] && !sc_parse_uint(v, 100, 799, &n))
            fail_at(t->file, line, colno, "%s '%s' is neither empty nor a status code 100..799", c->name, v);
        return;
    case COL_CAUSE:
        if (!sc_parse_uint(v, 1, 127, &n))
            fail_at(t->file, line, colno, "%s '%s' is not a Q.850 cause 1..127", c->name, v);
        return;
    case COL_TEXT:
    case COL_OPT_TEXT:
        if ((why = sc_text_problem(v, c->type == COL_OPT_TEXT)))
            fail_at(t->file, line, colno, "%s %s", c->name, why);
        return;
    case COL_RFC:
        if (v[0] && (strncmp(v, "RFC ", 4) != 0 || !sc_parse_uint(v + 4, 1, 99999, &n)))
            fail_at(t->file, line, colno, "%s '%s' is not written 'RFC <number>'", c->name, v);
        return;
    case COL_REGISTRY:
        if (!one_of(v, registries))
            fail_at(t->file, line, colno, "%s '%s' is not registered/deprecated/obsolete/unregistered", c->name, v);
        return;
    case COL_CATEGORY:
        if (!sc_category_valid(v))
            fail_at(t->file, line, colno, "%s '%s' is not a known category", c->name, v);
        return;
    case COL_DEVICE: {
        size_t len = strlen(v);
        bool ok = (len == 4 || len == 5) && v[0] == '0' && v[1] == 'x';
        for (size_t i = 2; ok && i < len; i++)
            ok = v[i] >= '0' && v[i] <= '9';
        if (!ok)
            fail_at(t->file, line, colno, "%s '%s' is not written 0x followed by 2 or 3 digits", c->name, v);
        return;
    }
    case COL_KIND:
        if (!one_of(v, kinds))
            fail_at(t->file, line, colno, "%s '%s' is not setup/response/call/socket", c->name, v);
        return;
    case COL_OUTCOME:
        if (!one_of(v, outcomes))
            fail_at(t->file, line, colno, "%s '%s' is not a known outcome", c->name, v);
        return;
    }
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (size_t n; buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0;) {
        len += n;
        if (len + 1 == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

static void load(struct table *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", data_dir, t->file);
    char *text = read_file(path);
    if (!text) {
        fprintf(stderr, "%s: cannot read\n", path);
        exit(1);
    }
    size_t line = 0;
    for (char *p = text; *p;) {
        char *eol = strchr(p, '\n');
        bool last = !eol;
        if (last) {
            fail_at(t->file, line + 1, 1, "last line has no newline");
            eol = p + strlen(p);
        }
        *eol = '\0';
        line++;
        if (eol > p && eol[-1] == '\r') {
            fail_at(t->file, line, (size_t)(eol - p), "line ends with CR; use LF only");
            eol[-1] = '\0';
        }
        char *fields[32];
        size_t nf = 0;
        for (char *f = p;;) {
            char *tab = strchr(f, '\t');
            if (nf < 32)
                fields[nf] = f;
            nf++;
            if (!tab)
                break;
            *tab = '\0';
            f = tab + 1;
        }
        if (line == 1) {
            for (size_t i = 0; i < t->ncols; i++)
                if (i >= nf || strcmp(fields[i], t->cols[i].name) != 0)
                    fail_at(t->file, 1, i + 1, "header column %zu must be '%s'", i + 1, t->cols[i].name);
            if (nf != t->ncols)
                fail_at(t->file, 1, 1, "header has %zu columns, expected %zu", nf, t->ncols);
        } else if (nf != t->ncols) {
            fail_at(t->file, line, 1, "row has %zu fields, expected %zu", nf, t->ncols);
        } else {
            t->cells = realloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
            t->lines = realloc(t->lines, (t->nrows + 1) * sizeof *t->lines);
            for (size_t i = 0; i < t->ncols; i++) {
                check_cell(t, line, i, fields[i]);
                t->cells[t->nrows * t->ncols + i] = fields[i];
            }
            t->lines[t->nrows++] = line;
        }
        if (last)
            break;
        p = eol + 1;
    }
}

static const char *cell(const struct table *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col];
}

static unsigned num(const struct table *t, size_t row, size_t col)
{
    return (unsigned)strtoul(cell(t, row, col), NULL, 10);
}

static void put_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        if (*s == '?' && s[1] == '?') { /* no trigraphs */
            fputs("?\"\"", out);
            continue;
        }
        fputc(*s, out);
    }
    fputc('"', out);
}

static void put_descs(FILE *out, const struct table *t, size_t row, size_t first)
{
    fputs("{ ", out);
    for (size_t l = 0; l < SC_LANG_COUNT; l++) {
        put_str(out, cell(t, row, first + l));
        fputs(l + 1 < SC_LANG_COUNT ? ", " : " }", out);
    }
}

/* Column layouts; desc_en, desc_ru, desc_de follow the order of enum sc_lang. */
static const struct column code_cols[] = {
    { "code", COL_ANY_CODE }, { "phrase", COL_OPT_TEXT }, { "rfc", COL_RFC }, { "registry", COL_REGISTRY },
    { "desc_en", COL_TEXT }, { "desc_ru", COL_TEXT }, { "desc_de", COL_TEXT }, { "source", COL_TEXT },
};
static const struct column variant_cols[] = {
    { "code", COL_CODE }, { "phrase", COL_TEXT }, { "category", COL_CATEGORY },
    { "desc_en", COL_TEXT }, { "desc_ru", COL_TEXT }, { "desc_de", COL_TEXT }, { "source", COL_TEXT },
};
static const struct column device_cols[] = {
    { "device", COL_DEVICE }, { "sip_code", COL_OPT_CODE }, { "kind", COL_KIND },
    { "desc_en", COL_TEXT }, { "desc_ru", COL_TEXT }, { "desc_de", COL_TEXT }, { "source", COL_TEXT },
};
static const struct column q850_cols[] = {
    { "cause", COL_CAUSE }, { "name", COL_TEXT },
    { "desc_en", COL_TEXT }, { "desc_ru", COL_TEXT }, { "desc_de", COL_TEXT }, { "source", COL_TEXT },
};
static const struct column sip_to_q850_cols[] = {
    { "sip_code", COL_CODE }, { "cause", COL_CAUSE }, { "source", COL_TEXT },
};
static const struct column q850_to_sip_cols[] = {
    { "cause", COL_CAUSE }, { "sip_code", COL_CODE }, { "source", COL_TEXT },
};
static const struct column outcome_cols[] = {
    { "first", COL_CODE }, { "last", COL_CODE }, { "outcome", COL_OUTCOME }, { "source", COL_TEXT },
};

#define TABLE(file, cols) { file, cols, sizeof cols / sizeof cols[0], NULL, NULL, 0 }

static struct table codes = TABLE("codes.tsv", code_cols);
static struct table variants = TABLE("variants.tsv", variant_cols);
static struct table devices = TABLE("device_codes.tsv", device_cols);
static struct table q850 = TABLE("q850.tsv", q850_cols);
static struct table sip_to_q850 = TABLE("sip_to_q850.tsv", sip_to_q850_cols);
static struct table q850_to_sip = TABLE("q850_to_sip.tsv", q850_to_sip_cols);
static struct table outcome = TABLE("outcomes.tsv", outcome_cols);

/* Numbers compare as numbers: "100" and "0100" are the same code. */
static bool same_value(const struct table *t, size_t col, const char *a, const char *b)
{
    enum col_type type = t->cols[col].type;
    bool numeric = type == COL_CODE || type == COL_ANY_CODE || type == COL_OPT_CODE || type == COL_CAUSE;
    if (numeric && a[0] && b[0])
        return strtoul(a, NULL, 10) == strtoul(b, NULL, 10);
    return strcmp(a, b) == 0;
}

static long find_row(const struct table *t, size_t col, const char *value)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (same_value(t, col, cell(t, r, col), value))
            return (long)r;
    return -1;
}

static void check_unique(const struct table *t, size_t col)
{
    for (size_t r = 1; r < t->nrows; r++) {
        long first = find_row(t, col, cell(t, r, col));
        if (first >= 0 && (size_t)first < r)
            fail_at(t->file, t->lines[r], col + 1, "%s '%s' repeats line %zu",
                    t->cols[col].name, cell(t, r, col), t->lines[first]);
    }
}

static void cross_check(void)
{
    check_unique(&codes, 0);
    check_unique(&devices, 0);
    check_unique(&q850, 0);
    check_unique(&sip_to_q850, 0);
    check_unique(&q850_to_sip, 0);
    for (size_t r = 0; r < codes.nrows; r++) {
        const char *reg = cell(&codes, r, 3);
        bool registered = strcmp(reg, "registered") == 0 || strcmp(reg, "deprecated") == 0;
        if (registered && !cell(&codes, r, 2)[0])
            fail_at(codes.file, codes.lines[r], 3, "a %s code needs its rfc", reg);
        if (registered && !cell(&codes, r, 1)[0])
            fail_at(codes.file, codes.lines[r], 2, "a %s code needs its phrase", reg);
    }
    for (size_t r = 0; r < variants.nrows; r++) {
        const char *phrase = cell(&variants, r, 1);
        long c = find_row(&codes, 0, cell(&variants, r, 0));
        if (c >= 0) {
            const char *std = cell(&codes, (size_t)c, 1);
            if (sc_phrase_equal(std, strlen(std), phrase, strlen(phrase)))
                fail_at(variants.file, variants.lines[r], 2, "phrase '%s' is the standard one, not a variant", phrase);
        }
        for (size_t k = 0; k < r; k++)
            if (num(&variants, k, 0) == num(&variants, r, 0)
                && sc_phrase_equal(cell(&variants, k, 1), strlen(cell(&variants, k, 1)), phrase, strlen(phrase)))
                fail_at(variants.file, variants.lines[r], 2, "variant '%s' repeats line %zu", phrase, variants.lines[k]);
    }
    for (size_t r = 0; r < devices.nrows; r++) {
        const char *sip = cell(&devices, r, 1);
        if (!sip[0])
            continue;
        for (size_t k = 0; k < r; k++)
            if (same_value(&devices, 1, cell(&devices, k, 1), sip))
                fail_at(devices.file, devices.lines[r], 2, "sip_code %s already shown as %s on line %zu",
                        sip, cell(&devices, k, 0), devices.lines[k]);
    }
    struct { struct table *t; size_t col; } causes[] = { { &sip_to_q850, 1 }, { &q850_to_sip, 0 } };
    for (size_t i = 0; i < 2; i++)
        for (size_t r = 0; r < causes[i].t->nrows; r++)
            if (find_row(&q850, 0, cell(causes[i].t, r, causes[i].col)) < 0)
                fail_at(causes[i].t->file, causes[i].t->lines[r], causes[i].col + 1,
                        "cause %s is not in q850.tsv", cell(causes[i].t, r, causes[i].col));
    for (size_t r = 0; r < outcome.nrows; r++)
        if (num(&outcome, r, 0) > num(&outcome, r, 1))
            fail_at(outcome.file, outcome.lines[r], 2, "last is below first");
}

/* Writes one C array. layout lists the struct's members as pairs of
 * <column><kind>: n number, s string, l the desc_* columns of every language. */
static void emit_table(FILE *out, const struct table *t, const char *ctype, const char *var, const char *layout)
{
    fprintf(out, "const struct %s %s[] = {\n", ctype, var);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs("    {", out);
        for (const char *p = layout; p[0] && p[1]; p += 2) {
            size_t col = (size_t)(p[0] - '0');
            fputs(p == layout ? " " : ", ", out);
            if (p[1] == 'n')
                fprintf(out, "%u", num(t, r, col));
            else if (p[1] == 's')
                put_str(out, cell(t, r, col));
            else
                put_descs(out, t, r, col);
        }
        fputs(" },\n", out);
    }
    fprintf(out, "};\nconst size_t %s_count = %zu;\n\n", var, t->nrows);
}

static void emit(FILE *out)
{
    fputs("/* Generated by sipcodes_gen from the TSV files in data/. Do not edit. */\n#include \"sipcodes.h\"\n\n", out);
    emit_table(out, &codes, "sc_code", "sc_codes", "0n1s2s3s4l7s");
    emit_table(out, &variants, "sc_variant", "sc_variants", "0n1s2s3l6s");
    emit_table(out, &devices, "sc_device", "sc_devices", "0s1n2s3l6s");
    emit_table(out, &q850, "sc_q850", "sc_q850_causes", "0n1s2l5s");
    emit_table(out, &sip_to_q850, "sc_code_cause", "sc_sip_to_q850", "0n1n");
    emit_table(out, &q850_to_sip, "sc_code_cause", "sc_q850_to_sip", "1n0n");
    emit_table(out, &outcome, "sc_outcome_range", "sc_outcomes", "0n1n2s");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DATA_DIR OUTPUT.c\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    struct table *all[] = { &codes, &variants, &devices, &q850, &sip_to_q850, &q850_to_sip, &outcome };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        load(all[i]);
    if (!errors)
        cross_check();
    if (errors) {
        fprintf(stderr, "sipcodes_gen: %d error(s) in %s\n", errors, data_dir);
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        perror(tmp);
        return 1;
    }
    emit(out);
    if (fclose(out) != 0 || rename(tmp, argv[2]) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
