/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writes the C the core is built from: sc_sets.h (the closed sets of
 * sets.tsv as enums, names, titles and parse functions) and
 * sc_tables.c (the sets' arrays and every table). */
#ifndef SC_EMIT_H
#define SC_EMIT_H

#include <stdio.h>

#include "sc_data.h"

void sc_emit_sets_header(FILE *out, const struct sc_tsv *sets);
void sc_emit_tables(FILE *out, const struct sc_data *d);

#endif
