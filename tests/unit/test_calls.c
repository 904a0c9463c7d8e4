/* SPDX-License-Identifier: GPL-2.0-or-later
 * Unit tests of the call engine: every rule with the RFC section it comes
 * from. Each flow is written as SIP text, scanned and fed to the engine as
 * the plugin does; every expected value is worked out from the RFC text
 * named next to it, or from the data table named. */
#include "sc_engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define MS 1000000LL
#define S (1000 * MS)

/* Hosts of the flows: caller A, proxy P, callees B and C. */
static const char *const A = "192.0.2.1:5060", *const P = "192.0.2.2:5060", *const B = "192.0.2.3:5060",
                  *const C = "192.0.2.4:5060";

static struct sc_engine *E;
static uint32_t frame_no;

static void reset(void)
{
    sc_engine_free(E);
    E = sc_engine_new();
    frame_no = 0;
}

static void endpoint(const char *hostport, struct sc_endpoint *e)
{
    const char *colon = strrchr(hostport, ':');
    e->addr = hostport;
    e->addr_len = (size_t)(colon - hostport);
    e->port = (uint16_t)atoi(colon + 1);
}

/* One message: fmt is its text with "\n" line ends; Call-ID c1 unless the
 * text names one. Returns the call serial. */
static uint32_t at(int64_t ms, const char *src, const char *dst, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static uint32_t at(int64_t ms, const char *src, const char *dst, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    struct sc_seen seen = { .frame = ++frame_no, .time_ns = ms * MS };
    endpoint(src, &seen.src);
    endpoint(dst, &seen.dst);
    struct sc_message m;
    sc_message_scan(text, strlen(text), &m);
    CHECK(m.kind != SC_MSG_OTHER);
    return sc_engine_feed(E, &seen, text, &m);
}

/* Message builders: request line or status line, then the headers the
 * engine reads. */
#define INV(cseq, branch, from, to) \
    "INVITE sip:b@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@example.com>;tag=%s\n" \
    "To: <sip:b@example.com>%s\nCall-ID: c1\nCSeq: %u INVITE\n\n", branch, from, to, cseq
#define REQ(method, cseq, branch, from, to, extra)                                                           \
    method " sip:x@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@example.com>;tag=%s\n"  \
           "To: <sip:b@example.com>;tag=%s\nCall-ID: c1\nCSeq: %u " method "\n%s\n", branch, from, to, cseq, extra
#define RESP(code, cseq, method, branch, from, to, extra)                                                 \
    "SIP/2.0 %u X\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@example.com>;tag=%s\n"                    \
    "To: <sip:b@example.com>%s%s\nCall-ID: c1\nCSeq: %u %s\n%s\n", code, branch, from, to[0] ? ";tag=" : "", \
        to, cseq, method, extra

static struct sc_call_verdict verdict(uint32_t serial)
{
    struct sc_call_verdict v;
    CHECK(sc_engine_verdict(E, serial, &v));
    return v;
}

/* A ratio row: numerator, denominator and the text shown. */
static int check_row(const struct sc_metric_row *r, uint64_t num, uint64_t den, const char *value)
{
    bool ok = r->count == num && r->of == den && strcmp(r->value, value) == 0;
    if (!ok)
        fprintf(stderr, "  %s: got [%s] %llu/%llu, want [%s]\n", r->label, r->value, (unsigned long long)r->count,
                (unsigned long long)r->of, value);
    CHECK(ok);
    return ok;
}
#define CHECK_ROW check_row

static struct sc_totals totals(void)
{
    struct sc_totals t;
    sc_engine_totals(E, &t);
    return t;
}

/* A plain call: INVITE, 100, 180 at 500 ms, 200 at 2 s, ACK. */
static uint32_t answered(const char *caller_tag, const char *callee_tag)
{
    uint32_t c = at(0, A, B, INV(1, "i1", caller_tag, ""));
    at(10, B, A, RESP(100, 1, "INVITE", "i1", caller_tag, "", ""));
    at(500, B, A, RESP(180, 1, "INVITE", "i1", caller_tag, callee_tag, ""));
    at(2000, B, A, RESP(200, 1, "INVITE", "i1", caller_tag, callee_tag, ""));
    at(2010, A, B, REQ("ACK", 1, "k1", caller_tag, callee_tag, ""));
    return c;
}

/* RFC 3261 s15.1.1: the caller's BYE ends the session; RFC 3398 s8.2.6.1:
 * a BYE without Reason is cause 16; RFC 6076 s4.3.1, s4.4, s4.5.1, s4.9. */
static void test_answered_caller_bye(void)
{
    reset();
    uint32_t c = answered("a1", "b1");
    CHECK(c == 1);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_ACTIVE);
    CHECK(v.has_final && v.final_code == 200 && v.final_frame == 4);
    CHECK(v.has_outcome && v.outcome == SC_OUTCOME_ANSWERED);
    CHECK(!v.has_cause && !v.has_ended_by && !v.has_duration);
    CHECK(v.has_setup && v.setup_ns == 500 * MS); /* the 180, not the 100 */
    CHECK(at(12000, A, B, REQ("BYE", 2, "y1", "a1", "b1", "")) == c);
    v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_ACTIVE); /* the BYE has no answer yet */
    CHECK(v.has_ended_by && v.ended_by == SC_PARTY_CALLER && v.ended_rule == SC_ENDED_RULE_BYE);
    CHECK(v.has_cause && v.q850 == 16 && v.cause_source == SC_CAUSE_SOURCE_NORMAL_CLEARING);
    CHECK(v.has_duration && v.duration_ns == 10000 * MS);
    CHECK(at(12050, B, A, RESP(200, 2, "BYE", "y1", "a1", "b1", "")) == c);
    v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_COMPLETED);
    CHECK(v.has_disconnect && v.disconnect_ns == 50 * MS && v.disconnect_code == 200);
    CHECK(v.attempts == 1 && v.n_branches == 0 && v.timers == 0);
    struct sc_totals t = totals();
    CHECK(t.calls == 1 && t.settled == 1 && t.established == 1 && t.effective == 1 && t.ineffective == 0);
    CHECK(t.by_state[SC_CALL_STATE_COMPLETED] == 1);
    CHECK(t.srd_ok.count == 1 && t.srd_ok.min_ns == 500 * MS && t.srd_failed.count == 0);
    CHECK(t.sdt_ok.count == 1 && t.sdt_ok.sum_ns == 10000 * MS);
    CHECK(t.sdd_ok.count == 1 && t.sdd_ok.sum_ns == 50 * MS);
    CHECK(t.by_cause[16] == 1 && t.by_outcome[SC_OUTCOME_ANSWERED] == 1);
}

