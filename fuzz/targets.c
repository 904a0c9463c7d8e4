/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz targets of the sipcodes core (status lines, phrases, device tokens,
 * user-table rows). The TSV loader target is in target_loader.c. */
#include "targets.h"

#include "sc_devices.h"
#include "sc_engine.h"
#include "sc_explain.h"
#include "sc_lang.h"
#include "sc_paraphrase.h"
#include "sc_tables.h"
#include "sc_user_rows.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc_fuzz_fail(const char *file, int line, const char *cond)
{
    fprintf(stderr, "%s:%d: sipcodes fuzz invariant failed: %s\n", file, line, cond);
    abort();
}

/* ---- reference implementations, written from the header's contract ---- */

static bool ref_blank(unsigned char c) { return c == ' ' || c == '\t'; }

/* "ASCII case-insensitive, runs of blanks folded, ends trimmed" */
static size_t ref_normalise(const char *s, size_t len, char *out)
{
    size_t i = 0, n = 0;
    while (i < len && ref_blank((unsigned char)s[i]))
        i++;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (ref_blank(c)) {
            while (i < len && ref_blank((unsigned char)s[i]))
                i++;
            if (i < len)
                out[n++] = ' ';
            continue;
        }
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        i++;
    }
    return n;
}

static bool ref_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    char *na = malloc(alen + 1), *nb = malloc(blen + 1);
    size_t la = ref_normalise(a, alen, na), lb = ref_normalise(b, blen, nb);
    bool eq = la == lb && memcmp(na, nb, la) == 0;
    free(na);
    free(nb);
    return eq;
}

/* Strict UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF), as
 * g_utf8_validate() and so Wireshark see it. */
static bool ref_utf8_valid(const unsigned char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n;
        unsigned lo = 0x80, hi = 0xbf;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xc2 && c <= 0xdf) n = 1;
        else if (c == 0xe0) { n = 2; lo = 0xa0; }
        else if (c == 0xed) { n = 2; hi = 0x9f; }
        else if (c >= 0xe1 && c <= 0xef) n = 2;
        else if (c == 0xf0) { n = 3; lo = 0x90; }
        else if (c == 0xf4) { n = 3; hi = 0x8f; }
        else if (c >= 0xf1 && c <= 0xf3) n = 3;
        else return false;
        if (i + n >= len)
            return false;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= n; k++)
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
        i += n + 1;
    }
    return true;
}

static bool strict_utf8_wanted(void)
{
    static int wanted = -1;
    if (wanted < 0) {
        const char *e = getenv("SC_FUZZ_STRICT_UTF8");
        wanted = e && *e && *e != '0';
    }
    return wanted;
}

static struct sc_variant_index *builtin;

void sc_fuzz_init(void)
{
    sc_init();
    if (!builtin)
        builtin = sc_variant_index_new(NULL, 0);
    SC_FUZZ_CHECK(builtin != NULL);
}

/* The built-in variant index, made by sc_fuzz_init(). */
static const struct sc_variant_index *builtin_index(void)
{
    return builtin;
}

static bool row_in(const void *row, const void *array, size_t count, size_t size)
{
    const char *a = array, *r = row;
    return r >= a && r < a + count * size && (size_t)(r - a) % size == 0;
}

/* ---- device tokens ---- */

struct scan_state {
    const char *text;
    size_t len;
    size_t calls;
};

static bool token_present(const char *text, size_t len, const char *token)
{
    size_t tl = strlen(token);
    for (size_t i = 0; i + tl <= len; i++) {
        if (text[i] != '0' || (text[i + 1] | 0x20) != 'x')
            continue;
        if (memcmp(text + i + 2, token + 2, tl - 2) == 0)
            return true;
    }
    return false;
}

static void on_device(const struct sc_device *dev, void *user)
{
    struct scan_state *st = user;
    SC_FUZZ_CHECK(row_in(dev, sc_devices, sc_devices_count, sizeof *dev));
    SC_FUZZ_CHECK(token_present(st->text, st->len, dev->device));
    SC_FUZZ_CHECK(sc_device_lookup(dev->device, strlen(dev->device)) == dev);
    st->calls++;
}

