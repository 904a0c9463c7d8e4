/* packet-sipcodes.c
 * Post-dissector that explains SIP responses: class, defining RFC,
 * registry status, vendor reason variants, device display codes,
 * Q.850 mapping and call outcome, with descriptions in en/ru/de.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_BUILD_DLL
#include <wireshark.h>

#include <stdlib.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "packet-sipcodes.h"
#include "sipcodes-compat.h"

void proto_register_sipcodes(void);
void proto_reg_handoff_sipcodes(void);

static int proto_sipcodes = -1;
static int sipcodes_tap = -1;
static dissector_handle_t sipcodes_handle;

static int hf_sipcodes_code = -1;
static int hf_sipcodes_class = -1;
static int hf_sipcodes_phrase = -1;
static int hf_sipcodes_standard_phrase = -1;
static int hf_sipcodes_phrase_nonstandard = -1;
static int hf_sipcodes_rfc = -1;
static int hf_sipcodes_registry = -1;
static int hf_sipcodes_description = -1;
static int hf_sipcodes_variant = -1;
static int hf_sipcodes_variant_category = -1;
static int hf_sipcodes_variant_description = -1;
static int hf_sipcodes_device = -1;
static int hf_sipcodes_device_description = -1;
static int hf_sipcodes_q850 = -1;
static int hf_sipcodes_q850_name = -1;
static int hf_sipcodes_reason_q850 = -1;
static int hf_sipcodes_reason_q850_name = -1;
static int hf_sipcodes_outcome = -1;

static gint ett_sipcodes = -1;
static gint ett_sipcodes_variant = -1;
static gint ett_sipcodes_device = -1;
static gint ett_sipcodes_q850 = -1;

static expert_field ei_sipcodes_phrase_nonstandard = EI_INIT;
static expert_field ei_sipcodes_variant = EI_INIT;
static expert_field ei_sipcodes_unregistered = EI_INIT;
static expert_field ei_sipcodes_deprecated = EI_INIT;
static expert_field ei_sipcodes_device_on_wire = EI_INIT;
static expert_field ei_sipcodes_out_of_range = EI_INIT;
static expert_field ei_sipcodes_malformed_status_line = EI_INIT;
static expert_field ei_sipcodes_q850_mismatch = EI_INIT;

/* SIP dissector fields read back from the tree. */
static int hf_sip_status_line = -1;
static int hf_sip_request_line = -1;
static int hf_sip_status_code = -1;
static int hf_sip_cseq_method = -1;
static int hf_sip_reason_q850 = -1;
static int hf_sip_reason_text = -1;
static int hf_sip_warning = -1;

static sipcodes_pref_bool pref_remember = TRUE;

enum { LANG_PREF_AUTO = -1 };
static gint pref_language = LANG_PREF_AUTO;
static enum sc_lang current_lang = SC_LANG_EN;

static const enum_val_t language_values[] = {
    { "auto", "Follow LC_ALL / LC_MESSAGES / LANG", LANG_PREF_AUTO },
    { "en", "English", SC_LANG_EN },
    { "ru", "Russian", SC_LANG_RU },
    { "de", "German", SC_LANG_DE },
    { NULL, NULL, 0 }
};

static void apply_language(void)
{
    if (pref_language == LANG_PREF_AUTO)
        current_lang = sc_lang_from_locale(g_getenv("LC_ALL"), g_getenv("LC_MESSAGES"), g_getenv("LANG"));
    else
        current_lang = (enum sc_lang)pref_language;
}

/* What one SIP response says, as far as sipcodes needs it. Kept per frame
 * from the first pass: Wireshark fills the SIP fields a post-dissector
 * wants only then, and later passes (selecting a packet, refiltering,
 * Expert Information, statistics) render from this record. */
