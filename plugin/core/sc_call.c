/* sipcodes core: the state of one call and its verdict.
 *
 * A call is the caller's initial INVITE and its retries (same Call-ID and
 * From tag, a higher CSeq after a response of data/retry_codes.tsv). Each
 * INVITE transaction may be seen on several legs: on a proxy host the same
 * request (same CSeq) goes out again with the proxy's own Via branch. The
 * first leg seen faces the caller; a leg sent from the host that leg went
 * to is downstream (a branch). A 2xx on a caller-facing leg confirms a
 * dialog, told apart by the callee's tag (RFC 3261 s13.2.2.4).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_call.h"

#include "sc_hash.h"

#include <stdlib.h>
#include <string.h>

#define LEGS_MAX 8
#define DIALOGS_MAX 4

enum { SEED_BRANCH = 11, SEED_TAG = 12, SEED_ADDR = 13 };

struct leg {
    uint64_t branch;            /* the INVITE's first Via branch; 0 none */
    uint32_t src, dst;          /* the INVITE's endpoints, with ports */
    uint32_t src_host, dst_host;
    uint8_t level;              /* 0 faces the caller, 1 is downstream */
    bool responded;
    int64_t timer_c_base;       /* the INVITE, then each provisional 101-199 */
    uint16_t final_code;        /* 0 until a final response */
    uint32_t final_frame;
    int64_t final_time;
    struct sc_cause_ref final_reason;
    bool cancelled;
    int64_t cancel_time;
    struct sc_cause_ref cancel_reason;
};

struct dialog {
    uint32_t tag;               /* the callee side's tag */
    bool confirmed;             /* a 2xx on a caller-facing leg */
    uint8_t ok_copies;          /* the 2xx and its retransmissions */
    uint32_t ok_frame;
    int64_t ok_time;
    bool acked;                 /* ACK, or any request inside the dialog */
    bool bye;
    bool bye_from_caller;
    int64_t bye_time;
    uint64_t bye_branch;
    uint32_t bye_cseq;
    struct sc_cause_ref bye_reason;
    bool bye_answered;
    uint16_t bye_code;
    int64_t bye_answer_time;
};

struct sc_call_live {
    uint32_t caller_tag;        /* From tag of the initial INVITE; 0 none */
    uint32_t cseq;              /* of the current attempt */
    uint8_t attempts;
    int64_t start;              /* the call's first INVITE */
    int64_t attempt_start;      /* the current attempt's first INVITE */
    bool ringing;               /* a provisional response above 100, caller-facing */
    int64_t first_ringing;      /* the first one, of any attempt */
    struct sc_cause_ref prov_reason; /* last provisional Reason, caller-facing */
    struct leg legs[LEGS_MAX];
    uint8_t n_legs;
    struct dialog dialogs[DIALOGS_MAX];
    uint8_t n_dialogs;
    uint16_t past_branch[SC_CALL_BRANCHES_MAX]; /* final codes of earlier attempts' branches */
    uint8_t n_past_branches;
    unsigned timers;            /* timeouts seen stay */
    int64_t last_event;
    int64_t wake;               /* from the last judge */
    enum sc_call_state state;   /* from the last judge */
};

#define TIMER(t) (1u << (t))
#define SETUP_TIMEOUT (TIMER(SC_TIMER_TIMER_B) | TIMER(SC_TIMER_TIMER_C))

static bool is_2xx(unsigned code) { return code >= 200 && code <= 299; }

/* SIP method names are case-sensitive (RFC 3261 s7.1). */
static bool text_is(const char *buf, struct sc_text t, const char *want)
{
    size_t n = strlen(want);
    return t.len == n && memcmp(buf + t.off, want, n) == 0;
}

static uint32_t tag_of(const char *buf, struct sc_text t)
{
    return t.len ? sc_hash32(buf + t.off, t.len, SEED_TAG) : 0;
}

static uint64_t branch_of(const char *buf, const struct sc_message *m)
{
    return m->via_branch.len ? sc_hash64(buf + m->via_branch.off, m->via_branch.len, SEED_BRANCH) | 1u : 0;
}