static size_t checked_scan(const char *text, size_t len)
{
    struct scan_state st = { text, len, 0 };
    size_t found = sc_device_scan(text, len, on_device, &st);
    SC_FUZZ_CHECK(found == st.calls);
    SC_FUZZ_CHECK(found <= len / 4);
    SC_FUZZ_CHECK(sc_device_scan(text, len, NULL, NULL) == found);
    return found;
}

int sc_fuzz_device(const uint8_t *data, size_t size)
{
    builtin_index();
    const char *text = (const char *)data;
    checked_scan(text, size);
    /* every prefix and the token on its own, as sc_device_lookup sees it */
    if (size >= 1)
        checked_scan(text + 1, size - 1);
    const struct sc_device *d = sc_device_lookup(text, size);
    if (d) {
        SC_FUZZ_CHECK(row_in(d, sc_devices, sc_devices_count, sizeof *d));
        SC_FUZZ_CHECK(strlen(d->device) == size);
    }
    return 0;
}

/* ---- status lines ---- */

static enum sc_status_error ref_parse(const char *line, size_t len, unsigned *code,
                                      size_t *phrase_off, size_t *phrase_len)
{
    size_t i = 0;
    *code = 0;
    *phrase_off = len;
    *phrase_len = 0;
    if (len < 4 || (line[0] | 0x20) != 's' || (line[1] | 0x20) != 'i' || (line[2] | 0x20) != 'p' || line[3] != '/')
        return SC_STATUS_NO_VERSION;
    for (i = 4; i < len && !ref_blank((unsigned char)line[i]); i++)
        ;
    if (i >= len)
        return SC_STATUS_BAD_CODE;
    while (i < len && ref_blank((unsigned char)line[i]))
        i++;
    size_t d = 0;
    unsigned v = 0;
    while (i + d < len && line[i + d] >= '0' && line[i + d] <= '9') {
        if (d < 3)
            v = v * 10 + (unsigned)(line[i + d] - '0');
        d++;
    }
    if (d != 3)
        return SC_STATUS_BAD_CODE;
    *code = v;
    i += 3;
    if (i < len && !ref_blank((unsigned char)line[i]) && line[i] != '\r' && line[i] != '\n')
        return SC_STATUS_NO_SPACE_AFTER_CODE;
    while (i < len && ref_blank((unsigned char)line[i]))
        i++;
    size_t e = len;
    while (e > i && (line[e - 1] == '\r' || line[e - 1] == '\n' || ref_blank((unsigned char)line[e - 1])))
        e--;
    *phrase_off = i;
    *phrase_len = e - i;
    return SC_STATUS_OK;
}

static bool text_inside(struct sc_text t, size_t len)
{
    return t.off <= len && t.len <= len - t.off;
}

/* The explanation the plugin, the CLI and the statistics show, checked
 * against the tables and the reference phrase comparison. */
