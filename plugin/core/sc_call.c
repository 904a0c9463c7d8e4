/* Calls, their verdict and the RFC 6076 totals. */
#include "sc_call.h"
#include "sipcodes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one call adds to the counting totals; recomputed after each event
 * that touches the call, the old share taken off and the new one added. */
struct share {
    bool counted;
    int outcome;     /* index into outcome_names, -1 without final */
    int cause;       /* -1 without cause */
    bool ok200, redirected, effective, ineffective, completed;
};

struct sc_call {
    struct sc_call *next;      /* same hash bucket, newer first */
    uint32_t hash;
    uint32_t serial;
    char *call_id;
    size_t call_id_len;
    char *from_tag;            /* of the initial INVITE */
    size_t from_tag_len;
    uint32_t first_frame;
    uint32_t invite_cseq;      /* CSeq of the current initial INVITE */
    int64_t invite_time;

    bool setup_stopped, setup_by_challenge;
    int64_t setup_ns;

    bool has_final;
    uint16_t final_code;
    uint32_t final_frame;
    int64_t final_time;
    bool final_has_reason;
    uint8_t final_reason;

    bool prov_has_reason;
    uint8_t prov_reason;

    bool cancel_seen, cancel_has_reason;
    uint8_t cancel_reason;

    bool bye_seen, bye_has_reason, bye_from_caller;
    uint8_t bye_reason;
    int64_t bye_time;

    struct share share;
};

struct sc_call_table {
    struct sc_call **buckets;
    size_t nbuckets;           /* power of two */
    struct sc_call **calls;    /* by serial - 1 */
    size_t count, cap;
    struct sc_call_totals totals;
};

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* SIP method names are case-sensitive (RFC 3261 s7.1). */
static bool token_is(const char *s, size_t len, const char *want)
{
    size_t n = strlen(want);
    return s && len == n && memcmp(s, want, n) == 0;
}

static char *copy_bytes(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

const char *sc_cause_source_name(enum sc_cause_source src)
{
    switch (src) {
    case SC_CAUSE_FINAL_REASON: return "final-reason";
    case SC_CAUSE_PROVISIONAL_REASON: return "provisional-reason";
    case SC_CAUSE_MAPPING: return "mapping";
    case SC_CAUSE_BYE_REASON: return "bye-reason";
    case SC_CAUSE_CANCEL_REASON: return "cancel-reason";
    case SC_CAUSE_NORMAL_CLEARING: return "normal-clearing";
    case SC_CAUSE_NONE: break;
    }
    return NULL;
}

const char *sc_ended_by_name(enum sc_ended_by who)
{
    switch (who) {
    case SC_ENDED_CALLER: return "caller";
    case SC_ENDED_CALLEE: return "callee";
    case SC_ENDED_NETWORK: return "network";
    case SC_ENDED_UNKNOWN: break;
    }
    return NULL;
}

static bool is_2xx(unsigned code) { return code >= 200 && code <= 299; }
static bool is_challenge(unsigned code) { return code == 401 || code == 407; }

struct sc_call_table *sc_calls_new(void)
{
    sc_init();
    struct sc_call_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->nbuckets = 256;
    t->buckets = calloc(t->nbuckets, sizeof *t->buckets);
    if (!t->buckets) {
        free(t);
        return NULL;
    }
    /* Outcome names in the order data/outcomes.tsv first gives them. */
    struct sc_call_totals *tt = &t->totals;
    for (size_t i = 0; i < sc_outcomes_count && tt->outcome_count < SC_CALL_OUTCOMES_MAX; i++) {
        bool seen = false;
        for (size_t j = 0; j < tt->outcome_count && !seen; j++)
            seen = strcmp(tt->outcome_names[j], sc_outcome_names[sc_outcomes[i].outcome]) == 0;
        if (!seen)
            tt->outcome_names[tt->outcome_count++] = sc_outcome_names[sc_outcomes[i].outcome];
    }
    return t;
}

void sc_calls_free(struct sc_call_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        free(t->calls[i]->call_id);
        free(t->calls[i]->from_tag);
        free(t->calls[i]);
    }
    free(t->calls);
    free(t->buckets);
    free(t);
}

static struct sc_call *find_hashed(const struct sc_call_table *t, const char *id, size_t len, uint32_t h)
{
    for (struct sc_call *c = t->buckets[h & (t->nbuckets - 1)]; c; c = c->next)
        if (c->hash == h && c->call_id_len == len && memcmp(c->call_id, id, len) == 0)
            return c;
    return NULL;
}