static uint32_t endpoint_of(const struct sc_endpoint *e, bool with_port)
{
    uint64_t h = sc_hash64(e->addr, e->addr ? e->addr_len : 0, SEED_ADDR);
    if (with_port)
        h = sc_hash64(&e->port, sizeof e->port, h);
    return (uint32_t)(h >> 32) | 1u;
}

static struct sc_cause_ref reason_of(const char *buf, const struct sc_message *m)
{
    struct sc_cause_ref r = { 0 };
    int i = sc_message_reason(m);
    if (i >= 0) {
        const struct sc_reason *v = &m->reasons[i];
        r.present = true;
        r.protocol = v->protocol;
        r.code = (uint16_t)v->cause;
        if (v->location.len)
            r.location = sc_reason_location_lookup(buf + v->location.off, v->location.len);
    }
    return r;
}

/* A failure for RFC 6076 s4.3.2: 4xx but 401, 402 and 407, 5xx, 6xx. */
static bool is_failure(unsigned code)
{
    return code >= 400 && code <= 699 && !sc_metric_group_has(SC_METRIC_GROUP_NOT_FAILURE, code);
}


/* Legs */

static struct leg *add_leg(struct sc_call_live *c, const struct sc_seen *at, const char *buf,
                           const struct sc_message *m)
{
    uint64_t branch = branch_of(buf, m);
    uint32_t src = endpoint_of(&at->src, true), dst = endpoint_of(&at->dst, true);
    for (unsigned i = 0; i < c->n_legs; i++) {
        struct leg *l = &c->legs[i];
        if (branch ? l->branch == branch : !l->branch && l->src == src && l->dst == dst)
            return l; /* a retransmission */
    }
    if (c->n_legs == LEGS_MAX)
        return NULL;
    struct leg *l = &c->legs[c->n_legs];
    memset(l, 0, sizeof *l);
    l->branch = branch;
    l->src = src;
    l->dst = dst;
    l->src_host = endpoint_of(&at->src, false);
    l->dst_host = endpoint_of(&at->dst, false);
    l->timer_c_base = at->time_ns;
    if (c->n_legs > 0) {
        /* sent from where the first leg went: the capture host forwarded it */
        const struct leg *first = &c->legs[0];
        l->level = l->src_host == first->dst_host ? 1 : l->src_host == first->src_host ? 0 : 1;
    }
    c->n_legs++;
    return l;
}

/* The leg a response or a CANCEL belongs to: same branch (RFC 3261
 * s8.1.1.7), else the same endpoints (reversed for a response), else the
 * only leg. */
static struct leg *find_leg(struct sc_call_live *c, const struct sc_seen *at, const char *buf,
                            const struct sc_message *m, bool response)
{
    uint64_t branch = branch_of(buf, m);
    if (branch) {
        for (unsigned i = 0; i < c->n_legs; i++)
            if (c->legs[i].branch == branch)
                return &c->legs[i];
    }
    uint32_t src = endpoint_of(&at->src, true), dst = endpoint_of(&at->dst, true);
    for (unsigned i = 0; i < c->n_legs; i++) {
        const struct leg *l = &c->legs[i];
        if (response ? l->src == dst && l->dst == src : l->src == src && l->dst == dst)
            return &c->legs[i];
    }
    return c->n_legs == 1 ? &c->legs[0] : NULL;
}

/* Dialogs */

static struct dialog *find_dialog(struct sc_call_live *c, uint32_t tag, bool create)
{
    for (unsigned i = 0; i < c->n_dialogs; i++)
        if (c->dialogs[i].tag == tag)
            return &c->dialogs[i];
    if (!create || c->n_dialogs == DIALOGS_MAX)
        return NULL;
    struct dialog *d = &c->dialogs[c->n_dialogs++];
    memset(d, 0, sizeof *d);
    d->tag = tag;
    return d;
}

/* The callee side's tag of a message inside a dialog of the call. */
static uint32_t dialog_tag(const struct sc_call_live *c, const char *buf, const struct sc_message *m, bool *from_caller)
{
    uint32_t from = tag_of(buf, m->from_tag), to = tag_of(buf, m->to_tag);
    *from_caller = from == c->caller_tag;
    return *from_caller ? to : from;
}