/* The callee's BYE: its From tag is the callee's (RFC 3261 s12.2.1.1). */
static void test_answered_callee_bye(void)
{
    reset();
    uint32_t c = answered("a1", "b1");
    CHECK(at(5000, B, A, REQ("BYE", 9, "y2", "b1", "a1", "")) == c);
    CHECK(at(5020, A, B, RESP(200, 9, "BYE", "y2", "b1", "a1", "")) == c);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_COMPLETED);
    CHECK(v.ended_by == SC_PARTY_CALLEE && v.ended_rule == SC_ENDED_RULE_BYE);
    CHECK(v.has_duration && v.duration_ns == 3000 * MS);
    CHECK(v.has_disconnect && v.disconnect_ns == 20 * MS);
}

/* RFC 3326 s2 and s3.2: a BYE with "SIP ;cause=488": the cause is the SIP
 * code 488; RFC 3398 s8.2.6.1 maps 488 "by Warning header", so without one
 * it is no listed code: cause 31. */
static void test_bye_with_sip_reason(void)
{
    reset();
    uint32_t c = answered("a1", "b1");
    at(2020, A, B, REQ("BYE", 2, "y1", "a1", "b1", "Reason: SIP ;cause=488 ;text=\"Not Acceptable Here\"\n"));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.has_cause && v.cause_source == SC_CAUSE_SOURCE_BYE_REASON);
    CHECK(v.reason.present && v.reason.protocol == SC_REASON_SIP && v.reason.code == 488);
    CHECK(v.has_q850 && v.q850 == 31);
    /* a Q.850 Reason on a BYE is the cause as sent */
    reset();
    c = answered("a1", "b1");
    at(3000, B, A, REQ("BYE", 4, "y1", "b1", "a1", "Reason: Q.850;cause=41\n"));
    v = verdict(c);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_BYE_REASON && v.q850 == 41 && v.reason.protocol == SC_REASON_Q850);
}

/* RFC 3326: the Reason that gives a message's cause is one rule
 * (sc_message_reason): the first Q.850 value, else the first SIP value. */
static void test_reason_rule(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", "Reason: Q.850;cause=17, Q.850;cause=21\n"));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_FINAL_REASON && v.q850 == 17);
    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(480, 1, "INVITE", "i1", "a1", "b1", "Reason: SIP;cause=480;text=\"x\"\nReason: Q.850;cause=18\n"));
    v = verdict(c);
    CHECK(v.q850 == 18 && v.reason.protocol == SC_REASON_Q850);
}

/* RFC 8606 s4: the location of the Q.850 value the cause comes from
 * travels with it (data/reason_locations.tsv); the location of any other
 * protocol's value is ignored. */
static void test_cause_location(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", "Reason: SIP;cause=486;location=U, Q.850;cause=17;location=RLN\n"));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_FINAL_REASON && v.q850 == 17 && v.reason.protocol == SC_REASON_Q850);
    CHECK(v.reason.location && strcmp(v.reason.location->location, "RLN") == 0 && v.reason.location->value == 4);
    /* the BYE's Reason of an answered call, token in lower case */
    reset();
    c = answered("a1", "b1");
    at(3000, B, A, REQ("BYE", 4, "y1", "b1", "a1", "Reason: Q.850;cause=16;location=ln\n"));
    v = verdict(c);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_BYE_REASON && v.reason.location && v.reason.location->value == 2);
    /* a SIP cause: its location is ignored */
    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(480, 1, "INVITE", "i1", "a1", "b1", "Reason: SIP;cause=480;location=TN\n"));
    v = verdict(c);
    CHECK(v.reason.present && v.reason.protocol == SC_REASON_SIP && !v.reason.location);
    /* no Reason, no location; a token outside the table is not carried */
    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", ""));
    CHECK(!verdict(c).reason.location);
    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", "Reason: Q.850;cause=17;location=MOON\n"));
    CHECK(verdict(c).reason.present && !verdict(c).reason.location);
}

/* Failed calls: final Reason, then the last provisional Reason (early
 * media), then RFC 3398 s8.2.6.1, which maps codes it does not list to 31. */
static void test_failure_causes(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(300, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.outcome == SC_OUTCOME_BUSY);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_MAPPING && v.q850 == 17 && !v.reason.present);
    CHECK(v.has_ended_by && v.ended_by == SC_PARTY_CALLEE && v.ended_rule == SC_ENDED_RULE_CODE);

    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(200, B, A, RESP(183, 1, "INVITE", "i1", "a1", "b1", "Reason: Q.850;cause=34\n"));
    at(10200, B, A, RESP(480, 1, "INVITE", "i1", "a1", "b1", ""));
    v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_NO_ANSWER);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_PROVISIONAL_REASON && v.q850 == 34);
    CHECK(v.has_setup && v.setup_ns == 200 * MS);
    CHECK(!v.has_ended_by); /* 480 comes from a UA or a proxy: data/ended_by.tsv leaves it */

    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(100, B, A, RESP(499, 1, "INVITE", "i1", "a1", "b1", ""));
    v = verdict(c);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_MAPPING_DEFAULT && v.q850 == 31);
    CHECK(v.outcome == SC_OUTCOME_FAILED);
}