struct sc_call *sc_calls_find(const struct sc_call_table *t, const char *call_id, size_t len)
{
    if (!t || !call_id || !len)
        return NULL;
    return find_hashed(t, call_id, len, hash_bytes(call_id, len));
}

uint32_t sc_call_serial(const struct sc_call *call) { return call ? call->serial : 0; }
uint32_t sc_call_first_frame(const struct sc_call *call) { return call ? call->first_frame : 0; }
size_t sc_calls_count(const struct sc_call_table *t) { return t ? t->count : 0; }

struct sc_call *sc_calls_get(const struct sc_call_table *t, uint32_t serial)
{
    if (!t || serial == 0 || serial > t->count)
        return NULL;
    return t->calls[serial - 1];
}

const struct sc_call_totals *sc_calls_totals(const struct sc_call_table *t) { return t ? &t->totals : NULL; }

/* Doubles the buckets; newer-first order within a bucket is kept. */
static bool grow_buckets(struct sc_call_table *t)
{
    size_t n = t->nbuckets * 2;
    struct sc_call **b = calloc(n, sizeof *b);
    if (!b)
        return false;
    /* Re-insert oldest first so that the newest ends up at the head. */
    for (size_t i = 0; i < t->count; i++) {
        struct sc_call *c = t->calls[i];
        size_t k = c->hash & (n - 1);
        c->next = b[k];
        b[k] = c;
    }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = n;
    return true;
}

static struct sc_call *new_call(struct sc_call_table *t, const struct sc_call_event *ev, uint32_t h)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct sc_call **calls = realloc(t->calls, cap * sizeof *calls);
        if (!calls)
            return NULL;
        t->calls = calls;
        t->cap = cap;
    }
    if (t->count >= t->nbuckets && !grow_buckets(t))
        return NULL;
    struct sc_call *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->call_id = copy_bytes(ev->call_id, ev->call_id_len);
    c->from_tag = copy_bytes(ev->from_tag ? ev->from_tag : "", ev->from_tag ? ev->from_tag_len : 0);
    if (!c->call_id || !c->from_tag) {
        free(c->call_id);
        free(c->from_tag);
        free(c);
        return NULL;
    }
    c->call_id_len = ev->call_id_len;
    c->from_tag_len = ev->from_tag ? ev->from_tag_len : 0;
    c->hash = h;
    c->first_frame = ev->frame;
    c->invite_cseq = ev->cseq;
    c->invite_time = ev->time_ns;
    c->share.outcome = -1;
    c->share.cause = -1;
    t->calls[t->count++] = c;
    c->serial = (uint32_t)t->count;
    size_t k = h & (t->nbuckets - 1);
    c->next = t->buckets[k];
    t->buckets[k] = c;
    return c;
}

void sc_call_get_verdict(const struct sc_call *c, struct sc_call_verdict *v)
{
    memset(v, 0, sizeof *v);
    if (!c)
        return;
    v->has_final = c->has_final;
    if (c->has_final) {
        v->final_code = c->final_code;
        v->final_frame = c->final_frame;
        enum sc_outcome oc;
        v->outcome = sc_outcome_for(c->final_code, &oc) ? sc_outcome_names[oc] : NULL;
    }

    int cause = -1;
    enum sc_cause_source src = SC_CAUSE_NONE;
    if (c->has_final && is_2xx(c->final_code)) {
        if (c->bye_seen) {
            cause = c->bye_has_reason ? c->bye_reason : 16;
            src = c->bye_has_reason ? SC_CAUSE_BYE_REASON : SC_CAUSE_NORMAL_CLEARING;
        }
    } else if (c->has_final) {
        int mapped = sc_sip_to_q850_cause(c->final_code);
        if (c->final_has_reason) {
            cause = c->final_reason;
            src = SC_CAUSE_FINAL_REASON;
        } else if (c->prov_has_reason) {
            cause = c->prov_reason;
            src = SC_CAUSE_PROVISIONAL_REASON;
        } else if (mapped >= 0 && mapped <= 255) {
            cause = mapped;
            src = SC_CAUSE_MAPPING;
        } else if (c->cancel_has_reason && v->outcome && strcmp(v->outcome, "cancelled") == 0) {
            cause = c->cancel_reason;
            src = SC_CAUSE_CANCEL_REASON;
        }
    }
    if (cause >= 0) {
        const struct sc_q850 *q = sc_q850_lookup((unsigned)cause);
        v->has_cause = true;
        v->cause = (uint8_t)cause;
        v->cause_name = q ? q->name : NULL;
        v->cause_source = src;
        v->cause_source_name = sc_cause_source_name(src);
    }

    if (c->bye_seen)
        v->ended_by = c->bye_from_caller ? SC_ENDED_CALLER : SC_ENDED_CALLEE;
    else if (c->cancel_seen && !(c->has_final && is_2xx(c->final_code)))
        v->ended_by = SC_ENDED_CALLER;
    else if (c->has_final && !is_2xx(c->final_code))
        v->ended_by = SC_ENDED_NETWORK;
    v->ended_by_name = sc_ended_by_name(v->ended_by);

    v->has_setup_time = c->setup_stopped;
    v->setup_time_ns = c->setup_stopped ? c->setup_ns : 0;
    if (c->has_final && is_2xx(c->final_code) && c->bye_seen && c->bye_time >= c->final_time) {
        v->has_duration = true;
        v->duration_ns = c->bye_time - c->final_time;
    }
}

