/* sipcodes-lookup --export: every compiled table as CSV (RFC 4180) or JSON
 * (an array of objects), straight from the tables the plugin uses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipcodes-export.h"

#include "sc_tables.h"

#include <stdio.h>
#include <string.h>

#define COLS_MAX 16
#define PHRASE_KEY_MAX 1024

/* One table being written: its columns, then its rows cell by cell. */
struct out {
    enum sc_export_format fmt;
    const char *name[COLS_MAX];
    bool number[COLS_MAX];   /* JSON: a number, or null when the cell is empty */
    size_t ncols;
    const char *cell[COLS_MAX];
    char buf[COLS_MAX][24];
    size_t ncells;
    size_t rows;
};

static char desc_names[SC_LANG_COUNT][16];

static void col(struct out *o, const char *name, bool number)
{
    o->name[o->ncols] = name;
    o->number[o->ncols] = number;
    o->ncols++;
}

static void desc_cols(struct out *o)
{
    for (unsigned l = 0; l < SC_LANG_COUNT; l++) {
        snprintf(desc_names[l], sizeof desc_names[l], "desc_%s", sc_lang_names[l]);
        col(o, desc_names[l], false);
    }
}

static void put_csv(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void put_json(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void header(struct out *o)
{
    if (o->fmt == SC_EXPORT_JSON) {
        putchar('[');
        return;
    }
    for (size_t i = 0; i < o->ncols; i++) {
        if (i)
            putchar(',');
        put_csv(o->name[i]);
    }
    putchar('\n');
}

static void str(struct out *o, const char *s)
{
    o->cell[o->ncells++] = s ? s : "";
}

/* A number cell; empty when absent. */
static void num(struct out *o, unsigned long v, bool present)
{
    char *b = o->buf[o->ncells];
    if (present)
        snprintf(b, sizeof o->buf[0], "%lu", v);
    else
        b[0] = '\0';
    o->cell[o->ncells++] = b;
}

static void descs(struct out *o, const char *const *desc)
{
    for (unsigned l = 0; l < SC_LANG_COUNT; l++)
        str(o, desc[l]);
}

static void end_row(struct out *o)
{
    if (o->fmt == SC_EXPORT_CSV) {
        for (size_t i = 0; i < o->ncells; i++) {
            if (i)
                putchar(',');
            put_csv(o->cell[i]);
        }
        putchar('\n');
    } else {
        fputs(o->rows ? ",\n{" : "\n{", stdout);
        for (size_t i = 0; i < o->ncells; i++) {
            if (i)
                putchar(',');
            put_json(o->name[i]);
            putchar(':');
            if (!o->number[i])
                put_json(o->cell[i]);
            else
                fputs(o->cell[i][0] ? o->cell[i] : "null", stdout);
        }
        putchar('}');
    }
    o->rows++;
    o->ncells = 0;
}

static void footer(struct out *o)
{
    if (o->fmt == SC_EXPORT_JSON)
        fputs(o->rows ? "\n]\n" : "]\n", stdout);
}

/* The phrase key of sc_phrase_fold, the form variants are looked up by. */
static const char *phrase_key(const char *phrase)
{
    static char key[PHRASE_KEY_MAX];
    sc_phrase_fold(phrase, strlen(phrase), key, sizeof key);
    return key;
}

static void codes(struct out *o)
{
    col(o, "code", true), col(o, "phrase", false), col(o, "phrase_key", false), col(o, "class", false);
    col(o, "rfc", false), col(o, "registry", false), desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_codes_count; i++) {
        const struct sc_code *c = &sc_codes[i];
        num(o, c->code, true), str(o, c->phrase), str(o, phrase_key(c->phrase));
        str(o, sc_class_name(sc_classify(c->code))), str(o, c->rfc), str(o, sc_registry_names[c->registry]);
        descs(o, c->desc), str(o, c->source), end_row(o);
    }
}

static void variants(struct out *o)
{
    col(o, "code", true), col(o, "phrase", false), col(o, "phrase_key", false), col(o, "category", false);
    desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_variants_count; i++) {
        const struct sc_variant *v = &sc_variants[i];
        num(o, v->code, true), str(o, v->phrase), str(o, phrase_key(v->phrase));
        str(o, sc_category_names[v->category]), descs(o, v->desc), str(o, v->source), end_row(o);
    }
}

static void device_codes(struct out *o)
{
    col(o, "device", false), col(o, "sip_code", true), col(o, "kind", false), desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_devices_count; i++) {
        const struct sc_device *d = &sc_devices[i];
        str(o, d->device), num(o, d->sip_code, d->sip_code != 0), str(o, sc_device_kind_names[d->kind]);
        descs(o, d->desc), str(o, d->source), end_row(o);
    }
}

static void q850(struct out *o)
{
    col(o, "cause", true), col(o, "name", false), desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_q850_causes_count; i++) {
        const struct sc_q850 *q = &sc_q850_causes[i];
        num(o, q->cause, true), str(o, q->name), descs(o, q->desc), str(o, q->source), end_row(o);
    }
}

static void sip_to_q850(struct out *o)
{
    col(o, "sip_code", true), col(o, "cause", true);
    header(o);
    for (size_t i = 0; i < sc_sip_to_q850_count; i++)
        num(o, sc_sip_to_q850[i].sip_code, true), num(o, sc_sip_to_q850[i].cause, true), end_row(o);
}

static void q850_to_sip(struct out *o)
{
    col(o, "cause", true), col(o, "sip_code", true);
    header(o);
    for (size_t i = 0; i < sc_q850_to_sip_count; i++)
        num(o, sc_q850_to_sip[i].cause, true), num(o, sc_q850_to_sip[i].sip_code, true), end_row(o);
}

