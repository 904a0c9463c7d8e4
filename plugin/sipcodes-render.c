/* The packet tree and expert info of one explanation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipcodes-render.h"

#include <epan/expert.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "sipcodes-compat.h"

static int proto_sipcodes = -1;

static int hf_sipcodes_code = -1;
static int hf_sipcodes_class = -1;
static int hf_sipcodes_phrase = -1;
static int hf_sipcodes_standard_phrase = -1;
static int hf_sipcodes_phrase_nonstandard = -1;
static int hf_sipcodes_phrase_kind = -1;
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
static int hf_sipcodes_reason_location = -1;
static int hf_sipcodes_reason_location_name = -1;
static int hf_sipcodes_reason_location_description = -1;
static int hf_sipcodes_warning = -1;
static int hf_sipcodes_warning_code = -1;
static int hf_sipcodes_warning_agent = -1;
static int hf_sipcodes_warning_text = -1;
static int hf_sipcodes_warning_description = -1;
static int hf_sipcodes_call = -1;
static int hf_sipcodes_call_state = -1;
static int hf_sipcodes_call_outcome = -1;
static int hf_sipcodes_call_final_code = -1;
static int hf_sipcodes_call_final_frame = -1;
static int hf_sipcodes_call_attempts = -1;
static int hf_sipcodes_call_cause = -1;
static int hf_sipcodes_call_cause_name = -1;
static int hf_sipcodes_call_cause_source = -1;
static int hf_sipcodes_call_cause_protocol = -1;
static int hf_sipcodes_call_cause_code = -1;
static int hf_sipcodes_call_cause_location = -1;
static int hf_sipcodes_call_ended_by = -1;
static int hf_sipcodes_call_ended_by_rule = -1;
static int hf_sipcodes_call_setup_time = -1;
static int hf_sipcodes_call_duration = -1;
static int hf_sipcodes_call_disconnect_time = -1;
static int hf_sipcodes_call_branch_code = -1;
static int hf_sipcodes_call_timer = -1;

static gint ett_sipcodes = -1;
static gint ett_sipcodes_variant = -1;
static gint ett_sipcodes_device = -1;
static gint ett_sipcodes_q850 = -1;
static gint ett_sipcodes_reason = -1;
static gint ett_sipcodes_hint = -1;
static gint ett_sipcodes_call = -1;
static gint ett_sipcodes_warning = -1;

static expert_field ei_sipcodes_phrase_nonstandard = EI_INIT;
static expert_field ei_sipcodes_variant = EI_INIT;
static expert_field ei_sipcodes_unregistered = EI_INIT;
static expert_field ei_sipcodes_deprecated = EI_INIT;
static expert_field ei_sipcodes_device_on_wire = EI_INIT;
static expert_field ei_sipcodes_out_of_range = EI_INIT;
static expert_field ei_sipcodes_malformed_status_line = EI_INIT;
static expert_field ei_sipcodes_q850_mismatch = EI_INIT;
static expert_field ei_sipcodes_phrase_hint = EI_INIT;
static expert_field ei_sipcodes_paraphrase = EI_INIT;
static expert_field ei_sipcodes_warning_unknown = EI_INIT;

static expert_field *const expert_fields[] = {
    &ei_sipcodes_phrase_nonstandard, &ei_sipcodes_variant, &ei_sipcodes_unregistered,
    &ei_sipcodes_deprecated, &ei_sipcodes_device_on_wire, &ei_sipcodes_out_of_range,
    &ei_sipcodes_malformed_status_line, &ei_sipcodes_q850_mismatch, &ei_sipcodes_phrase_hint,
    &ei_sipcodes_paraphrase, &ei_sipcodes_warning_unknown,
};

static int proto_ws_expert = -1;
static int expert_tap = -1;

/* Where an item points: a part of the message. */
struct place {
    proto_tree *tree;
    tvbuff_t *tvb;
    gint start, length;
};

static struct place place_of(const struct sipcodes_view *v, proto_tree *tree, struct sc_text t)
{
    struct place at = { tree, v->tvb, v->start + (gint)t.off, (gint)t.len };
    return at;
}

