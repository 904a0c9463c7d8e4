/* packet-sipcodes.c
 * Post-dissector that explains SIP messages: class, defining RFC,
 * registry status, vendor reason variants, device display codes,
 * Q.850 mapping and call outcome, with descriptions in en/ru/de.
 * Per message: read the bytes -> explain (core) -> add items -> add
 * expert info -> queue the tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <wireshark.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "core/sc_call.h"
#include "core/sc_explain.h"
#include "sipcodes-record.h"
#include "sipcodes-stats.h"
#include "sipcodes-uat.h"
#include "sipcodes-compat.h"

void proto_register_sipcodes(void);
void proto_reg_handoff_sipcodes(void);

static int proto_sipcodes = -1;
static int sipcodes_tap = -1;
static int sipcodes_calls_tap = -1;
/* Calls of the open file, fed on the first pass. */
static struct sc_call_table *calls;
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
static int hf_sipcodes_phrase_hint = -1;
static int hf_sipcodes_phrase_hint_word = -1;
static int hf_sipcodes_phrase_hint_description = -1;
static int hf_sipcodes_reason = -1;
static int hf_sipcodes_reason_protocol = -1;
static int hf_sipcodes_reason_cause = -1;
static int hf_sipcodes_reason_cause_name = -1;
static int hf_sipcodes_reason_class = -1;
static int hf_sipcodes_reason_text = -1;
static int hf_sipcodes_reason_description = -1;
static int hf_sipcodes_call = -1;
static int hf_sipcodes_call_outcome = -1;
static int hf_sipcodes_call_final_code = -1;
static int hf_sipcodes_call_final_frame = -1;
static int hf_sipcodes_call_cause = -1;
static int hf_sipcodes_call_cause_name = -1;
static int hf_sipcodes_call_cause_source = -1;
static int hf_sipcodes_call_ended_by = -1;
static int hf_sipcodes_call_setup_time = -1;
static int hf_sipcodes_call_duration = -1;

static gint ett_sipcodes = -1;
static gint ett_sipcodes_variant = -1;
static gint ett_sipcodes_device = -1;
static gint ett_sipcodes_q850 = -1;
static gint ett_sipcodes_reason = -1;
static gint ett_sipcodes_hint = -1;
static gint ett_sipcodes_call = -1;

static expert_field ei_sipcodes_phrase_nonstandard = EI_INIT;
static expert_field ei_sipcodes_variant = EI_INIT;
static expert_field ei_sipcodes_unregistered = EI_INIT;
static expert_field ei_sipcodes_deprecated = EI_INIT;
static expert_field ei_sipcodes_device_on_wire = EI_INIT;
static expert_field ei_sipcodes_out_of_range = EI_INIT;
static expert_field ei_sipcodes_malformed_status_line = EI_INIT;
static expert_field ei_sipcodes_q850_mismatch = EI_INIT;
static expert_field ei_sipcodes_phrase_hint = EI_INIT;

static expert_field *const expert_fields[] = {
    &ei_sipcodes_phrase_nonstandard, &ei_sipcodes_variant, &ei_sipcodes_unregistered,
    &ei_sipcodes_deprecated, &ei_sipcodes_device_on_wire, &ei_sipcodes_out_of_range,
    &ei_sipcodes_malformed_status_line, &ei_sipcodes_q850_mismatch, &ei_sipcodes_phrase_hint,
};

/* The one SIP field read: the protocol item of each SIP message. */
static int proto_sip = -1;
static int proto_ws_expert = -1;
static int expert_tap = -1;

static sipcodes_pref_bool pref_remember = TRUE;

enum { LANG_PREF_AUTO = -1 };
static gint pref_language = LANG_PREF_AUTO;
static enum sc_lang current_lang = SC_LANG_EN;

static const enum_val_t language_values[] = {
    { "auto", "Follow LC_ALL / LC_MESSAGES / LANG", LANG_PREF_AUTO },
#define LANG_PREF_VALUE(id, ID, name, title) { name, title, SC_LANG_##ID },
    SC_LANG_EACH(LANG_PREF_VALUE)
    { NULL, NULL, 0 }
};

