/* sipcodes core: the explanation of one SIP message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_explain.h"

#include "sc_devices.h"
#include "sc_paraphrase.h"

#include <string.h>

static void add_device(struct sc_explanation *ex, const struct sc_device *dev)
{
    for (unsigned i = 0; i < ex->n_devices; i++)
        if (ex->devices[i] == dev)
            return;
    if (ex->n_devices < SC_MAX_DEVICES)
        ex->devices[ex->n_devices++] = dev;
}

static void found_device(const struct sc_device *dev, void *user)
{
    add_device((struct sc_explanation *)user, dev);
}

static void scan_devices(struct sc_explanation *ex, const char *buf, struct sc_text t)
{
    if (t.len)
        sc_device_scan(buf + t.off, t.len, found_device, ex);
}

static void explain_reasons(struct sc_explanation *ex, const char *buf, const struct sc_message *msg)
{
    ex->n_reasons = msg->n_reasons;
    for (unsigned i = 0; i < msg->n_reasons; i++) {
        const struct sc_reason *r = &msg->reasons[i];
        struct sc_reason_meaning *m = &ex->reasons[i];
        m->value = r;
        if (r->location.len)
            m->location = sc_reason_location_lookup(buf + r->location.off, r->location.len);
        if (r->protocol == SC_REASON_Q850 && r->has_cause) {
            m->q850 = sc_q850_lookup(r->cause);
            if (ex->reason_q850 < 0)
                ex->reason_q850 = (int)i;
        } else if (r->protocol == SC_REASON_SIP && r->has_cause) {
            m->sip = sc_code_lookup(r->cause);
            m->sip_class = sc_classify(r->cause);
        }
    }
}

/* Each Warning value's warn-code in the registry (RFC 3261 s20.43). */
static void explain_warnings(struct sc_explanation *ex, const struct sc_message *msg)
{
    ex->n_warnings = msg->n_warnings;
    for (unsigned i = 0; i < msg->n_warnings; i++) {
        const struct sc_warning *w = &msg->warnings[i];
        ex->warnings[i].value = w;
        ex->warnings[i].known = w->has_code ? sc_warn_code_lookup(w->code) : NULL;
        if (!ex->warnings[i].known)
            ex->expert |= SC_EXPERT_BIT(SC_EXPERT_WARNING_UNKNOWN);
    }
}

/* The kind of the phrase, in the order of data/README.md: standard,
 * variant, paraphrase, else unknown, hinted when a hint fires. */
static void explain_phrase(struct sc_explanation *ex, const struct sc_variant_index *idx)
{
    const struct sc_code *known = ex->known;
    ex->standard_phrase = known && known->phrase[0] ? known->phrase : NULL;
    if (ex->standard_phrase)
        ex->phrase_nonstandard = !sc_phrase_equal(ex->standard_phrase, strlen(ex->standard_phrase),
                                                  ex->phrase, ex->phrase_len);
    if (ex->standard_phrase && !ex->phrase_nonstandard) {
        ex->phrase_kind = SC_PHRASE_KIND_STANDARD;
        return;
    }
    ex->variant = sc_variant_lookup(idx, ex->code, ex->phrase, ex->phrase_len);
    if (ex->variant) {
        ex->phrase_kind = SC_PHRASE_KIND_VARIANT;
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_VARIANT);
        return;
    }
    if (sc_paraphrase_of(ex->code, ex->standard_phrase, ex->phrase, ex->phrase_len)) {
        ex->phrase_kind = SC_PHRASE_KIND_PARAPHRASE;
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_PARAPHRASE);
        return;
    }
    ex->phrase_kind = SC_PHRASE_KIND_UNKNOWN;
    if (ex->phrase_nonstandard)
        ex->expert |= SC_EXPERT_BIT(ex->phrase_len ? SC_EXPERT_PHRASE_UNKNOWN : SC_EXPERT_PHRASE_EMPTY);
    struct sc_hint_match m;
    if (ex->phrase_len && sc_hint_guess(ex->code, ex->phrase, ex->phrase_len, &m)) {
        ex->phrase_kind = SC_PHRASE_KIND_HINTED;
        ex->hint = m.hint;
        ex->hint_word_off = m.word_off;
        ex->hint_word_len = m.word_len;
        ex->hint_score = m.score;
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_PHRASE_HINT);
    }
}