/* RFC 3261 s9.1 and s21.4.25: the caller's CANCEL, then 487. RFC 3398
 * s7.2.3: a CANCEL without Reason is cause 16. */
static void test_caller_cancel(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(400, B, A, RESP(180, 1, "INVITE", "i1", "a1", "b1", ""));
    CHECK(at(5000, A, B, REQ("CANCEL", 1, "i1", "a1", "", "")) == c);
    at(5010, B, A, RESP(200, 1, "CANCEL", "i1", "a1", "b1", ""));
    at(5020, B, A, RESP(487, 1, "INVITE", "i1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.outcome == SC_OUTCOME_CANCELLED && v.final_code == 487);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_CANCEL && v.q850 == 16);
    CHECK(v.ended_by == SC_PARTY_CALLER && v.ended_rule == SC_ENDED_RULE_CANCEL);
    /* s4.3.2: 487 is a failure response; the 180 stopped the clock */
    struct sc_totals t = totals();
    CHECK(t.srd_failed.count == 1 && t.srd_failed.sum_ns == 400 * MS && t.srd_ok.count == 0);
    CHECK(t.ineffective == 0 && t.effective == 0);
}

/* RFC 3326 s2 and s3.1: "SIP ;cause=200 ;text=\"Call completed elsewhere\""
 * on a CANCEL: another branch answered, so a forking element cancelled. */
static void test_cancel_completed_elsewhere(void)
{
    reset();
    uint32_t c = at(0, P, B, INV(1, "i1", "a1", ""));
    at(300, B, P, RESP(180, 1, "INVITE", "i1", "a1", "b1", ""));
    at(2000, P, B, REQ("CANCEL", 1, "i1", "a1", "", "Reason: SIP ;cause=200 ;text=\"Call completed elsewhere\"\n"));
    at(2010, B, P, RESP(487, 1, "INVITE", "i1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_CANCELLED);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_CANCEL_REASON && v.reason.protocol == SC_REASON_SIP && v.reason.code == 200);
    CHECK(!v.has_q850); /* RFC 3398 maps no 2xx */
    CHECK(v.ended_by == SC_PARTY_NETWORK && v.ended_rule == SC_ENDED_RULE_CANCEL);
}

/* A CANCEL that crossed the final response: the final response settles the
 * call (RFC 3261 s9.2: a CANCEL after the final response has no effect). */
static void test_cancel_crossing_final(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(400, B, A, RESP(180, 1, "INVITE", "i1", "a1", "b1", ""));
    at(5000, A, B, REQ("CANCEL", 1, "i1", "a1", "", ""));
    at(5001, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_BUSY && v.ended_by == SC_PARTY_CALLEE && v.ended_rule == SC_ENDED_RULE_CODE);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_MAPPING && v.q850 == 17);

    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(5000, A, B, REQ("CANCEL", 1, "i1", "a1", "", ""));
    at(5001, B, A, RESP(200, 1, "INVITE", "i1", "a1", "b1", ""));
    at(5002, A, B, REQ("ACK", 1, "k1", "a1", "b1", ""));
    at(5100, A, B, REQ("BYE", 2, "y1", "a1", "b1", ""));
    v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_ANSWERED && v.ended_by == SC_PARTY_CALLER && v.ended_rule == SC_ENDED_RULE_BYE);
}

/* A BYE after a failed INVITE ends no session: the failure's rules hold. */
static void test_bye_after_failure(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(1, "i1", "a1", ""));
    at(50, P, A, RESP(403, 1, "INVITE", "i1", "a1", "p1", ""));
    CHECK(at(100, A, P, REQ("BYE", 2, "y1", "a1", "p1", "")) == c);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.outcome == SC_OUTCOME_REJECTED);
    CHECK(v.ended_by == SC_PARTY_NETWORK && v.ended_rule == SC_ENDED_RULE_CODE);
    CHECK(v.cause_source == SC_CAUSE_SOURCE_MAPPING && v.q850 == 21);
}

/* RFC 3261 s8.1.3.5 and s22: after a challenge the INVITE is sent again as
 * a new transaction, CSeq one higher: one call. RFC 6076 s5.3: the time
 * spent authenticating counts, so SRD starts at the first INVITE. A CSeq
 * is a 32-bit number (s20.16). */