static void check_message(const char *buf, size_t len)
{
    struct sc_message msg;
    sc_message_scan(buf, len, &msg);
    SC_FUZZ_CHECK(text_inside(msg.start_line, len) && text_inside(msg.phrase, len) && text_inside(msg.method, len));
    SC_FUZZ_CHECK(text_inside(msg.cseq_method, len) && text_inside(msg.call_id, len));
    SC_FUZZ_CHECK(text_inside(msg.from_tag, len) && text_inside(msg.to_tag, len));
    SC_FUZZ_CHECK(text_inside(msg.from_uri, len) && text_inside(msg.to_uri, len) && text_inside(msg.via_branch, len));
    SC_FUZZ_CHECK(msg.n_reasons <= SC_MAX_REASONS);
    for (unsigned i = 0; i < msg.n_reasons; i++) {
        SC_FUZZ_CHECK(text_inside(msg.reasons[i].where, len) && text_inside(msg.reasons[i].name, len));
        SC_FUZZ_CHECK(text_inside(msg.reasons[i].text, len) && msg.reasons[i].cause <= 65535);
        const struct sc_text loc = msg.reasons[i].location, where = msg.reasons[i].where;
        SC_FUZZ_CHECK(text_inside(loc, len));
        /* RFC 8606: only a Q.850 value has a location */
        if (loc.len)
            SC_FUZZ_CHECK(msg.reasons[i].protocol == SC_REASON_Q850 && loc.off >= where.off
                          && loc.off + loc.len <= where.off + where.len);
    }
    SC_FUZZ_CHECK(msg.n_warnings <= SC_MAX_WARNINGS);
    for (unsigned i = 0; i < msg.n_warnings; i++) {
        const struct sc_warning *w = &msg.warnings[i];
        SC_FUZZ_CHECK(text_inside(w->where, len) && text_inside(w->code_text, len));
        SC_FUZZ_CHECK(text_inside(w->agent, len) && text_inside(w->text, len));
        /* the parts lie inside the value */
        SC_FUZZ_CHECK(w->code_text.off == w->where.off && w->code_text.len <= w->where.len);
        SC_FUZZ_CHECK(w->agent.off >= w->where.off && w->agent.off + w->agent.len <= w->where.off + w->where.len);
        SC_FUZZ_CHECK(w->text.off >= w->where.off && w->text.off + w->text.len <= w->where.off + w->where.len);
        SC_FUZZ_CHECK(w->has_code ? w->code <= 999 && w->code_text.len == 3 : w->code == 0);
    }

    struct sc_explanation ex;
    struct sc_explain_ctx ctx = { builtin_index(), NULL };
    sc_explain(&ctx, buf, &msg, 0, &ex);
    SC_FUZZ_CHECK(ex.is_response == (msg.kind == SC_MSG_RESPONSE));
    SC_FUZZ_CHECK(ex.n_reasons == msg.n_reasons && ex.expert < SC_EXPERT_BIT(SC_EXPERT_COUNT));
    SC_FUZZ_CHECK(ex.n_warnings == msg.n_warnings);
    bool unknown_warning = false;
    for (unsigned i = 0; i < ex.n_warnings; i++) {
        const struct sc_warn_code *k = ex.warnings[i].known;
        SC_FUZZ_CHECK(ex.warnings[i].value == &msg.warnings[i]);
        if (k)
            SC_FUZZ_CHECK(row_in(k, sc_warn_codes, sc_warn_codes_count, sizeof *k) && msg.warnings[i].has_code
                          && k->code == msg.warnings[i].code);
        unknown_warning = unknown_warning || !k;
    }
    SC_FUZZ_CHECK(unknown_warning == ((ex.expert & SC_EXPERT_BIT(SC_EXPERT_WARNING_UNKNOWN)) != 0));
    if (ex.reason_q850 >= 0)
        SC_FUZZ_CHECK(msg.reasons[ex.reason_q850].protocol == SC_REASON_Q850);
    for (unsigned i = 0; i < ex.n_reasons; i++) {
        const struct sc_reason_location *l = ex.reasons[i].location;
        const struct sc_text t = msg.reasons[i].location;
        if (!l)
            continue;
        SC_FUZZ_CHECK(row_in(l, sc_reason_locations, sc_reason_locations_count, sizeof *l) && l->value <= 15);
        SC_FUZZ_CHECK(t.len == strlen(l->location));
        for (size_t k = 0; k < t.len; k++)
            SC_FUZZ_CHECK(buf[t.off + k] == l->location[k]
                          || (buf[t.off + k] >= 'a' && buf[t.off + k] <= 'z' && buf[t.off + k] - 32 == l->location[k]));
    }
    if (!ex.is_response) {
        SC_FUZZ_CHECK(ex.n_devices == 0 && !ex.variant && !ex.has_outcome
                      && (ex.expert & ~SC_EXPERT_BIT(SC_EXPERT_WARNING_UNKNOWN)) == 0);
        return;
    }
    unsigned code = ex.code;
    SC_FUZZ_CHECK(code <= 999 && (unsigned)ex.cls < SC_CLASS_COUNT && sc_class_name(ex.cls) != NULL);
    SC_FUZZ_CHECK(ex.cls == sc_classify(code) && ex.registry != NULL);
    const struct sc_code *known = ex.known;
    SC_FUZZ_CHECK(known == sc_code_lookup(code));
    if (known) {
        SC_FUZZ_CHECK(row_in(known, sc_codes, sc_codes_count, sizeof *known));
        SC_FUZZ_CHECK(known->code == code);
        SC_FUZZ_CHECK(known->phrase && known->rfc && (unsigned)known->registry < SC_REGISTRY_COUNT);
        for (int l = 0; l < SC_LANG_COUNT; l++)
            SC_FUZZ_CHECK(known->desc[l] != NULL);
    }
    if (ex.standard_phrase)
        SC_FUZZ_CHECK(ex.phrase_nonstandard
                      == !ref_equal(ex.standard_phrase, strlen(ex.standard_phrase), ex.phrase, ex.phrase_len));
    else
        SC_FUZZ_CHECK(!ex.phrase_nonstandard);

    /* lookups with a NUL-terminated copy agree with pointer + length */
    size_t plen = ex.phrase_len;
    char *copy = malloc(plen + 1);
    memcpy(copy, ex.phrase, plen);
    copy[plen] = '\0';
    const struct sc_variant *v = ex.variant;
    if (ex.phrase_nonstandard || !ex.standard_phrase)
        SC_FUZZ_CHECK(v == sc_variant_lookup(builtin_index(), code, copy, plen));
    else
        SC_FUZZ_CHECK(!v);
    if (v) {
        SC_FUZZ_CHECK(row_in(v, sc_variants, sc_variants_count, sizeof *v));
        SC_FUZZ_CHECK(v->code == code);
        SC_FUZZ_CHECK(ref_equal(v->phrase, strlen(v->phrase), ex.phrase, plen));
        SC_FUZZ_CHECK(sc_phrase_hash(code, v->phrase, strlen(v->phrase)) == sc_phrase_hash(code, ex.phrase, plen));
        SC_FUZZ_CHECK(ex.expert & SC_EXPERT_BIT(SC_EXPERT_VARIANT));
    }
    free(copy);

    /* the phrase kind: the first rule of data/README.md that applies */
    SC_FUZZ_CHECK((unsigned)ex.phrase_kind < SC_PHRASE_KIND_COUNT);
    SC_FUZZ_CHECK((ex.phrase_kind == SC_PHRASE_KIND_STANDARD) == (ex.standard_phrase && !ex.phrase_nonstandard));
    SC_FUZZ_CHECK((ex.phrase_kind == SC_PHRASE_KIND_VARIANT) == (v != NULL));
    SC_FUZZ_CHECK((ex.phrase_kind == SC_PHRASE_KIND_HINTED) == (ex.hint != NULL));
    if (ex.phrase_kind == SC_PHRASE_KIND_PARAPHRASE)
        SC_FUZZ_CHECK(ex.standard_phrase && ex.phrase_len
                      && sc_paraphrase_of(code, ex.standard_phrase, ex.phrase, ex.phrase_len)
                      && !(ex.expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_UNKNOWN)));
    if (ex.hint) {
        const struct sc_hint *h = ex.hint;
        size_t kl = strlen(h->keyword);
        SC_FUZZ_CHECK(row_in(h, sc_hints, sc_hints_count, sizeof *h) && ex.hint_score >= SC_HINT_MIN_SCORE);
        SC_FUZZ_CHECK(ex.hint_word_off <= plen && ex.hint_word_len <= plen - ex.hint_word_off && ex.hint_word_len >= kl);
        for (size_t i = 0; i < kl; i++)
            SC_FUZZ_CHECK((ex.phrase[ex.hint_word_off + i] | 0x20) == h->keyword[i]);
        bool in_codes = h->n_codes == 0;
        for (unsigned i = 0; i < h->n_codes; i++)
            in_codes = in_codes || (code >= h->codes[i].first && code <= h->codes[i].last);
        SC_FUZZ_CHECK(in_codes);
    }

    const struct sc_device *own = sc_device_for_code(code);
    SC_FUZZ_CHECK(ex.own_device == (own != NULL) && ex.n_devices <= SC_MAX_DEVICES);
    if (own)
        SC_FUZZ_CHECK(ex.devices[0] == own && own->sip_code == code);
    for (unsigned i = 0; i < ex.n_devices; i++)
        SC_FUZZ_CHECK(row_in(ex.devices[i], sc_devices, sc_devices_count, sizeof *ex.devices[i]));
    if (msg.phrase.len)
        checked_scan(ex.phrase, ex.phrase_len);

    SC_FUZZ_CHECK(ex.mapped_cause == sc_sip_to_q850_cause(code));
    SC_FUZZ_CHECK(ex.mapped_cause >= -1 && ex.mapped_cause <= 127);
    if (ex.mapped)
        SC_FUZZ_CHECK(ex.mapped->cause == (unsigned)ex.mapped_cause && ex.mapped->name);
    if (ex.mapped_cause >= 0)
        SC_FUZZ_CHECK(sc_q850_agrees(code, (unsigned)ex.mapped_cause));
    if (ex.reason_q850 >= 0)
        SC_FUZZ_CHECK(ex.reason_q850_agrees == sc_q850_agrees(code, msg.reasons[ex.reason_q850].cause));
    enum sc_outcome oc;
    if (ex.has_outcome)
        SC_FUZZ_CHECK(code >= 200 && code <= 799 && sc_outcome_for(code, &oc) && ex.outcome == oc);
}

