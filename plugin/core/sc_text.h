/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text handling that needs no table: phrase comparison, status lines and
 * the cell checks shared by the table generator, the user table and the CLI.
 * Built before the tables exist (the generator uses it). */
#ifndef SC_TEXT_H
#define SC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Phrases: ASCII case-insensitive, runs of blanks folded, ends trimmed. */
bool sc_phrase_equal(const char *a, size_t alen, const char *b, size_t blen);
uint32_t sc_phrase_hash(unsigned code, const char *phrase, size_t len);
/* The key sc_phrase_equal compares: phrase with ASCII letters lowercased,
 * each run of spaces and tabs made one space, the ends trimmed. Writes at
 * most size bytes with the NUL; returns the key's length (as snprintf). */
size_t sc_phrase_fold(const char *phrase, size_t len, char *out, size_t size);

/* Status line "SIP/2.0 480 No money left" */
enum sc_status_error {
    SC_STATUS_OK,
    SC_STATUS_NO_VERSION,
    SC_STATUS_BAD_CODE,
    SC_STATUS_NO_SPACE_AFTER_CODE
};
struct sc_status {
    unsigned code;
    const char *phrase;
    size_t phrase_len;
};
enum sc_status_error sc_parse_status_line(const char *line, size_t len, struct sc_status *out);
const char *sc_status_error_text(enum sc_status_error err);

/* Returns NULL when the text is acceptable, else why not. */
const char *sc_text_problem(const char *text, bool may_be_empty);
/* Parses a decimal code in [min,max]; false on anything else. */
bool sc_parse_uint(const char *text, unsigned min, unsigned max, unsigned *out);

#ifdef __cplusplus
}
#endif
#endif
