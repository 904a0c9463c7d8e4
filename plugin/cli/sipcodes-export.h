/* sipcodes-lookup --export: the compiled tables as CSV or JSON.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_EXPORT_H
#define SIPCODES_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

enum sc_export_format { SC_EXPORT_CSV, SC_EXPORT_JSON };

/* "csv" or "json"; false for anything else. */
bool sc_export_format_parse(const char *s, enum sc_export_format *out);
/* Writes the table to stdout; false when there is no table of that name. */
bool sc_export_table(enum sc_export_format fmt, const char *table);
/* The name of table i, NULL past the last. */
const char *sc_export_table_name(size_t i);

#endif
