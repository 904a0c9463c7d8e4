/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sipcodes core: classification, lookups, phrase comparison, parsing. */
#include "sipcodes.h"

#include <stdlib.h>
#include <string.h>

#define SC_MAX_CODE 999
#define SC_MAX_CAUSE 127

static const struct sc_code *code_index[SC_MAX_CODE + 1];
static const struct sc_device *device_by_sip_code[SC_MAX_CODE + 1];
static const struct sc_device *device_by_digits[SC_MAX_CODE + 1];
static const struct sc_q850 *q850_index[SC_MAX_CAUSE + 1];
static int16_t sip_to_cause[SC_MAX_CODE + 1];
static uint16_t cause_to_sip[SC_MAX_CAUSE + 1];
static uint8_t outcome_index[SC_MAX_CODE + 1]; /* enum sc_outcome + 1; 0 = none */
static bool initialised;

/* sc_classify counts on the order of data/sets.tsv's class set. */
_Static_assert(SC_CLASS_SUCCESS == SC_CLASS_PROVISIONAL + 1 && SC_CLASS_REDIRECTION == SC_CLASS_PROVISIONAL + 2
               && SC_CLASS_CLIENT == SC_CLASS_PROVISIONAL + 3 && SC_CLASS_SERVER == SC_CLASS_PROVISIONAL + 4
               && SC_CLASS_GLOBAL == SC_CLASS_PROVISIONAL + 5,
               "class set: provisional, success, redirection, client, server, global in this order");
_Static_assert(SC_OUTCOME_COUNT < 255, "outcome index holds the outcome in a byte");

enum sc_class sc_classify(unsigned code)
{
    if (code >= 100 && code <= 699)
        return (enum sc_class)(SC_CLASS_PROVISIONAL + (code / 100 - 1));
    if (code >= 700 && code <= 799)
        return SC_CLASS_DEVICE;
    return SC_CLASS_UNKNOWN;
}

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static unsigned device_digits_value(const char *token, size_t len, bool *ok)
{
    /* "0x" followed by 2 or 3 decimal digits */
    *ok = false;
    if (len < 4 || len > 5 || token[0] != '0' || (token[1] | 0x20) != 'x')
        return 0;
    unsigned v = 0;
    for (size_t i = 2; i < len; i++) {
        if (!is_digit(token[i]))
            return 0;
        v = v * 10 + (unsigned)(token[i] - '0');
    }
    *ok = true;
    return v;
}

void sc_init(void)
{
    if (initialised)
        return;
    for (size_t i = 0; i < sc_codes_count; i++)
        code_index[sc_codes[i].code] = &sc_codes[i];
    for (size_t i = 0; i < sc_devices_count; i++) {
        const struct sc_device *d = &sc_devices[i];
        bool ok;
        unsigned v = device_digits_value(d->device, strlen(d->device), &ok);
        if (ok)
            device_by_digits[v] = d;
        if (d->sip_code && d->sip_code <= SC_MAX_CODE)
            device_by_sip_code[d->sip_code] = d;
    }
    for (size_t i = 0; i < sc_q850_causes_count; i++)
        q850_index[sc_q850_causes[i].cause & SC_MAX_CAUSE] = &sc_q850_causes[i];
    for (unsigned c = 0; c <= SC_MAX_CODE; c++)
        sip_to_cause[c] = -1;
    for (size_t i = 0; i < sc_sip_to_q850_count; i++)
        sip_to_cause[sc_sip_to_q850[i].sip_code] = sc_sip_to_q850[i].cause;
    for (size_t i = 0; i < sc_q850_to_sip_count; i++)
        cause_to_sip[sc_q850_to_sip[i].cause & SC_MAX_CAUSE] = sc_q850_to_sip[i].sip_code;
    /* narrower ranges win: apply widest first */
    unsigned widest = 0;
    for (size_t i = 0; i < sc_outcomes_count; i++) {
        unsigned w = (unsigned)(sc_outcomes[i].last - sc_outcomes[i].first);
        if (w > widest)
            widest = w;
    }
    for (unsigned w = widest + 1; w-- > 0;) {
        for (size_t i = 0; i < sc_outcomes_count; i++) {
            const struct sc_outcome_range *r = &sc_outcomes[i];
            if ((unsigned)(r->last - r->first) != w)
                continue;
            for (unsigned c = r->first; c <= r->last && c <= SC_MAX_CODE; c++)
                outcome_index[c] = (uint8_t)(r->outcome + 1);
        }
    }
    initialised = true;
}

const struct sc_code *sc_code_lookup(unsigned code)
{
    return code <= SC_MAX_CODE ? code_index[code] : NULL;
}