int sc_fuzz_message(const uint8_t *data, size_t size)
{
    check_message((const char *)data, size);
    return 0;
}

/* The status-line parser against the reference, then the explanation. */

static void as_the_dissector_would(const char *line, size_t len)
{
    struct sc_status st;
    enum sc_status_error err = sc_parse_status_line(line, len, &st);
    unsigned rcode;
    size_t roff, rlen;
    enum sc_status_error rerr = ref_parse(line, len, &rcode, &roff, &rlen);

    SC_FUZZ_CHECK((unsigned)err <= SC_STATUS_NO_SPACE_AFTER_CODE);
    SC_FUZZ_CHECK(sc_status_error_text(err) != NULL);
    SC_FUZZ_CHECK(err == rerr);
    SC_FUZZ_CHECK(st.code == rcode);
    SC_FUZZ_CHECK(st.phrase >= line && st.phrase <= line + len);
    SC_FUZZ_CHECK(st.phrase_len <= (size_t)(line + len - st.phrase));
    if (err == SC_STATUS_OK) {
        SC_FUZZ_CHECK((size_t)(st.phrase - line) == roff && st.phrase_len == rlen);
    } else {
        SC_FUZZ_CHECK(st.phrase_len == 0);
    }
    SC_FUZZ_CHECK(st.code <= 999);

    check_message(line, len);
}