static void test_challenge(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(70000, "i1", "a1", ""));
    at(100, P, A, RESP(407, 70000, "INVITE", "i1", "a1", "p1", ""));
    at(110, A, P, REQ("ACK", 70000, "i1", "a1", "p1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.outcome == SC_OUTCOME_CHALLENGE);
    CHECK(!v.has_setup); /* 407 is no failure for s4.3.2 */
    CHECK(at(200, A, P, INV(70001, "i2", "a1", "")) == c);
    at(700, P, A, RESP(180, 70001, "INVITE", "i2", "a1", "b1", ""));
    at(3000, P, A, RESP(486, 70001, "INVITE", "i2", "a1", "b1", ""));
    v = verdict(c);
    CHECK(v.attempts == 2 && v.final_code == 486 && v.outcome == SC_OUTCOME_BUSY);
    CHECK(v.has_setup && v.setup_ns == 700 * MS);
    CHECK(sc_engine_calls(E) == 1);
    struct sc_totals t = totals();
    CHECK(t.settled == 1 && t.effective == 1 && t.srd_failed.count == 1 && t.srd_failed.sum_ns == 700 * MS);
}

/* Every retry code of data/retry_codes.tsv but 3xx: the retried INVITE is
 * the same call (RFC 3261 s8.1.3.5, RFC 4028 s7.3, RFC 3329 s2.3). */
static void test_retry_codes(void)
{
    for (size_t i = 0; i < sc_retry_ranges_count; i++) {
        const struct sc_retry_range *r = &sc_retry_ranges[i];
        if (r->kind == SC_RETRY_REDIRECT)
            continue;
        for (unsigned code = r->first; code <= r->last; code++) {
            reset();
            uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
            at(100, B, A, RESP(code, 1, "INVITE", "i1", "a1", "b1", ""));
            CHECK(at(200, A, B, INV(2, "i2", "a1", "")) == c);
            at(900, B, A, RESP(200, 2, "INVITE", "i2", "a1", "b2", ""));
            struct sc_call_verdict v = verdict(c);
            /* s4: a failure that was retried is no end of the setup time */
            bool ok = v.attempts == 2 && v.outcome == SC_OUTCOME_ANSWERED && sc_engine_calls(E) == 1
                      && v.has_setup && v.setup_ns == 900 * MS;
            if (!ok)
                fprintf(stderr, "  retry after %u\n", code);
            CHECK(ok);
        }
    }
    /* a failure that is no retry code: a new INVITE is a new call */
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(100, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", ""));
    uint32_t d = at(5000, A, B, INV(2, "i2", "a1", ""));
    CHECK(c == 1 && d == 2);
    CHECK(verdict(c).outcome == SC_OUTCOME_BUSY && verdict(d).state == SC_CALL_STATE_UNFINISHED);
}

/* RFC 3261 s8.1.3.4: the redirected INVITE keeps Call-ID, To and From;
 * RFC 6076 s4.3.1 measures SRD across the redirect from the first INVITE;
 * s4.6: an INVITE with a 3xx leaves the SER denominator. */
static void test_redirect(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(100, B, A, RESP(302, 1, "INVITE", "i1", "a1", "r1", "Contact: <sip:b@192.0.2.4>\n"));
    at(110, A, B, REQ("ACK", 1, "i1", "a1", "r1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.outcome == SC_OUTCOME_REDIRECTED && !v.has_cause);
    struct sc_totals t = totals();
    CHECK(t.settled == 1 && t.redirected == 1);
    CHECK(at(200, A, C, INV(2, "i2", "a1", "")) == c);
    at(1000, C, A, RESP(180, 2, "INVITE", "i2", "a1", "c1", ""));
    at(3000, C, A, RESP(200, 2, "INVITE", "i2", "a1", "c1", ""));
    v = verdict(c);
    CHECK(v.attempts == 2 && v.outcome == SC_OUTCOME_ANSWERED && v.has_setup && v.setup_ns == 1000 * MS);
    t = totals();
    CHECK(t.settled == 1 && t.redirected == 0 && t.established == 1);
}

/* A capture on a proxy host: both legs share Call-ID and CSeq, only the
 * Via branch and the addresses differ. A 503 on the first branch, an
 * answer on the second (RFC 3261 s16.7: the proxy tries another target
 * and forwards the 2xx): the caller's leg answers the call. */
static void test_proxy_failover(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(1, "a-1", "a1", ""));
    at(5, P, A, RESP(100, 1, "INVITE", "a-1", "a1", "", ""));
    CHECK(at(10, P, B, INV(1, "p-1", "a1", "")) == c);
    at(60, B, P, RESP(503, 1, "INVITE", "p-1", "a1", "b1", ""));
    at(61, P, B, REQ("ACK", 1, "p-1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_UNFINISHED && !v.has_final); /* the caller saw no 503 */
    CHECK(v.n_branches == 1 && v.branch_code[0] == 503);
    CHECK(at(70, P, C, INV(1, "p-2", "a1", "")) == c);
    at(400, C, P, RESP(180, 1, "INVITE", "p-2", "a1", "c1", ""));
    at(401, P, A, RESP(180, 1, "INVITE", "a-1", "a1", "c1", ""));
    at(2000, C, P, RESP(200, 1, "INVITE", "p-2", "a1", "c1", ""));
    at(2001, P, A, RESP(200, 1, "INVITE", "a-1", "a1", "c1", ""));
    at(2010, A, P, REQ("ACK", 1, "a-2", "a1", "c1", ""));
    at(2011, P, C, REQ("ACK", 1, "p-3", "a1", "c1", ""));
    v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_ACTIVE && v.final_code == 200 && v.final_frame == 10);
    CHECK(v.n_branches == 2 && v.branch_code[0] == 503 && v.branch_code[1] == 200);
    CHECK(v.has_setup && v.setup_ns == 401 * MS);
    at(9000, A, P, REQ("BYE", 2, "a-3", "a1", "c1", ""));
    at(9001, P, C, REQ("BYE", 2, "p-4", "a1", "c1", ""));
    at(9030, C, P, RESP(200, 2, "BYE", "p-4", "a1", "c1", ""));
    at(9031, P, A, RESP(200, 2, "BYE", "a-3", "a1", "c1", ""));
    v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_COMPLETED && v.ended_by == SC_PARTY_CALLER && v.ended_rule == SC_ENDED_RULE_BYE);
    CHECK(v.has_duration && v.duration_ns == 6999 * MS);
    CHECK(v.has_disconnect && v.disconnect_ns == 31 * MS); /* the caller's BYE to its own 200 */
    struct sc_totals t = totals();
    CHECK(t.calls == 1 && t.established == 1 && t.ineffective == 0);
}

/* On a proxy host a final response that came up from a branch is the far
 * end's; one no branch sent was generated by the proxy. */
static void test_proxy_ended_by(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(1, "a-1", "a1", ""));
    at(10, P, B, INV(1, "p-1", "a1", ""));
    at(300, B, P, RESP(486, 1, "INVITE", "p-1", "a1", "b1", ""));
    at(301, P, A, RESP(486, 1, "INVITE", "a-1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.ended_by == SC_PARTY_CALLEE && v.ended_rule == SC_ENDED_RULE_BRANCH);
    CHECK(v.n_branches == 1 && v.branch_code[0] == 486);

    reset();
    c = at(0, A, P, INV(1, "a-1", "a1", ""));
    at(10, P, B, INV(1, "p-1", "a1", ""));
    at(20, B, P, RESP(100, 1, "INVITE", "p-1", "a1", "", ""));
    at(30000, P, A, RESP(408, 1, "INVITE", "a-1", "a1", "p9", "")); /* the proxy's own timer */
    v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_NO_ANSWER && v.ended_by == SC_PARTY_NETWORK && v.ended_rule == SC_ENDED_RULE_PROXY);
    CHECK(v.n_branches == 1 && v.branch_code[0] == 0);
    CHECK(v.timers == 0); /* a 408 on the wire is no timeout of ours */
}

/* Parallel forking on the proxy host: the first 2xx wins; the proxy
 * cancels the other branch with "Call completed elsewhere" (RFC 3326
 * s3.1); that CANCEL is not the caller's. */
static void test_proxy_parallel_fork(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(1, "a-1", "a1", ""));
    at(10, P, B, INV(1, "p-1", "a1", ""));
    at(11, P, C, INV(1, "p-2", "a1", ""));
    at(300, B, P, RESP(180, 1, "INVITE", "p-1", "a1", "b1", ""));
    at(310, C, P, RESP(180, 1, "INVITE", "p-2", "a1", "c1", ""));
    at(301, P, A, RESP(180, 1, "INVITE", "a-1", "a1", "b1", ""));
    at(2000, C, P, RESP(200, 1, "INVITE", "p-2", "a1", "c1", ""));
    at(2001, P, A, RESP(200, 1, "INVITE", "a-1", "a1", "c1", ""));
    at(2002, P, B, REQ("CANCEL", 1, "p-1", "a1", "", "Reason: SIP;cause=200;text=\"Call completed elsewhere\"\n"));
    at(2010, B, P, RESP(487, 1, "INVITE", "p-1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_ANSWERED && v.final_frame == 8);
    CHECK(v.n_branches == 2 && v.branch_code[0] == 487 && v.branch_code[1] == 200);
    at(2020, A, P, REQ("ACK", 1, "a-2", "a1", "c1", ""));
    at(8000, C, P, REQ("BYE", 5, "c-1", "c1", "a1", ""));
    v = verdict(c);
    CHECK(v.ended_by == SC_PARTY_CALLEE && v.ended_rule == SC_ENDED_RULE_BYE);
}

/* Forking downstream (RFC 3261 s13.2.2.4): two 2xx, two dialogs; the
 * caller ACKs both and ends the one it does not want with a BYE at once.
 * Duration, completion and ended_by come from the dialog kept. */
static void test_two_dialogs(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(1, "i1", "a1", ""));
    at(300, P, A, RESP(180, 1, "INVITE", "i1", "a1", "f1", ""));
    at(400, P, A, RESP(180, 1, "INVITE", "i1", "a1", "f2", ""));
    at(1000, P, A, RESP(200, 1, "INVITE", "i1", "a1", "f1", ""));
    at(1100, P, A, RESP(200, 1, "INVITE", "i1", "a1", "f2", ""));
    at(1010, A, P, REQ("ACK", 1, "k1", "a1", "f1", ""));
    at(1110, A, P, REQ("ACK", 1, "k2", "a1", "f2", ""));
    at(1300, A, P, REQ("BYE", 2, "y2", "a1", "f2", ""));
    at(1320, P, A, RESP(200, 2, "BYE", "y2", "a1", "f2", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(v.final_frame == 4 && v.state == SC_CALL_STATE_ACTIVE && !v.has_ended_by && !v.has_duration);
    at(61000, P, A, REQ("BYE", 7, "y1", "f1", "a1", ""));
    at(61010, A, P, RESP(200, 7, "BYE", "y1", "f1", "a1", ""));
    v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_COMPLETED);
    CHECK(v.ended_by == SC_PARTY_CALLEE && v.has_duration && v.duration_ns == 60000 * MS);
    CHECK(v.has_disconnect && v.disconnect_ns == 10 * MS);
    CHECK(v.setup_ns == 300 * MS);
}

/* Past a forking element (siblings sent from the same host): RFC 3261
 * s16.7 step 6 chooses a 6xx over other failures. */
static void test_sibling_legs(void)
{
    reset();
    uint32_t c = at(0, P, B, INV(1, "p-1", "a1", ""));
    at(1, P, C, INV(1, "p-2", "a1", ""));
    at(200, B, P, RESP(486, 1, "INVITE", "p-1", "a1", "b1", ""));
    struct sc_call_verdict v = verdict(c);
    CHECK(!v.has_final); /* the other sibling may still answer */
    at(300, C, P, RESP(603, 1, "INVITE", "p-2", "a1", "c1", ""));
    v = verdict(c);
    CHECK(v.final_code == 603 && v.outcome == SC_OUTCOME_REJECTED && v.n_branches == 0);
}

/* RFC 3261 s17.1.1.2 Timer B (64*T1) without any response, s8.1.3.1: a
 * timeout is taken as 408; RFC 6076 s4.8 counts it. */
static void test_timer_b(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(500, A, B, INV(1, "i1", "a1", "")); /* a retransmission */
    sc_engine_clock(E, 32000 * MS); /* a response at the deadline would still count */
    CHECK(verdict(c).state == SC_CALL_STATE_UNFINISHED);
    struct sc_totals t = totals();
    CHECK(t.calls == 1 && t.settled == 0 && t.by_state[SC_CALL_STATE_UNFINISHED] == 1);
    sc_engine_clock(E, 32001 * MS);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.has_final && v.final_code == 408 && v.final_frame == 0);
    CHECK(v.outcome == SC_OUTCOME_NO_ANSWER && v.timers == (1u << SC_TIMER_TIMER_B));
    CHECK(v.cause_source == SC_CAUSE_SOURCE_TIMEOUT && v.q850 == 102);
    CHECK(v.ended_by == SC_PARTY_NETWORK && v.ended_rule == SC_ENDED_RULE_TIMEOUT);
    t = totals();
    CHECK(t.settled == 1 && t.ineffective == 1 && t.by_timer[SC_TIMER_TIMER_B] == 1);
    /* a response after the timeout comes to a transaction that is gone */
    at(33000, B, A, RESP(200, 1, "INVITE", "i1", "a1", "b1", ""));
    CHECK(verdict(c).final_code == 408);
}

/* Timer B runs only while no response came (s17.1.1.2); after one the
 * proxy's Timer C (more than 3 min, s16.6) applies, reset by each
 * provisional 101-199 (s16.7 step 2). */
static void test_timer_c(void)
{
    reset();
    uint32_t c = at(0, A, P, INV(1, "i1", "a1", ""));
    at(10, P, A, RESP(100, 1, "INVITE", "i1", "a1", "", ""));
    sc_engine_clock(E, 100 * S);
    CHECK(verdict(c).state == SC_CALL_STATE_UNFINISHED);
    sc_engine_clock(E, 180 * S);
    CHECK(verdict(c).state == SC_CALL_STATE_UNFINISHED);
    sc_engine_clock(E, 180 * S + MS);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.final_code == 408 && v.timers == (1u << SC_TIMER_TIMER_C));

    reset();
    c = at(0, A, P, INV(1, "i1", "a1", ""));
    at(1000, P, A, RESP(180, 1, "INVITE", "i1", "a1", "b1", ""));
    at(60000, P, A, RESP(180, 1, "INVITE", "i1", "a1", "b1", ""));
    sc_engine_clock(E, 240 * S);
    CHECK(verdict(c).state == SC_CALL_STATE_UNFINISHED);
    sc_engine_clock(E, 240 * S + MS);
    v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_FAILED && v.timers == (1u << SC_TIMER_TIMER_C));
    struct sc_totals t = totals();
    CHECK(t.srd_failed.count == 1 && t.srd_failed.sum_ns == 1000 * MS); /* the 180 stopped the clock */
}

/* RFC 3261 s13.3.1.4: a 2xx retransmitted for 64*T1 without ACK ends the
 * session; RFC 6076 s4.9: it does not complete. Seen once, its ACK may
 * have gone past the capture point: the session stays up. */
static void test_no_ack(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(1000, B, A, RESP(200, 1, "INVITE", "i1", "a1", "b1", ""));
    at(1500, B, A, RESP(200, 1, "INVITE", "i1", "a1", "b1", ""));
    at(2500, B, A, RESP(200, 1, "INVITE", "i1", "a1", "b1", ""));
    sc_engine_clock(E, 40 * S);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_BROKEN && v.timers == (1u << SC_TIMER_NO_ACK));
    CHECK(v.outcome == SC_OUTCOME_ANSWERED);
    struct sc_totals t = totals();
    CHECK(t.established == 1 && t.by_state[SC_CALL_STATE_COMPLETED] == 0);

    reset();
    c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(1000, B, A, RESP(200, 1, "INVITE", "i1", "a1", "b1", ""));
    sc_engine_clock(E, 40 * S);
    CHECK(verdict(c).state == SC_CALL_STATE_ACTIVE);
}