static void outcomes(struct out *o)
{
    col(o, "first", true), col(o, "last", true), col(o, "outcome", false);
    header(o);
    for (size_t i = 0; i < sc_outcomes_count; i++) {
        const struct sc_outcome_range *r = &sc_outcomes[i];
        num(o, r->first, true), num(o, r->last, true), str(o, sc_outcome_names[r->outcome]), end_row(o);
    }
}

static void retry_codes(struct out *o)
{
    col(o, "first", true), col(o, "last", true), col(o, "kind", false);
    header(o);
    for (size_t i = 0; i < sc_retry_ranges_count; i++) {
        const struct sc_retry_range *r = &sc_retry_ranges[i];
        num(o, r->first, true), num(o, r->last, true), str(o, sc_retry_names[r->kind]), end_row(o);
    }
}

static void ended_by(struct out *o)
{
    col(o, "first", true), col(o, "last", true), col(o, "party", false);
    header(o);
    for (size_t i = 0; i < sc_party_ranges_count; i++) {
        const struct sc_party_range *r = &sc_party_ranges[i];
        num(o, r->first, true), num(o, r->last, true), str(o, sc_party_names[r->party]), end_row(o);
    }
}

static void rfc6076_codes(struct out *o)
{
    col(o, "first", true), col(o, "last", true), col(o, "group", false);
    header(o);
    for (size_t i = 0; i < sc_metric_ranges_count; i++) {
        const struct sc_metric_range *r = &sc_metric_ranges[i];
        num(o, r->first, true), num(o, r->last, true), str(o, sc_metric_group_names[r->group]), end_row(o);
    }
}

static void hints(struct out *o)
{
    col(o, "keyword", false), col(o, "category", false), col(o, "weight", true), col(o, "codes", false);
    desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_hints_count; i++) {
        const struct sc_hint *h = &sc_hints[i];
        char codes[256] = "";
        size_t n = 0;
        for (unsigned k = 0; k < h->n_codes && n < sizeof codes; k++) {
            const struct sc_code_range *r = &h->codes[k];
            n += r->first == r->last
                     ? (size_t)snprintf(codes + n, sizeof codes - n, "%s%u", k ? "," : "", (unsigned)r->first)
                     : (size_t)snprintf(codes + n, sizeof codes - n, "%s%u-%u", k ? "," : "", (unsigned)r->first,
                                        (unsigned)r->last);
        }
        str(o, h->keyword), str(o, sc_category_names[h->category]), num(o, h->weight, true), str(o, codes);
        descs(o, h->desc), str(o, h->source), end_row(o);
    }
}

static void paraphrases(struct out *o)
{
    col(o, "words", false), col(o, "same_as", false), col(o, "code", true), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_paraphrases_count; i++) {
        const struct sc_paraphrase *p = &sc_paraphrases[i];
        str(o, p->words), str(o, p->same_as), num(o, p->code, p->code != 0), str(o, p->source), end_row(o);
    }
}

static void warn_codes(struct out *o)
{
    col(o, "code", true), col(o, "text", false), col(o, "rfc", false), desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_warn_codes_count; i++) {
        const struct sc_warn_code *w = &sc_warn_codes[i];
        num(o, w->code, true), str(o, w->text), str(o, w->rfc), descs(o, w->desc), str(o, w->source), end_row(o);
    }
}

static void reason_locations(struct out *o)
{
    col(o, "location", false), col(o, "value", true), col(o, "name", false), desc_cols(o), col(o, "source", false);
    header(o);
    for (size_t i = 0; i < sc_reason_locations_count; i++) {
        const struct sc_reason_location *r = &sc_reason_locations[i];
        str(o, r->location), num(o, r->value, true), str(o, r->name), descs(o, r->desc), str(o, r->source);
        end_row(o);
    }
}

/* Every member of every closed set of data/sets.tsv. */
static void sets(struct out *o)
{
    col(o, "set", false), col(o, "name", false), col(o, "title", false);
    header(o);
#define SET_ROWS(ident, IDENT, set)                                                                                    \
    for (size_t i = 0; i < SC_##IDENT##_COUNT; i++)                                                                    \
        str(o, set), str(o, sc_##ident##_names[i]), str(o, sc_##ident##_titles[i]), end_row(o);
    SC_SETS_EACH(SET_ROWS)
#undef SET_ROWS
}

/* The tables, by the name of their file in data/ (hints holds
 * hint_weights.tsv too). */
static const struct {
    const char *name;
    void (*write)(struct out *o);
} tables[] = {
    { "codes", codes },
    { "variants", variants },
    { "device_codes", device_codes },
    { "q850", q850 },
    { "sip_to_q850", sip_to_q850 },
    { "q850_to_sip", q850_to_sip },
    { "outcomes", outcomes },
    { "retry_codes", retry_codes },
    { "ended_by", ended_by },
    { "rfc6076_codes", rfc6076_codes },
    { "hints", hints },
    { "paraphrases", paraphrases },
    { "warn_codes", warn_codes },
    { "reason_locations", reason_locations },
    { "sets", sets },
};

bool sc_export_format_parse(const char *s, enum sc_export_format *out)
{
    if (strcmp(s, "csv") == 0)
        *out = SC_EXPORT_CSV;
    else if (strcmp(s, "json") == 0)
        *out = SC_EXPORT_JSON;
    else
        return false;
    return true;
}

bool sc_export_table(enum sc_export_format fmt, const char *table)
{
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (strcmp(tables[i].name, table) == 0) {
            struct out o = { .fmt = fmt };
            tables[i].write(&o);
            footer(&o);
            return true;
        }
    }
    return false;
}

const char *sc_export_table_name(size_t i)
{
    return i < sizeof tables / sizeof tables[0] ? tables[i].name : NULL;
}