static void apply_language(void)
{
    if (pref_language == LANG_PREF_AUTO)
        current_lang = sc_lang_from_locale(g_getenv("LC_ALL"), g_getenv("LC_MESSAGES"), g_getenv("LANG"));
    else
        current_lang = (enum sc_lang)pref_language;
}

/* One SIP message being shown. */
struct view {
    packet_info *pinfo;
    proto_tree *tree;
    tvbuff_t *tvb;
    gint start;                    /* of the message in tvb */
    const char *buf;               /* its bytes */
    const struct sc_message *msg;
    struct sc_explanation *ex;
    const struct sc_call *call;    /* NULL outside a known call */
    gboolean expert;               /* add expert info */
};

/* Where an item points: a part of the message. */
struct item_place {
    proto_tree *tree;
    tvbuff_t *tvb;
    gint start, length;
};

static struct item_place place_of(const struct view *v, proto_tree *tree, struct sc_text t)
{
    struct item_place at = { tree, v->tvb, v->start + (gint)t.off, (gint)t.len };
    return at;
}

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

static struct item_place subtree_of(const struct item_place *at, proto_item *ti, gint ett)
{
    struct item_place sub = *at;
    sub.tree = proto_item_add_subtree(ti, ett);
    return sub;
}

/* The phrase as valid UTF-8, for messages and statistics. */
static const char *phrase_text(const struct view *v)
{
    return (const char *)tvb_get_string_enc(v->pinfo->pool, v->tvb, v->start + (gint)v->msg->phrase.off,
                                            (gint)v->msg->phrase.len, ENC_UTF_8 | ENC_NA);
}

static proto_item *add_top(const struct view *v)
{
    const struct sc_explanation *ex = v->ex;
    proto_item *top = proto_tree_add_item(v->tree, proto_sipcodes, v->tvb, v->start + (gint)v->msg->start_line.off,
                                          (gint)v->msg->start_line.len, ENC_NA);
    if (!v->tree || !PTREE_DATA(v->tree)->visible) /* the summary is only read by people */
        return top;
    if (!ex->is_response)
        proto_item_append_text(top, ": %s request", tvb_format_text(v->pinfo->pool, v->tvb,
                               v->start + (gint)v->msg->method.off, (gint)v->msg->method.len));
    else
        proto_item_append_text(top, ": %03u %s (%s%s%s%s%s)", ex->code,
                               ex->standard_phrase ? ex->standard_phrase : phrase_text(v),
                               sc_class_name(ex->cls), ex->rfc ? ", " : "", ex->rfc ? ex->rfc : "",
                               ex->variant ? ", variant: " : "", ex->variant ? sc_category_names[ex->variant->category] : "");
    return top;
}

/* A guess for a phrase nobody knows: its own field and note, never a variant. */
static void add_hint(const struct view *v, const struct item_place *phrase)
{
    const struct sc_explanation *ex = v->ex;
    struct sc_text word = { v->msg->phrase.off + (guint32)ex->hint_word_off, (guint32)ex->hint_word_len };
    struct item_place at = place_of(v, phrase->tree, word);
    const char *category = sc_category_names[ex->hint->category];
    proto_item *hi = add_string(&at, hf_sipcodes_phrase_hint, category);
    struct item_place sub = subtree_of(&at, hi, ett_sipcodes_hint);
    proto_item *ti = proto_tree_add_item(sub.tree, hf_sipcodes_phrase_hint_word, v->tvb, at.start, at.length,
                                         ENC_UTF_8 | ENC_NA);
    proto_item_set_generated(ti);
    const char *w = (const char *)tvb_get_string_enc(v->pinfo->pool, v->tvb, at.start, at.length, ENC_UTF_8 | ENC_NA);
    size_t need = sc_hint_format(ex->hint, current_lang, w, strlen(w), NULL, 0) + 1;
    char *text = (char *)wmem_alloc(v->pinfo->pool, need);
    sc_hint_format(ex->hint, current_lang, w, strlen(w), text, need);
    add_string(&sub, hf_sipcodes_phrase_hint_description, text);
    if (v->expert)
        expert_add_info_format(v->pinfo, hi, &ei_sipcodes_phrase_hint,
                               "Unknown reason phrase, guessed category %s from the word \"%s\"", category, w);
}