/* RFC 3261 s17.1.2.2 Timer F: a BYE without final response for 64*T1;
 * RFC 6076 s4.5.2: the failed SDT runs from the 2xx to Timer F's expiry;
 * s4.4: such a BYE is left out of SDD; s4.9: not completed. */
static void test_bye_unanswered(void)
{
    reset();
    uint32_t c = answered("a1", "b1");
    at(10000, A, B, REQ("BYE", 2, "y1", "a1", "b1", ""));
    at(10500, A, B, REQ("BYE", 2, "y1", "a1", "b1", ""));
    sc_engine_clock(E, 42000 * MS);
    CHECK(verdict(c).state == SC_CALL_STATE_ACTIVE);
    sc_engine_clock(E, 42001 * MS);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.state == SC_CALL_STATE_BROKEN && v.timers == (1u << SC_TIMER_TIMER_F));
    CHECK(v.has_duration && v.duration_ns == 8000 * MS && !v.has_disconnect);
    struct sc_totals t = totals();
    CHECK(t.sdt_failed.count == 1 && t.sdt_failed.sum_ns == 8000 * MS + SC_T1_64_NS);
    CHECK(t.sdt_ok.count == 0 && t.sdd_ok.count == 0 && t.sdd_failed.count == 0);
    /* a non-2xx final response to the BYE is a failed disconnect (s4.4) */
    reset();
    c = answered("a1", "b1");
    at(10000, A, B, REQ("BYE", 2, "y1", "a1", "b1", ""));
    at(10040, B, A, RESP(481, 2, "BYE", "y1", "a1", "b1", ""));
    t = totals();
    CHECK(verdict(c).state == SC_CALL_STATE_COMPLETED);
    CHECK(t.sdd_failed.count == 1 && t.sdd_failed.sum_ns == 40 * MS && t.sdd_ok.count == 0);
}