static struct share share_of(const struct sc_call_table *t, const struct sc_call *c)
{
    struct share s = { .counted = true, .outcome = -1, .cause = -1 };
    struct sc_call_verdict v;
    sc_call_get_verdict(c, &v);
    if (v.has_final) {
        unsigned code = v.final_code;
        for (size_t i = 0; v.outcome && i < t->totals.outcome_count; i++)
            if (strcmp(t->totals.outcome_names[i], v.outcome) == 0)
                s.outcome = (int)i;
        s.ok200 = code == 200;
        s.redirected = code >= 300 && code <= 399;
        s.effective = code == 200 || code == 480 || code == 486 || code == 600 || code == 603;
        s.ineffective = code == 408 || code == 500 || code == 503 || code == 504;
        s.completed = code == 200 && c->bye_seen;
    }
    if (v.has_cause)
        s.cause = v.cause;
    return s;
}

static void apply_share(struct sc_call_totals *tt, const struct share *s, int sign)
{
    if (!s->counted)
        return;
    uint64_t d = (uint64_t)(int64_t)sign; /* +1 or wraps to subtract */
    tt->requests += d;
    tt->answered_200 += s->ok200 ? d : 0;
    tt->redirected_3xx += s->redirected ? d : 0;
    tt->effective += s->effective ? d : 0;
    tt->ineffective += s->ineffective ? d : 0;
    tt->completed += s->completed ? d : 0;
    if (s->outcome >= 0)
        tt->by_outcome[s->outcome] += d;
    else
        tt->no_final += d;
    if (s->cause >= 0)
        tt->by_cause[s->cause] += d;
    else
        tt->no_cause += d;
}

static void refresh_share(struct sc_call_table *t, struct sc_call *c)
{
    struct share s = share_of(t, c);
    apply_share(&t->totals, &c->share, -1);
    apply_share(&t->totals, &s, +1);
    c->share = s;
}

static void add_delay(struct sc_call_delay_stats *d, int64_t ns)
{
    if (d->count == 0 || ns < d->min_ns)
        d->min_ns = ns;
    if (d->count == 0 || ns > d->max_ns)
        d->max_ns = ns;
    d->sum_ns += ns;
    d->count++;
}

/* Stops the Session Request Delay clock at this response (RFC 6076
 * s4.3): 18x and 2xx count as successful setup, 4xx-6xx as failed. A
 * challenge stops it too, but its time is kept out of the totals: a
 * re-sent INVITE restarts the measurement. 3xx is neither. */
static void stop_setup(struct sc_call_table *t, struct sc_call *c, const struct sc_call_event *ev)
{
    c->setup_stopped = true;
    c->setup_ns = ev->time_ns - c->invite_time;
    c->setup_by_challenge = is_challenge(ev->status);
    if (c->setup_by_challenge)
        return;
    if ((ev->status >= 180 && ev->status <= 189) || is_2xx(ev->status))
        add_delay(&t->totals.srd_success, c->setup_ns);
    else if (ev->status >= 400 && ev->status <= 699)
        add_delay(&t->totals.srd_failure, c->setup_ns);
}

static uint8_t reason_of(const struct sc_call_event *ev, bool *has)
{
    *has = ev->has_reason && ev->reason_cause <= 255;
    return *has ? (uint8_t)ev->reason_cause : 0;
}

