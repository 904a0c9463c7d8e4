/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tables of data/: their columns, loading and the checks across rows
 * and tables. */
#ifndef SC_DATA_H
#define SC_DATA_H

#include "sc_tsv.h"

struct sc_data {
    struct sc_tsv sets;
    struct sc_tsv codes;
    struct sc_tsv variants;
    struct sc_tsv devices;
    struct sc_tsv q850;
    struct sc_tsv sip_to_q850;
    struct sc_tsv q850_to_sip;
    struct sc_tsv outcomes;
    struct sc_tsv hints;       /* optional: hints.tsv may be absent */
    struct sc_tsv retries;     /* retry_codes.tsv */
    struct sc_tsv ended_by;    /* ended_by.tsv */
    struct sc_tsv metric_codes; /* rfc6076_codes.tsv */
    struct sc_tsv hint_weights; /* optional like hints.tsv: one row per keyword of it */
    struct sc_tsv paraphrases;  /* paraphrases.tsv */
    struct sc_tsv warn_codes;   /* warn_codes.tsv */
    struct sc_tsv locations;    /* reason_locations.tsv */
};

/* At least as many as sc_data_tables() gives. */
#define SC_DATA_MAX_TABLES 32

/* The sets the core is written against. */
extern const char *const sc_data_required_sets[];

/* Sets up every table's file name and columns. */
void sc_data_init(struct sc_data *d);
/* sets.tsv first (the others' columns and values depend on it), then the
 * rest; then, when every cell passed, the checks across rows and tables.
 * Returns ctx->errors == 0. */
bool sc_data_load(struct sc_tsv_ctx *ctx, struct sc_data *d);
void sc_data_free(struct sc_data *d);

/* The tables in loading order (sets first). */
size_t sc_data_tables(struct sc_data *d, struct sc_tsv **out, size_t max);

#endif