#define MAX_DEVICE_TOKENS 3
struct response_record {      /* 16 bytes */
    const char *phrase;       /* as sent; NULL when identical to the standard phrase */
    guint16 code;
    guint16 reason_q850;      /* as sent; Q.850 itself stops at 127 */
    guint8 status_error : 2;  /* enum sc_status_error */
    guint8 has_reason_q850 : 1;
    guint8 is_invite : 1;
    guint8 n_tokens : 3;
    guint8 tokens[MAX_DEVICE_TOKENS]; /* indexes into sc_devices */
};

G_STATIC_ASSERT(sizeof(struct response_record) == 16);

struct frame_record {
    guint n;
    struct response_record responses[];
};

/* Where a response's parts are in the packet bytes; only known on a pass
 * that has the SIP fields. */
struct response_location {
    tvbuff_t *tvb;
    gint start, length;
    gint phrase_start, phrase_length;
    field_info *reason;
};

/* The part of a SIP data source that belongs to one message. */
struct message_span {
    tvbuff_t *tvb;
    gint start, end;
};

static gboolean in_span(const field_info *fi, const struct message_span *span)
{
    return fi->ds_tvb == span->tvb && fi->start >= span->start && fi->start < span->end;
}

static field_info *first_in_span(GPtrArray *fields, const struct message_span *span)
{
    for (guint i = 0; fields && i < fields->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(fields, i);
        if (in_span(fi, span))
            return fi;
    }
    return NULL;
}

/* A message ends where the next start line in the same data source begins. */
static void narrow_span(GPtrArray *start_lines, struct message_span *span)
{
    for (guint i = 0; start_lines && i < start_lines->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(start_lines, i);
        if (fi->ds_tvb == span->tvb && fi->start > span->start && fi->start < span->end)
            span->end = fi->start;
    }
}

static void remember_token(const struct sc_device *dev, void *user)
{
    struct response_record *rec = (struct response_record *)user;
    ptrdiff_t at = dev - sc_devices;
    if (at < 0 || at > G_MAXUINT8)
        return;
    guint8 idx = (guint8)at;
    for (guint i = 0; i < rec->n_tokens; i++)
        if (rec->tokens[i] == idx)
            return;
    if (rec->n_tokens < MAX_DEVICE_TOKENS)
        rec->tokens[rec->n_tokens++] = idx;
}

static void scan_field_for_tokens(struct response_record *rec, field_info *fi)
{
    const char *text = fi ? fvalue_get_string(SIPCODES_FVALUE(fi)) : NULL;
    if (text)
        sc_device_scan(text, strlen(text), remember_token, rec);
}

/* Reads one response from the SIP fields into rec and loc. */
static void read_response(wmem_allocator_t *scope, proto_tree *root, field_info *line_fi,
                          const struct message_span *span, struct response_record *rec,
                          struct response_location *loc)
{
    const char *line = fvalue_get_string(SIPCODES_FVALUE(line_fi));
    struct sc_status status;
    enum sc_status_error err = sc_parse_status_line(line, strlen(line), &status);
    if (err != SC_STATUS_OK) {
        field_info *code_fi = first_in_span(proto_get_finfo_ptr_array(root, hf_sip_status_code), span);
        status.code = code_fi ? fvalue_get_uinteger(SIPCODES_FVALUE(code_fi)) : 0;
    }
    memset(rec, 0, sizeof *rec);
    rec->code = (guint16)MIN(status.code, G_MAXUINT16);
    rec->status_error = (guint8)err & 3;
    const struct sc_code *known = sc_code_lookup(status.code);
    gboolean identical = known && strlen(known->phrase) == status.phrase_len
                         && memcmp(known->phrase, status.phrase, status.phrase_len) == 0;
    rec->phrase = identical ? NULL : wmem_strndup(scope, status.phrase, status.phrase_len);
    if (err == SC_STATUS_OK)
        sc_device_scan(status.phrase, status.phrase_len, remember_token, rec);
    scan_field_for_tokens(rec, first_in_span(proto_get_finfo_ptr_array(root, hf_sip_warning), span));
    scan_field_for_tokens(rec, first_in_span(proto_get_finfo_ptr_array(root, hf_sip_reason_text), span));