/* Wireshark's own shortcut, taken before the call: in a tree nobody sees,
 * an item no filter references is not made, and its children go to its
 * parent (which stands for it). */
static gboolean faked(const struct place *at, int hf)
{
    return at->tree && !PTREE_DATA(at->tree)->visible && PITEM_FINFO(at->tree)
           && !SIPCODES_REF_WANTED(proto_registrar_get_nth(hf)->ref_type);
}

static proto_item *add_string(const struct place *at, int hf, const char *value)
{
    if (faked(at, hf))
        return at->tree;
    proto_item *ti = proto_tree_add_string(at->tree, hf, at->tvb, at->start, at->length, value);
    proto_item_set_generated(ti);
    return ti;
}

static proto_item *add_uint(const struct place *at, int hf, guint32 value)
{
    if (faked(at, hf))
        return at->tree;
    proto_item *ti = proto_tree_add_uint(at->tree, hf, at->tvb, at->start, at->length, value);
    proto_item_set_generated(ti);
    return ti;
}

/* An item showing the message's own bytes. */
static proto_item *add_bytes_text(const struct place *at, int hf)
{
    if (faked(at, hf))
        return at->tree;
    proto_item *ti = proto_tree_add_item(at->tree, hf, at->tvb, at->start, at->length, ENC_UTF_8 | ENC_NA);
    proto_item_set_generated(ti);
    return ti;
}

static void add_relative_time(const struct place *at, int hf, gint64 ns)
{
    if (faked(at, hf))
        return;
    nstime_t t;
    t.secs = (time_t)(ns / 1000000000);
    t.nsecs = (int)(ns % 1000000000);
    proto_item *ti = proto_tree_add_time(at->tree, hf, at->tvb, at->start, at->length, &t);
    proto_item_set_generated(ti);
}

static struct place subtree_of(const struct place *at, proto_item *ti, gint ett)
{
    struct place sub = *at;
    sub.tree = proto_item_add_subtree(ti, ett);
    return sub;
}

static gboolean visible(proto_tree *tree)
{
    return tree && PTREE_DATA(tree)->visible;
}

/* A piece of the message as valid UTF-8, for labels and expert texts. */
static const char *text_of(const struct sipcodes_view *v, struct sc_text t)
{
    return (const char *)tvb_get_string_enc(v->pinfo->pool, v->tvb, v->start + (gint)t.off, (gint)t.len,
                                            ENC_UTF_8 | ENC_NA);
}

static proto_item *add_top(const struct sipcodes_view *v)
{
    const struct sc_explanation *ex = v->ex;
    proto_item *top = proto_tree_add_item(v->tree, proto_sipcodes, v->tvb, v->start + (gint)v->msg->start_line.off,
                                          (gint)v->msg->start_line.len, ENC_NA);
    if (!visible(v->tree)) /* the summary is only read by people */
        return top;
    if (!ex->is_response)
        proto_item_append_text(top, ": %s request", text_of(v, v->msg->method));
    else
        proto_item_append_text(top, ": %03u %s (%s%s%s%s%s)", ex->code,
                               ex->standard_phrase ? ex->standard_phrase : text_of(v, v->msg->phrase),
                               sc_class_name(ex->cls), ex->rfc ? ", " : "", ex->rfc ? ex->rfc : "",
                               ex->variant ? ", variant: " : "", ex->variant ? sc_category_names[ex->variant->category] : "");
    return top;
}

static gboolean has(const struct sc_explanation *ex, enum sc_expert e)
{
    return (ex->expert & SC_EXPERT_BIT(e)) != 0;
}