int sc_fuzz_status(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    as_the_dissector_would(line, size);
    /* Wireshark hands the dissector a C string: up to the first NUL */
    size_t clen = strnlen(line, size);
    if (clen != size)
        as_the_dissector_would(line, clen);
    return 0;
}

/* ---- phrases and the variant index with user rows ---- */

#define MAX_USER_ROWS 64

int sc_fuzz_phrase(const uint8_t *data, size_t size)
{
    builtin_index();
    if (size < 3)
        return 0;
    unsigned code = (unsigned)data[0] | (unsigned)data[1] << 8;
    /* mostly codes that have variants */
    if (!(code & 0x8000))
        code = 100 + code % 700;
    size_t rest = size - 3, split = rest ? data[2] % (rest + 1) : 0;
    const char *a = (const char *)data + 3, *b = a + split;
    size_t alen = split, blen = rest - split;

    bool eq = sc_phrase_equal(a, alen, b, blen);
    SC_FUZZ_CHECK(eq == sc_phrase_equal(b, blen, a, alen));
    SC_FUZZ_CHECK(sc_phrase_equal(a, alen, a, alen));
    SC_FUZZ_CHECK(eq == ref_equal(a, alen, b, blen));
    if (eq)
        SC_FUZZ_CHECK(sc_phrase_hash(code, a, alen) == sc_phrase_hash(code, b, blen));

    /* user rows: the lines of a, NUL-free as UAT strings are; all with the
     * same code, so equal phrases collide */
    struct sc_variant rows[MAX_USER_ROWS];
    const struct sc_variant *ptrs[MAX_USER_ROWS + 1];
    char *texts[MAX_USER_ROWS];
    size_t n = 0;
    for (size_t i = 0; i <= alen && n < MAX_USER_ROWS;) {
        size_t j = i;
        while (j < alen && a[j] != '\n')
            j++;
        char *t = malloc(j - i + 1);
        memcpy(t, a + i, j - i);
        t[j - i] = '\0';
        texts[n] = t;
        memset(&rows[n], 0, sizeof rows[n]);
        rows[n].code = (uint16_t)(code > 999 ? 480 : code);
        rows[n].phrase = t;
        rows[n].category = SC_CATEGORY_OTHER;
        for (int l = 0; l < SC_LANG_COUNT; l++)
            rows[n].desc[l] = "";
        rows[n].source = "fuzz";
        ptrs[n] = &rows[n];
        n++;
        i = j + 1;
    }
    ptrs[n] = NULL; /* a NULL row is skipped */
    struct sc_variant_index *idx = sc_variant_index_new(ptrs, n + 1);
    SC_FUZZ_CHECK(idx != NULL);
    for (size_t i = 0; i < n; i++) {
        const char *t = texts[i];
        size_t tl = strlen(t);
        const struct sc_variant *v = sc_variant_lookup(idx, rows[i].code, t, tl);
        /* the last user row with an equal phrase wins over earlier ones and
         * over built-in rows */
        size_t last = i;
        for (size_t k = i + 1; k < n; k++)
            if (ref_equal(texts[k], strlen(texts[k]), t, tl))
                last = k;
        SC_FUZZ_CHECK(v == &rows[last]);
    }
    const struct sc_variant *vb = sc_variant_lookup(idx, code, b, blen);
    if (vb) {
        SC_FUZZ_CHECK(vb->code == code);
        SC_FUZZ_CHECK(ref_equal(vb->phrase, strlen(vb->phrase), b, blen));
    } else if (code <= 999) {
        for (size_t i = 0; i < n; i++)
            SC_FUZZ_CHECK(!ref_equal(texts[i], strlen(texts[i]), b, blen));
    }
    sc_variant_index_free(idx);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    return 0;
}