/* RFC 6076 s4.6-s4.9 over a mix, written out by hand:
 *   c1 200 + BYE answered   c2 486   c3 302 (no follow-up)   c4 503
 *   c5 timeout (Timer B)    c6 200, still up   c7 no answer yet (unfinished)
 * settled 6 (c7 left out), 3xx 1: SER = 200s / (6 - 1) = 2/5,
 * SEER = (200, 480, 486, 600, 603) / 5 = 3/5, ISA = (408, 500, 503, 504) / 6 = 2/6,
 * SCR = completed / (failed + completed + broken) = 1/5 (c6 is still up). */
static void test_ratios(void)
{
    reset();
    const char *tags[] = { "t1", "t2", "t3", "t4", "t5", "t6", "t7" };
    char id[8];
    for (int i = 0; i < 7; i++) {
        snprintf(id, sizeof id, "x%d", i);
        int64_t t0 = i * 100;
        at(t0, A, B, "INVITE sip:b@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@h>;tag=%s\nTo: <sip:b@h>\n"
                     "Call-ID: %s\nCSeq: 1 INVITE\n\n", id, tags[i], id);
    }
    static const unsigned finals[] = { 200, 486, 302, 503, 0, 200, 0 };
    for (int i = 0; i < 7; i++) {
        if (!finals[i])
            continue;
        snprintf(id, sizeof id, "x%d", i);
        at(1000 + i, B, A, "SIP/2.0 %u X\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@h>;tag=%s\nTo: <sip:b@h>;tag=r\n"
                           "Call-ID: %s\nCSeq: 1 INVITE\n\n", finals[i], id, tags[i], id);
    }
    at(1100, A, B, "ACK sip:b@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=k\nFrom: <sip:a@h>;tag=t1\nTo: <sip:b@h>;tag=r\n"
                   "Call-ID: x0\nCSeq: 1 ACK\n\n");
    at(1200, A, B, "BYE sip:b@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=y\nFrom: <sip:a@h>;tag=t1\nTo: <sip:b@h>;tag=r\n"
                   "Call-ID: x0\nCSeq: 2 BYE\n\n");
    at(1210, B, A, "SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=y\nFrom: <sip:a@h>;tag=t1\nTo: <sip:b@h>;tag=r\n"
                   "Call-ID: x0\nCSeq: 2 BYE\n\n");
    at(1300, A, B, "ACK sip:b@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=k6\nFrom: <sip:a@h>;tag=t6\nTo: <sip:b@h>;tag=r\n"
                   "Call-ID: x5\nCSeq: 1 ACK\n\n");
    sc_engine_clock(E, 32401 * MS); /* c5's Timer B (INVITE at 400 ms) has run out, c7's (600 ms) not */
    struct sc_metric_row rows[SC_METRIC_ROWS_MAX];
    struct sc_totals t = totals();
    size_t n = sc_totals_rows(&t, rows, SC_METRIC_ROWS_MAX);
    CHECK(n <= SC_METRIC_ROWS_MAX);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        const struct sc_metric_row *r = &rows[i];
        if (strstr(r->label, "SER (RFC 6076 s4.6)"))
            seen += CHECK_ROW(r, 2, 5, "40.00 % (2/5)");
        else if (strstr(r->label, "SEER (RFC 6076 s4.7)"))
            seen += CHECK_ROW(r, 3, 5, "60.00 % (3/5)");
        else if (strstr(r->label, "ISA (RFC 6076 s4.8)"))
            seen += CHECK_ROW(r, 2, 6, "33.33 % (2/6)");
        else if (strstr(r->label, "SCR (RFC 6076 s4.9)"))
            seen += CHECK_ROW(r, 1, 5, "20.00 % (1/5)");
        else if (strcmp(r->label, "State unfinished") == 0)
            seen += r->count == 1;
    }
    CHECK(seen == 5);
}