static void explain_registry(struct sc_explanation *ex)
{
    const struct sc_code *known = ex->known;
    ex->rfc = known && known->rfc[0] ? known->rfc : NULL;
    ex->registry = sc_registry_names[known ? known->registry : SC_REGISTRY_UNREGISTERED];
    if (ex->status_error != SC_STATUS_OK)
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_MALFORMED);
    if (ex->cls == SC_CLASS_UNKNOWN)
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_OUT_OF_RANGE);
    else if (ex->cls == SC_CLASS_DEVICE)
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_DEVICE_ON_WIRE);
    else if (!known || known->registry == SC_REGISTRY_UNREGISTERED)
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_UNREGISTERED);
    else if (known->registry != SC_REGISTRY_REGISTERED)
        ex->expert |= SC_EXPERT_BIT(SC_EXPERT_DEPRECATED);
}

/* What a status code and its phrase mean. */
static void explain_status(struct sc_explanation *ex, const struct sc_explain_ctx *ctx, unsigned code,
                           enum sc_status_error error, const char *phrase, size_t phrase_len, bool to_invite)
{
    ex->is_response = true;
    ex->code = code;
    ex->cls = sc_classify(code);
    ex->status_error = error;
    ex->known = sc_code_lookup(code);
    ex->phrase = phrase;
    ex->phrase_len = phrase_len;
    explain_phrase(ex, ctx ? ctx->variants : NULL);
    explain_registry(ex);

    const struct sc_device *own = sc_device_for_code(code);
    if (own) {
        add_device(ex, own);
        ex->own_device = true;
    }
    if (phrase_len)
        sc_device_scan(phrase, phrase_len, found_device, ex);

    ex->mapped_cause = sc_sip_to_q850_cause(code);
    ex->mapped = ex->mapped_cause >= 0 ? sc_q850_lookup((unsigned)ex->mapped_cause) : NULL;
    if (to_invite && code >= 200)
        ex->has_outcome = sc_outcome_for(code, &ex->outcome);
}

static void init(struct sc_explanation *out)
{
    memset(out, 0, sizeof *out);
    out->mapped_cause = -1;
    out->reason_q850 = -1;
}

void sc_explain_status(const struct sc_explain_ctx *ctx, unsigned code, enum sc_status_error error,
                       const char *phrase, size_t phrase_len, bool to_invite, struct sc_explanation *out)
{
    init(out);
    explain_status(out, ctx, code, error, phrase, phrase_len, to_invite);
}

static void add_verdict(const struct sc_explain_ctx *ctx, uint32_t call, struct sc_explanation *out)
{
    if (ctx && ctx->engine && call)
        out->has_call = sc_engine_verdict(ctx->engine, call, &out->call);
}

void sc_explain_call(const struct sc_explain_ctx *ctx, uint32_t call, struct sc_explanation *out)
{
    init(out);
    add_verdict(ctx, call, out);
}

void sc_explain(const struct sc_explain_ctx *ctx, const char *buf, const struct sc_message *msg, uint32_t call,
                struct sc_explanation *out)
{
    init(out);
    explain_reasons(out, buf, msg);
    explain_warnings(out, msg);
    if (msg->kind == SC_MSG_RESPONSE) {
        /* methods are case-sensitive (RFC 3261 s7.1) */
        bool to_invite = msg->cseq_method.len == 6 && memcmp(buf + msg->cseq_method.off, "INVITE", 6) == 0;
        explain_status(out, ctx, msg->code, msg->status_error, buf + msg->phrase.off, msg->phrase.len, to_invite);
        for (unsigned i = 0; i < msg->n_warnings; i++)
            scan_devices(out, buf, msg->warnings[i].text);
        for (unsigned i = 0; i < msg->n_reasons; i++)
            scan_devices(out, buf, msg->reasons[i].text);
        if (out->reason_q850 >= 0) {
            out->reason_q850_agrees = sc_q850_agrees(out->code, msg->reasons[out->reason_q850].cause);
            if (!out->reason_q850_agrees)
                out->expert |= SC_EXPERT_BIT(SC_EXPERT_Q850_MISMATCH);
        }
    }
    add_verdict(ctx, call, out);
}

bool sc_explanation_worth_showing(const struct sc_explanation *ex)
{
    return ex->is_response || ex->n_reasons > 0 || ex->n_warnings > 0 || ex->has_call;
}