/* A guess for a phrase nobody knows: its own field and note, never a variant. */
static void add_hint(const struct sipcodes_view *v, const struct place *phrase)
{
    const struct sc_explanation *ex = v->ex;
    struct sc_text word = { v->msg->phrase.off + (guint32)ex->hint_word_off, (guint32)ex->hint_word_len };
    struct place at = place_of(v, phrase->tree, word);
    const char *category = sc_category_names[ex->hint->category];
    proto_item *hi = add_string(&at, hf_sipcodes_phrase_hint, category);
    struct place sub = subtree_of(&at, hi, ett_sipcodes_hint);
    add_bytes_text(&(struct place){ sub.tree, at.tvb, at.start, at.length }, hf_sipcodes_phrase_hint_word);
    const char *w = text_of(v, word);
    size_t need = sc_hint_format(ex->hint, v->lang, w, strlen(w), NULL, 0) + 1;
    char *text = (char *)wmem_alloc(v->pinfo->pool, need);
    sc_hint_format(ex->hint, v->lang, w, strlen(w), text, need);
    add_string(&sub, hf_sipcodes_phrase_hint_description, text);
    if (v->expert && has(ex, SC_EXPERT_PHRASE_HINT))
        expert_add_info_format(v->pinfo, hi, &ei_sipcodes_phrase_hint,
                               "Unknown reason phrase, guessed category %s from the word \"%s\"", category, w);
}

static void add_phrase_items(const struct sipcodes_view *v, const struct place *at, proto_item *code_item)
{
    const struct sc_explanation *ex = v->ex;
    add_bytes_text(at, hf_sipcodes_phrase);
    add_string(at, hf_sipcodes_phrase_kind, sc_phrase_kind_names[ex->phrase_kind]);
    if (ex->standard_phrase) {
        add_string(at, hf_sipcodes_standard_phrase, ex->standard_phrase);
        proto_item *ti = proto_tree_add_boolean(at->tree, hf_sipcodes_phrase_nonstandard, at->tvb, at->start,
                                                at->length, ex->phrase_nonstandard);
        proto_item_set_generated(ti);
    }
    if (ex->rfc)
        add_string(at, hf_sipcodes_rfc, ex->rfc);
    add_string(at, hf_sipcodes_registry, ex->registry);
    if (ex->known)
        add_string(at, hf_sipcodes_description, ex->known->desc[v->lang]);

    if (ex->variant) {
        proto_item *vi = add_string(at, hf_sipcodes_variant, ex->variant->phrase);
        struct place sub = subtree_of(at, vi, ett_sipcodes_variant);
        add_string(&sub, hf_sipcodes_variant_category, sc_category_names[ex->variant->category]);
        add_string(&sub, hf_sipcodes_variant_description, ex->variant->desc[v->lang]);
        if (v->expert && has(ex, SC_EXPERT_VARIANT))
            expert_add_info_format(v->pinfo, vi, &ei_sipcodes_variant, "Known reason variant of %03u: \"%s\" (%s)",
                                   ex->code, ex->variant->phrase, sc_category_names[ex->variant->category]);
    } else if (ex->hint) {
        add_hint(v, at);
    }
    if (!v->expert)
        return;
    if (has(ex, SC_EXPERT_PHRASE_EMPTY))
        expert_add_info_format(v->pinfo, code_item, &ei_sipcodes_phrase_nonstandard,
                               "Reason phrase is empty (standard: \"%s\")", ex->standard_phrase);
    if (has(ex, SC_EXPERT_PHRASE_UNKNOWN))
        expert_add_info_format(v->pinfo, code_item, &ei_sipcodes_phrase_nonstandard,
                               "Reason phrase \"%s\" differs from \"%s\" and is no known variant",
                               text_of(v, v->msg->phrase), ex->standard_phrase);
    if (has(ex, SC_EXPERT_PARAPHRASE))
        expert_add_info_format(v->pinfo, code_item, &ei_sipcodes_paraphrase,
                               "Reason phrase \"%s\" rewords the standard \"%s\"", text_of(v, v->msg->phrase),
                               ex->standard_phrase);
}

static void add_devices(const struct sipcodes_view *v, const struct place *line)
{
    const struct sc_explanation *ex = v->ex;
    struct place tokens = place_of(v, line->tree, v->msg->phrase);
    for (unsigned i = 0; i < ex->n_devices; i++) {
        const struct place *at = i == 0 && ex->own_device ? line : &tokens;
        proto_item *ti = add_string(at, hf_sipcodes_device, ex->devices[i]->device);
        struct place sub = subtree_of(at, ti, ett_sipcodes_device);
        add_string(&sub, hf_sipcodes_device_description, ex->devices[i]->desc[v->lang]);
    }
}