static void on_response(struct sc_call_table *t, struct sc_call *c, const struct sc_call_event *ev)
{
    if (!token_is(ev->cseq_method, ev->cseq_method_len, "INVITE") || ev->cseq != c->invite_cseq)
        return; /* answers a re-INVITE, a CANCEL, a BYE... */
    if (c->has_final || ev->status < 100 || ev->status > 699)
        return; /* retransmission, a second fork's answer, or no SIP code (RFC 3261 s21) */
    bool has;
    uint8_t cause = reason_of(ev, &has);
    if (ev->status < 200) {
        if (ev->status != 100 && has) {
            c->prov_has_reason = true;
            c->prov_reason = cause;
        }
        if (!c->setup_stopped && ev->status >= 180 && ev->status <= 189)
            stop_setup(t, c, ev);
        return;
    }
    c->has_final = true;
    c->final_code = (uint16_t)(ev->status > 65535 ? 65535 : ev->status);
    c->final_frame = ev->frame;
    c->final_time = ev->time_ns;
    c->final_has_reason = has;
    c->final_reason = cause;
    if (!c->setup_stopped)
        stop_setup(t, c, ev);
}

/* An initial INVITE (no To tag) with a new CSeq on a known Call-ID. */
static struct sc_call *on_new_invite(struct sc_call_table *t, struct sc_call *c,
                                     const struct sc_call_event *ev, uint32_t h)
{
    if (!c->has_final) {
        c->invite_cseq = ev->cseq; /* a new attempt before any answer */
        return c;
    }
    if (!is_challenge(c->final_code))
        return new_call(t, ev, h); /* e.g. the INVITE that follows a 302 */
    /* Re-sent after a 401/407 challenge: the same call, measured anew. */
    c->invite_cseq = ev->cseq;
    c->invite_time = ev->time_ns;
    c->has_final = false;
    c->final_code = 0;
    c->final_frame = 0;
    c->final_has_reason = false;
    c->prov_has_reason = false;
    if (c->setup_by_challenge) {
        c->setup_stopped = false;
        c->setup_by_challenge = false;
        c->setup_ns = 0;
    }
    return c;
}

struct sc_call *sc_calls_feed(struct sc_call_table *t, const struct sc_call_event *ev)
{
    if (!t || !ev || !ev->call_id || ev->call_id_len == 0)
        return NULL;
    uint32_t h = hash_bytes(ev->call_id, ev->call_id_len);
    struct sc_call *c = find_hashed(t, ev->call_id, ev->call_id_len, h);
    bool has;
    uint8_t cause = reason_of(ev, &has);

    if (!ev->is_response) {
        bool initial = token_is(ev->method, ev->method_len, "INVITE") && (!ev->to_tag || ev->to_tag_len == 0);
        if (initial) {
            if (!c)
                c = new_call(t, ev, h);
            else if (ev->cseq != c->invite_cseq)
                c = on_new_invite(t, c, ev, h);
            /* else: a retransmission */
        } else if (c && token_is(ev->method, ev->method_len, "CANCEL")) {
            if (!c->cancel_seen) {
                c->cancel_seen = true;
                c->cancel_has_reason = has;
                c->cancel_reason = cause;
            }
        } else if (c && token_is(ev->method, ev->method_len, "BYE")) {
            if (!c->bye_seen) {
                size_t flen = ev->from_tag ? ev->from_tag_len : 0;
                c->bye_seen = true;
                c->bye_has_reason = has;
                c->bye_reason = cause;
                c->bye_time = ev->time_ns;
                c->bye_from_caller = flen == c->from_tag_len && memcmp(ev->from_tag ? ev->from_tag : "", c->from_tag, flen) == 0;
                if (c->has_final && is_2xx(c->final_code) && c->bye_time >= c->final_time)
                    add_delay(&t->totals.sdt, c->bye_time - c->final_time);
            }
        }
    } else if (c) {
        on_response(t, c, ev);
    }
    if (c)
        refresh_share(t, c);
    return c;
}

/* Rows */

static void fmt_seconds(char *buf, size_t n, int64_t ns)
{
    const char *sign = ns < 0 ? "-" : "";
    uint64_t a = ns < 0 ? (uint64_t)(-(ns + 1)) + 1 : (uint64_t)ns;
    snprintf(buf, n, "%s%llu.%06llu s", sign, (unsigned long long)(a / 1000000000u),
             (unsigned long long)(a % 1000000000u / 1000u));
}

struct rows {
    struct sc_metric_row *rows;
    size_t max, n;
};