    field_info *reason_fi = first_in_span(proto_get_finfo_ptr_array(root, hf_sip_reason_q850), span);
    if (reason_fi) {
        rec->has_reason_q850 = 1;
        rec->reason_q850 = (guint16)MIN(fvalue_get_uinteger(SIPCODES_FVALUE(reason_fi)), G_MAXUINT16);
    }
    field_info *method_fi = first_in_span(proto_get_finfo_ptr_array(root, hf_sip_cseq_method), span);
    rec->is_invite = method_fi && strcmp(fvalue_get_string(SIPCODES_FVALUE(method_fi)), "INVITE") == 0 ? 1 : 0;

    loc->tvb = span->tvb;
    loc->start = line_fi->start;
    loc->length = line_fi->length;
    /* The field's string is the UTF-8 rendering of the bytes (an invalid
     * byte becomes 3 bytes of U+FFFD): take the phrase's place from the
     * bytes themselves. */
    loc->phrase_start = line_fi->start + line_fi->length;
    loc->phrase_length = 0;
    if (line_fi->ds_tvb && line_fi->length > 0) {
        const char *raw = (const char *)tvb_get_ptr(line_fi->ds_tvb, line_fi->start, line_fi->length);
        struct sc_status at;
        if (sc_parse_status_line(raw, (size_t)line_fi->length, &at) == SC_STATUS_OK) {
            loc->phrase_start = line_fi->start + (gint)(at.phrase - raw);
            loc->phrase_length = (gint)at.phrase_len;
        }
    }
    loc->reason = reason_fi;
}

struct item_place {
    proto_tree *tree;
    tvbuff_t *tvb;
    gint start, length;
};

static proto_item *add_string(const struct item_place *at, int hf, const char *value)
{
    proto_item *ti = proto_tree_add_string(at->tree, hf, at->tvb, at->start, at->length, value);
    proto_item_set_generated(ti);
    return ti;
}

static proto_item *add_uint(const struct item_place *at, int hf, guint32 value)
{
    proto_item *ti = proto_tree_add_uint(at->tree, hf, at->tvb, at->start, at->length, value);
    proto_item_set_generated(ti);
    return ti;
}

static void add_device(const struct item_place *at, const struct sc_device *dev)
{
    proto_item *ti = add_string(at, hf_sipcodes_device, dev->device);
    struct item_place sub = *at;
    sub.tree = proto_item_add_subtree(ti, ett_sipcodes_device);
    add_string(&sub, hf_sipcodes_device_description, dev->desc[current_lang]);
}