/* ---- user table rows ---- */

int sc_fuzz_userfield(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    enum sc_user_field field = (enum sc_user_field)(data[0] % (SC_UF_COUNT + 1));
    size_t msglen = data[1] == 0 ? 1 : data[1] >= 0x80 ? 512 : data[1];
    const char *value = (const char *)data + 2;
    size_t len = size - 2;
    char *msg = malloc(msglen);
    memset(msg, 'X', msglen);
    bool ok = sc_user_field_check(field, value, len, msg, msglen);
    if (!ok) {
        SC_FUZZ_CHECK(memchr(msg, '\0', msglen) != NULL);
    } else {
        SC_FUZZ_CHECK(field < SC_UF_COUNT);
        SC_FUZZ_CHECK(memchr(value, '\0', len) == NULL);
        SC_FUZZ_CHECK(len < 1024);
        unsigned v;
        char text[1024];
        memcpy(text, value, len);
        text[len] = '\0';
        switch (field) {
        case SC_UF_CODE:
            /* rebuild_index() takes the same rows the check accepted */
            SC_FUZZ_CHECK(sc_parse_uint(text, 100, 799, &v));
            break;
        case SC_UF_CATEGORY:
            SC_FUZZ_CHECK(sc_category_valid(text));
            break;
        default:
            if (field == SC_UF_PHRASE)
                SC_FUZZ_CHECK(len > 0);
            for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)value[i];
                SC_FUZZ_CHECK(c >= 0x20 && c != 0x7f);
            }
            if (strict_utf8_wanted())
                SC_FUZZ_CHECK(ref_utf8_valid((const unsigned char *)value, len));
            break;
        }
    }
    free(msg);
    /* the row check the generator uses, on a C string */
    char *s = malloc(len + 1);
    memcpy(s, value, len);
    s[len] = '\0';
    (void)sc_text_problem(s, true);
    (void)sc_text_problem(s, false);
    unsigned v;
    if (sc_parse_uint(s, 0, 999, &v))
        SC_FUZZ_CHECK(v <= 999);
    enum sc_lang lang;
    if (sc_lang_parse_locale(s, &lang))
        SC_FUZZ_CHECK((unsigned)lang < SC_LANG_COUNT);
    SC_FUZZ_CHECK((unsigned)sc_lang_from_locale(s, NULL, s) < SC_LANG_COUNT);
    free(s);
    return 0;
}