static struct sc_metric_row *row_add(struct rows *r, unsigned depth, enum sc_metric_unit unit, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct sc_metric_row *row_add(struct rows *r, unsigned depth, enum sc_metric_unit unit, const char *fmt, ...)
{
    static struct sc_metric_row scratch;
    struct sc_metric_row *row = r->n < r->max ? &r->rows[r->n] : &scratch;
    r->n++;
    memset(row, 0, sizeof *row);
    row->depth = depth;
    row->unit = unit;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(row->label, sizeof row->label, fmt, ap);
    va_end(ap);
    snprintf(row->value, sizeof row->value, "n/a");
    return row;
}

static void row_count(struct rows *r, unsigned depth, uint64_t count, const char *label)
{
    struct sc_metric_row *row = row_add(r, depth, SC_UNIT_COUNT, "%s", label);
    row->has_value = true;
    row->number = (double)count;
    snprintf(row->value, sizeof row->value, "%llu", (unsigned long long)count);
}

static void row_ratio(struct rows *r, const char *label, uint64_t num, uint64_t den)
{
    struct sc_metric_row *row = row_add(r, 0, SC_UNIT_PERCENT, "%s", label);
    if (den == 0)
        return;
    row->has_value = true;
    row->number = 100.0 * (double)num / (double)den;
    snprintf(row->value, sizeof row->value, "%.2f %% (%llu/%llu)", row->number,
             (unsigned long long)num, (unsigned long long)den);
}

static void row_delays(struct rows *r, const char *what, const char *section, const struct sc_call_delay_stats *d)
{
    static const char *const names[] = { "count", "min", "mean", "max" };
    for (int i = 0; i < 4; i++) {
        struct sc_metric_row *row = row_add(r, 0, i ? SC_UNIT_SECONDS : SC_UNIT_COUNT, "%s, %s (RFC 6076 %s)",
                                            what, names[i], section);
        if (i == 0) {
            row->has_value = true;
            row->number = (double)d->count;
            snprintf(row->value, sizeof row->value, "%llu", (unsigned long long)d->count);
            continue;
        }
        if (d->count == 0)
            continue;
        int64_t ns = i == 1 ? d->min_ns : i == 3 ? d->max_ns : d->sum_ns / (int64_t)d->count;
        row->has_value = true;
        row->number = (double)ns / 1e9;
        fmt_seconds(row->value, sizeof row->value, ns);
    }
}

size_t sc_call_totals_rows(const struct sc_call_totals *t, struct sc_metric_row *out, size_t max)
{
    struct rows r = { out, max, 0 };
    if (!t)
        return 0;
    uint64_t not_redirected = t->requests - t->redirected_3xx;
    row_count(&r, 0, t->requests, "Session requests (initial INVITEs)");
    row_ratio(&r, "Session Establishment Ratio, SER (RFC 6076 s4.6)", t->answered_200, not_redirected);
    row_ratio(&r, "Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7)", t->effective, not_redirected);
    row_ratio(&r, "Ineffective Session Attempts, ISA (RFC 6076 s4.8)", t->ineffective, t->requests);
    row_ratio(&r, "Session Completion Ratio, SCR (RFC 6076 s4.9)", t->completed, t->requests);
    row_delays(&r, "Session Request Delay, successful", "s4.3.1", &t->srd_success);
    row_delays(&r, "Session Request Delay, failed", "s4.3.2", &t->srd_failure);
    row_delays(&r, "Session Duration Time", "s4.5", &t->sdt);

    row_count(&r, 0, t->requests, "Calls by outcome");
    char label[96];
    for (size_t i = 0; i < t->outcome_count; i++) {
        if (!t->by_outcome[i])
            continue;
        snprintf(label, sizeof label, "Outcome %s", t->outcome_names[i]);
        row_count(&r, 1, t->by_outcome[i], label);
    }
    if (t->no_final)
        row_count(&r, 1, t->no_final, "Outcome (no final response)");

    row_count(&r, 0, t->requests, "Calls by cause");
    for (unsigned c = 0; c < 256; c++) {
        if (!t->by_cause[c])
            continue;
        const struct sc_q850 *q = sc_q850_lookup(c);
        if (q)
            snprintf(label, sizeof label, "Cause %u %s", c, q->name);
        else
            snprintf(label, sizeof label, "Cause %u", c);
        row_count(&r, 1, t->by_cause[c], label);
    }
    if (t->no_cause)
        row_count(&r, 1, t->no_cause, "Cause (none)");
    return r.n;
}