/* RFC 6076 s4.1 and s4.2: a registration attempt includes its challenge;
 * 401, 402 and 407 are no failures; Timer F is one. */
static void test_registrations(void)
{
    reset();
#define REG(cseq, branch) "REGISTER sip:h SIP/2.0\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@h>;tag=r1\n" \
                          "To: <sip:a@h>\nCall-ID: reg1\nCSeq: %u REGISTER\n\n", branch, cseq
#define REG_RESP(code, cseq, branch) "SIP/2.0 %u X\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@h>;tag=r1\n" \
                                     "To: <sip:a@h>;tag=s\nCall-ID: reg1\nCSeq: %u REGISTER\n\n", code, branch, cseq
    CHECK(at(0, A, P, REG(1, "g1")) == 0);
    at(40, P, A, REG_RESP(401, 1, "g1"));
    at(100, A, P, REG(2, "g2"));
    at(300, P, A, REG_RESP(200, 2, "g2"));
    at(3600000, A, P, REG(3, "g3")); /* an hour later: the next attempt, same Call-ID (RFC 3261 s10.2) */
    at(3600100, P, A, REG_RESP(403, 3, "g3"));
    at(3700000, A, P, REG(4, "g4"));
    at(3700500, A, P, REG(4, "g4")); /* retransmitted, never answered */
    sc_engine_clock(E, 3700000 * MS + SC_T1_64_NS + MS);
    struct sc_totals t = totals();
    CHECK(t.registrations == 3 && t.reg_settled == 3 && t.reg_failed == 2);
    CHECK(t.rrd.count == 1 && t.rrd.sum_ns == 300 * MS);
    CHECK(sc_engine_calls(E) == 0);
}

/* Calls that can no longer change are retired (their verdict stays); a new
 * INVITE on the same Call-ID and tag is then a new call. */