static void render_response(packet_info *pinfo, proto_tree *tree, const struct response_record *rec,
                            const struct response_location *loc)
{
    unsigned code = rec->code;
    enum sc_class cls = sc_classify(code);
    const struct sc_code *known = sc_code_lookup(code);
    const char *standard_phrase = known && known->phrase[0] ? known->phrase : NULL;
    const char *phrase = rec->phrase ? rec->phrase : known ? known->phrase : "";
    size_t phrase_len = strlen(phrase);
    gboolean nonstandard = standard_phrase && !sc_phrase_equal(standard_phrase, strlen(standard_phrase), phrase, phrase_len);
    const struct sc_variant *variant = nonstandard || !standard_phrase
        ? sc_variant_lookup(sipcodes_variant_index(), code, phrase, phrase_len) : NULL;
    const char *rfc = known && known->rfc[0] ? known->rfc : NULL;
    const char *registry = known ? known->registry : "unregistered";

    struct item_place at = { tree, loc ? loc->tvb : NULL, loc ? loc->start : 0, loc ? loc->length : 0 };
    proto_item *top = proto_tree_add_item(tree, proto_sipcodes, at.tvb, at.start, at.length, ENC_NA);
    if (tree && PTREE_DATA(tree)->visible) /* the summary is only read by people */
        proto_item_append_text(top, ": %03u %s (%s%s%s%s%s)", code, standard_phrase ? standard_phrase : phrase,
                               sc_class_name(cls), rfc ? ", " : "", rfc ? rfc : "",
                               variant ? ", variant: " : "", variant ? variant->category : "");
    at.tree = proto_item_add_subtree(top, ett_sipcodes);

    proto_item *code_item = add_uint(&at, hf_sipcodes_code, code);
    add_string(&at, hf_sipcodes_class, sc_class_name(cls));
    add_string(&at, hf_sipcodes_phrase, phrase);
    if (standard_phrase) {
        add_string(&at, hf_sipcodes_standard_phrase, standard_phrase);
        proto_item *ti = proto_tree_add_boolean(at.tree, hf_sipcodes_phrase_nonstandard, at.tvb, at.start, at.length, nonstandard);
        proto_item_set_generated(ti);
    }
    if (rfc)
        add_string(&at, hf_sipcodes_rfc, rfc);
    add_string(&at, hf_sipcodes_registry, registry);
    if (known)
        add_string(&at, hf_sipcodes_description, known->desc[current_lang]);

    if (variant) {
        proto_item *vi = add_string(&at, hf_sipcodes_variant, variant->phrase);
        struct item_place sub = at;
        sub.tree = proto_item_add_subtree(vi, ett_sipcodes_variant);
        add_string(&sub, hf_sipcodes_variant_category, variant->category);
        add_string(&sub, hf_sipcodes_variant_description, variant->desc[current_lang]);
        expert_add_info_format(pinfo, vi, &ei_sipcodes_variant, "Known reason variant of %03u: \"%s\" (%s)",
                               code, variant->phrase, variant->category);
    } else if (nonstandard && phrase_len == 0) {
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_phrase_nonstandard,
                               "Reason phrase is empty (standard: \"%s\")", standard_phrase);
    } else if (nonstandard) {
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_phrase_nonstandard,
                               "Reason phrase \"%s\" differs from \"%s\" and is no known variant",
                               phrase, standard_phrase);
    }

    const struct sc_device *own = sc_device_for_code(code);
    const struct sc_device *first_device = own;
    if (own)
        add_device(&at, own);
    struct item_place token_at = at;
    if (loc) {
        token_at.start = loc->phrase_start;
        token_at.length = loc->phrase_length;
    }
    for (guint i = 0; i < rec->n_tokens; i++) {
        const struct sc_device *dev = &sc_devices[rec->tokens[i]];
        if (dev == own)
            continue;
        add_device(&token_at, dev);
        if (!first_device)
            first_device = dev;
    }

    int cause = sc_sip_to_q850_cause(code);
    const struct sc_q850 *mapped = cause >= 0 ? sc_q850_lookup((unsigned)cause) : NULL;
    if (cause >= 0) {
        proto_item *qi = add_uint(&at, hf_sipcodes_q850, (guint32)cause);
        if (mapped) {
            struct item_place sub = at;
            sub.tree = proto_item_add_subtree(qi, ett_sipcodes_q850);
            add_string(&sub, hf_sipcodes_q850_name, mapped->name);
        }
    }
    if (rec->has_reason_q850) {
        struct item_place reason_at = at;
        if (loc && loc->reason) {
            reason_at.tvb = loc->reason->ds_tvb;
            reason_at.start = loc->reason->start;
            reason_at.length = loc->reason->length;
        }
        proto_item *ri = add_uint(&reason_at, hf_sipcodes_reason_q850, rec->reason_q850);
        const struct sc_q850 *q = sc_q850_lookup(rec->reason_q850);
        if (q)
            add_string(&reason_at, hf_sipcodes_reason_q850_name, q->name);
        if (!sc_q850_agrees(code, rec->reason_q850))
            expert_add_info_format(pinfo, ri, &ei_sipcodes_q850_mismatch,
                                   "Reason header cause %u (%s) does not match %03u per RFC 3398 (expected %s)",
                                   rec->reason_q850, q ? q->name : "unknown cause", code,
                                   mapped ? mapped->name : "no mapping");
    }

    const char *outcome = rec->is_invite && code >= 200 ? sc_outcome_for(code) : NULL;
    if (outcome)
        add_string(&at, hf_sipcodes_outcome, outcome);

    if (rec->status_error != SC_STATUS_OK)
        expert_add_info_format(pinfo, top, &ei_sipcodes_malformed_status_line, "Malformed status line: %s",
                               sc_status_error_text((enum sc_status_error)rec->status_error));
    if (cls == SC_CLASS_UNKNOWN)
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_out_of_range,
                               "Status code %03u is outside 100-799", code);
    else if (cls == SC_CLASS_DEVICE)
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_device_on_wire,
                               "Device/stack code %03u on the wire%s%s", code,
                               own ? ": " : "", own ? own->desc[current_lang] : "");
    else if (!known || strcmp(known->registry, "unregistered") == 0)
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_unregistered,
                               "Status code %03u is not in the IANA SIP Response Codes registry", code);
    else if (strcmp(known->registry, "registered") != 0)
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_deprecated, "Status code %03u is %s (%s)",
                               code, known->registry, known->rfc);

    if (have_tap_listener(sipcodes_tap)) {
        struct sipcodes_tap_info *info = wmem_new0(pinfo->pool, struct sipcodes_tap_info);
        info->code = code;
        info->cls = cls;
        info->standard_phrase = standard_phrase;
        info->phrase = phrase;
        info->phrase_nonstandard = nonstandard;
        info->variant = variant;
        info->device = first_device;
        info->outcome = outcome;
        tap_queue_packet(sipcodes_tap, pinfo, info);
    }
}

