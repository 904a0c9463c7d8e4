/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reader of the data/ tables: a header line naming the columns, one row per
 * line, tab-separated, LF line ends. Every table declares its columns (name
 * and type); the header must name them in that order and every cell is
 * checked against its type. Problems are reported as
 * "DIR/FILE:LINE:COLUMN: message" and counted; loading goes on so that one
 * run names every problem. Used by the table generator, its fuzz target and
 * the benchmark's capture writer. */
#ifndef SC_TSV_H
#define SC_TSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum sc_col_type {
    SC_COL_CODE,       /* 100..799 */
    SC_COL_TABLE_CODE, /* 0..999: any number the core's code index can hold */
    SC_COL_OPT_CODE,   /* empty or 100..799 */
    SC_COL_CAUSE,      /* 1..127 */
    SC_COL_TEXT,       /* required text */
    SC_COL_OPT_TEXT,   /* may be empty */
    SC_COL_RFC,        /* empty or "RFC <digits>" */
    SC_COL_DEVICE,     /* 0x + 2 or 3 digits */
    SC_COL_MEMBER,     /* a name of the set in .set (data/sets.tsv) */
    SC_COL_NAME,       /* lowercase ASCII letters and digits, inner '-' */
    SC_COL_IDENT,      /* lowercase ASCII letters, digits and '_', a letter first */
    SC_COL_HINT,       /* required text with exactly one %s and no other % */
    SC_COL_WORDS,      /* lowercase ASCII words of letters and digits, one space between */
    SC_COL_WORDS_DASH, /* "-" or SC_COL_WORDS */
    SC_COL_WEIGHT,     /* 1..3 */
    SC_COL_CODE_LIST,  /* empty, or codes and ranges 100..799 joined by ',': "500-599,603" */
    SC_COL_WARN_CODE,  /* 300..399: a warn-code of the Warning header */
    SC_COL_LOCATION,   /* uppercase ASCII letters and digits, inner '-': "LPN", "LOC-6" */
    SC_COL_LOCATION_VALUE, /* 0..15: a Q.850 location value */
};

/* Column flag: one column "<name>_<lang>" per language of the lang set. */
#define SC_COL_PER_LANG 1u

struct sc_col_decl {
    const char *name;
    enum sc_col_type type;
    const char *set;   /* SC_COL_MEMBER only */
    unsigned flags;
};

/* A column as found in the file, after SC_COL_PER_LANG expansion. */
struct sc_tsv_col {
    char name[64];
    enum sc_col_type type;
    const char *set;
    size_t decl;       /* index into the declaration */
    size_t lang;       /* SC_COL_PER_LANG: index in the lang set */
};

struct sc_tsv {
    const char *file;  /* name inside the data folder, "codes.tsv" */
    const struct sc_col_decl *decl;
    size_t ndecl;
    bool optional;     /* a missing file is an empty table, not an error */
    /* filled by sc_tsv_load, released by sc_tsv_free */
    bool present;
    struct sc_tsv_col *cols;
    size_t ncols;
    char *text;
    char **cells;      /* nrows * ncols */
    size_t *lines;     /* line number of each row */
    size_t nrows;
};

struct sc_tsv_ctx {
    const char *dir;   /* data folder, for paths and messages */
    FILE *err;         /* messages; NULL = stderr */
    int errors;
    /* data/sets.tsv once loaded: needed by SC_COL_MEMBER and SC_COL_PER_LANG */
    const struct sc_tsv *sets;
    /* Reads FILE of the data folder into a NUL-terminated malloc'ed buffer,
     * or returns NULL when it does not exist. NULL = read DIR/FILE from disk. */
    char *(*read)(void *user, const char *file);
    void *read_user;
};

#ifdef __GNUC__
#define SC_TSV_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SC_TSV_PRINTF(a, b)
#endif

void sc_tsv_error(struct sc_tsv_ctx *ctx, const char *file, size_t line, size_t col, const char *fmt, ...)
    SC_TSV_PRINTF(5, 6);

/* Loads and checks t; false when it could not be read at all. */
bool sc_tsv_load(struct sc_tsv_ctx *ctx, struct sc_tsv *t);
void sc_tsv_free(struct sc_tsv *t);

/* Index of the column called name; aborts when the table has none. */
size_t sc_tsv_col(const struct sc_tsv *t, const char *name);
/* Index of the SC_COL_PER_LANG column base_<lang> for the lang-th language. */
size_t sc_tsv_lang_col(const struct sc_tsv *t, const char *base, size_t lang);

const char *sc_tsv_cell(const struct sc_tsv *t, size_t row, size_t col);
unsigned sc_tsv_num(const struct sc_tsv *t, size_t row, size_t col);
/* Numbers compare as numbers: "100" and "0100" are the same code. */
bool sc_tsv_same(const struct sc_tsv *t, size_t col, const char *a, const char *b);
/* First row whose cell in col is the same as value, or -1. */
long sc_tsv_find(const struct sc_tsv *t, size_t col, const char *value);
/* Reports every row whose cell in col repeats an earlier row's. */
void sc_tsv_check_unique(struct sc_tsv_ctx *ctx, const struct sc_tsv *t, size_t col);

/* The ranges of an SC_COL_CODE_LIST cell that passed its check, in order:
 * calls fn(first, last, user) for each; returns how many. */
size_t sc_tsv_code_ranges(const char *cell, void (*fn)(unsigned first, unsigned last, void *user), void *user);

/* data/sets.tsv: the closed sets (languages, categories, ...). */
extern const struct sc_col_decl sc_sets_decl[];
extern const size_t sc_sets_decl_count;
/* Checks of sets.tsv beyond its cells: (set, name) unique, and every set in
 * required (NULL-terminated) has at least one member. */
void sc_sets_check(struct sc_tsv_ctx *ctx, const struct sc_tsv *sets, const char *const *required);
size_t sc_sets_count(const struct sc_tsv *sets, const char *set);
/* The i-th member of set, in file order, or NULL. */
const char *sc_sets_name(const struct sc_tsv *sets, const char *set, size_t i);
/* Row of set's member name, or -1. */
long sc_sets_find(const struct sc_tsv *sets, const char *set, const char *name);
const char *sc_sets_title(const struct sc_tsv *sets, const char *set, const char *name);
/* The set named on row of sets.tsv. */
const char *sc_sets_set_of(const struct sc_tsv *sets, size_t row);
/* "a, b, c": the members of set, into buf. */
const char *sc_sets_list(const struct sc_tsv *sets, const char *set, char *buf, size_t size);

#endif