/* The dialog kept (RFC 3261 s13.2.2.4: the caller ends the dialogs it does
 * not want with a BYE): one still up, else the one whose BYE came last. */
static struct dialog *kept_dialog(struct sc_call_live *c)
{
    struct dialog *kept = NULL;
    for (unsigned i = 0; i < c->n_dialogs; i++) {
        struct dialog *d = &c->dialogs[i];
        if (!d->confirmed)
            continue;
        if (!d->bye)
            return d;
        if (!kept || d->bye_time > kept->bye_time)
            kept = d;
    }
    return kept;
}

/* Messages */

static struct sc_call_live *start_attempt(struct sc_call_live *c, const struct sc_seen *at, const char *buf,
                                          const struct sc_message *m)
{
    for (unsigned i = 0; i < c->n_legs && c->n_past_branches < SC_CALL_BRANCHES_MAX; i++)
        if (c->legs[i].level != 0)
            c->past_branch[c->n_past_branches++] = c->legs[i].final_code;
    c->cseq = m->cseq_number;
    c->attempts = (uint8_t)(c->attempts < 255 ? c->attempts + 1 : 255);
    c->attempt_start = at->time_ns;
    c->n_legs = 0;
    c->n_dialogs = 0;
    memset(&c->prov_reason, 0, sizeof c->prov_reason);
    add_leg(c, at, buf, m);
    return c;
}

struct sc_call_live *sc_call_live_new(const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    struct sc_call_live *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->caller_tag = tag_of(buf, m->from_tag);
    c->start = at->time_ns;
    c->last_event = at->time_ns;
    c->wake = INT64_MAX;
    return start_attempt(c, at, buf, m);
}

void sc_call_live_free(struct sc_call_live *c)
{
    free(c);
}

/* The final response of the current attempt as the caller sees it: that
 * of the caller-facing leg; with several (the capture is past a forking
 * element) the first 2xx, else once all have answered the best one of
 * RFC 3261 s16.7 step 6: a 6xx, else the lowest class. */
static const struct leg *caller_final(const struct sc_call_live *c)
{
    const struct leg *best = NULL;
    bool all = true;
    for (unsigned i = 0; i < c->n_legs; i++) {
        const struct leg *l = &c->legs[i];
        if (l->level != 0)
            continue;
        if (!l->final_code) {
            all = false;
            continue;
        }
        unsigned rank = l->final_code / 100 == 2 ? 0 : l->final_code / 100 == 6 ? 1 : l->final_code / 100;
        unsigned best_rank = !best ? 99 : best->final_code / 100 == 2 ? 0 : best->final_code / 100 == 6 ? 1
                                                                               : best->final_code / 100;
        if (rank < best_rank || (rank == best_rank && l->final_time < best->final_time))
            best = l;
    }
    return best && (all || is_2xx(best->final_code)) ? best : NULL;
}

static bool initial_invite(struct sc_call_live *c, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    if (m->cseq_number == c->cseq) {
        add_leg(c, at, buf, m);
        return true;
    }
    if (m->cseq_number < c->cseq)
        return true; /* an earlier attempt's retransmission */
    const struct leg *f = caller_final(c);
    enum sc_retry kind;
    if ((c->timers & SETUP_TIMEOUT) || (f && !sc_retry_for(f->final_code, &kind)))
        return false; /* answered, failed or timed out: a new call */
    start_attempt(c, at, buf, m);
    return true;
}

static void invite_response(struct sc_call_live *c, const struct sc_seen *at, const char *buf,
                            const struct sc_message *m)
{
    unsigned code = m->code;
    struct leg *l = find_leg(c, at, buf, m, true);
    if (!l || code < 100 || code > 699) /* 7xx and beyond are no SIP class (RFC 3261 s21) */
        return;
    bool caller_facing = l->level == 0;
    l->responded = true;
    if (code < 200) {
        if (code > 100)
            l->timer_c_base = at->time_ns;
        if (caller_facing) {
            if (code > 100 && !c->ringing) {
                c->ringing = true;
                c->first_ringing = at->time_ns;
            }
            struct sc_cause_ref r = reason_of(buf, m);
            if (r.present)
                c->prov_reason = r;
        }
        return;
    }
    if (caller_facing && is_2xx(code) && !(c->timers & SETUP_TIMEOUT)) {
        struct dialog *d = find_dialog(c, tag_of(buf, m->to_tag), true);
        if (d && !d->confirmed) {
            d->confirmed = true;
            d->ok_frame = at->frame;
            d->ok_time = at->time_ns;
        }
        if (d && d->ok_copies < 255)
            d->ok_copies++;
    }
    if (l->final_code || (caller_facing && (c->timers & SETUP_TIMEOUT)))
        return; /* a retransmission, a second 2xx, or too late */
    l->final_code = (uint16_t)code;
    l->final_frame = at->frame;
    l->final_time = at->time_ns;
    l->final_reason = reason_of(buf, m);
}

