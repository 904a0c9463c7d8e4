/* sipcodes core: the tables generated from data/ (sc_tables.c, sc_sets.h)
 * and the lookups by number. Pure C, no Wireshark dependency; every
 * lookup needs sc_init() first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_TABLES_H
#define SC_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sc_text.h"
#include "sc_sets.h" /* generated from data/sets.tsv: enum sc_lang, sc_class, ... */

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

struct sc_code_range { uint16_t first, last; };

/* data/hints.tsv with the weight and codes of data/hint_weights.tsv; desc
 * holds "%s" once, where the word goes. */
struct sc_hint {
    const char *keyword;
    enum sc_category category;
    uint8_t weight;                     /* 1..3 */
    const struct sc_code_range *codes;  /* counts only for these codes; */
    uint8_t n_codes;                    /* 0: for every code */
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

/* data/paraphrases.tsv: words read as same_as in a phrase of code. */
struct sc_paraphrase {
    const char *words;    /* lowercase words, one space between */
    const char *same_as;  /* likewise; "" when the words are dropped */
    uint16_t code;        /* 0: any code */
    const char *source;
};

/* data/warn_codes.tsv: the IANA warn-codes (RFC 3261 s20.43). */
struct sc_warn_code {
    uint16_t code;
    const char *text;     /* the registered warn-text */
    const char *rfc;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

/* data/reason_locations.tsv: the location tokens of RFC 8606 s4. */
struct sc_reason_location {
    const char *location; /* "LN", "LOC-6" */
    uint8_t value;        /* the Q.850 location value, 0..15 */
    const char *name;
    const char *desc[SC_LANG_COUNT];
    const char *source;
};

struct sc_outcome_range {
    uint16_t first, last;
    enum sc_outcome outcome;
};

/* data/retry_codes.tsv: final codes after which the request is sent again. */
struct sc_retry_range {
    uint16_t first, last;
    enum sc_retry kind;
};

/* data/ended_by.tsv: who sends a final code, for one-leg captures. */
struct sc_party_range {
    uint16_t first, last;
    enum sc_party party;
};

/* data/rfc6076_codes.tsv: the codes of each RFC 6076 group. */
struct sc_metric_range {
    uint16_t first, last;
    enum sc_metric_group group;
};

/* Generated from data/ at build time (sc_tables.c). */
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
extern const struct sc_retry_range sc_retry_ranges[];
extern const size_t sc_retry_ranges_count;
extern const struct sc_party_range sc_party_ranges[];
extern const size_t sc_party_ranges_count;
extern const struct sc_metric_range sc_metric_ranges[];
extern const size_t sc_metric_ranges_count;
extern const struct sc_paraphrase sc_paraphrases[];
extern const size_t sc_paraphrases_count;
extern const struct sc_warn_code sc_warn_codes[];
extern const size_t sc_warn_codes_count;
extern const struct sc_reason_location sc_reason_locations[];
extern const size_t sc_reason_locations_count;

/* Classification */
enum sc_class sc_classify(unsigned code);
const char *sc_class_name(enum sc_class cls);

/* Builds every index of the core; call it once before anything else.
 * A lookup before it aborts. */
void sc_init(void);

/* Lookups, all O(1). */
const struct sc_code *sc_code_lookup(unsigned code);
const struct sc_device *sc_device_for_code(unsigned code);
const struct sc_q850 *sc_q850_lookup(unsigned cause);
int sc_sip_to_q850_cause(unsigned sip_code); /* -1 when RFC 3398 maps none */
bool sc_q850_agrees(unsigned sip_code, unsigned cause);
/* false for codes with no outcome */
bool sc_outcome_for(unsigned code, enum sc_outcome *out);
/* false for codes after which a request is not sent again */
bool sc_retry_for(unsigned code, enum sc_retry *out);
/* false for codes data/ended_by.tsv does not attribute */
bool sc_party_for(unsigned code, enum sc_party *out);
/* whether code belongs to the RFC 6076 group */
bool sc_metric_group_has(enum sc_metric_group group, unsigned code);
/* The warn-code's row; NULL outside data/warn_codes.tsv. */
const struct sc_warn_code *sc_warn_code_lookup(unsigned code);
/* The row of an RFC 8606 location token (ASCII case ignored: ABNF
 * literals); NULL for a token the table does not have. */
const struct sc_reason_location *sc_reason_location_lookup(const char *token, size_t len);

#ifdef __cplusplus
}
#endif
#endif