static void add_phrase_items(const struct view *v, const struct item_place *at, proto_item *code_item)
{
    const struct sc_explanation *ex = v->ex;
    proto_item *ti = proto_tree_add_item(at->tree, hf_sipcodes_phrase, v->tvb, at->start, at->length, ENC_UTF_8 | ENC_NA);
    proto_item_set_generated(ti);
    if (ex->standard_phrase) {
        add_string(at, hf_sipcodes_standard_phrase, ex->standard_phrase);
        ti = proto_tree_add_boolean(at->tree, hf_sipcodes_phrase_nonstandard, at->tvb, at->start, at->length,
                                    ex->phrase_nonstandard);
        proto_item_set_generated(ti);
    }
    if (ex->rfc)
        add_string(at, hf_sipcodes_rfc, ex->rfc);
    add_string(at, hf_sipcodes_registry, ex->registry);
    if (ex->known)
        add_string(at, hf_sipcodes_description, ex->known->desc[current_lang]);

    if (ex->variant) {
        proto_item *vi = add_string(at, hf_sipcodes_variant, ex->variant->phrase);
        struct item_place sub = subtree_of(at, vi, ett_sipcodes_variant);
        add_string(&sub, hf_sipcodes_variant_category, sc_category_names[ex->variant->category]);
        add_string(&sub, hf_sipcodes_variant_description, ex->variant->desc[current_lang]);
        if (v->expert)
            expert_add_info_format(v->pinfo, vi, &ei_sipcodes_variant, "Known reason variant of %03u: \"%s\" (%s)",
                                   ex->code, ex->variant->phrase, sc_category_names[ex->variant->category]);
    } else if (ex->hint) {
        add_hint(v, at);
    }
    if (ex->variant || !v->expert) {
        return;
    } else if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_EMPTY)) {
        expert_add_info_format(v->pinfo, code_item, &ei_sipcodes_phrase_nonstandard,
                               "Reason phrase is empty (standard: \"%s\")", ex->standard_phrase);
    } else if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_UNKNOWN)) {
        expert_add_info_format(v->pinfo, code_item, &ei_sipcodes_phrase_nonstandard,
                               "Reason phrase \"%s\" differs from \"%s\" and is no known variant",
                               phrase_text(v), ex->standard_phrase);
    }
}

static void add_device(const struct item_place *at, const struct sc_device *dev)
{
    proto_item *ti = add_string(at, hf_sipcodes_device, dev->device);
    struct item_place sub = subtree_of(at, ti, ett_sipcodes_device);
    add_string(&sub, hf_sipcodes_device_description, dev->desc[current_lang]);
}

static void add_devices(const struct view *v, const struct item_place *line)
{
    const struct sc_explanation *ex = v->ex;
    struct item_place tokens = place_of(v, line->tree, v->msg->phrase);
    for (unsigned i = 0; i < ex->n_devices; i++)
        add_device(i == 0 && ex->own_device ? line : &tokens, ex->devices[i]);
}

