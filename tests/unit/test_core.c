/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the sipcodes core. Expected values come from RFC 3261,
 * the IANA SIP Response Codes registry, RFC 3398 and the seeds. */
#include "sc_devices.h"
#include "sc_lang.h"
#include "sc_tables.h"
#include "sc_user_rows.h"
#include "sc_variants.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

static bool str_is(const char *got, const char *want)
{
    return got && want && strcmp(got, want) == 0;
}

static void test_classify_boundaries(void)
{
    static const struct { unsigned code; const char *cls; } cases[] = {
        { 0, "unknown" }, { 99, "unknown" }, { 100, "provisional" }, { 199, "provisional" },
        { 200, "success" }, { 299, "success" }, { 300, "redirection" }, { 399, "redirection" },
        { 400, "client" }, { 499, "client" }, { 500, "server" }, { 599, "server" },
        { 600, "global" }, { 699, "global" }, { 700, "device" }, { 799, "device" },
        { 800, "unknown" }, { 999, "unknown" }, { 1000, "unknown" }, { 65535, "unknown" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = sc_class_name(sc_classify(cases[i].code));
        if (!str_is(got, cases[i].cls))
            fprintf(stderr, "  code %u: class %s, want %s\n", cases[i].code, got, cases[i].cls);
        CHECK(str_is(got, cases[i].cls));
    }
    CHECK(str_is(sc_class_name((enum sc_class)99), "unknown"));
}

#define EQ(a, b) sc_phrase_equal(a, strlen(a), b, strlen(b))

static void test_phrase_comparison(void)
{
    CHECK(EQ("Temporarily Unavailable", "temporarily unavailable"));
    CHECK(EQ("Temporarily Unavailable", "  Temporarily \t  UNAVAILABLE  "));
    CHECK(EQ("", ""));
    CHECK(EQ("", "   "));
    CHECK(!EQ("Busy Here", "BusyHere"));
    CHECK(!EQ("Busy Here", "Busy Here Now"));
    CHECK(!EQ("Busy", "Busy Here"));
    CHECK(!EQ("Not Found", "Not Fo und"));
    CHECK(!EQ("", "x"));
    CHECK(sc_phrase_hash(480, "No money left", 13) == sc_phrase_hash(480, " NO   MONEY left ", 17));
    CHECK(sc_phrase_hash(480, "No money left", 13) != sc_phrase_hash(481, "No money left", 13));
}

static enum sc_status_error parse(const char *line, struct sc_status *st)
{
    return sc_parse_status_line(line, strlen(line), st);
}

static void test_status_line(void)
{
    struct sc_status st;
    CHECK(parse("SIP/2.0 480 No money left", &st) == SC_STATUS_OK);
    CHECK(st.code == 480 && st.phrase_len == 13 && memcmp(st.phrase, "No money left", 13) == 0);
    CHECK(parse("SIP/2.0 183 ", &st) == SC_STATUS_OK && st.code == 183 && st.phrase_len == 0);
    CHECK(parse("SIP/2.0 183", &st) == SC_STATUS_OK && st.code == 183 && st.phrase_len == 0);
    CHECK(parse("SIP/2.0 200 OK\r\n", &st) == SC_STATUS_OK && st.phrase_len == 2);
    CHECK(parse("sip/2.0\t099\tToo Early", &st) == SC_STATUS_OK && st.code == 99);
    CHECK(parse("HTTP/1.1 200 OK", &st) == SC_STATUS_NO_VERSION);
    CHECK(parse("", &st) == SC_STATUS_NO_VERSION);
    CHECK(parse("SIP/2.0", &st) == SC_STATUS_BAD_CODE);
    CHECK(parse("SIP/2.0 48 Short", &st) == SC_STATUS_BAD_CODE);
    CHECK(parse("SIP/2.0 4800 Long", &st) == SC_STATUS_BAD_CODE);
    CHECK(parse("SIP/2.0 1000", &st) == SC_STATUS_BAD_CODE);
    CHECK(parse("SIP/2.0 480No", &st) == SC_STATUS_NO_SPACE_AFTER_CODE && st.code == 480);
    CHECK(sc_status_error_text(SC_STATUS_BAD_CODE)[0] != '\0');
}

static void test_registry(void)
{
    const struct sc_code *c = sc_code_lookup(480);
    CHECK(c && str_is(c->phrase, "Temporarily Unavailable") && str_is(c->rfc, "RFC 3261") && str_is(sc_registry_names[c->registry], "registered"));
    /* seed 000 calls 412 "Request Entity Too Large"; RFC 3903 defines it */
    c = sc_code_lookup(412);
    CHECK(c && str_is(c->phrase, "Conditional Request Failed") && str_is(c->rfc, "RFC 3903"));
    c = sc_code_lookup(413);
    CHECK(c && str_is(c->phrase, "Request Entity Too Large"));
    CHECK((c = sc_code_lookup(199)) && str_is(c->rfc, "RFC 6228"));
    CHECK((c = sc_code_lookup(425)) && str_is(c->rfc, "RFC 8876"));
    CHECK((c = sc_code_lookup(607)) && str_is(c->rfc, "RFC 8197"));
    CHECK((c = sc_code_lookup(608)) && str_is(c->rfc, "RFC 8688"));
    CHECK((c = sc_code_lookup(202)) && str_is(sc_registry_names[c->registry], "deprecated"));
    CHECK((c = sc_code_lookup(409)) && str_is(sc_registry_names[c->registry], "obsolete") && str_is(c->rfc, "RFC 2543"));
    CHECK((c = sc_code_lookup(411)) && str_is(sc_registry_names[c->registry], "obsolete") && str_is(c->rfc, "RFC 2543"));
    CHECK((c = sc_code_lookup(555)) && str_is(sc_registry_names[c->registry], "registered"));
    CHECK(sc_code_lookup(299) == NULL);
    CHECK(sc_code_lookup(1000) == NULL);
    size_t in_registry = 0;
    for (size_t i = 0; i < sc_codes_count; i++) {
        if (str_is(sc_registry_names[sc_codes[i].registry], "registered") || str_is(sc_registry_names[sc_codes[i].registry], "deprecated"))
            in_registry++;
        for (int l = 0; l < SC_LANG_COUNT; l++)
            CHECK(sc_codes[i].desc[l][0] != '\0');
    }
    CHECK(in_registry == 75); /* IANA SIP Response Codes: 75 entries */
}

static void test_variants(void)
{
    struct sc_variant_index *idx = sc_variant_index_new(NULL, 0);
    CHECK(idx != NULL);
    const struct sc_variant *v = sc_variant_lookup(idx, 480, "No money left", 13);
    CHECK(v && str_is(sc_category_names[v->category], "billing"));
    CHECK(sc_variant_lookup(idx, 480, "  no MONEY   left", 17) == v);
    CHECK(sc_variant_lookup(idx, 486, "No money left", 13) == NULL);
    CHECK(sc_variant_lookup(idx, 480, "No money", 8) == NULL);
    v = sc_variant_lookup(idx, 403, "Wrong Guess", 11);
    CHECK(v && str_is(sc_category_names[v->category], "auth"));
    v = sc_variant_lookup(idx, 500, "DB Timeout", 10);
    CHECK(v && str_is(sc_category_names[v->category], "database"));
    v = sc_variant_lookup(idx, 488, "Private IP Address", 18);
    CHECK(v != NULL);
    CHECK(sc_variant_lookup(idx, 480, "Temporarily Unavailable", 23) == NULL);
    sc_variant_index_free(idx);

    /* a user row replaces the built-in one and adds new ones */
    struct sc_variant mine = { 480, "no money LEFT", SC_CATEGORY_OTHER, { "mine", "мой", "meins" }, "test" };
    struct sc_variant extra = { 499, "Custom Reject", SC_CATEGORY_POLICY, { "x", "x", "x" }, "test" };
    const struct sc_variant *rows[] = { &mine, &extra };
    idx = sc_variant_index_new(rows, 2);
    CHECK(sc_variant_lookup(idx, 480, "No money left", 13) == &mine);
    CHECK(sc_variant_lookup(idx, 499, "custom reject", 13) == &extra);
    CHECK(sc_variant_lookup(idx, 403, "Wrong Guess", 11) != NULL);
    sc_variant_index_free(idx);
    CHECK(sc_variant_lookup(NULL, 480, "No money left", 13) == NULL);

    /* every built-in row is found again through the index */
    idx = sc_variant_index_new(NULL, 0);
    size_t found = 0;
    for (size_t i = 0; i < sc_variants_count; i++) {
        const struct sc_variant *row = &sc_variants[i];
        const struct sc_variant *got = sc_variant_lookup(idx, row->code, row->phrase, strlen(row->phrase));
        if (got != row)
            fprintf(stderr, "  variant %u \"%s\" not found through the index\n", row->code, row->phrase);
        found += got == row;
        for (int l = 0; l < SC_LANG_COUNT; l++)
            CHECK(row->desc[l][0] != '\0');
        CHECK((unsigned)row->category < SC_CATEGORY_COUNT);
    }
    CHECK(found == sc_variants_count);
    CHECK(sc_variants_count >= 40); /* seed 002 alone lists more than 30 */
    sc_variant_index_free(idx);
}

static unsigned scanned;
static const struct sc_device *last_scanned;
static void on_device(const struct sc_device *d, void *user)
{
    (void)user;
    scanned++;
    last_scanned = d;
}

static size_t scan(const char *text)
{
    scanned = 0;
    last_scanned = NULL;
    return sc_device_scan(text, strlen(text), on_device, NULL);
}

static void test_devices(void)
{
    const struct sc_device *d = sc_device_for_code(480);
    CHECK(d && str_is(d->device, "0x480") && str_is(sc_device_kind_names[d->kind], "response"));
    CHECK((d = sc_device_for_code(701)) && str_is(d->device, "0x701"));
    CHECK(sc_device_for_code(200) == NULL); /* the seed lists no 0x200 */
    CHECK((d = sc_device_lookup("0x814", 5)) && str_is(sc_device_kind_names[d->kind], "socket") && d->sip_code == 0);
    CHECK((d = sc_device_lookup("0X31", 4)) && str_is(sc_device_kind_names[d->kind], "setup"));
    CHECK(sc_device_lookup("0x0814", 6) == NULL);
    CHECK(sc_device_lookup("0x999", 5) == NULL);
    CHECK(sc_device_lookup("0x8", 3) == NULL);
    CHECK(scan("\"0x814\"") == 1 && scanned == 1 && str_is(last_scanned->device, "0x814"));
    CHECK(scan("socket 0x810, then 0x811") == 2 && str_is(last_scanned->device, "0x811"));
    CHECK(scan("x0x814 0x8145 0x81a 0x") == 0 && scanned == 0);
    CHECK(scan("") == 0);
    for (size_t i = 0; i < sc_devices_count; i++) {
        const struct sc_device *row = &sc_devices[i];
        for (int l = 0; l < SC_LANG_COUNT; l++)
            CHECK(row->desc[l][0] != '\0');
        CHECK(sc_device_lookup(row->device, strlen(row->device)) == row);
        if (row->sip_code)
            CHECK(sc_device_for_code(row->sip_code) == row);
    }
    /* seed 002: 0x31, 0x33, 0x34, 0x300 ... 0x606, 0x701 ... 0x751, 0x810 ... 0x815 */
    static const char *const seed_devices[] = { "0x31", "0x33", "0x34", "0x300", "0x380", "0x480", "0x488",
                                                "0x606", "0x701", "0x703", "0x751", "0x810", "0x815" };
    for (size_t i = 0; i < sizeof seed_devices / sizeof seed_devices[0]; i++)
        CHECK(sc_device_lookup(seed_devices[i], strlen(seed_devices[i])) != NULL);
}

static void test_languages(void)
{
    enum sc_lang l;
    CHECK(sc_lang_from_locale(NULL, NULL, NULL) == SC_LANG_EN);
    CHECK(sc_lang_from_locale(NULL, NULL, "ru_RU.UTF-8") == SC_LANG_RU);
    CHECK(sc_lang_from_locale("de_AT.UTF-8", NULL, "ru_RU.UTF-8") == SC_LANG_DE);
    CHECK(sc_lang_from_locale("", "de_DE", "ru_RU") == SC_LANG_DE);
    CHECK(sc_lang_from_locale("C", NULL, "ru_RU") == SC_LANG_EN);
    CHECK(sc_lang_from_locale("fr_FR.UTF-8", NULL, NULL) == SC_LANG_EN);
    CHECK(sc_lang_parse("de", 2, &l) && l == SC_LANG_DE);
    CHECK(!sc_lang_parse("deu", 3, &l));
    CHECK(!sc_lang_parse("", 0, &l));
    CHECK(str_is(sc_lang_name(SC_LANG_RU), "ru"));
}

static const char *outcome_of(unsigned code)
{
    enum sc_outcome o;
    return sc_outcome_for(code, &o) ? sc_outcome_names[o] : NULL;
}

static void test_q850_and_outcomes(void)
{
    const struct sc_q850 *q = sc_q850_lookup(17);
    CHECK(q && str_is(q->name, "USER_BUSY"));
    CHECK((q = sc_q850_lookup(1)) && str_is(q->name, "UNALLOCATED_NUMBER"));
    CHECK((q = sc_q850_lookup(18)) && str_is(q->name, "NO_USER_RESPONSE"));
    CHECK(sc_q850_lookup(200) == NULL);
    /* RFC 3398 s8.2.6.1 */
    CHECK(sc_sip_to_q850_cause(486) == 17);
    CHECK(sc_sip_to_q850_cause(404) == 1);
    CHECK(sc_sip_to_q850_cause(480) == 18);
    CHECK(sc_sip_to_q850_cause(603) == 21);
    CHECK(sc_sip_to_q850_cause(200) == -1);
    CHECK(sc_q850_agrees(480, 18));
    CHECK(sc_q850_agrees(486, 17));
    CHECK(!sc_q850_agrees(486, 1));
    CHECK(sc_q850_agrees(480, 19)); /* s7.2.4.1: 19 no answer -> 480 */
    CHECK(!sc_q850_agrees(5000, 1));
    CHECK(str_is(outcome_of(200), "answered"));
    CHECK(str_is(outcome_of(302), "redirected"));
    CHECK(str_is(outcome_of(401), "challenge"));
    CHECK(str_is(outcome_of(407), "challenge"));
    CHECK(str_is(outcome_of(486), "busy"));
    CHECK(str_is(outcome_of(600), "busy"));
    CHECK(str_is(outcome_of(480), "no-answer"));
    CHECK(str_is(outcome_of(487), "cancelled"));
    CHECK(str_is(outcome_of(607), "rejected"));
    CHECK(str_is(outcome_of(604), "not-found"));
    CHECK(str_is(outcome_of(488), "failed"));
    CHECK(outcome_of(183) == NULL);
    CHECK(outcome_of(701) == NULL);
}

static bool field_ok(enum sc_user_field f, const char *value, char *msg)
{
    return sc_user_field_check(f, value, strlen(value), msg, 256);
}

static void test_user_rows(void)
{
    char msg[256];
    CHECK(field_ok(SC_UF_CODE, "480", msg));
    CHECK(!field_ok(SC_UF_CODE, "1000", msg) && strstr(msg, "'code'") && strstr(msg, "1000"));
    CHECK(!field_ok(SC_UF_CODE, "99", msg));
    CHECK(!field_ok(SC_UF_CODE, "48o", msg));
    CHECK(field_ok(SC_UF_PHRASE, "No money left", msg));
    CHECK(!field_ok(SC_UF_PHRASE, "", msg) && strstr(msg, "'phrase'") && strstr(msg, "empty"));
    CHECK(!field_ok(SC_UF_PHRASE, "two\nlines", msg) && strstr(msg, "newline"));
    CHECK(field_ok(SC_UF_CATEGORY, "billing", msg));
    CHECK(!field_ok(SC_UF_CATEGORY, "money", msg) && strstr(msg, "'category'"));
    CHECK(field_ok(SC_UF_DESC + SC_LANG_RU, "недостаточно денег", msg));
    CHECK(field_ok(SC_UF_DESC + SC_LANG_DE, "", msg));
    CHECK(!field_ok(SC_UF_DESC + SC_LANG_DE, "a\rb", msg) && strstr(msg, "'desc_de'"));
    CHECK(!field_ok(SC_UF_DESC + SC_LANG_EN, "\xff\xfe", msg) && strstr(msg, "UTF-8"));
    CHECK(!sc_user_field_check(SC_UF_PHRASE, "a\0b", 3, msg, sizeof msg));
    unsigned v;
    CHECK(sc_parse_uint("799", 100, 799, &v) && v == 799);
    CHECK(!sc_parse_uint("800", 100, 799, &v));
    CHECK(!sc_parse_uint("99999999999999", 0, 999, &v));
    CHECK(!sc_parse_uint("", 0, 999, &v));
}

/* The closed sets generated from data/sets.tsv. */
static void test_sets(void)
{
    enum sc_category c;
    CHECK(sc_category_parse("billing", 7, &c) && c == SC_CATEGORY_BILLING);
    CHECK(sc_category_parse("other", 5, &c) && c == SC_CATEGORY_OTHER);
    CHECK(sc_category_parse("authority", 4, &c) && c == SC_CATEGORY_AUTH); /* len bytes only */
    CHECK(!sc_category_parse("Billing", 7, &c));
    CHECK(!sc_category_parse("bill", 4, &c));
    CHECK(!sc_category_parse("", 0, &c));
    CHECK(SC_CATEGORY_COUNT == 13);
    CHECK(str_is(SC_CATEGORY_LIST, "billing, auth, account, routing, number, codec, media, database, timeout, "
                                   "overload, policy, protocol, other"));
    CHECK(sc_category_valid("protocol") && !sc_category_valid("money") && !sc_category_valid(NULL));
    enum sc_outcome o;
    CHECK(sc_outcome_parse("no-answer", 9, &o) && o == SC_OUTCOME_NO_ANSWER);
    CHECK(str_is(sc_outcome_names[SC_OUTCOME_NOT_FOUND], "not-found"));
    CHECK(SC_OUTCOME_COUNT == 9);
    enum sc_registry r;
    CHECK(sc_registry_parse("obsolete", 8, &r) && r == SC_REGISTRY_OBSOLETE && SC_REGISTRY_COUNT == 4);
    enum sc_device_kind k;
    CHECK(sc_device_kind_parse("socket", 6, &k) && k == SC_DEVICE_KIND_SOCKET && SC_DEVICE_KIND_COUNT == 4);
    CHECK(str_is(sc_lang_titles[SC_LANG_DE], "German") && str_is(SC_LANG_LIST, "en, ru, de"));
    CHECK(SC_CLASS_UNKNOWN == 0 && SC_CLASS_DEVICE == 7 && SC_CLASS_COUNT == 8);
    enum sc_phrase_kind pk;
    CHECK(str_is(SC_PHRASE_KIND_LIST, "standard, paraphrase, variant, hinted, unknown"));
    CHECK(sc_phrase_kind_parse("hinted", 6, &pk) && pk == SC_PHRASE_KIND_HINTED);
    for (unsigned i = 0; i < SC_CATEGORY_COUNT; i++)
        CHECK(sc_category_titles[i] && sc_category_titles[i][0]);
    /* hints: the keyword goes where the one %s is */
    for (size_t i = 0; i < sc_hints_count; i++) {
        const struct sc_hint *h = &sc_hints[i];
        CHECK(h->keyword && h->keyword[0] && (unsigned)h->category < SC_CATEGORY_COUNT && h->source[0]);
        for (int l = 0; l < SC_LANG_COUNT; l++) {
            const char *p = strchr(h->desc[l], '%');
            CHECK(p && p[1] == 's' && !strchr(p + 2, '%'));
        }
    }
}

/* data/warn_codes.tsv (IANA "Warning Codes", RFC 3261 s20.43) and
 * data/reason_locations.tsv (RFC 8606 s4, Q.850 s2.2.4). */
static void test_warn_codes_and_locations(void)
{
    const struct sc_warn_code *w = sc_warn_code_lookup(399);
    CHECK(w && str_is(w->text, "Miscellaneous warning") && str_is(w->rfc, "RFC 3261"));
    CHECK((w = sc_warn_code_lookup(370)) && str_is(w->text, "Insufficient bandwidth"));
    CHECK((w = sc_warn_code_lookup(381)) && str_is(w->text, "SIPS Required") && str_is(w->rfc, "RFC 5630"));
    CHECK((w = sc_warn_code_lookup(308)) && str_is(w->rfc, "RFC 8373"));
    CHECK(sc_warn_code_lookup(398) == NULL && sc_warn_code_lookup(199) == NULL && sc_warn_code_lookup(100000) == NULL);
    for (size_t i = 0; i < sc_warn_codes_count; i++) {
        CHECK(sc_warn_code_lookup(sc_warn_codes[i].code) == &sc_warn_codes[i]);
        CHECK(sc_warn_codes[i].code >= 300 && sc_warn_codes[i].code <= 399);
        for (int l = 0; l < SC_LANG_COUNT; l++)
            CHECK(sc_warn_codes[i].desc[l][0] != '\0');
    }
    CHECK(sc_warn_codes_count == 15); /* 300-308, 330, 331, 370, 380, 381, 399 */

    const struct sc_reason_location *l = sc_reason_location_lookup("LN", 2);
    CHECK(l && l->value == 2 && str_is(l->name, "public network serving the local user"));
    CHECK(sc_reason_location_lookup("ln", 2) == l); /* ABNF literals ignore case */
    CHECK((l = sc_reason_location_lookup("U", 1)) && l->value == 0);
    CHECK((l = sc_reason_location_lookup("BI", 2)) && l->value == 10);
    CHECK((l = sc_reason_location_lookup("INTL", 4)) && l->value == 7);
    CHECK((l = sc_reason_location_lookup("LOC-15", 6)) && l->value == 15);
    CHECK(sc_reason_location_lookup("LNX", 3) == NULL && sc_reason_location_lookup("L", 1) == NULL);
    CHECK(sc_reason_location_lookup("", 0) == NULL && sc_reason_location_lookup("LOC-16", 6) == NULL);
    bool value_seen[16] = { false };
    for (size_t i = 0; i < sc_reason_locations_count; i++) {
        const struct sc_reason_location *row = &sc_reason_locations[i];
        CHECK(sc_reason_location_lookup(row->location, strlen(row->location)) == row);
        CHECK(row->value <= 15 && !value_seen[row->value]);
        value_seen[row->value & 15] = true;
    }
    CHECK(sc_reason_locations_count == 16); /* the 16 values of the 4-bit field */
    /* paraphrases.tsv: every code named has a standard phrase to reword */
    for (size_t i = 0; i < sc_paraphrases_count; i++) {
        const struct sc_paraphrase *p = &sc_paraphrases[i];
        CHECK(p->words[0] && p->source[0] && strcmp(p->same_as, "-") != 0);
        if (p->code) {
            const struct sc_code *c = sc_code_lookup(p->code);
            CHECK(c && c->phrase[0]);
        }
    }
    CHECK(sc_paraphrases_count > 0);
}

int main(void)
{
    sc_init();
    test_classify_boundaries();
    test_phrase_comparison();
    test_status_line();
    test_registry();
    test_variants();
    test_devices();
    test_languages();
    test_q850_and_outcomes();
    test_user_rows();
    test_sets();
    test_warn_codes_and_locations();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