static int dissect_sipcodes(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    GPtrArray *status_lines = proto_get_finfo_ptr_array(tree, hf_sip_status_line);
    struct frame_record *frame = (struct frame_record *)p_get_proto_data(wmem_file_scope(), pinfo, proto_sipcodes, 0);

    if (status_lines && status_lines->len > 0) {
        gboolean keep = pref_remember && !frame && !PINFO_FD_VISITED(pinfo);
        wmem_allocator_t *scope = keep ? wmem_file_scope() : pinfo->pool;
        struct frame_record *now = (struct frame_record *)wmem_alloc(scope, sizeof *now + status_lines->len * sizeof now->responses[0]);
        now->n = status_lines->len;
        GPtrArray *request_lines = proto_get_finfo_ptr_array(tree, hf_sip_request_line);
        for (guint i = 0; i < now->n; i++) {
            field_info *fi = (field_info *)g_ptr_array_index(status_lines, i);
            struct message_span span = { fi->ds_tvb, fi->start, G_MAXINT };
            struct response_location loc;
            narrow_span(status_lines, &span);
            narrow_span(request_lines, &span);
            read_response(scope, tree, fi, &span, &now->responses[i], &loc);
            render_response(pinfo, tree, &now->responses[i], &loc);
        }
        if (keep)
            p_add_proto_data(wmem_file_scope(), pinfo, proto_sipcodes, 0, now);
    } else if (frame) {
        for (guint i = 0; i < frame->n; i++)
            render_response(pinfo, tree, &frame->responses[i], NULL);
    }
    return 0;
}

static void sipcodes_prefs_apply(void)
{
    apply_language();
}

