/* sipcodes core: sc_init() and the lookups by number (codes, Q.850
 * causes, the RFC 3398 mappings, outcomes, retry codes, who sends a code,
 * RFC 6076 groups), each O(1) through an index sc_init() builds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct sc_code *code_index[SC_CODE_MAX + 1];
static const struct sc_device *device_by_sip_code[SC_CODE_MAX + 1];
static const struct sc_q850 *q850_index[SC_CAUSE_MAX + 1];
static int16_t sip_to_cause[SC_CODE_MAX + 1];
static uint16_t cause_to_sip[SC_CAUSE_MAX + 1];
static uint8_t outcome_index[SC_CODE_MAX + 1]; /* enum sc_outcome + 1; 0 = none */
static uint8_t retry_index[SC_CODE_MAX + 1];   /* enum sc_retry + 1; 0 = none */
static uint8_t party_index[SC_CODE_MAX + 1];   /* enum sc_party + 1; 0 = none */
static uint8_t metric_bits[SC_CODE_MAX + 1];   /* bit per enum sc_metric_group */
static const struct sc_warn_code *warn_index[SC_CODE_MAX + 1];
/* Location tokens by a hash of their upper-cased bytes; open addressing. */
#define LOCATION_SLOTS 64
static const struct sc_reason_location *location_slots[LOCATION_SLOTS];
bool sc_initialised;

/* sc_classify counts on the order of data/sets.tsv's class set. */
_Static_assert(SC_CLASS_SUCCESS == SC_CLASS_PROVISIONAL + 1 && SC_CLASS_REDIRECTION == SC_CLASS_PROVISIONAL + 2
               && SC_CLASS_CLIENT == SC_CLASS_PROVISIONAL + 3 && SC_CLASS_SERVER == SC_CLASS_PROVISIONAL + 4
               && SC_CLASS_GLOBAL == SC_CLASS_PROVISIONAL + 5,
               "class set: provisional, success, redirection, client, server, global in this order");
_Static_assert(SC_OUTCOME_COUNT < 255 && SC_RETRY_COUNT < 255 && SC_PARTY_COUNT < 255,
               "code indexes hold the member in a byte");
_Static_assert(SC_METRIC_GROUP_COUNT <= 8, "metric groups are bits of a byte");

void sc_not_initialised(void)
{
    fputs("sipcodes: a core lookup ran before sc_init()\n", stderr);
    abort();
}

enum sc_class sc_classify(unsigned code)
{
    if (code >= 100 && code <= 699)
        return (enum sc_class)(SC_CLASS_PROVISIONAL + (code / 100 - 1));
    if (code >= 700 && code <= 799)
        return SC_CLASS_DEVICE;
    return SC_CLASS_UNKNOWN;
}

const char *sc_class_name(enum sc_class cls)
{
    return (unsigned)cls < SC_CLASS_COUNT ? sc_class_names[cls] : sc_class_names[SC_CLASS_UNKNOWN];
}

/* Each code of [first, last] gets value in index; later rows win. */
static void fill(uint8_t *index, unsigned first, unsigned last, uint8_t value)
{
    for (unsigned c = first; c <= last && c <= SC_CODE_MAX; c++)
        index[c] = value;
}

static void index_outcomes(void)
{
    /* narrower ranges win: apply the widest first */
    unsigned widest = 0;
    for (size_t i = 0; i < sc_outcomes_count; i++)
        if ((unsigned)(sc_outcomes[i].last - sc_outcomes[i].first) > widest)
            widest = (unsigned)(sc_outcomes[i].last - sc_outcomes[i].first);
    for (unsigned w = widest + 1; w-- > 0;)
        for (size_t i = 0; i < sc_outcomes_count; i++)
            if ((unsigned)(sc_outcomes[i].last - sc_outcomes[i].first) == w)
                fill(outcome_index, sc_outcomes[i].first, sc_outcomes[i].last, (uint8_t)(sc_outcomes[i].outcome + 1));
}

static inline char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c; }

static unsigned location_hash(const char *token, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)upper(token[i])) * 16777619u;
    return h;
}