static void add_q850_items(const struct sipcodes_view *v, const struct place *line)
{
    const struct sc_explanation *ex = v->ex;
    if (ex->mapped_cause >= 0) {
        proto_item *qi = add_uint(line, hf_sipcodes_q850, (guint32)ex->mapped_cause);
        if (ex->mapped) {
            struct place sub = subtree_of(line, qi, ett_sipcodes_q850);
            add_string(&sub, hf_sipcodes_q850_name, ex->mapped->name);
        }
    }
    if (ex->reason_q850 < 0)
        return;
    const struct sc_reason_meaning *r = &ex->reasons[ex->reason_q850];
    struct place at = place_of(v, line->tree, r->value->where);
    proto_item *ri = add_uint(&at, hf_sipcodes_reason_q850, r->value->cause);
    if (r->q850)
        add_string(&at, hf_sipcodes_reason_q850_name, r->q850->name);
    if (v->expert && has(ex, SC_EXPERT_Q850_MISMATCH))
        expert_add_info_format(v->pinfo, ri, &ei_sipcodes_q850_mismatch,
                               "Reason header cause %u (%s) does not match %03u per RFC 3398 (expected %s)",
                               r->value->cause, r->q850 ? r->q850->name : "unknown cause", ex->code,
                               ex->mapped ? ex->mapped->name : "no mapping");
}

/* Every value of every Reason header (RFC 3326). */
static void add_reasons(const struct sipcodes_view *v, proto_tree *tree)
{
    const struct sc_explanation *ex = v->ex;
    for (unsigned i = 0; i < ex->n_reasons; i++) {
        const struct sc_reason_meaning *r = &ex->reasons[i];
        struct place at = place_of(v, tree, r->value->where);
        proto_item *ri = add_bytes_text(&at, hf_sipcodes_reason);
        struct place sub = subtree_of(&at, ri, ett_sipcodes_reason);
        struct place name = place_of(v, sub.tree, r->value->name);
        add_bytes_text(&name, hf_sipcodes_reason_protocol);
        if (r->value->has_cause)
            add_uint(&sub, hf_sipcodes_reason_cause, r->value->cause);
        if (r->q850) {
            add_string(&sub, hf_sipcodes_reason_cause_name, r->q850->name);
            add_string(&sub, hf_sipcodes_reason_description, r->q850->desc[v->lang]);
        } else if (r->value->protocol == SC_REASON_SIP && r->value->has_cause) {
            add_string(&sub, hf_sipcodes_reason_class, sc_class_name(r->sip_class));
            if (r->sip && r->sip->phrase[0])
                add_string(&sub, hf_sipcodes_reason_cause_name, r->sip->phrase);
            if (r->sip)
                add_string(&sub, hf_sipcodes_reason_description, r->sip->desc[v->lang]);
        }
        if (r->value->text.len) {
            struct place text = place_of(v, sub.tree, r->value->text);
            add_bytes_text(&text, hf_sipcodes_reason_text);
        }
        if (r->value->location.len) {
            struct place loc = place_of(v, sub.tree, r->value->location);
            add_bytes_text(&loc, hf_sipcodes_reason_location);
            if (r->location) {
                add_string(&loc, hf_sipcodes_reason_location_name, r->location->name);
                add_string(&loc, hf_sipcodes_reason_location_description, r->location->desc[v->lang]);
            }
        }
    }
}