static void add_q850_items(const struct view *v, const struct item_place *line)
{
    const struct sc_explanation *ex = v->ex;
    if (ex->mapped_cause >= 0) {
        proto_item *qi = add_uint(line, hf_sipcodes_q850, (guint32)ex->mapped_cause);
        if (ex->mapped) {
            struct item_place sub = subtree_of(line, qi, ett_sipcodes_q850);
            add_string(&sub, hf_sipcodes_q850_name, ex->mapped->name);
        }
    }
    if (ex->reason_q850 < 0)
        return;
    const struct sc_reason_meaning *r = &ex->reasons[ex->reason_q850];
    struct item_place at = place_of(v, line->tree, r->value->where);
    proto_item *ri = add_uint(&at, hf_sipcodes_reason_q850, r->value->cause);
    if (r->q850)
        add_string(&at, hf_sipcodes_reason_q850_name, r->q850->name);
    if (v->expert && ex->is_response && !ex->reason_q850_agrees)
        expert_add_info_format(v->pinfo, ri, &ei_sipcodes_q850_mismatch,
                               "Reason header cause %u (%s) does not match %03u per RFC 3398 (expected %s)",
                               r->value->cause, r->q850 ? r->q850->name : "unknown cause", ex->code,
                               ex->mapped ? ex->mapped->name : "no mapping");
}

/* Every value of every Reason header (RFC 3326). */
static void add_reasons(const struct view *v, proto_tree *tree)
{
    const struct sc_explanation *ex = v->ex;
    for (unsigned i = 0; i < ex->n_reasons; i++) {
        const struct sc_reason_meaning *r = &ex->reasons[i];
        struct item_place at = place_of(v, tree, r->value->where);
        proto_item *ri = proto_tree_add_item(tree, hf_sipcodes_reason, v->tvb, at.start, at.length, ENC_UTF_8 | ENC_NA);
        proto_item_set_generated(ri);
        struct item_place sub = subtree_of(&at, ri, ett_sipcodes_reason);
        struct item_place name = place_of(v, sub.tree, r->value->name);
        proto_item *ti = proto_tree_add_item(sub.tree, hf_sipcodes_reason_protocol, v->tvb, name.start, name.length,
                                             ENC_UTF_8 | ENC_NA);
        proto_item_set_generated(ti);
        if (r->value->has_cause)
            add_uint(&sub, hf_sipcodes_reason_cause, r->value->cause);
        if (r->q850) {
            add_string(&sub, hf_sipcodes_reason_cause_name, r->q850->name);
            add_string(&sub, hf_sipcodes_reason_description, r->q850->desc[current_lang]);
        } else if (r->value->protocol == SC_REASON_SIP && r->value->has_cause) {
            add_string(&sub, hf_sipcodes_reason_class, sc_class_name(r->sip_class));
            if (r->sip && r->sip->phrase[0])
                add_string(&sub, hf_sipcodes_reason_cause_name, r->sip->phrase);
            if (r->sip)
                add_string(&sub, hf_sipcodes_reason_description, r->sip->desc[current_lang]);
        }
        if (r->value->text.len) {
            struct item_place text = place_of(v, sub.tree, r->value->text);
            ti = proto_tree_add_item(sub.tree, hf_sipcodes_reason_text, v->tvb, text.start, text.length, ENC_UTF_8 | ENC_NA);
            proto_item_set_generated(ti);
        }
    }
}

static void add_relative_time(const struct item_place *at, int hf, gint64 ns)
{
    nstime_t t;
    t.secs = (time_t)(ns / 1000000000);
    t.nsecs = (int)(ns % 1000000000);
    proto_item *ti = proto_tree_add_time(at->tree, hf, at->tvb, at->start, at->length, &t);
    proto_item_set_generated(ti);
}

/* The verdict of the call the message belongs to. */
static void add_call(const struct view *v, proto_tree *tree)
{
    struct sc_call_verdict cv;
    sc_call_get_verdict(v->call, &cv);
    struct item_place at = place_of(v, tree, v->msg->start_line);
    proto_item *ci = add_uint(&at, hf_sipcodes_call, sc_call_serial(v->call));
    if (tree && PTREE_DATA(tree)->visible && cv.outcome)
        proto_item_append_text(ci, " (%s%s%s)", cv.outcome, cv.cause_name ? ", " : "", cv.cause_name ? cv.cause_name : "");
    struct item_place sub = subtree_of(&at, ci, ett_sipcodes_call);
    if (cv.outcome)
        add_string(&sub, hf_sipcodes_call_outcome, cv.outcome);
    if (cv.has_final) {
        add_uint(&sub, hf_sipcodes_call_final_code, cv.final_code);
        add_uint(&sub, hf_sipcodes_call_final_frame, cv.final_frame);
    }
    if (cv.has_cause) {
        add_uint(&sub, hf_sipcodes_call_cause, cv.cause);
        if (cv.cause_name)
            add_string(&sub, hf_sipcodes_call_cause_name, cv.cause_name);
        if (cv.cause_source_name)
            add_string(&sub, hf_sipcodes_call_cause_source, cv.cause_source_name);
    }
    if (cv.ended_by_name)
        add_string(&sub, hf_sipcodes_call_ended_by, cv.ended_by_name);
    if (cv.has_setup_time)
        add_relative_time(&sub, hf_sipcodes_call_setup_time, cv.setup_time_ns);
    if (cv.has_duration)
        add_relative_time(&sub, hf_sipcodes_call_duration, cv.duration_ns);
}