const struct sc_device *sc_device_for_code(unsigned code)
{
    return code <= SC_MAX_CODE ? device_by_sip_code[code] : NULL;
}

const struct sc_device *sc_device_lookup(const char *token, size_t len)
{
    bool ok;
    unsigned v = device_digits_value(token, len, &ok);
    if (!ok || v > SC_MAX_CODE || !device_by_digits[v])
        return NULL;
    const struct sc_device *d = device_by_digits[v];
    /* "0x031" is not "0x31" */
    return strlen(d->device) == len ? d : NULL;
}

const struct sc_q850 *sc_q850_lookup(unsigned cause)
{
    return cause <= SC_MAX_CAUSE ? q850_index[cause] : NULL;
}

int sc_sip_to_q850_cause(unsigned sip_code)
{
    return sip_code <= SC_MAX_CODE ? sip_to_cause[sip_code] : -1;
}

bool sc_q850_agrees(unsigned sip_code, unsigned cause)
{
    if (sip_code > SC_MAX_CODE || cause > SC_MAX_CAUSE)
        return false;
    return sip_to_cause[sip_code] == (int)cause || cause_to_sip[cause] == sip_code;
}

bool sc_outcome_for(unsigned code, enum sc_outcome *out)
{
    if (code > SC_MAX_CODE || !outcome_index[code])
        return false;
    *out = (enum sc_outcome)(outcome_index[code] - 1);
    return true;
}

static inline bool is_token_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

size_t sc_device_scan(const char *text, size_t len, sc_device_fn fn, void *user)
{
    size_t found = 0;
    for (size_t i = 0; i + 3 < len; i++) {
        if (text[i] != '0' || (text[i + 1] | 0x20) != 'x' || (i > 0 && is_token_char(text[i - 1])))
            continue;
        size_t j = i + 2;
        while (j < len && is_token_char(text[j]))
            j++;
        const struct sc_device *d = sc_device_lookup(text + i, j - i);
        if (d) {
            found++;
            if (fn)
                fn(d, user);
        }
        i = j - 1;
    }
    return found;
}

/* Variant index: open addressing, capacity a power of two. */
struct variant_slot {
    uint32_t hash;
    const struct sc_variant *row;
};

struct sc_variant_index {
    size_t mask;
    struct variant_slot *slots;
};

static void variant_put(struct sc_variant_index *idx, const struct sc_variant *row)
{
    size_t plen = strlen(row->phrase);
    uint32_t h = sc_phrase_hash(row->code, row->phrase, plen);
    for (size_t i = h & idx->mask;; i = (i + 1) & idx->mask) {
        struct variant_slot *s = &idx->slots[i];
        if (!s->row) {
            s->hash = h;
            s->row = row;
            return;
        }
        if (s->hash == h && s->row->code == row->code
            && sc_phrase_equal(s->row->phrase, strlen(s->row->phrase), row->phrase, plen)) {
            s->row = row; /* later rows replace earlier ones */
            return;
        }
    }
}

struct sc_variant_index *sc_variant_index_new(const struct sc_variant *const *user_rows, size_t n_user)
{
    struct sc_variant_index *idx = calloc(1, sizeof *idx);
    if (!idx)
        return NULL;
    size_t cap = 16;
    while (cap < 2 * (sc_variants_count + n_user))
        cap <<= 1;
    idx->slots = calloc(cap, sizeof *idx->slots);
    if (!idx->slots) {
        free(idx);
        return NULL;
    }
    idx->mask = cap - 1;
    for (size_t i = 0; i < sc_variants_count; i++)
        variant_put(idx, &sc_variants[i]);
    for (size_t i = 0; i < n_user; i++)
        if (user_rows[i] && user_rows[i]->phrase)
            variant_put(idx, user_rows[i]);
    return idx;
}

void sc_variant_index_free(struct sc_variant_index *idx)
{
    if (!idx)
        return;
    free(idx->slots);
    free(idx);
}

const struct sc_variant *sc_variant_lookup(const struct sc_variant_index *idx,
                                           unsigned code, const char *phrase, size_t len)
{
    if (!idx || code > SC_MAX_CODE)
        return NULL;
    uint32_t h = sc_phrase_hash(code, phrase, len);
    for (size_t i = h & idx->mask;; i = (i + 1) & idx->mask) {
        const struct variant_slot *s = &idx->slots[i];
        if (!s->row)
            return NULL;
        if (s->hash == h && s->row->code == code
            && sc_phrase_equal(s->row->phrase, strlen(s->row->phrase), phrase, len))
            return s->row;
    }
}