static void cancel(struct sc_call_live *c, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    if (m->cseq_number != c->cseq)
        return;
    struct leg *l = find_leg(c, at, buf, m, false);
    if (l && !l->cancelled) {
        l->cancelled = true;
        l->cancel_time = at->time_ns;
        l->cancel_reason = reason_of(buf, m);
    }
}

static void in_dialog(struct sc_call_live *c, const char *buf, const struct sc_message *m)
{
    bool from_caller;
    uint32_t tag = dialog_tag(c, buf, m, &from_caller);
    struct dialog *d = tag ? find_dialog(c, tag, false) : NULL;
    if (d)
        d->acked = true;
}

static void bye(struct sc_call_live *c, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    bool from_caller;
    uint32_t tag = dialog_tag(c, buf, m, &from_caller);
    struct dialog *d = find_dialog(c, tag, true);
    if (!d)
        return;
    d->acked = true;
    if (d->bye)
        return; /* a retransmission, or the same BYE on the next hop */
    d->bye = true;
    d->bye_from_caller = from_caller;
    d->bye_time = at->time_ns;
    d->bye_branch = branch_of(buf, m);
    d->bye_cseq = m->cseq_number;
    d->bye_reason = reason_of(buf, m);
}

static void bye_response(struct sc_call_live *c, const struct sc_seen *at, const char *buf,
                         const struct sc_message *m)
{
    bool from_caller;
    struct dialog *d = find_dialog(c, dialog_tag(c, buf, m, &from_caller), false);
    uint64_t branch = branch_of(buf, m);
    if (!d || !d->bye || d->bye_answered || m->cseq_number != d->bye_cseq || m->code < 200 || m->code > 699
        || (branch && d->bye_branch && branch != d->bye_branch) || (c->timers & TIMER(SC_TIMER_TIMER_F)))
        return;
    d->bye_answered = true;
    d->bye_code = (uint16_t)m->code;
    d->bye_answer_time = at->time_ns;
}

bool sc_call_live_feed(struct sc_call_live *c, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    bool request = m->kind == SC_MSG_REQUEST;
    struct sc_text method = request ? m->method : m->cseq_method;
    if (at->time_ns > c->last_event)
        c->last_event = at->time_ns;
    if (text_is(buf, method, "INVITE")) {
        if (request && !m->to_tag.len)
            return initial_invite(c, at, buf, m);
        if (!request && m->cseq_number == c->cseq)
            invite_response(c, at, buf, m);
        else if (request)
            in_dialog(c, buf, m); /* a re-INVITE */
    } else if (text_is(buf, method, "BYE")) {
        if (request)
            bye(c, at, buf, m);
        else
            bye_response(c, at, buf, m);
    } else if (request && text_is(buf, method, "CANCEL")) {
        cancel(c, at, buf, m);
    } else if (request) {
        in_dialog(c, buf, m); /* ACK, UPDATE, INFO, ... */
    }
    return true;
}

/* The verdict */

static void cause_from_reason(struct sc_call_verdict *v, enum sc_cause_source src, struct sc_cause_ref r)
{
    v->has_cause = true;
    v->cause_source = src;
    v->reason = r;
    if (r.protocol == SC_REASON_Q850 && r.code <= 127) {
        v->has_q850 = true;
        v->q850 = (uint8_t)r.code;
    } else if (r.protocol == SC_REASON_SIP) {
        int mapped = sc_sip_to_q850_cause(r.code);
        if (mapped >= 0 || (r.code >= 400 && r.code <= 699)) {
            v->has_q850 = true;
            v->q850 = (uint8_t)(mapped >= 0 ? mapped : 31);
        }
    }
}