/* Every value of every Warning header (RFC 3261 s20.43). */
static void add_warnings(const struct sipcodes_view *v, proto_tree *tree)
{
    const struct sc_explanation *ex = v->ex;
    for (unsigned i = 0; i < ex->n_warnings; i++) {
        const struct sc_warning_meaning *w = &ex->warnings[i];
        struct place at = place_of(v, tree, w->value->where);
        proto_item *wi = add_bytes_text(&at, hf_sipcodes_warning);
        struct place sub = subtree_of(&at, wi, ett_sipcodes_warning);
        if (w->value->has_code) {
            struct place code = place_of(v, sub.tree, w->value->code_text);
            proto_item *ci = add_uint(&code, hf_sipcodes_warning_code, w->value->code);
            if (w->known && visible(tree))
                proto_item_append_text(ci, " (%s)", w->known->text);
        }
        if (w->value->agent.len) {
            struct place agent = place_of(v, sub.tree, w->value->agent);
            add_bytes_text(&agent, hf_sipcodes_warning_agent);
        }
        if (w->value->text.len) {
            struct place text = place_of(v, sub.tree, w->value->text);
            add_bytes_text(&text, hf_sipcodes_warning_text);
        }
        if (w->known)
            add_string(&sub, hf_sipcodes_warning_description, w->known->desc[v->lang]);
        else if (v->expert && w->value->has_code)
            expert_add_info_format(v->pinfo, wi, &ei_sipcodes_warning_unknown,
                                   "Warning code %03u is not in the IANA Warning Codes registry", w->value->code);
        else if (v->expert)
            expert_add_info_format(v->pinfo, wi, &ei_sipcodes_warning_unknown,
                                   "Warning value \"%s\" does not start with a 3-digit warn-code",
                                   text_of(v, w->value->where));
    }
}

/* The verdict of the call the message belongs to. */
static void add_call(const struct sipcodes_view *v, proto_tree *tree)
{
    const struct sc_call_verdict *c = &v->ex->call;
    struct place at = place_of(v, tree, v->msg->start_line);
    const struct sc_q850 *q = c->has_q850 ? sc_q850_lookup(c->q850) : NULL;
    proto_item *ci = add_uint(&at, hf_sipcodes_call, c->call);
    if (visible(tree))
        proto_item_append_text(ci, " (%s%s%s)", c->has_outcome ? sc_outcome_names[c->outcome] : sc_call_state_names[c->state],
                               q ? ", " : "", q ? q->name : "");
    struct place sub = subtree_of(&at, ci, ett_sipcodes_call);
    add_string(&sub, hf_sipcodes_call_state, sc_call_state_names[c->state]);
    if (c->has_outcome)
        add_string(&sub, hf_sipcodes_call_outcome, sc_outcome_names[c->outcome]);
    if (c->has_final) {
        add_uint(&sub, hf_sipcodes_call_final_code, c->final_code);
        if (c->final_frame)
            add_uint(&sub, hf_sipcodes_call_final_frame, c->final_frame);
    }
    add_uint(&sub, hf_sipcodes_call_attempts, c->attempts);
    if (c->has_cause) {
        if (c->has_q850)
            add_uint(&sub, hf_sipcodes_call_cause, c->q850);
        if (q)
            add_string(&sub, hf_sipcodes_call_cause_name, q->name);
        add_string(&sub, hf_sipcodes_call_cause_source, sc_cause_source_names[c->cause_source]);
        if (c->reason.present) {
            add_string(&sub, hf_sipcodes_call_cause_protocol, c->reason.protocol == SC_REASON_SIP ? "SIP" : "Q.850");
            add_uint(&sub, hf_sipcodes_call_cause_code, c->reason.code);
            if (c->reason.location)
                add_string(&sub, hf_sipcodes_call_cause_location, c->reason.location->location);
        }
    }
    if (c->has_ended_by) {
        add_string(&sub, hf_sipcodes_call_ended_by, sc_party_names[c->ended_by]);
        add_string(&sub, hf_sipcodes_call_ended_by_rule, sc_ended_rule_names[c->ended_rule]);
    }
    if (c->has_setup)
        add_relative_time(&sub, hf_sipcodes_call_setup_time, c->setup_ns);
    if (c->has_duration)
        add_relative_time(&sub, hf_sipcodes_call_duration, c->duration_ns);
    if (c->has_disconnect)
        add_relative_time(&sub, hf_sipcodes_call_disconnect_time, c->disconnect_ns);
    for (unsigned i = 0; i < c->n_branches; i++) {
        proto_item *bi = add_uint(&sub, hf_sipcodes_call_branch_code, c->branch_code[i]);
        if (visible(tree))
            proto_item_prepend_text(bi, "Branch %u: ", i + 1);
    }
    for (unsigned t = 0; t < SC_TIMER_COUNT; t++)
        if (c->timers >> t & 1u)
            add_string(&sub, hf_sipcodes_call_timer, sc_timer_names[t]);
}