/* The call engine on a sequence of messages. The input is messages
 * separated by a line "==": each starts with one byte choosing the time
 * step (0-255 times 250 ms, so timers run out), one byte choosing the
 * source and destination among four hosts, then the SIP text. Every
 * verdict and the totals must stay consistent. */
static void check_verdict(const struct sc_call_verdict *v, uint32_t serial)
{
    SC_FUZZ_CHECK(v->call == serial && (unsigned)v->state < SC_CALL_STATE_COUNT);
    SC_FUZZ_CHECK(v->attempts >= 1 && v->n_branches <= SC_CALL_BRANCHES_MAX);
    SC_FUZZ_CHECK(v->timers < (1u << SC_TIMER_COUNT));
    SC_FUZZ_CHECK((v->state == SC_CALL_STATE_UNFINISHED) == !v->has_final);
    if (v->has_final)
        SC_FUZZ_CHECK(v->final_code >= 100 && v->final_code <= 699 && (v->final_frame || v->final_code == 408));
    if (v->has_outcome)
        SC_FUZZ_CHECK(v->has_final && (unsigned)v->outcome < SC_OUTCOME_COUNT);
    if (v->state == SC_CALL_STATE_ACTIVE || v->state == SC_CALL_STATE_COMPLETED || v->state == SC_CALL_STATE_BROKEN)
        SC_FUZZ_CHECK(v->final_code >= 200 && v->final_code <= 299);
    if (v->has_cause)
        SC_FUZZ_CHECK(v->has_final && (unsigned)v->cause_source < SC_CAUSE_SOURCE_COUNT && (!v->has_q850 || v->q850 <= 127));
    if (v->has_ended_by)
        SC_FUZZ_CHECK((unsigned)v->ended_by < SC_PARTY_COUNT && (unsigned)v->ended_rule < SC_ENDED_RULE_COUNT);
    if (v->reason.location)
        SC_FUZZ_CHECK(v->reason.present && v->reason.protocol == SC_REASON_Q850
                      && row_in(v->reason.location, sc_reason_locations, sc_reason_locations_count,
                                sizeof *v->reason.location));
    SC_FUZZ_CHECK(!v->has_setup || v->setup_ns >= 0);
    SC_FUZZ_CHECK(!v->has_duration || v->duration_ns >= 0);
    SC_FUZZ_CHECK(!v->has_disconnect || v->disconnect_ns >= 0);
}