static void cause_fixed(struct sc_call_verdict *v, enum sc_cause_source src, unsigned q850)
{
    v->has_cause = true;
    v->cause_source = src;
    v->has_q850 = true;
    v->q850 = (uint8_t)q850;
}

/* The caller-facing leg's CANCEL sent before the final response. */
static const struct leg *caller_cancel(const struct sc_call_live *c, const struct leg *f)
{
    for (unsigned i = 0; i < c->n_legs; i++) {
        const struct leg *l = &c->legs[i];
        if (l->level == 0 && l->cancelled && (!f || l->cancel_time <= f->final_time))
            return l;
    }
    return NULL;
}

static void judge_cause(struct sc_call_live *c, const struct leg *f, const struct dialog *kd,
                        struct sc_call_verdict *v)
{
    if (!v->has_final)
        return;
    if (!f) { /* a timeout, taken as 408 */
        int mapped = sc_sip_to_q850_cause(408);
        if (mapped >= 0)
            cause_fixed(v, SC_CAUSE_SOURCE_TIMEOUT, (unsigned)mapped);
        return;
    }
    if (is_2xx(f->final_code)) {
        if (kd && kd->bye) {
            if (kd->bye_reason.present)
                cause_from_reason(v, SC_CAUSE_SOURCE_BYE_REASON, kd->bye_reason);
            else
                cause_fixed(v, SC_CAUSE_SOURCE_NORMAL_CLEARING, 16);
        }
        return;
    }
    if (f->final_reason.present) {
        cause_from_reason(v, SC_CAUSE_SOURCE_FINAL_REASON, f->final_reason);
        return;
    }
    if (c->prov_reason.present) {
        cause_from_reason(v, SC_CAUSE_SOURCE_PROVISIONAL_REASON, c->prov_reason);
        return;
    }
    if (v->has_outcome && v->outcome == SC_OUTCOME_CANCELLED) {
        const struct leg *cl = caller_cancel(c, f);
        if (cl && cl->cancel_reason.present)
            cause_from_reason(v, SC_CAUSE_SOURCE_CANCEL_REASON, cl->cancel_reason);
        else
            cause_fixed(v, SC_CAUSE_SOURCE_CANCEL, 16); /* RFC 3398 s7.2.3 */
        return;
    }
    if (f->final_code < 400)
        return; /* 3xx: RFC 3398 s8.2.5 recurses rather than maps */
    int mapped = sc_sip_to_q850_cause(f->final_code);
    if (mapped >= 0)
        cause_fixed(v, SC_CAUSE_SOURCE_MAPPING, (unsigned)mapped);
    else
        cause_fixed(v, SC_CAUSE_SOURCE_MAPPING_DEFAULT, 31); /* RFC 3398 s8.2.6.1 */
}

static void ended(struct sc_call_verdict *v, enum sc_party who, enum sc_ended_rule rule)
{
    v->has_ended_by = true;
    v->ended_by = who;
    v->ended_rule = rule;
}

static void judge_ended_by(struct sc_call_live *c, const struct leg *f, const struct dialog *kd,
                           struct sc_call_verdict *v)
{
    if (!v->has_final)
        return;
    if (!f) {
        ended(v, SC_PARTY_NETWORK, SC_ENDED_RULE_TIMEOUT);
        return;
    }
    if (is_2xx(f->final_code)) {
        if (kd && kd->bye)
            ended(v, kd->bye_from_caller ? SC_PARTY_CALLER : SC_PARTY_CALLEE, SC_ENDED_RULE_BYE);
        return;
    }
    const struct leg *cl = v->has_outcome && v->outcome == SC_OUTCOME_CANCELLED ? caller_cancel(c, f) : NULL;
    if (cl) {
        /* a CANCEL that says another branch answered (RFC 3326 s3.1) is a proxy's */
        bool elsewhere = cl->cancel_reason.present && cl->cancel_reason.protocol == SC_REASON_SIP
                         && is_2xx(cl->cancel_reason.code);
        ended(v, elsewhere ? SC_PARTY_NETWORK : SC_PARTY_CALLER, SC_ENDED_RULE_CANCEL);
        return;
    }
    bool branches = false;
    for (unsigned i = 0; i < c->n_legs; i++) {
        const struct leg *l = &c->legs[i];
        if (l->level == 0)
            continue;
        branches = true;
        if (l->final_code == f->final_code && l->final_time <= f->final_time) {
            ended(v, SC_PARTY_CALLEE, SC_ENDED_RULE_BRANCH);
            return;
        }
    }
    if (branches) {
        ended(v, SC_PARTY_NETWORK, SC_ENDED_RULE_PROXY);
        return;
    }
    enum sc_party who;
    if (sc_party_for(f->final_code, &who))
        ended(v, who, SC_ENDED_RULE_CODE);
}