static void add_code_expert(const struct sipcodes_view *v, proto_item *top, proto_item *code_item)
{
    const struct sc_explanation *ex = v->ex;
    packet_info *pinfo = v->pinfo;
    if (has(ex, SC_EXPERT_MALFORMED))
        expert_add_info_format(pinfo, top, &ei_sipcodes_malformed_status_line, "Malformed status line: %s",
                               sc_status_error_text(ex->status_error));
    if (has(ex, SC_EXPERT_OUT_OF_RANGE))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_out_of_range, "Status code %03u is outside 100-799",
                               ex->code);
    if (has(ex, SC_EXPERT_DEVICE_ON_WIRE))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_device_on_wire, "Device/stack code %03u on the wire%s%s",
                               ex->code, ex->own_device ? ": " : "", ex->own_device ? ex->devices[0]->desc[v->lang] : "");
    if (has(ex, SC_EXPERT_UNREGISTERED))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_unregistered,
                               "Status code %03u is not in the IANA SIP Response Codes registry", ex->code);
    if (has(ex, SC_EXPERT_DEPRECATED))
        expert_add_info_format(pinfo, code_item, &ei_sipcodes_deprecated, "Status code %03u is %s (%s)", ex->code,
                               ex->registry, ex->known->rfc);
}

void sipcodes_render(const struct sipcodes_view *v)
{
    const struct sc_explanation *ex = v->ex;
    if (!sc_explanation_worth_showing(ex))
        return;
    proto_item *top = add_top(v);
    struct place line = place_of(v, proto_item_add_subtree(top, ett_sipcodes), v->msg->start_line);
    gboolean call = ex->has_call && (v->show & SIPCODES_SHOW_CALL);
    if (!ex->is_response || !(v->show & SIPCODES_SHOW_MESSAGE)) {
        if (v->show & SIPCODES_SHOW_MESSAGE) {
            add_q850_items(v, &line);
            add_reasons(v, line.tree);
            add_warnings(v, line.tree);
        }
        if (call)
            add_call(v, line.tree);
        return;
    }
    proto_item *code_item = add_uint(&line, hf_sipcodes_code, ex->code);
    add_string(&line, hf_sipcodes_class, sc_class_name(ex->cls));
    struct place phrase = place_of(v, line.tree, v->msg->phrase);
    add_phrase_items(v, &phrase, code_item);
    add_devices(v, &line);
    add_q850_items(v, &line);
    if (ex->has_outcome)
        add_string(&line, hf_sipcodes_outcome, sc_outcome_names[ex->outcome]);
    add_reasons(v, line.tree);
    add_warnings(v, line.tree);
    if (call)
        add_call(v, line.tree);
    if (v->expert)
        add_code_expert(v, top, code_item);
}

/* Every sipcodes field with its group, to read their ref_type: Wireshark
 * marks the fields a frame's filters reference before dissecting it. */
#define GROUP_EXPERT 4u
struct group_field {
    const header_field_info *f;
    guint group; /* SIPCODES_SHOW_* or GROUP_EXPERT */
};
static GArray *group_fields;

static void group_add(int hf, guint group)
{
    struct group_field g = { proto_registrar_get_nth(hf), group };
    g_array_append_val(group_fields, g);
}

static guint referenced_groups(void)
{
    if (SIPCODES_REF_WANTED(proto_registrar_get_nth(proto_sipcodes)->ref_type))
        return SIPCODES_SHOW_MESSAGE | SIPCODES_SHOW_CALL; /* "sipcodes" alone */
    guint groups = 0;
    const struct group_field *g = (const struct group_field *)(void *)group_fields->data;
    for (guint i = 0; i < group_fields->len; i++)
        groups |= SIPCODES_REF_WANTED(g[i].f->ref_type) ? g[i].group : 0u;
    return groups;
}