static void add_code_expert(const struct view *v, proto_item *top, proto_item *code_item)
{
    const struct sc_explanation *ex = v->ex;
    packet_info *pinfo = v->pinfo;
    if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_MALFORMED))
        expert_add_info_format(pinfo, top, &ei_sipcodes_malformed_status_line, "Malformed status line: %s",
                               sc_status_error_text(ex->status_error));
    if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_OUT_OF_RANGE))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_out_of_range, "Status code %03u is outside 100-799",
                               ex->code);
    else if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_DEVICE_ON_WIRE))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_device_on_wire, "Device/stack code %03u on the wire%s%s",
                               ex->code, ex->own_device ? ": " : "",
                               ex->own_device ? ex->devices[0]->desc[current_lang] : "");
    else if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_UNREGISTERED))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_unregistered,
                               "Status code %03u is not in the IANA SIP Response Codes registry", ex->code);
    else if (ex->expert & SC_EXPERT_BIT(SC_EXPERT_DEPRECATED))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_deprecated, "Status code %03u is %s (%s)", ex->code,
                               ex->registry, ex->known->rfc);
}

static void add_items(const struct view *v)
{
    const struct sc_explanation *ex = v->ex;
    proto_item *top = add_top(v);
    struct item_place line = place_of(v, proto_item_add_subtree(top, ett_sipcodes), v->msg->start_line);
    if (!ex->is_response) {
        add_q850_items(v, &line);
        add_reasons(v, line.tree);
        if (v->call)
            add_call(v, line.tree);
        return;
    }

    proto_item *code_item = add_uint(&line, hf_sipcodes_code, ex->code);
    add_string(&line, hf_sipcodes_class, sc_class_name(ex->cls));
    struct item_place phrase = place_of(v, line.tree, v->msg->phrase);
    add_phrase_items(v, &phrase, code_item);
    add_devices(v, &line);
    add_q850_items(v, &line);
    if (ex->outcome)
        add_string(&line, hf_sipcodes_outcome, ex->outcome);
    add_reasons(v, line.tree);
    if (v->call)
        add_call(v, line.tree);
    if (v->expert)
        add_code_expert(v, top, code_item);
}

static void queue_tap(struct view *v)
{
    struct sc_explanation *ex = v->ex;
    if (ex->phrase_nonstandard && !ex->variant) {
        ex->phrase = phrase_text(v);
        ex->phrase_len = strlen(ex->phrase);
    }
    tap_queue_packet(sipcodes_tap, v->pinfo, ex);
}

/* Expert info costs a formatted message each: add it only when someone
 * may see it. */
static gboolean expert_wanted(proto_tree *tree, gboolean referenced)
{
    if (have_tap_listener(expert_tap))
        return TRUE;
    if (!tree)
        return FALSE;
    if (PTREE_DATA(tree)->visible || (proto_ws_expert > 0 && proto_field_is_referenced(tree, proto_ws_expert)))
        return TRUE;
    /* our expert fields are sipcodes fields: referenced only if sipcodes is */
    for (size_t i = 0; referenced && i < G_N_ELEMENTS(expert_fields); i++)
        if (proto_field_is_referenced(tree, expert_fields[i]->hf))
            return TRUE;
    return FALSE;
}