/* The setup deadline of the current attempt: Timer B without any
 * response, else Timer C from the INVITE or the last provisional 101-199
 * (RFC 3261 s16.8: without one the proxy acts as on a 408). */
static int64_t setup_deadline(const struct sc_call_live *c, bool *timer_b)
{
    bool responded = false;
    int64_t base = c->attempt_start;
    for (unsigned i = 0; i < c->n_legs; i++) {
        const struct leg *l = &c->legs[i];
        if (l->level != 0)
            continue;
        responded |= l->responded;
        if (l->timer_c_base > base)
            base = l->timer_c_base;
    }
    *timer_b = !responded;
    return responded ? base + SC_TIMER_C_NS : c->attempt_start + SC_T1_64_NS;
}

static enum sc_call_state judge_state(struct sc_call_live *c, const struct leg *f, struct dialog *kd, int64_t now,
                                      int64_t *wake)
{
    *wake = INT64_MAX;
    if (!f && !(c->timers & SETUP_TIMEOUT)) {
        bool timer_b;
        int64_t deadline = setup_deadline(c, &timer_b);
        if (now <= deadline) { /* a response at the deadline still counts */
            *wake = deadline + 1;
            return SC_CALL_STATE_UNFINISHED;
        }
        c->timers |= TIMER(timer_b ? SC_TIMER_TIMER_B : SC_TIMER_TIMER_C);
    }
    if (!f || !is_2xx(f->final_code))
        return SC_CALL_STATE_FAILED;
    if (!kd)
        return SC_CALL_STATE_ACTIVE;
    if (c->timers & TIMER(SC_TIMER_NO_ACK))
        return SC_CALL_STATE_BROKEN; /* a BYE after that ends a session already failed */
    if (kd->bye) {
        if (kd->bye_answered) /* a 408 is a proxy's timeout: no answer from the far end */
            return kd->bye_code == 408 ? SC_CALL_STATE_BROKEN : SC_CALL_STATE_COMPLETED;
        if (!(c->timers & TIMER(SC_TIMER_TIMER_F)) && now <= kd->bye_time + SC_T1_64_NS) {
            *wake = kd->bye_time + SC_T1_64_NS + 1;
            return SC_CALL_STATE_ACTIVE;
        }
        c->timers |= TIMER(SC_TIMER_TIMER_F);
        return SC_CALL_STATE_BROKEN;
    }
    /* A 2xx sent again and again without ACK: the ACK never came (RFC 3261
     * s13.3.1.4). Seen once, its ACK may have gone another way. */
    if (!kd->acked) {
        if (now > kd->ok_time + SC_T1_64_NS) {
            if (kd->ok_copies > 1) {
                c->timers |= TIMER(SC_TIMER_NO_ACK);
                return SC_CALL_STATE_BROKEN;
            }
        } else {
            *wake = kd->ok_time + SC_T1_64_NS + 1;
        }
    }
    return SC_CALL_STATE_ACTIVE;
}

