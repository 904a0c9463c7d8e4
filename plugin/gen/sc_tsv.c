/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TSV reader and cell checks of the data/ tables (see sc_tsv.h). */
#include "sc_tsv.h"
#include "sc_text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Columns of sets.tsv, in the order of sc_sets_decl. */
enum { SETS_SET, SETS_NAME, SETS_TITLE, SETS_SOURCE };
const struct sc_col_decl sc_sets_decl[] = {
    { "set", SC_COL_IDENT, NULL, 0 },
    { "name", SC_COL_NAME, NULL, 0 },
    { "title", SC_COL_TEXT, NULL, 0 },
    { "source", SC_COL_TEXT, NULL, 0 },
};
const size_t sc_sets_decl_count = sizeof sc_sets_decl / sizeof sc_sets_decl[0];

void sc_tsv_error(struct sc_tsv_ctx *ctx, const char *file, size_t line, size_t col, const char *fmt, ...)
{
    FILE *err = ctx->err ? ctx->err : stderr;
    va_list ap;
    fprintf(err, "%s/%s:%zu:%zu: ", ctx->dir, file, line, col);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputc('\n', err);
    ctx->errors++;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("sipcodes: out of memory\n", stderr);
        abort();
    }
    return q;
}

static char *read_disk(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = xrealloc(NULL, cap);
    for (size_t n; (n = fread(buf + len, 1, cap - len - 1, f)) > 0;) {
        len += n;
        if (len + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static bool is_name(const char *v, bool ident)
{
    if (!v[0] || (ident && !(v[0] >= 'a' && v[0] <= 'z')))
        return false;
    size_t len = strlen(v);
    for (size_t i = 0; i < len; i++) {
        char c = v[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                  || (ident ? c == '_' : c == '-' && i > 0 && i + 1 < len);
        if (!ok)
            return false;
    }
    return true;
}

/* Lowercase ASCII words of letters and digits, one space between. */
static bool is_words(const char *v)
{
    bool in_word = false;
    for (; *v; v++) {
        if ((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9'))
            in_word = true;
        else if (*v == ' ' && in_word)
            in_word = false;
        else
            return false;
    }
    return in_word;
}

/* Uppercase ASCII letters and digits with inner '-'. */
static bool is_upper_token(const char *v)
{
    size_t len = strlen(v);
    if (!len)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = v[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i + 1 < len)))
            return false;
    }
    return true;
}

/* "500-599,603": NULL when each part is a code or a range first-last of
 * codes 100..799 with first <= last, else why not. */
static const char *code_list_problem(const char *v)
{
    if (!v[0])
        return NULL;
    char part[32];
    for (const char *p = v;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == 0 || n >= sizeof part)
            return "has an empty or overlong part";
        memcpy(part, p, n);
        part[n] = '\0';
        char *dash = strchr(part, '-');
        unsigned first, last;
        if (dash)
            *dash = '\0';
        if (!sc_parse_uint(part, 100, 799, &first) || (dash && !sc_parse_uint(dash + 1, 100, 799, &last)))
            return "is not a list of status codes 100..799 and ranges (500-599,603)";
        if (dash && last < first)
            return "has a range whose last code is below its first";
        if (!comma)
            return NULL;
        p = comma + 1;
    }
}

size_t sc_tsv_code_ranges(const char *cell, void (*fn)(unsigned first, unsigned last, void *user), void *user)
{
    size_t n = 0;
    for (const char *p = cell; *p;) {
        char *end;
        unsigned first = (unsigned)strtoul(p, &end, 10), last = first;
        if (*end == '-')
            last = (unsigned)strtoul(end + 1, &end, 10);
        if (fn)
            fn(first, last, user);
        n++;
        if (*end != ',')
            break;
        p = end + 1;
    }
    return n;
}

/* NULL when the text has exactly one %s and no other %, else why not. */
static const char *hint_problem(const char *v)
{
    size_t n = 0;
    for (const char *p = v; (p = strchr(p, '%')); p += 2) {
        if (p[1] != 's')
            return "has a '%' that is not '%s'";
        n++;
    }
    return n == 1 ? NULL : "must contain '%s' exactly once";
}

static void check_cell(struct sc_tsv_ctx *ctx, const struct sc_tsv *t, size_t line, size_t col, const char *v)
{
    const struct sc_tsv_col *c = &t->cols[col];
    const char *why;
    unsigned n;
    size_t colno = col + 1;
    char list[1024];
    switch (c->type) {
    case SC_COL_CODE:
        if (!sc_parse_uint(v, 100, 799, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not a status code 100..799", c->name, v);
        return;
    case SC_COL_TABLE_CODE:
        if (!sc_parse_uint(v, 0, 999, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not a number 0..999", c->name, v);
        return;
    case SC_COL_OPT_CODE:
        if (v[0] && !sc_parse_uint(v, 100, 799, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is neither empty nor a status code 100..799", c->name, v);
        return;
    case SC_COL_CAUSE:
        if (!sc_parse_uint(v, 1, 127, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not a Q.850 cause 1..127", c->name, v);
        return;
    case SC_COL_TEXT:
    case SC_COL_OPT_TEXT:
        if ((why = sc_text_problem(v, c->type == SC_COL_OPT_TEXT)))
            sc_tsv_error(ctx, t->file, line, colno, "%s %s", c->name, why);
        return;
    case SC_COL_HINT:
        if ((why = sc_text_problem(v, false)) || (why = hint_problem(v)))
            sc_tsv_error(ctx, t->file, line, colno, "%s %s", c->name, why);
        return;
    case SC_COL_RFC:
        if (v[0] && (strncmp(v, "RFC ", 4) != 0 || !sc_parse_uint(v + 4, 1, 99999, &n)))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not written 'RFC <number>'", c->name, v);
        return;
    case SC_COL_DEVICE: {
        size_t len = strlen(v);
        bool ok = (len == 4 || len == 5) && v[0] == '0' && v[1] == 'x';
        for (size_t i = 2; ok && i < len; i++)
            ok = v[i] >= '0' && v[i] <= '9';
        if (!ok)
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not written 0x followed by 2 or 3 digits", c->name, v);
        return;
    }
    case SC_COL_MEMBER:
        if (!ctx->sets || sc_sets_find(ctx->sets, c->set, v) < 0)
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not a known %s (%s)", c->name, v, c->set,
                         ctx->sets ? sc_sets_list(ctx->sets, c->set, list, sizeof list) : "no sets.tsv");
        return;
    case SC_COL_NAME:
        if (!is_name(v, false))
            sc_tsv_error(ctx, t->file, line, colno,
                         "%s '%s' is not lowercase ASCII letters and digits with inner '-'", c->name, v);
        return;
    case SC_COL_IDENT:
        if (!is_name(v, true))
            sc_tsv_error(ctx, t->file, line, colno,
                         "%s '%s' is not lowercase ASCII letters, digits and '_' after a letter", c->name, v);
        return;
    case SC_COL_WORDS:
    case SC_COL_WORDS_DASH:
        if (!is_words(v) && !(c->type == SC_COL_WORDS_DASH && strcmp(v, "-") == 0))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not %slowercase words of letters and digits, one space between",
                         c->name, v, c->type == SC_COL_WORDS_DASH ? "'-' nor " : "");
        return;
    case SC_COL_WEIGHT:
        if (!sc_parse_uint(v, 1, 3, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not 1, 2 or 3", c->name, v);
        return;
    case SC_COL_CODE_LIST:
        if ((why = code_list_problem(v)))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' %s", c->name, v, why);
        return;
    case SC_COL_WARN_CODE:
        if (strlen(v) != 3 || !sc_parse_uint(v, 300, 399, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not a warn-code 300..399", c->name, v);
        return;
    case SC_COL_LOCATION:
        if (!is_upper_token(v))
            sc_tsv_error(ctx, t->file, line, colno,
                         "%s '%s' is not uppercase ASCII letters and digits with inner '-'", c->name, v);
        return;
    case SC_COL_LOCATION_VALUE:
        if (!sc_parse_uint(v, 0, 15, &n))
            sc_tsv_error(ctx, t->file, line, colno, "%s '%s' is not a Q.850 location value 0..15", c->name, v);
        return;
    }
}

/* The declaration with SC_COL_PER_LANG columns expanded. */
static void expand_columns(struct sc_tsv_ctx *ctx, struct sc_tsv *t)
{
    size_t nlang = ctx->sets ? sc_sets_count(ctx->sets, "lang") : 0;
    t->ncols = 0;
    for (size_t d = 0; d < t->ndecl; d++) {
        bool per_lang = t->decl[d].flags & SC_COL_PER_LANG;
        for (size_t l = 0; l < (per_lang ? nlang : 1); l++) {
            t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
            struct sc_tsv_col *c = &t->cols[t->ncols++];
            if (per_lang)
                snprintf(c->name, sizeof c->name, "%s_%s", t->decl[d].name, sc_sets_name(ctx->sets, "lang", l));
            else
                snprintf(c->name, sizeof c->name, "%s", t->decl[d].name);
            c->type = t->decl[d].type;
            c->set = t->decl[d].set;
            c->decl = d;
            c->lang = l;
        }
    }
}

bool sc_tsv_load(struct sc_tsv_ctx *ctx, struct sc_tsv *t)
{
    t->present = false;
    t->cols = NULL;
    t->cells = NULL;
    t->lines = NULL;
    t->nrows = 0;
    expand_columns(ctx, t);
    t->text = ctx->read ? ctx->read(ctx->read_user, t->file) : read_disk(ctx->dir, t->file);
    if (!t->text) {
        if (t->optional)
            return true;
        fprintf(ctx->err ? ctx->err : stderr, "%s/%s: cannot read\n", ctx->dir, t->file);
        ctx->errors++;
        return false;
    }
    t->present = true;
    char **fields = NULL;
    size_t fields_cap = 0;
    size_t line = 0;
    for (char *p = t->text; *p;) {
        char *eol = strchr(p, '\n');
        bool last = !eol;
        if (last) {
            sc_tsv_error(ctx, t->file, line + 1, 1, "last line has no newline");
            eol = p + strlen(p);
        }
        *eol = '\0';
        line++;
        if (eol > p && eol[-1] == '\r') {
            sc_tsv_error(ctx, t->file, line, (size_t)(eol - p), "line ends with CR; use LF only");
            eol[-1] = '\0';
        }
        size_t nf = 0;
        for (char *f = p;;) {
            char *tab = strchr(f, '\t');
            if (nf == fields_cap) {
                fields_cap = fields_cap ? 2 * fields_cap : 16;
                fields = xrealloc(fields, fields_cap * sizeof *fields);
            }
            fields[nf++] = f;
            if (!tab)
                break;
            *tab = '\0';
            f = tab + 1;
        }
        if (line == 1) {
            for (size_t i = 0; i < t->ncols; i++)
                if (i >= nf || strcmp(fields[i], t->cols[i].name) != 0)
                    sc_tsv_error(ctx, t->file, 1, i + 1, "header column %zu must be '%s'", i + 1, t->cols[i].name);
            if (nf != t->ncols)
                sc_tsv_error(ctx, t->file, 1, 1, "header has %zu columns, expected %zu", nf, t->ncols);
        } else if (nf != t->ncols) {
            sc_tsv_error(ctx, t->file, line, 1, "row has %zu fields, expected %zu", nf, t->ncols);
        } else {
            t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
            t->lines = xrealloc(t->lines, (t->nrows + 1) * sizeof *t->lines);
            for (size_t i = 0; i < t->ncols; i++) {
                check_cell(ctx, t, line, i, fields[i]);
                t->cells[t->nrows * t->ncols + i] = fields[i];
            }
            t->lines[t->nrows++] = line;
        }
        if (last)
            break;
        p = eol + 1;
    }
    free(fields);
    return true;
}

void sc_tsv_free(struct sc_tsv *t)
{
    free(t->cols);
    free(t->text);
    free(t->cells);
    free(t->lines);
    t->cols = NULL;
    t->text = NULL;
    t->cells = NULL;
    t->lines = NULL;
    t->ncols = t->nrows = 0;
    t->present = false;
}

size_t sc_tsv_col(const struct sc_tsv *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    fprintf(stderr, "sipcodes: table %s has no column '%s'\n", t->file, name);
    abort();
}

size_t sc_tsv_lang_col(const struct sc_tsv *t, const char *base, size_t lang)
{
    for (size_t i = 0; i < t->ncols; i++)
        if ((t->decl[t->cols[i].decl].flags & SC_COL_PER_LANG) && t->cols[i].lang == lang
            && strcmp(t->decl[t->cols[i].decl].name, base) == 0)
            return i;
    fprintf(stderr, "sipcodes: table %s has no column %s for language %zu\n", t->file, base, lang);
    abort();
}

const char *sc_tsv_cell(const struct sc_tsv *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col];
}

unsigned sc_tsv_num(const struct sc_tsv *t, size_t row, size_t col)
{
    return (unsigned)strtoul(sc_tsv_cell(t, row, col), NULL, 10);
}

bool sc_tsv_same(const struct sc_tsv *t, size_t col, const char *a, const char *b)
{
    enum sc_col_type type = t->cols[col].type;
    bool numeric = type == SC_COL_CODE || type == SC_COL_TABLE_CODE || type == SC_COL_OPT_CODE
                   || type == SC_COL_CAUSE || type == SC_COL_WARN_CODE || type == SC_COL_LOCATION_VALUE;
    if (numeric && a[0] && b[0])
        return strtoul(a, NULL, 10) == strtoul(b, NULL, 10);
    return strcmp(a, b) == 0;
}

long sc_tsv_find(const struct sc_tsv *t, size_t col, const char *value)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (sc_tsv_same(t, col, sc_tsv_cell(t, r, col), value))
            return (long)r;
    return -1;
}

void sc_tsv_check_unique(struct sc_tsv_ctx *ctx, const struct sc_tsv *t, size_t col)
{
    for (size_t r = 1; r < t->nrows; r++) {
        long first = sc_tsv_find(t, col, sc_tsv_cell(t, r, col));
        if (first >= 0 && (size_t)first < r)
            sc_tsv_error(ctx, t->file, t->lines[r], col + 1, "%s '%s' repeats line %zu",
                         t->cols[col].name, sc_tsv_cell(t, r, col), t->lines[first]);
    }
}

/* ---- sets.tsv ---- */

void sc_sets_check(struct sc_tsv_ctx *ctx, const struct sc_tsv *sets, const char *const *required)
{
    for (size_t r = 0; r < sets->nrows; r++) {
        const char *set = sc_tsv_cell(sets, r, SETS_SET), *name = sc_tsv_cell(sets, r, SETS_NAME);
        long first = sc_sets_find(sets, set, name);
        if (first >= 0 && (size_t)first < r)
            sc_tsv_error(ctx, sets->file, sets->lines[r], SETS_NAME + 1, "%s '%s' repeats line %zu", set, name,
                         sets->lines[first]);
    }
    for (; required && *required; required++)
        if (sc_sets_count(sets, *required) == 0)
            sc_tsv_error(ctx, sets->file, 1, 1, "set '%s' has no member", *required);
}

size_t sc_sets_count(const struct sc_tsv *sets, const char *set)
{
    size_t n = 0;
    for (size_t r = 0; r < sets->nrows; r++)
        n += strcmp(sc_tsv_cell(sets, r, SETS_SET), set) == 0;
    return n;
}

const char *sc_sets_name(const struct sc_tsv *sets, const char *set, size_t i)
{
    for (size_t r = 0; r < sets->nrows; r++)
        if (strcmp(sc_tsv_cell(sets, r, SETS_SET), set) == 0 && i-- == 0)
            return sc_tsv_cell(sets, r, SETS_NAME);
    return NULL;
}

long sc_sets_find(const struct sc_tsv *sets, const char *set, const char *name)
{
    for (size_t r = 0; r < sets->nrows; r++)
        if (strcmp(sc_tsv_cell(sets, r, SETS_SET), set) == 0 && strcmp(sc_tsv_cell(sets, r, SETS_NAME), name) == 0)
            return (long)r;
    return -1;
}

const char *sc_sets_set_of(const struct sc_tsv *sets, size_t row)
{
    return sc_tsv_cell(sets, row, SETS_SET);
}

const char *sc_sets_title(const struct sc_tsv *sets, const char *set, const char *name)
{
    long r = sc_sets_find(sets, set, name);
    return r < 0 ? NULL : sc_tsv_cell(sets, (size_t)r, SETS_TITLE);
}

const char *sc_sets_list(const struct sc_tsv *sets, const char *set, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; sc_sets_name(sets, set, i) && len < size; i++) {
        int k = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", sc_sets_name(sets, set, i));
        if (k < 0)
            break;
        len += (size_t)k;
    }
    return buf;
}
