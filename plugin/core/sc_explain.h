/* sipcodes core: what one SIP message means. The dissector, the
 * statistics tap, the CLI and the fuzz targets all show this one value.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_EXPLAIN_H
#define SC_EXPLAIN_H

#include "sc_engine.h"
#include "sc_hint.h"
#include "sc_message.h"
#include "sc_variants.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Conditions worth an expert note, as bits of sc_explanation.expert. */
enum sc_expert {
    SC_EXPERT_VARIANT,        /* the phrase is a known vendor variant */
    SC_EXPERT_PHRASE_EMPTY,   /* no phrase where the registry has one */
    SC_EXPERT_PHRASE_UNKNOWN, /* non-standard phrase, no known variant */
    SC_EXPERT_MALFORMED,      /* status line not as RFC 3261 s7.2 */
    SC_EXPERT_OUT_OF_RANGE,   /* code outside 100-799 */
    SC_EXPERT_DEVICE_ON_WIRE, /* a 7xx code on the wire */
    SC_EXPERT_UNREGISTERED,   /* 100-699, not in the IANA registry */
    SC_EXPERT_DEPRECATED,     /* deprecated or obsolete code */
    SC_EXPERT_Q850_MISMATCH,  /* Reason Q.850 cause disagrees (RFC 3398) */
    SC_EXPERT_PHRASE_HINT,    /* an unknown phrase with a guessed category */
    SC_EXPERT_PARAPHRASE,     /* the phrase rewords the standard one */
    SC_EXPERT_WARNING_UNKNOWN, /* a Warning value whose warn-code is not registered */
    SC_EXPERT_COUNT
};
#define SC_EXPERT_BIT(e) (1u << (e))

#define SC_MAX_DEVICES 8

struct sc_reason_meaning {
    const struct sc_reason *value; /* in the message */
    const struct sc_q850 *q850;    /* Q.850 value with a listed cause */
    const struct sc_code *sip;     /* SIP value with a listed code */
    enum sc_class sip_class;       /* class of a SIP cause */
    const struct sc_reason_location *location; /* RFC 8606 location of a Q.850 value */
};

struct sc_warning_meaning {
    const struct sc_warning *value;  /* in the message */
    const struct sc_warn_code *known; /* NULL: no warn-code of the registry */
};

struct sc_explanation {
    bool is_response;
    /* responses */
    unsigned code;
    enum sc_class cls;
    enum sc_status_error status_error;
    const struct sc_code *known;     /* NULL when the code is not listed */
    const char *standard_phrase;     /* NULL when the code has none */
    const char *phrase;              /* as sent; not NUL-terminated */
    size_t phrase_len;
    bool phrase_nonstandard;
    const char *rfc;                 /* NULL when no RFC defines the code */
    const char *registry;
    /* standard, variant, paraphrase, hinted or unknown (data/README.md) */
    enum sc_phrase_kind phrase_kind;
    const struct sc_variant *variant;
    /* unknown phrases: a guess from their words, never a known variant
     * nor a paraphrase */
    const struct sc_hint *hint;
    size_t hint_word_off, hint_word_len; /* in phrase */
    unsigned hint_score;
    /* the code's own display code first (own_device), then tokens found
     * in the phrase, the Warning texts and Reason texts */
    const struct sc_device *devices[SC_MAX_DEVICES];
    unsigned n_devices;
    bool own_device;
    int mapped_cause;                /* RFC 3398 s8.2.6.1; -1 when none */
    const struct sc_q850 *mapped;
    bool has_outcome;                /* final responses to INVITE only */
    enum sc_outcome outcome;
    /* Reason header values, requests and responses */
    struct sc_reason_meaning reasons[SC_MAX_REASONS];
    unsigned n_reasons;
    int reason_q850;                 /* index of the first Q.850 value with a cause, -1 */
    bool reason_q850_agrees;
    /* Warning header values, requests and responses */
    struct sc_warning_meaning warnings[SC_MAX_WARNINGS];
    unsigned n_warnings;
    /* the call the message belongs to */
    bool has_call;
    struct sc_call_verdict call;
    unsigned expert;                 /* SC_EXPERT_BIT()s: every expert note comes from here */
};

/* What an explanation is made from besides the message. */
struct sc_explain_ctx {
    const struct sc_variant_index *variants; /* NULL: no variants */
    struct sc_engine *engine;                /* NULL: no calls */
};

/* Only the verdict of call: for a view that reads nothing else (msg may
 * come from sc_message_scan_calls()). */
void sc_explain_call(const struct sc_explain_ctx *ctx, uint32_t call, struct sc_explanation *out);

/* Explains msg, scanned from buf, with the verdict of call (its serial
 * from sc_engine_feed(); 0 for none). */
void sc_explain(const struct sc_explain_ctx *ctx, const char *buf, const struct sc_message *msg, uint32_t call,
                struct sc_explanation *out);

/* Explains a status line on its own, as a response to an INVITE when
 * to_invite (what a final answer to a call means). */
void sc_explain_status(const struct sc_explain_ctx *ctx, unsigned code, enum sc_status_error error,
                       const char *phrase, size_t phrase_len, bool to_invite, struct sc_explanation *out);

/* Whether a message has anything to show: every response does, a request
 * only with a Reason or Warning header or a call. */
bool sc_explanation_worth_showing(const struct sc_explanation *ex);

#ifdef __cplusplus
}
#endif
#endif