static gboolean call_known(const struct sc_call *call)
{
    struct sc_call_verdict cv;
    sc_call_get_verdict(call, &cv);
    return cv.has_final || cv.has_cause || cv.ended_by_name || cv.has_setup_time || cv.has_duration;
}

static struct sc_call *feed_call(packet_info *pinfo, const char *buf, const struct sc_message *msg)
{
    struct sc_call_event ev;
    memset(&ev, 0, sizeof ev);
    ev.frame = pinfo->num;
    ev.time_ns = (gint64)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    ev.is_response = msg->kind == SC_MSG_RESPONSE;
    ev.method = buf + msg->method.off;
    ev.method_len = msg->method.len;
    ev.status = msg->code;
    ev.cseq = msg->cseq_number;
    ev.cseq_method = buf + msg->cseq_method.off;
    ev.cseq_method_len = msg->cseq_method.len;
    ev.call_id = buf + msg->call_id.off;
    ev.call_id_len = msg->call_id.len;
    ev.from_tag = buf + msg->from_tag.off;
    ev.from_tag_len = msg->from_tag.len;
    ev.to_tag = buf + msg->to_tag.off;
    ev.to_tag_len = msg->to_tag.len;
    for (unsigned i = 0; i < msg->n_reasons; i++) {
        if (msg->reasons[i].protocol == SC_REASON_Q850 && msg->reasons[i].has_cause) {
            ev.has_reason = true;
            ev.reason_cause = msg->reasons[i].cause;
        }
    }
    return calls ? sc_calls_feed(calls, &ev) : NULL;
}

/* Shows one SIP message. On the first pass it feeds the call table;
 * later passes pass the call found then. Returns the call's serial. */
static guint32 show_message(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, gint start, gint length,
                            gboolean first, guint32 serial)
{
    if (length <= 0)
        return 0;
    const char *buf = (const char *)tvb_get_ptr(tvb, start, length);
    struct sc_message msg;
    sc_message_scan(buf, (size_t)length, &msg);
    if (msg.kind == SC_MSG_OTHER)
        return 0;
    const struct sc_call *call = first ? feed_call(pinfo, buf, &msg) : serial && calls ? sc_calls_get(calls, serial) : NULL;
    if (call && have_tap_listener(sipcodes_calls_tap))
        tap_queue_packet(sipcodes_calls_tap, pinfo, calls);
    guint32 call_serial = call ? sc_call_serial(call) : 0;
    if (call && !call_known(call))
        call = NULL; /* nothing known of it yet: one pass, before any answer */

    /* expert info hangs on the items, so it needs them too */
    gboolean referenced = tree && proto_field_is_referenced(tree, proto_sipcodes);
    gboolean expert = expert_wanted(tree, referenced);
    gboolean items = expert || referenced;
    gboolean tap = have_tap_listener(sipcodes_tap);
    if (items || tap) {
        struct view v = { pinfo, tree, tvb, start, buf, &msg, NULL, call, expert };
        v.ex = tap ? wmem_new(pinfo->pool, struct sc_explanation) : g_newa(struct sc_explanation, 1);
        sc_explain(buf, &msg, sipcodes_variant_index(), v.ex);
        if (items && (sc_explanation_worth_showing(v.ex) || call))
            add_items(&v);
        if (tap && v.ex->is_response)
            queue_tap(&v);
    }
    return call_serial;
}

static guint data_source_index(packet_info *pinfo, tvbuff_t *tvb)
{
    guint i = 0;
    for (GSList *l = pinfo->data_src; l; l = l->next, i++)
        if (get_data_source_tvb((const struct data_source *)l->data) == tvb)
            return i;
    return G_MAXUINT32;
}

static tvbuff_t *data_source_at(packet_info *pinfo, guint index)
{
    GSList *l = g_slist_nth(pinfo->data_src, index);
    return l ? get_data_source_tvb((const struct data_source *)l->data) : NULL;
}