guint sipcodes_render_wanted(proto_tree *tree, gboolean *expert)
{
    gboolean referenced = tree && proto_field_is_referenced(tree, proto_sipcodes);
    /* our fields are referenced only if sipcodes is */
    guint groups = referenced && !visible(tree) ? referenced_groups() : 0u;
    /* expert info costs a formatted message each: only when someone may see it */
    *expert = have_tap_listener(expert_tap) || visible(tree) || (groups & GROUP_EXPERT)
              || (tree && proto_ws_expert > 0 && proto_field_is_referenced(tree, proto_ws_expert));
    /* expert info hangs on the items, so it needs them too */
    if (*expert)
        return SIPCODES_SHOW_MESSAGE | SIPCODES_SHOW_CALL;
    return groups & (SIPCODES_SHOW_MESSAGE | SIPCODES_SHOW_CALL);
}

void sipcodes_render_init(void)
{
    expert_tap = find_tap_id("expert");
    proto_ws_expert = proto_registrar_get_id_byname("_ws.expert");
}

void sipcodes_render_register(int proto)
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
        { &hf_sipcodes_phrase_kind,
          { "Phrase kind", "sipcodes.phrase.kind", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the reason phrase is: " SC_PHRASE_KIND_LIST " (see the sipcodes README)", HFILL } },
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
            "What a final INVITE response did to the call: " SC_OUTCOME_LIST, HFILL } },
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
        { &hf_sipcodes_warning,
          { "Warning", "sipcodes.warning", FT_STRING, BASE_NONE, NULL, 0x0,
            "One value of a Warning header (RFC 3261 s20.43), as sent, in a request or a response", HFILL } },
        { &hf_sipcodes_warning_code,
          { "Warning code", "sipcodes.warning.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The warn-code of the Warning value (3 digits)", HFILL } },
        { &hf_sipcodes_warning_agent,
          { "Warning agent", "sipcodes.warning.agent", FT_STRING, BASE_NONE, NULL, 0x0,
            "The warn-agent: the host (or pseudonym) that added the Warning value", HFILL } },
        { &hf_sipcodes_warning_text,
          { "Warning text", "sipcodes.warning.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The warn-text, without quotes", HFILL } },
        { &hf_sipcodes_warning_description,
          { "Warning code description", "sipcodes.warning.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the warn-code means (IANA Warning Codes registry), in the chosen language", HFILL } },
        { &hf_sipcodes_reason_location,
          { "Reason location", "sipcodes.reason.location", FT_STRING, BASE_NONE, NULL, 0x0,
            "The location= of a Q.850 Reason value (RFC 8606) as sent: where the call was released (U, LPN, LN, TN, RLN, RPN, INTL, BI, LOC-n)", HFILL } },
        { &hf_sipcodes_reason_location_name,
          { "Reason location name", "sipcodes.reason.location.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The Q.850 name of the location (transit network, public network serving the local user, ...)", HFILL } },
        { &hf_sipcodes_reason_location_description,
          { "Reason location description", "sipcodes.reason.location.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the call was released, in the chosen language", HFILL } },
        { &hf_sipcodes_call,
          { "Call", "sipcodes.call", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Number of the call the message belongs to (the caller's INVITE and its retries), in order of the first INVITE", HFILL } },
        { &hf_sipcodes_call_state,
          { "Call state", "sipcodes.call.state", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the call stands: " SC_CALL_STATE_LIST, HFILL } },
        { &hf_sipcodes_call_outcome,
          { "Call outcome", "sipcodes.call.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
            "The outcome of the final response the caller got (a timeout counts as 408)", HFILL } },
        { &hf_sipcodes_call_final_code,
          { "Call final code", "sipcodes.call.final_code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The code of the final response the caller got; 408 for a timeout (RFC 3261 s8.1.3.1)", HFILL } },
        { &hf_sipcodes_call_final_frame,
          { "Call final response in", "sipcodes.call.final_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame that carries the call's final response (absent for a timeout)", HFILL } },
        { &hf_sipcodes_call_attempts,
          { "Call attempts", "sipcodes.call.attempts", FT_UINT8, BASE_DEC, NULL, 0x0,
            "INVITE transactions of the call: 2 after a challenge, a redirect or a retry code", HFILL } },
        { &hf_sipcodes_call_cause,
          { "Call cause", "sipcodes.call.cause", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The call's Q.850 cause as a switch would report it", HFILL } },
        { &hf_sipcodes_call_cause_name,
          { "Call cause name", "sipcodes.call.cause.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the call's Q.850 cause (USER_BUSY, NORMAL_CLEARING, ...)", HFILL } },
        { &hf_sipcodes_call_cause_source,
          { "Call cause source", "sipcodes.call.cause.source", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the cause comes from: " SC_CAUSE_SOURCE_LIST, HFILL } },
        { &hf_sipcodes_call_cause_protocol,
          { "Call cause protocol", "sipcodes.call.cause.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "For a cause taken from a Reason header: its protocol, Q.850 or SIP", HFILL } },
        { &hf_sipcodes_call_cause_code,
          { "Call cause code", "sipcodes.call.cause.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "For a cause taken from a Reason header: its cause= as sent (a Q.850 cause or a SIP code)", HFILL } },
        { &hf_sipcodes_call_cause_location,
          { "Call cause location", "sipcodes.call.cause.location", FT_STRING, BASE_NONE, NULL, 0x0,
            "For a cause taken from a Q.850 Reason value: its RFC 8606 location (LN, TN, ...)", HFILL } },
        { &hf_sipcodes_call_ended_by,
          { "Call ended by", "sipcodes.call.ended_by", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who settled the call: " SC_PARTY_LIST, HFILL } },
        { &hf_sipcodes_call_ended_by_rule,
          { "Call ended by, rule", "sipcodes.call.ended_by.rule", FT_STRING, BASE_NONE, NULL, 0x0,
            "How that was told: " SC_ENDED_RULE_LIST, HFILL } },
        { &hf_sipcodes_call_setup_time,
          { "Call setup time", "sipcodes.call.setup_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "First INVITE to the first non-100 provisional, 2xx or failure response: RFC 6076 Session Request Delay", HFILL } },
        { &hf_sipcodes_call_duration,
          { "Call duration", "sipcodes.call.duration", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "2xx to the BYE of the session kept: RFC 6076 Session Duration Time", HFILL } },
        { &hf_sipcodes_call_disconnect_time,
          { "Call disconnect time", "sipcodes.call.disconnect_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "BYE to its final response: RFC 6076 Session Disconnect Delay", HFILL } },
        { &hf_sipcodes_call_branch_code,
          { "Branch final code", "sipcodes.call.branch.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "On a proxy host: the final code of each downstream branch in turn (0 without one)", HFILL } },
        { &hf_sipcodes_call_timer,
          { "Call timer run out", "sipcodes.call.timer", FT_STRING, BASE_NONE, NULL, 0x0,
            "A timer that ran out: " SC_TIMER_LIST, HFILL } },
    };

    static gint *ett[] = {
        &ett_sipcodes, &ett_sipcodes_variant, &ett_sipcodes_device, &ett_sipcodes_q850,
        &ett_sipcodes_reason, &ett_sipcodes_hint, &ett_sipcodes_call, &ett_sipcodes_warning,
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
        { &ei_sipcodes_paraphrase,
          { "sipcodes.phrase.paraphrase", PI_PROTOCOL, PI_CHAT,
            "Reason phrase rewords or shortens the standard one", EXPFILL } },
        { &ei_sipcodes_warning_unknown,
          { "sipcodes.warning.unknown", PI_PROTOCOL, PI_NOTE,
            "Warning value with a warn-code outside the IANA Warning Codes registry", EXPFILL } },
    };

    proto_sipcodes = proto;
    proto_register_field_array(proto, hf, array_length(hf));
    group_fields = g_array_new(FALSE, FALSE, (guint)sizeof(struct group_field));
    for (gsize i = 0; i < array_length(hf); i++)
        group_add(*hf[i].p_id, g_str_has_prefix(hf[i].hfinfo.abbrev, "sipcodes.call") ? SIPCODES_SHOW_CALL
                                                                                       : SIPCODES_SHOW_MESSAGE);
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    for (gsize i = 0; i < G_N_ELEMENTS(expert_fields); i++)
        if (expert_fields[i]->hf > 0)
            group_add(expert_fields[i]->hf, GROUP_EXPERT);
}