static bool same_token(const char *row, const char *token, size_t len)
{
    if (strlen(row) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (row[i] != upper(token[i]))
            return false;
    return true;
}

static void index_locations(void)
{
    if (sc_reason_locations_count > LOCATION_SLOTS / 2) {
        fputs("sipcodes: more location rows than the index holds\n", stderr);
        abort();
    }
    for (size_t i = 0; i < sc_reason_locations_count; i++) {
        const char *t = sc_reason_locations[i].location;
        for (unsigned k = location_hash(t, strlen(t));; k++) {
            if (!location_slots[k % LOCATION_SLOTS]) {
                location_slots[k % LOCATION_SLOTS] = &sc_reason_locations[i];
                break;
            }
        }
    }
}

void sc_init(void)
{
    if (sc_initialised)
        return;
    for (size_t i = 0; i < sc_codes_count; i++)
        code_index[sc_codes[i].code] = &sc_codes[i];
    for (size_t i = 0; i < sc_devices_count; i++)
        if (sc_devices[i].sip_code && sc_devices[i].sip_code <= SC_CODE_MAX)
            device_by_sip_code[sc_devices[i].sip_code] = &sc_devices[i];
    for (size_t i = 0; i < sc_q850_causes_count; i++)
        q850_index[sc_q850_causes[i].cause & SC_CAUSE_MAX] = &sc_q850_causes[i];
    for (unsigned c = 0; c <= SC_CODE_MAX; c++)
        sip_to_cause[c] = -1;
    for (size_t i = 0; i < sc_sip_to_q850_count; i++)
        sip_to_cause[sc_sip_to_q850[i].sip_code] = sc_sip_to_q850[i].cause;
    for (size_t i = 0; i < sc_q850_to_sip_count; i++)
        cause_to_sip[sc_q850_to_sip[i].cause & SC_CAUSE_MAX] = sc_q850_to_sip[i].sip_code;
    index_outcomes();
    for (size_t i = 0; i < sc_retry_ranges_count; i++)
        fill(retry_index, sc_retry_ranges[i].first, sc_retry_ranges[i].last, (uint8_t)(sc_retry_ranges[i].kind + 1));
    for (size_t i = 0; i < sc_party_ranges_count; i++)
        fill(party_index, sc_party_ranges[i].first, sc_party_ranges[i].last, (uint8_t)(sc_party_ranges[i].party + 1));
    for (size_t i = 0; i < sc_metric_ranges_count; i++)
        for (unsigned c = sc_metric_ranges[i].first; c <= sc_metric_ranges[i].last && c <= SC_CODE_MAX; c++)
            metric_bits[c] |= (uint8_t)(1u << sc_metric_ranges[i].group);
    for (size_t i = 0; i < sc_warn_codes_count; i++)
        if (sc_warn_codes[i].code <= SC_CODE_MAX)
            warn_index[sc_warn_codes[i].code] = &sc_warn_codes[i];
    index_locations();
    sc_devices_init();
    sc_hints_init();
    sc_phrases_init();
    sc_initialised = true;
}

const struct sc_code *sc_code_lookup(unsigned code)
{
    sc_require_init();
    return code <= SC_CODE_MAX ? code_index[code] : NULL;
}

const struct sc_device *sc_device_for_code(unsigned code)
{
    sc_require_init();
    return code <= SC_CODE_MAX ? device_by_sip_code[code] : NULL;
}

const struct sc_q850 *sc_q850_lookup(unsigned cause)
{
    sc_require_init();
    return cause <= SC_CAUSE_MAX ? q850_index[cause] : NULL;
}

int sc_sip_to_q850_cause(unsigned sip_code)
{
    sc_require_init();
    return sip_code <= SC_CODE_MAX ? sip_to_cause[sip_code] : -1;
}

bool sc_q850_agrees(unsigned sip_code, unsigned cause)
{
    sc_require_init();
    if (sip_code > SC_CODE_MAX || cause > SC_CAUSE_MAX)
        return false;
    return sip_to_cause[sip_code] == (int)cause || cause_to_sip[cause] == sip_code;
}

bool sc_outcome_for(unsigned code, enum sc_outcome *out)
{
    sc_require_init();
    if (code > SC_CODE_MAX || !outcome_index[code])
        return false;
    *out = (enum sc_outcome)(outcome_index[code] - 1);
    return true;
}

bool sc_retry_for(unsigned code, enum sc_retry *out)
{
    sc_require_init();
    if (code > SC_CODE_MAX || !retry_index[code])
        return false;
    *out = (enum sc_retry)(retry_index[code] - 1);
    return true;
}

bool sc_party_for(unsigned code, enum sc_party *out)
{
    sc_require_init();
    if (code > SC_CODE_MAX || !party_index[code])
        return false;
    *out = (enum sc_party)(party_index[code] - 1);
    return true;
}

bool sc_metric_group_has(enum sc_metric_group group, unsigned code)
{
    sc_require_init();
    return code <= SC_CODE_MAX && (metric_bits[code] >> group & 1u);
}


const struct sc_warn_code *sc_warn_code_lookup(unsigned code)
{
    sc_require_init();
    return code <= SC_CODE_MAX ? warn_index[code] : NULL;
}

const struct sc_reason_location *sc_reason_location_lookup(const char *token, size_t len)
{
    sc_require_init();
    for (unsigned k = location_hash(token, len);; k++) {
        const struct sc_reason_location *row = location_slots[k % LOCATION_SLOTS];
        if (!row || same_token(row->location, token, len))
            return row;
    }
}