void proto_register_sipcodes(void)
{
    static hf_register_info hf[] = {
        { &hf_sipcodes_code,
          { "Status code", "sipcodes.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The SIP status code of the response", HFILL } },
        { &hf_sipcodes_class,
          { "Class", "sipcodes.class", FT_STRING, BASE_NONE, NULL, 0x0,
            "provisional, success, redirection, client, server, global, device (7xx) or unknown", HFILL } },
        { &hf_sipcodes_phrase,
          { "Reason phrase", "sipcodes.phrase", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase as sent in the status line (may be empty)", HFILL } },
        { &hf_sipcodes_standard_phrase,
          { "Standard phrase", "sipcodes.standard_phrase", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase the IANA SIP Response Codes registry gives for the code", HFILL } },
        { &hf_sipcodes_phrase_nonstandard,
          { "Phrase is non-standard", "sipcodes.phrase_nonstandard", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "True when the sent phrase differs from the standard one (case and blank runs ignored)", HFILL } },
        { &hf_sipcodes_rfc,
          { "Defined in", "sipcodes.rfc", FT_STRING, BASE_NONE, NULL, 0x0,
            "The document that defines the code, as referenced by the IANA registry", HFILL } },
        { &hf_sipcodes_registry,
          { "Registry status", "sipcodes.registry", FT_STRING, BASE_NONE, NULL, 0x0,
            "registered, deprecated, obsolete (RFC 2543 only) or unregistered", HFILL } },
        { &hf_sipcodes_description,
          { "Description", "sipcodes.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the status code means, in the language of the sipcodes.language preference", HFILL } },
        { &hf_sipcodes_variant,
          { "Known variant", "sipcodes.variant", FT_STRING, BASE_NONE, NULL, 0x0,
            "A vendor or softswitch reason phrase known for this code, as listed", HFILL } },
        { &hf_sipcodes_variant_category,
          { "Variant category", "sipcodes.variant.category", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the variant is about: billing, auth, account, routing, number, codec, media, ...", HFILL } },
        { &hf_sipcodes_variant_description,
          { "Variant meaning", "sipcodes.variant.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the vendor variant means, in the chosen language", HFILL } },
        { &hf_sipcodes_device,
          { "Device code", "sipcodes.device", FT_STRING, BASE_NONE, NULL, 0x0,
            "What a Gigaset-style phone displays for this response (e.g. 0x480), or a device token found in the phrase, Warning or Reason text", HFILL } },
        { &hf_sipcodes_device_description,
          { "Device code meaning", "sipcodes.device.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the device display code means, in the chosen language", HFILL } },
        { &hf_sipcodes_q850,
          { "Q.850 cause", "sipcodes.q850", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The ISUP/Q.850 cause a gateway maps this response to (RFC 3398 s8.2.6.1)", HFILL } },
        { &hf_sipcodes_q850_name,
          { "Q.850 cause name", "sipcodes.q850.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the mapped Q.850 cause as telephony tools print it", HFILL } },
        { &hf_sipcodes_reason_q850,
          { "Reason header Q.850 cause", "sipcodes.reason.q850", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The cause of a 'Reason: Q.850;cause=N' header in this response", HFILL } },
        { &hf_sipcodes_reason_q850_name,
          { "Reason header Q.850 cause name", "sipcodes.reason.q850.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the Reason header's Q.850 cause", HFILL } },
        { &hf_sipcodes_outcome,
          { "Call outcome", "sipcodes.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
            "What a final INVITE response did to the call: answered, redirected, challenge, busy, no-answer, cancelled, rejected, not-found, failed", HFILL } },
    };

    static gint *ett[] = {
        &ett_sipcodes,
        &ett_sipcodes_variant,
        &ett_sipcodes_device,
        &ett_sipcodes_q850,
    };

    static ei_register_info ei[] = {
        { &ei_sipcodes_phrase_nonstandard,
          { "sipcodes.phrase_nonstandard.unknown", PI_PROTOCOL, PI_NOTE,
            "Reason phrase differs from the standard one and is no known variant", EXPFILL } },
        { &ei_sipcodes_variant,
          { "sipcodes.variant.known", PI_COMMENTS_GROUP, PI_NOTE,
            "Reason phrase is a known vendor variant", EXPFILL } },
        { &ei_sipcodes_unregistered,
          { "sipcodes.unregistered", PI_PROTOCOL, PI_WARN,
            "Status code is not in the IANA SIP Response Codes registry", EXPFILL } },
        { &ei_sipcodes_deprecated,
          { "sipcodes.deprecated", PI_DEPRECATED, PI_WARN,
            "Status code is deprecated or obsolete", EXPFILL } },
        { &ei_sipcodes_device_on_wire,
          { "sipcodes.device.on_wire", PI_PROTOCOL, PI_NOTE,
            "Device/stack status code (7xx) on the wire", EXPFILL } },
        { &ei_sipcodes_out_of_range,
          { "sipcodes.out_of_range", PI_MALFORMED, PI_ERROR,
            "Status code outside 100-799", EXPFILL } },
        { &ei_sipcodes_malformed_status_line,
          { "sipcodes.malformed", PI_MALFORMED, PI_ERROR,
            "Malformed status line", EXPFILL } },
        { &ei_sipcodes_q850_mismatch,
          { "sipcodes.reason.q850.mismatch", PI_SEQUENCE, PI_NOTE,
            "Reason header Q.850 cause disagrees with the SIP status code (RFC 3398)", EXPFILL } },
    };

    sc_init();

    proto_sipcodes = proto_register_protocol("SIP Response Codes", "sipcodes", "sipcodes");
    proto_register_field_array(proto_sipcodes, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert_sipcodes = expert_register_protocol(proto_sipcodes);
    expert_register_field_array(expert_sipcodes, ei, array_length(ei));

    module_t *sipcodes_module = prefs_register_protocol(proto_sipcodes, sipcodes_prefs_apply);
    prefs_register_enum_preference(sipcodes_module, "language", "Description language",
                                   "Language of sipcodes.description, sipcodes.variant.description and "
                                   "sipcodes.device.description (auto follows LC_ALL, LC_MESSAGES, LANG)",
                                   &pref_language, language_values, FALSE);
    prefs_register_bool_preference(sipcodes_module, "remember", "Remember responses for later passes",
                                   "Keep 16 bytes per SIP response from the first pass so that selecting a packet, "
                                   "refiltering, Expert Information and statistics show sipcodes (the GUI needs this; "
                                   "a single-pass tshark export can turn it off to keep memory flat)",
                                   &pref_remember);
    sipcodes_uat_register(proto_sipcodes, sipcodes_module);
    apply_language();

    sipcodes_handle = register_dissector("sipcodes", dissect_sipcodes, proto_sipcodes);
    sipcodes_tap = register_tap("sipcodes");
}

void proto_reg_handoff_sipcodes(void)
{
    hf_sip_status_line = proto_registrar_get_id_byname("sip.Status-Line");
    hf_sip_request_line = proto_registrar_get_id_byname("sip.Request-Line");
    hf_sip_status_code = proto_registrar_get_id_byname("sip.Status-Code");
    hf_sip_cseq_method = proto_registrar_get_id_byname("sip.CSeq.method");
    hf_sip_reason_q850 = proto_registrar_get_id_byname("sip.reason_cause_q850");
    hf_sip_reason_text = proto_registrar_get_id_byname("sip.reason_text");
    hf_sip_warning = proto_registrar_get_id_byname("sip.Warning");

    register_postdissector(sipcodes_handle);
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    int ids[] = { hf_sip_status_line, hf_sip_request_line, hf_sip_status_code, hf_sip_cseq_method,
                  hf_sip_reason_q850, hf_sip_reason_text, hf_sip_warning };
    for (size_t i = 0; i < G_N_ELEMENTS(ids); i++)
        if (ids[i] > 0)
            g_array_append_val(wanted, ids[i]);
    set_postdissector_wanted_hfids(sipcodes_handle, wanted);
}