void sc_call_live_judge(struct sc_call_live *c, int64_t now, struct sc_call_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->attempts = c->attempts;
    const struct leg *f = caller_final(c);
    struct dialog *kd = f && is_2xx(f->final_code) ? kept_dialog(c) : NULL;
    int64_t wake;
    v->state = judge_state(c, f, kd, now, &wake);
    v->timers = c->timers;
    if (f) {
        v->has_final = true;
        v->final_code = f->final_code;
        v->final_frame = f->final_frame;
    } else if (c->timers & SETUP_TIMEOUT) {
        v->has_final = true;
        v->final_code = 408; /* RFC 3261 s8.1.3.1 */
    }
    if (v->has_final)
        v->has_outcome = sc_outcome_for(v->final_code, &v->outcome);
    judge_cause(c, f, kd, v);
    judge_ended_by(c, f, kd, v);

    /* RFC 6076 s4.3: from the first INVITE to the first provisional above
     * 100, or to the 2xx or the failure that ended the request; a failure
     * that was retried is no end (s4: "no recovery") */
    int64_t t4 = c->ringing ? c->first_ringing : INT64_MAX;
    if (f && (is_2xx(f->final_code) || is_failure(f->final_code)) && f->final_time < t4)
        t4 = f->final_time;
    if (t4 != INT64_MAX) {
        v->has_setup = true;
        v->setup_ns = t4 - c->start;
    }
    if (kd && kd->bye && kd->bye_time >= kd->ok_time) {
        v->has_duration = true;
        v->duration_ns = kd->bye_time - kd->ok_time;
    }
    if (kd && kd->bye_answered && kd->bye_answer_time >= kd->bye_time) {
        v->has_disconnect = true;
        v->disconnect_ns = kd->bye_answer_time - kd->bye_time;
        v->disconnect_code = kd->bye_code;
    }
    /* the branches of every attempt, in order */
    for (unsigned i = 0; i < c->n_past_branches; i++)
        v->branch_code[v->n_branches++] = c->past_branch[i];
    for (unsigned i = 0; i < c->n_legs && v->n_branches < SC_CALL_BRANCHES_MAX; i++)
        if (c->legs[i].level != 0)
            v->branch_code[v->n_branches++] = c->legs[i].final_code;

    c->state = v->state;
    bool settled = v->state == SC_CALL_STATE_FAILED || v->state == SC_CALL_STATE_COMPLETED
                   || v->state == SC_CALL_STATE_BROKEN;
    /* nothing more comes 64*T1 after the last message of a settled call */
    if (settled && c->last_event + SC_T1_64_NS < wake)
        wake = c->last_event + SC_T1_64_NS;
    c->wake = wake;
}

int64_t sc_call_live_wake(const struct sc_call_live *c)
{
    return c->wake;
}

bool sc_call_live_done(const struct sc_call_live *c, int64_t now)
{
    bool settled = c->state == SC_CALL_STATE_FAILED || c->state == SC_CALL_STATE_COMPLETED
                   || c->state == SC_CALL_STATE_BROKEN;
    return settled && now >= c->last_event + SC_T1_64_NS;
}

void sc_call_share_of(const struct sc_call_verdict *v, struct sc_call_share *s)
{
    memset(s, 0, sizeof *s);
    s->settled = v->state != SC_CALL_STATE_UNFINISHED;
    if (!s->settled || !v->has_final)
        return;
    unsigned code = v->final_code;
    s->redirected = code >= 300 && code <= 399;
    s->established = sc_metric_group_has(SC_METRIC_GROUP_ESTABLISHED, code);
    s->effective = sc_metric_group_has(SC_METRIC_GROUP_EFFECTIVE, code);
    s->ineffective = sc_metric_group_has(SC_METRIC_GROUP_INEFFECTIVE, code);
    if (v->has_setup) { /* s4.3: failures kept apart from successes */
        s->srd_ok = is_2xx(code);
        s->srd_failed = is_failure(code);
    }
    if (v->state == SC_CALL_STATE_COMPLETED && v->has_duration) {
        s->sdt_ok = true;
        s->sdt_ns = v->duration_ns;
    } else if ((v->timers & TIMER(SC_TIMER_TIMER_F)) && v->has_duration) {
        s->sdt_failed = true; /* s4.5.2: 2xx to the expiry of Timer F */
        s->sdt_ns = v->duration_ns + SC_T1_64_NS;
    }
    if (v->has_disconnect) { /* s4.4; a BYE that timed out is left out */
        s->sdd_ok = is_2xx(v->disconnect_code);
        s->sdd_failed = !s->sdd_ok;
    }
}