static guint32 last_recorded_frame;

/* First pass: the SIP dissector's protocol items say where each message is. */
static void first_pass(packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *sips = proto_get_finfo_ptr_array(tree, proto_sip);
    if (!sips)
        return;
    gboolean keep = pref_remember && pinfo->num > last_recorded_frame;
    for (guint i = 0; i < sips->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(sips, i);
        if (!fi->ds_tvb || fi->start < 0 || fi->length <= 0)
            continue;
        guint32 serial = show_message(pinfo, tree, fi->ds_tvb, fi->start, fi->length, TRUE, 0);
        guint source = data_source_index(pinfo, fi->ds_tvb);
        if (keep && source <= G_MAXUINT8 && fi->length <= 0xffffff) {
            struct sipcodes_location loc = { pinfo->num, (guint32)fi->start, (guint32)fi->length, source, serial };
            sipcodes_record_add(&loc);
            last_recorded_frame = pinfo->num;
        }
    }
}

/* Later passes (selecting a packet, refiltering, Expert Information,
 * statistics, tshark -2): Wireshark fills the fields a post-dissector
 * wants only on the first pass, so read the bytes kept track of then. */
static void later_pass(packet_info *pinfo, proto_tree *tree)
{
    guint n;
    gsize first = sipcodes_record_find(pinfo->num, &n);
    for (guint i = 0; i < n; i++) {
        const struct sipcodes_location *loc = sipcodes_record_at(first + i);
        tvbuff_t *tvb = data_source_at(pinfo, loc->source);
        if (tvb && tvb_bytes_exist(tvb, (gint)loc->start, (gint)loc->length))
            show_message(pinfo, tree, tvb, (gint)loc->start, (gint)loc->length, FALSE, loc->call);
    }
}

static int dissect_sipcodes(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    if (!PINFO_FD_VISITED(pinfo))
        first_pass(pinfo, tree);
    else
        later_pass(pinfo, tree);
    return 0;
}

/* The expert tap is registered after the plugins' handoff. */
static void sipcodes_init(void)
{
    sc_calls_free(calls);
    calls = sc_calls_new();
    expert_tap = find_tap_id("expert");
    proto_ws_expert = proto_registrar_get_id_byname("_ws.expert");
}

static void sipcodes_shutdown(void)
{
    sc_hint_index_free();
}

