/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sipcodes core: SIP status code knowledge, no Wireshark dependency. */
#ifndef SIPCODES_H
#define SIPCODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipcodes_text.h"
#include "sipcodes_sets.h" /* generated from data/sets.tsv: enum sc_lang, sc_class, ... */

#ifdef __cplusplus
extern "C" {
#endif

struct sc_code {
    uint16_t code;
    const char *phrase;   /* registry phrase; "" when none */
    const char *rfc;      /* "RFC 3261"; "" when no RFC defines the code */
    enum sc_registry registry;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_variant {
    uint16_t code;
    const char *phrase;
    enum sc_category category;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_device {
    const char *device;   /* "0x480" */
    uint16_t sip_code;    /* 0 when it never travels as a status code */
    enum sc_device_kind kind;
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

/* data/hints.tsv: desc holds "%s" once, where the keyword goes. */
struct sc_hint {
    const char *keyword;
    enum sc_category category;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_outcome_range {
    uint16_t first, last;
    enum sc_outcome outcome;
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
extern const struct sc_hint sc_hints[];
extern const size_t sc_hints_count;

/* Classification */
enum sc_class sc_classify(unsigned code);
const char *sc_class_name(enum sc_class cls);

/* Languages (sc_lang_parse, generated, takes a name exactly) */
const char *sc_lang_name(enum sc_lang lang);
/* "ru", "RU", "ru_RU.UTF-8", "de-AT" ...: the first two letters name the language. */
bool sc_lang_parse_locale(const char *name, enum sc_lang *out);
/* Follows LC_ALL, then LC_MESSAGES, then LANG (any may be NULL); falls back to en. */
enum sc_lang sc_lang_from_locale(const char *lc_all, const char *lc_messages, const char *lang);

/* Lookups; all O(1) after sc_init(). */
void sc_init(void);
const struct sc_code *sc_code_lookup(unsigned code);
const struct sc_device *sc_device_for_code(unsigned code);
const struct sc_device *sc_device_lookup(const char *token, size_t len);
const struct sc_q850 *sc_q850_lookup(unsigned cause);
int sc_sip_to_q850_cause(unsigned sip_code); /* -1 when RFC 3398 maps none */
bool sc_q850_agrees(unsigned sip_code, unsigned cause);
/* false for codes with no outcome */
bool sc_outcome_for(unsigned code, enum sc_outcome *out);

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

/* A member of the category set (NUL-terminated). */
bool sc_category_valid(const char *category);

/* Fields of a user variant row (the "SIP reason variants" table). */
enum sc_user_field {
    SC_UF_CODE, SC_UF_PHRASE, SC_UF_CATEGORY,
    SC_UF_DESC, /* SC_UF_DESC + lang: the description in that language */
    SC_UF_COUNT = SC_UF_DESC + SC_LANG_COUNT
};
extern const char *const sc_user_field_names[SC_UF_COUNT];
/* false, with a message naming the field in msg, when the value is rejected. */
bool sc_user_field_check(enum sc_user_field field, const char *value, size_t len, char *msg, size_t msglen);

#ifdef __cplusplus
}
#endif
#endif