int sc_fuzz_calls(const uint8_t *data, size_t size)
{
    static const char *const hosts[] = { "192.0.2.1", "192.0.2.2", "192.0.2.3", "2001:db8::4" };
    struct sc_engine *e = sc_engine_new();
    SC_FUZZ_CHECK(e != NULL);
    int64_t now = 0;
    uint32_t frame = 0, max_serial = 0;
    const char *p = (const char *)data, *end = p + size;
    while (p + 2 <= end) {
        const char *sep = p + 2;
        while (sep + 4 <= end && memcmp(sep, "\n==\n", 4) != 0)
            sep++;
        if (sep + 4 > end)
            sep = end;
        now += (int64_t)(unsigned char)p[0] * 250000000;
        unsigned route = (unsigned char)p[1];
        struct sc_seen at = { ++frame, now, { hosts[route & 3], strlen(hosts[route & 3]), (uint16_t)(5060 + (route >> 4)) },
                              { hosts[route >> 2 & 3], strlen(hosts[route >> 2 & 3]), 5060 } };
        size_t len = (size_t)(sep - (p + 2));
        char *copy = malloc(len ? len : 1); /* exact size: a read past the end is caught */
        memcpy(copy, p + 2, len);
        struct sc_message m;
        sc_message_scan(copy, len, &m);
        uint32_t serial = sc_engine_feed(e, &at, copy, &m);
        SC_FUZZ_CHECK(serial <= sc_engine_calls(e));
        if (serial > max_serial) {
            SC_FUZZ_CHECK(serial == max_serial + 1); /* serials come in order */
            max_serial = serial;
        }
        free(copy);
        p = sep + 4 <= end ? sep + 4 : end;
    }
    sc_engine_clock(e, now + 200LL * 1000000000);
    struct sc_totals t;
    sc_engine_totals(e, &t);
    SC_FUZZ_CHECK(t.calls == sc_engine_calls(e));
    uint64_t states = 0;
    for (unsigned i = 0; i < SC_CALL_STATE_COUNT; i++)
        states += t.by_state[i];
    SC_FUZZ_CHECK(states == t.calls && t.settled == t.calls - t.by_state[SC_CALL_STATE_UNFINISHED]);
    SC_FUZZ_CHECK(t.redirected <= t.settled && t.established <= t.settled && t.effective <= t.settled);
    SC_FUZZ_CHECK(t.ineffective <= t.settled && t.reg_failed <= t.reg_settled && t.reg_settled <= t.registrations);
    for (uint32_t s = 1; s <= sc_engine_calls(e); s++) {
        struct sc_call_verdict v;
        SC_FUZZ_CHECK(sc_engine_verdict(e, s, &v));
        check_verdict(&v, s);
    }
    struct sc_metric_row rows[SC_METRIC_ROWS_MAX];
    SC_FUZZ_CHECK(sc_totals_rows(&t, rows, SC_METRIC_ROWS_MAX) <= SC_METRIC_ROWS_MAX);
    sc_engine_free(e);
    return 0;
}

const struct sc_fuzz_target sc_fuzz_targets[] = {
    { "message", sc_fuzz_message, "SIP header scanner and sc_explain on whole messages" },
    { "status", sc_fuzz_status, "status-line parser, phrase normaliser/hash, variant and code lookups" },
    { "phrase", sc_fuzz_phrase, "phrase equality/hash and the variant index with user rows" },
    { "device", sc_fuzz_device, "device-token scanner" },
    { "userfield", sc_fuzz_userfield, "user-table row checks (sc_user_field_check)" },
    { "loader", sc_fuzz_loader, "generator's TSV loader, cross checks and emitter" },
    { "calls", sc_fuzz_calls, "call engine on message sequences: verdicts and totals stay consistent" },
};
const size_t sc_fuzz_targets_count = sizeof sc_fuzz_targets / sizeof sc_fuzz_targets[0];

const struct sc_fuzz_target *sc_fuzz_find(const char *name)
{
    for (size_t i = 0; i < sc_fuzz_targets_count; i++)
        if (strcmp(sc_fuzz_targets[i].name, name) == 0)
            return &sc_fuzz_targets[i];
    return NULL;
}