static void sipcodes_cleanup(void)
{
    sipcodes_record_clear();
    last_recorded_frame = 0;
    sc_calls_free(calls);
    calls = NULL;
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
        { &hf_sipcodes_phrase_hint,
          { "Phrase hint", "sipcodes.phrase.hint", FT_STRING, BASE_NONE, NULL, 0x0,
            "For a phrase that is no known variant: a category guessed from a word in it (a guess, not a known variant)", HFILL } },
        { &hf_sipcodes_phrase_hint_word,
          { "Phrase hint word", "sipcodes.phrase.hint.word", FT_STRING, BASE_NONE, NULL, 0x0,
            "The word of the phrase the hint rests on", HFILL } },
        { &hf_sipcodes_phrase_hint_description,
          { "Phrase hint meaning", "sipcodes.phrase.hint.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the guess says, in the chosen language", HFILL } },
        { &hf_sipcodes_reason,
          { "Reason", "sipcodes.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "One value of a Reason header (RFC 3326), as sent, in a request or a response", HFILL } },
        { &hf_sipcodes_reason_protocol,
          { "Reason protocol", "sipcodes.reason.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "The protocol of the Reason value as sent: SIP, Q.850 or another", HFILL } },
        { &hf_sipcodes_reason_cause,
          { "Reason cause", "sipcodes.reason.cause", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The cause= of the Reason value: a SIP status code or a Q.850 cause", HFILL } },
        { &hf_sipcodes_reason_cause_name,
          { "Reason cause name", "sipcodes.reason.cause.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The Q.850 cause name, or the standard phrase of a SIP cause", HFILL } },
        { &hf_sipcodes_reason_class,
          { "Reason cause class", "sipcodes.reason.class", FT_STRING, BASE_NONE, NULL, 0x0,
            "The class of a SIP cause: provisional, success, redirection, client, server, global, device or unknown", HFILL } },
        { &hf_sipcodes_reason_text,
          { "Reason text", "sipcodes.reason.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The text= of the Reason value, without quotes", HFILL } },
        { &hf_sipcodes_reason_description,
          { "Reason cause description", "sipcodes.reason.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the Reason cause means, in the chosen language", HFILL } },
        { &hf_sipcodes_call,
          { "Call", "sipcodes.call", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Number of the call (initial INVITE dialog) the message belongs to, in order of its INVITE", HFILL } },
        { &hf_sipcodes_call_outcome,
          { "Call outcome", "sipcodes.call.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
            "The outcome of the call's final INVITE response, after challenges", HFILL } },
        { &hf_sipcodes_call_final_code,
          { "Call final code", "sipcodes.call.final_code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The status code of the call's final INVITE response", HFILL } },
        { &hf_sipcodes_call_final_frame,
          { "Call final response in", "sipcodes.call.final_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame that carries the call's final INVITE response", HFILL } },
        { &hf_sipcodes_call_cause,
          { "Call cause", "sipcodes.call.cause", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The call's Q.850 cause as a switch would report it", HFILL } },
        { &hf_sipcodes_call_cause_name,
          { "Call cause name", "sipcodes.call.cause.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the call's Q.850 cause (USER_BUSY, NORMAL_CLEARING, ...)", HFILL } },
        { &hf_sipcodes_call_cause_source,
          { "Call cause source", "sipcodes.call.cause.source", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the cause comes from: final-reason, provisional-reason, mapping, bye-reason, cancel-reason or normal-clearing", HFILL } },
        { &hf_sipcodes_call_ended_by,
          { "Call ended by", "sipcodes.call.ended_by", FT_STRING, BASE_NONE, NULL, 0x0,
            "caller or callee (who sent the BYE or CANCEL), network (a final failure response)", HFILL } },
        { &hf_sipcodes_call_setup_time,
          { "Call setup time", "sipcodes.call.setup_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "INVITE to the first 18x or final response: RFC 6076 Session Request Delay", HFILL } },
        { &hf_sipcodes_call_duration,
          { "Call duration", "sipcodes.call.duration", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "200 OK to BYE of an answered call: RFC 6076 Session Duration Time", HFILL } },
    };

    static gint *ett[] = {
        &ett_sipcodes,
        &ett_sipcodes_variant,
        &ett_sipcodes_device,
        &ett_sipcodes_q850,
        &ett_sipcodes_reason,
        &ett_sipcodes_hint,
        &ett_sipcodes_call,
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
        { &ei_sipcodes_phrase_hint,
          { "sipcodes.phrase.hint.guess", PI_COMMENTS_GROUP, PI_NOTE,
            "Unknown reason phrase: a category guessed from a word in it", EXPFILL } },
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
                                   "Keep where each SIP message is (16 bytes) from the first pass so that selecting a packet, "
                                   "refiltering, Expert Information and statistics show sipcodes (the GUI needs this; "
                                   "a single-pass tshark export can turn it off to keep memory flat)",
                                   &pref_remember);
    sipcodes_uat_register(proto_sipcodes, sipcodes_module);
    apply_language();

    sipcodes_handle = register_dissector("sipcodes", dissect_sipcodes, proto_sipcodes);
    sipcodes_tap = register_tap(SIPCODES_TAP);
    sipcodes_calls_tap = register_tap(SIPCODES_CALLS_TAP);
    register_init_routine(sipcodes_init);
    register_cleanup_routine(sipcodes_cleanup);
    register_shutdown_routine(sipcodes_shutdown);
}

void proto_reg_handoff_sipcodes(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");

    register_postdissector(sipcodes_handle);
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    if (proto_sip > 0)
        g_array_append_val(wanted, proto_sip);
    set_postdissector_wanted_hfids(sipcodes_handle, wanted);
}
