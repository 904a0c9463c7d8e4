/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sipcodes core: SIP status code knowledge, no Wireshark dependency. */
#ifndef SIPCODES_H
#define SIPCODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sc_lang { SC_LANG_EN, SC_LANG_RU, SC_LANG_DE, SC_LANG_COUNT };

enum sc_class {
    SC_CLASS_UNKNOWN,
    SC_CLASS_PROVISIONAL,
    SC_CLASS_SUCCESS,
    SC_CLASS_REDIRECTION,
    SC_CLASS_CLIENT,
    SC_CLASS_SERVER,
    SC_CLASS_GLOBAL,
    SC_CLASS_DEVICE,
    SC_CLASS_COUNT
};

struct sc_code {
    uint16_t code;
    const char *phrase;   /* registry phrase; "" when none */
    const char *rfc;      /* "RFC 3261"; "" when no RFC defines the code */
    const char *registry; /* registered, deprecated, obsolete, unregistered */
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_variant {
    uint16_t code;
    const char *phrase;
    const char *category;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_device {
    const char *device;   /* "0x480" */
    uint16_t sip_code;    /* 0 when it never travels as a status code */
    const char *kind;     /* setup, response, call, socket */
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_q850 {
    uint8_t cause;
    const char *name;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_code_cause { uint16_t sip_code; uint8_t cause; };

struct sc_outcome_range {
    uint16_t first, last;
    const char *outcome;
};

/* Generated from data/ at build time (sipcodes_tables.c). */
extern const struct sc_code sc_codes[];
extern const size_t sc_codes_count;
extern const struct sc_variant sc_variants[];
extern const size_t sc_variants_count;
extern const struct sc_device sc_devices[];
extern const size_t sc_devices_count;
extern const struct sc_q850 sc_q850_causes[];
extern const size_t sc_q850_causes_count;
extern const struct sc_code_cause sc_sip_to_q850[];
extern const size_t sc_sip_to_q850_count;
extern const struct sc_code_cause sc_q850_to_sip[];
extern const size_t sc_q850_to_sip_count;
extern const struct sc_outcome_range sc_outcomes[];
extern const size_t sc_outcomes_count;

extern const char *const sc_categories[]; /* sipcodes_text.c */
extern const size_t sc_categories_count;

/* Classification */
enum sc_class sc_classify(unsigned code);
const char *sc_class_name(enum sc_class cls);

/* Languages */
const char *sc_lang_name(enum sc_lang lang);
bool sc_lang_parse(const char *name, enum sc_lang *out);
/* Follows LC_ALL, then LC_MESSAGES, then LANG (any may be NULL); falls back to en. */
enum sc_lang sc_lang_from_locale(const char *lc_all, const char *lc_messages, const char *lang);

/* Phrases: ASCII case-insensitive, runs of blanks folded, ends trimmed. */
bool sc_phrase_equal(const char *a, size_t alen, const char *b, size_t blen);
uint32_t sc_phrase_hash(unsigned code, const char *phrase, size_t len);

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

/* Lookups; all O(1) after sc_init(). */
void sc_init(void);
const struct sc_code *sc_code_lookup(unsigned code);
const struct sc_device *sc_device_for_code(unsigned code);
const struct sc_device *sc_device_lookup(const char *token, size_t len);
const struct sc_q850 *sc_q850_lookup(unsigned cause);
int sc_sip_to_q850_cause(unsigned sip_code); /* -1 when RFC 3398 maps none */
bool sc_q850_agrees(unsigned sip_code, unsigned cause);
const char *sc_outcome_for(unsigned code); /* NULL for codes with no outcome */

/* Calls fn for each device-code token ("0x814") found in text, in order. */
typedef void (*sc_device_fn)(const struct sc_device *dev, void *user);
size_t sc_device_scan(const char *text, size_t len, sc_device_fn fn, void *user);

/* Variant index: built-in rows plus user rows; a user row replaces a
 * built-in row with the same code and phrase. */
struct sc_variant_index;
struct sc_variant_index *sc_variant_index_new(const struct sc_variant *const *user_rows, size_t n_user);
void sc_variant_index_free(struct sc_variant_index *idx);
const struct sc_variant *sc_variant_lookup(const struct sc_variant_index *idx,
                                           unsigned code, const char *phrase, size_t len);

/* Row checks shared by the table generator and the user table. */
bool sc_category_valid(const char *category);
/* Returns NULL when the text is acceptable, else why not. */
const char *sc_text_problem(const char *text, bool may_be_empty);
/* Parses a decimal code in [min,max]; false on anything else. */
bool sc_parse_uint(const char *text, unsigned min, unsigned max, unsigned *out);

/* Fields of a user variant row (the "SIP reason variants" table). */
enum sc_user_field {
    SC_UF_CODE, SC_UF_PHRASE, SC_UF_CATEGORY, SC_UF_DESC_EN, SC_UF_DESC_RU, SC_UF_DESC_DE, SC_UF_COUNT
};
extern const char *const sc_user_field_names[SC_UF_COUNT];
/* false, with a message naming the field in msg, when the value is rejected. */
bool sc_user_field_check(enum sc_user_field field, const char *value, size_t len, char *msg, size_t msglen);

#ifdef __cplusplus
}
#endif
#endif