static void test_retire(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(100, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", ""));
    at(110, A, B, REQ("ACK", 1, "i1", "a1", "b1", ""));
    CHECK(sc_engine_live_calls(E) == 1);
    sc_engine_clock(E, 110 * MS + SC_T1_64_NS);
    CHECK(sc_engine_live_calls(E) == 0);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.outcome == SC_OUTCOME_BUSY && v.q850 == 17 && v.final_frame == 2 && v.call == c);
    CHECK(at(40000, B, A, RESP(486, 1, "INVITE", "i1", "a1", "b1", "")) == c); /* late copy: same call */
    CHECK(verdict(c).final_frame == 2);
    struct sc_totals t = totals();
    CHECK(t.calls == 1 && t.effective == 1);
    CHECK(at(50000, A, B, INV(2, "i2", "a1", "")) == 2);
    /* messages of no call */
    CHECK(at(50100, A, B, "OPTIONS sip:b@h SIP/2.0\nCall-ID: o1\nFrom: <sip:a@h>;tag=z\nTo: <sip:b@h>\nCSeq: 1 OPTIONS\n\n") == 0);
    CHECK(at(50200, A, B, "BYE sip:b@h SIP/2.0\nCall-ID: stray\nFrom: <sip:a@h>;tag=z\nTo: <sip:b@h>;tag=q\nCSeq: 1 BYE\n\n") == 0);
}

/* 2000 calls one second apart, each busy and settled at 100 ms: Calls and
 * ineffective-free totals count every one; the engine that forgets holds
 * about the 32 s (64*T1, RFC 3261 s17.1.1.2) of calls not yet retired. */
static size_t busy_calls(bool forget, uint32_t *last, size_t *most_live, size_t *bytes_half)
{
    sc_engine_free(E);
    E = sc_engine_new();
    sc_engine_forget(E, forget);
    frame_no = 0;
    *most_live = 0;
    for (int i = 0; i < 2000; i++) {
        char id[16], tag[16];
        snprintf(id, sizeof id, "b%d", i);
        snprintf(tag, sizeof tag, "t%d", i);
        int64_t t0 = (int64_t)i * 1000;
        *last = at(t0, A, B, "INVITE sip:b@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@h>;tag=%s\n"
                             "To: <sip:b@h>\nCall-ID: %s\nCSeq: 1 INVITE\n\n", id, tag, id);
        at(t0 + 100, B, A, "SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP h;branch=%s\nFrom: <sip:a@h>;tag=%s\n"
                           "To: <sip:b@h>;tag=r\nCall-ID: %s\nCSeq: 1 INVITE\n\n", id, tag, id);
        struct sc_call_verdict v;
        CHECK(sc_engine_verdict(E, *last, &v) && v.final_code == 486 && v.call == *last);
        if (sc_engine_live_calls(E) > *most_live)
            *most_live = sc_engine_live_calls(E);
        if (i == 999)
            *bytes_half = sc_engine_bytes(E);
    }
    return sc_engine_records(E);
}

static void test_forget(void)
{
    uint32_t last;
    size_t most_live, half;
    size_t kept = busy_calls(false, &last, &most_live, &half);
    CHECK(kept == 2000 && last == 2000);
    CHECK(sc_engine_bytes(E) > half);             /* every verdict kept: grows */
    struct sc_totals remembered = totals();
    CHECK(remembered.calls == 2000);
    CHECK(verdict(1).final_code == 486);

    size_t held = busy_calls(true, &last, &most_live, &half);
    CHECK(last == 2000);                          /* serials still count every call */
    CHECK(sc_engine_bytes(E) == half);            /* flat from 1000 to 2000 calls */
    CHECK(most_live >= 32 && most_live <= 34);    /* 32 s of calls, one a second */
    CHECK(held <= most_live + 1);
    struct sc_call_verdict v;
    CHECK(!sc_engine_verdict(E, 1, &v));          /* retired and forgotten */
    struct sc_totals t = totals();
    CHECK(t.calls == remembered.calls && t.effective == remembered.effective && t.by_state[SC_CALL_STATE_FAILED] == 2000);
    CHECK(memcmp(&t, &remembered, sizeof t) == 0);
    /* a late copy of a forgotten call's answer belongs to no call */
    CHECK(at(1999000 + 500, B, A, "SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP h;branch=b0\nFrom: <sip:a@h>;tag=t0\n"
                                  "To: <sip:b@h>;tag=r\nCall-ID: b0\nCSeq: 1 INVITE\n\n") == 0);
    reset();
}

/* Time that goes back (captures put one after the other) runs out no timer. */
static void test_clock_back(void)
{
    reset();
    at(400000, A, B, "OPTIONS sip:b@h SIP/2.0\nCall-ID: o1\nFrom: <sip:a@h>;tag=z\nTo: <sip:b@h>\nCSeq: 1 OPTIONS\n\n");
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(5000, B, A, RESP(100, 1, "INVITE", "i1", "a1", "", ""));
    CHECK(verdict(c).state == SC_CALL_STATE_UNFINISHED && verdict(c).timers == 0);
}

/* A device code (7xx) is no final response (RFC 3261 s21 has no 7xx class). */
static void test_7xx_not_final(void)
{
    reset();
    uint32_t c = at(0, A, B, INV(1, "i1", "a1", ""));
    at(100, B, A, RESP(701, 1, "INVITE", "i1", "a1", "b1", ""));
    CHECK(verdict(c).state == SC_CALL_STATE_UNFINISHED);
}

int main(void)
{
    sc_init();
    test_answered_caller_bye();
    test_answered_callee_bye();
    test_bye_with_sip_reason();
    test_reason_rule();
    test_cause_location();
    test_failure_causes();
    test_caller_cancel();
    test_cancel_completed_elsewhere();
    test_cancel_crossing_final();
    test_bye_after_failure();
    test_challenge();
    test_retry_codes();
    test_redirect();
    test_proxy_failover();
    test_proxy_ended_by();
    test_proxy_parallel_fork();
    test_two_dialogs();
    test_sibling_legs();
    test_timer_b();
    test_timer_c();
    test_no_ack();
    test_bye_unanswered();
    test_ratios();
    test_registrations();
    test_retire();
    test_7xx_not_final();
    test_clock_back();
    test_forget();
    sc_engine_free(E);
    return CHECK_SUMMARY();
}
