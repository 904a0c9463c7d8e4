/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Columns of every data/ table and the checks across rows and tables. */
#include "sc_data.h"
#include "sc_text.h"

#include <string.h>

const char *const sc_data_required_sets[] = {
    "lang", "category", "registry", "device_kind", "outcome", "class", "call_state", "cause_source",
    "party", "ended_rule", "retry", "timer", "metric_group", "phrase_kind", NULL,
};

/* "desc" stands for desc_<lang>, one column per language of the lang set. */
static const struct sc_col_decl code_cols[] = {
    { "code", SC_COL_TABLE_CODE, NULL, 0 }, { "phrase", SC_COL_OPT_TEXT, NULL, 0 },
    { "rfc", SC_COL_RFC, NULL, 0 }, { "registry", SC_COL_MEMBER, "registry", 0 },
    { "desc", SC_COL_TEXT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl variant_cols[] = {
    { "code", SC_COL_CODE, NULL, 0 }, { "phrase", SC_COL_TEXT, NULL, 0 },
    { "category", SC_COL_MEMBER, "category", 0 },
    { "desc", SC_COL_TEXT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl device_cols[] = {
    { "device", SC_COL_DEVICE, NULL, 0 }, { "sip_code", SC_COL_OPT_CODE, NULL, 0 },
    { "kind", SC_COL_MEMBER, "device_kind", 0 },
    { "desc", SC_COL_TEXT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl q850_cols[] = {
    { "cause", SC_COL_CAUSE, NULL, 0 }, { "name", SC_COL_TEXT, NULL, 0 },
    { "desc", SC_COL_TEXT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl sip_to_q850_cols[] = {
    { "sip_code", SC_COL_CODE, NULL, 0 }, { "cause", SC_COL_CAUSE, NULL, 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl q850_to_sip_cols[] = {
    { "cause", SC_COL_CAUSE, NULL, 0 }, { "sip_code", SC_COL_CODE, NULL, 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl outcome_cols[] = {
    { "first", SC_COL_CODE, NULL, 0 }, { "last", SC_COL_CODE, NULL, 0 },
    { "outcome", SC_COL_MEMBER, "outcome", 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl retry_cols[] = {
    { "first", SC_COL_CODE, NULL, 0 }, { "last", SC_COL_CODE, NULL, 0 },
    { "kind", SC_COL_MEMBER, "retry", 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl ended_by_cols[] = {
    { "first", SC_COL_CODE, NULL, 0 }, { "last", SC_COL_CODE, NULL, 0 },
    { "party", SC_COL_MEMBER, "party", 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl metric_code_cols[] = {
    { "first", SC_COL_CODE, NULL, 0 }, { "last", SC_COL_CODE, NULL, 0 },
    { "group", SC_COL_MEMBER, "metric_group", 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl hint_cols[] = {
    { "keyword", SC_COL_NAME, NULL, 0 }, { "category", SC_COL_MEMBER, "category", 0 },
    { "desc", SC_COL_HINT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};

static const struct sc_col_decl hint_weight_cols[] = {
    { "keyword", SC_COL_NAME, NULL, 0 }, { "weight", SC_COL_WEIGHT, NULL, 0 },
    { "codes", SC_COL_CODE_LIST, NULL, 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl paraphrase_cols[] = {
    { "words", SC_COL_WORDS, NULL, 0 }, { "same_as", SC_COL_WORDS_DASH, NULL, 0 },
    { "code", SC_COL_OPT_CODE, NULL, 0 }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl warn_code_cols[] = {
    { "code", SC_COL_WARN_CODE, NULL, 0 }, { "text", SC_COL_TEXT, NULL, 0 }, { "rfc", SC_COL_RFC, NULL, 0 },
    { "desc", SC_COL_TEXT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};
static const struct sc_col_decl location_cols[] = {
    { "location", SC_COL_LOCATION, NULL, 0 }, { "value", SC_COL_LOCATION_VALUE, NULL, 0 },
    { "name", SC_COL_TEXT, NULL, 0 },
    { "desc", SC_COL_TEXT, NULL, SC_COL_PER_LANG }, { "source", SC_COL_TEXT, NULL, 0 },
};

static void table(struct sc_tsv *t, const char *file, const struct sc_col_decl *decl, size_t ndecl)
{
    memset(t, 0, sizeof *t);
    t->file = file;
    t->decl = decl;
    t->ndecl = ndecl;
}
#define TABLE(t, file, decl) table(t, file, decl, sizeof decl / sizeof decl[0])

void sc_data_init(struct sc_data *d)
{
    table(&d->sets, "sets.tsv", sc_sets_decl, sc_sets_decl_count);
    TABLE(&d->codes, "codes.tsv", code_cols);
    TABLE(&d->variants, "variants.tsv", variant_cols);
    TABLE(&d->devices, "device_codes.tsv", device_cols);
    TABLE(&d->q850, "q850.tsv", q850_cols);
    TABLE(&d->sip_to_q850, "sip_to_q850.tsv", sip_to_q850_cols);
    TABLE(&d->q850_to_sip, "q850_to_sip.tsv", q850_to_sip_cols);
    TABLE(&d->outcomes, "outcomes.tsv", outcome_cols);
    TABLE(&d->hints, "hints.tsv", hint_cols);
    TABLE(&d->retries, "retry_codes.tsv", retry_cols);
    TABLE(&d->ended_by, "ended_by.tsv", ended_by_cols);
    TABLE(&d->metric_codes, "rfc6076_codes.tsv", metric_code_cols);
    TABLE(&d->hint_weights, "hint_weights.tsv", hint_weight_cols);
    TABLE(&d->paraphrases, "paraphrases.tsv", paraphrase_cols);
    TABLE(&d->warn_codes, "warn_codes.tsv", warn_code_cols);
    TABLE(&d->locations, "reason_locations.tsv", location_cols);
    d->hints.optional = true;
    d->hint_weights.optional = true;
}

size_t sc_data_tables(struct sc_data *d, struct sc_tsv **out, size_t max)
{
    struct sc_tsv *all[] = { &d->sets, &d->codes, &d->variants, &d->devices, &d->q850,
                             &d->sip_to_q850, &d->q850_to_sip, &d->outcomes, &d->hints,
                             &d->retries, &d->ended_by, &d->metric_codes, &d->hint_weights,
                             &d->paraphrases, &d->warn_codes, &d->locations };
    size_t n = sizeof all / sizeof all[0];
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = all[i];
    return n;
}

#define C(t, name) sc_tsv_col(t, name)
#define CELL(t, r, name) sc_tsv_cell(t, r, C(t, name))

static void cross_check(struct sc_tsv_ctx *ctx, struct sc_data *d)
{
    const struct sc_tsv *codes = &d->codes, *variants = &d->variants, *devices = &d->devices;
    sc_tsv_check_unique(ctx, codes, C(codes, "code"));
    sc_tsv_check_unique(ctx, devices, C(devices, "device"));
    sc_tsv_check_unique(ctx, &d->q850, C(&d->q850, "cause"));
    sc_tsv_check_unique(ctx, &d->sip_to_q850, C(&d->sip_to_q850, "sip_code"));
    sc_tsv_check_unique(ctx, &d->q850_to_sip, C(&d->q850_to_sip, "cause"));
    sc_tsv_check_unique(ctx, &d->hints, C(&d->hints, "keyword"));
    sc_tsv_check_unique(ctx, &d->hint_weights, C(&d->hint_weights, "keyword"));
    sc_tsv_check_unique(ctx, &d->warn_codes, C(&d->warn_codes, "code"));
    sc_tsv_check_unique(ctx, &d->locations, C(&d->locations, "location"));
    sc_tsv_check_unique(ctx, &d->locations, C(&d->locations, "value"));

    for (size_t r = 0; r < codes->nrows; r++) {
        const char *reg = CELL(codes, r, "registry");
        bool registered = strcmp(reg, "registered") == 0 || strcmp(reg, "deprecated") == 0;
        if (registered && !CELL(codes, r, "rfc")[0])
            sc_tsv_error(ctx, codes->file, codes->lines[r], C(codes, "rfc") + 1, "a %s code needs its rfc", reg);
        if (registered && !CELL(codes, r, "phrase")[0])
            sc_tsv_error(ctx, codes->file, codes->lines[r], C(codes, "phrase") + 1, "a %s code needs its phrase", reg);
    }

    size_t v_code = C(variants, "code"), v_phrase = C(variants, "phrase");
    for (size_t r = 0; r < variants->nrows; r++) {
        const char *phrase = sc_tsv_cell(variants, r, v_phrase);
        long c = sc_tsv_find(codes, C(codes, "code"), sc_tsv_cell(variants, r, v_code));
        if (c >= 0) {
            const char *std = CELL(codes, (size_t)c, "phrase");
            if (sc_phrase_equal(std, strlen(std), phrase, strlen(phrase)))
                sc_tsv_error(ctx, variants->file, variants->lines[r], v_phrase + 1,
                             "phrase '%s' is the standard one, not a variant", phrase);
        }
        for (size_t k = 0; k < r; k++) {
            const char *other = sc_tsv_cell(variants, k, v_phrase);
            if (sc_tsv_num(variants, k, v_code) == sc_tsv_num(variants, r, v_code)
                && sc_phrase_equal(other, strlen(other), phrase, strlen(phrase)))
                sc_tsv_error(ctx, variants->file, variants->lines[r], v_phrase + 1, "variant '%s' repeats line %zu",
                             phrase, variants->lines[k]);
        }
    }

    size_t d_sip = C(devices, "sip_code"), d_dev = C(devices, "device");
    for (size_t r = 0; r < devices->nrows; r++) {
        const char *sip = sc_tsv_cell(devices, r, d_sip);
        if (!sip[0])
            continue;
        for (size_t k = 0; k < r; k++)
            if (sc_tsv_same(devices, d_sip, sc_tsv_cell(devices, k, d_sip), sip))
                sc_tsv_error(ctx, devices->file, devices->lines[r], d_sip + 1,
                             "sip_code %s already shown as %s on line %zu", sip, sc_tsv_cell(devices, k, d_dev),
                             devices->lines[k]);
    }

    const struct sc_tsv *maps[] = { &d->sip_to_q850, &d->q850_to_sip };
    size_t q_cause = C(&d->q850, "cause");
    for (size_t i = 0; i < 2; i++) {
        size_t col = C(maps[i], "cause");
        for (size_t r = 0; r < maps[i]->nrows; r++)
            if (sc_tsv_find(&d->q850, q_cause, sc_tsv_cell(maps[i], r, col)) < 0)
                sc_tsv_error(ctx, maps[i]->file, maps[i]->lines[r], col + 1, "cause %s is not in q850.tsv",
                             sc_tsv_cell(maps[i], r, col));
    }

    /* every keyword of hints.tsv has its weight, and only those */
    const struct sc_tsv *hints = &d->hints, *weights = &d->hint_weights;
    size_t h_kw = C(hints, "keyword"), w_kw = C(weights, "keyword");
    for (size_t r = 0; r < hints->nrows; r++)
        if (sc_tsv_find(weights, w_kw, sc_tsv_cell(hints, r, h_kw)) < 0)
            sc_tsv_error(ctx, hints->file, hints->lines[r], h_kw + 1, "keyword '%s' has no row in %s",
                         sc_tsv_cell(hints, r, h_kw), weights->file);
    for (size_t r = 0; r < weights->nrows; r++)
        if (sc_tsv_find(hints, h_kw, sc_tsv_cell(weights, r, w_kw)) < 0)
            sc_tsv_error(ctx, weights->file, weights->lines[r], w_kw + 1, "keyword '%s' is not in %s",
                         sc_tsv_cell(weights, r, w_kw), hints->file);

    /* a synonym entry once per code (or once for any code) */
    const struct sc_tsv *para = &d->paraphrases;
    size_t p_words = C(para, "words"), p_code = C(para, "code");
    for (size_t r = 0; r < para->nrows; r++)
        for (size_t k = 0; k < r; k++)
            if (strcmp(sc_tsv_cell(para, k, p_words), sc_tsv_cell(para, r, p_words)) == 0
                && sc_tsv_num(para, k, p_code) == sc_tsv_num(para, r, p_code))
                sc_tsv_error(ctx, para->file, para->lines[r], p_words + 1, "words '%s' repeat line %zu for the same code",
                             sc_tsv_cell(para, r, p_words), para->lines[k]);

    const struct sc_tsv *warn = &d->warn_codes;
    for (size_t r = 0; r < warn->nrows; r++)
        if (!CELL(warn, r, "rfc")[0])
            sc_tsv_error(ctx, warn->file, warn->lines[r], C(warn, "rfc") + 1, "a warn-code needs its rfc");

    /* "LOC-n" names the spare and national values by number (RFC 8606 s4) */
    const struct sc_tsv *loc = &d->locations;
    for (size_t r = 0; r < loc->nrows; r++) {
        const char *token = CELL(loc, r, "location");
        unsigned n;
        if (strncmp(token, "LOC-", 4) == 0
            && (!sc_parse_uint(token + 4, 0, 15, &n) || n != sc_tsv_num(loc, r, C(loc, "value"))))
            sc_tsv_error(ctx, loc->file, loc->lines[r], C(loc, "value") + 1, "%s does not carry value %s", token,
                         CELL(loc, r, "value"));
    }

    const struct sc_tsv *ranges[] = { &d->outcomes, &d->retries, &d->ended_by, &d->metric_codes };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        const struct sc_tsv *o = ranges[i];
        for (size_t r = 0; r < o->nrows; r++)
            if (sc_tsv_num(o, r, C(o, "first")) > sc_tsv_num(o, r, C(o, "last")))
                sc_tsv_error(ctx, o->file, o->lines[r], C(o, "last") + 1, "last is below first");
    }
    /* a code is retried one way only, and sent by one party only */
    const struct sc_tsv *once[] = { &d->retries, &d->ended_by };
    for (size_t i = 0; i < 2; i++) {
        const struct sc_tsv *o = once[i];
        size_t cf = C(o, "first"), cl = C(o, "last");
        for (size_t r = 0; r < o->nrows; r++)
            for (size_t k = 0; k < r; k++)
                if (sc_tsv_num(o, r, cf) <= sc_tsv_num(o, k, cl) && sc_tsv_num(o, k, cf) <= sc_tsv_num(o, r, cl))
                    sc_tsv_error(ctx, o->file, o->lines[r], cf + 1, "range overlaps line %zu", o->lines[k]);
    }
}

bool sc_data_load(struct sc_tsv_ctx *ctx, struct sc_data *d)
{
    sc_tsv_load(ctx, &d->sets);
    sc_sets_check(ctx, &d->sets, sc_data_required_sets);
    ctx->sets = &d->sets;
    struct sc_tsv *all[SC_DATA_MAX_TABLES];
    size_t n = sc_data_tables(d, all, SC_DATA_MAX_TABLES);
    for (size_t i = 1; i < n; i++)
        sc_tsv_load(ctx, all[i]);
    if (!ctx->errors)
        cross_check(ctx, d);
    return ctx->errors == 0;
}

void sc_data_free(struct sc_data *d)
{
    struct sc_tsv *all[SC_DATA_MAX_TABLES];
    size_t n = sc_data_tables(d, all, SC_DATA_MAX_TABLES);
    for (size_t i = 0; i < n; i++)
        sc_tsv_free(all[i]);
}
