/* Unit tests of the call verdict and the RFC 6076 totals. Every expected
 * value is worked out by hand from the flow next to it. */
#include "sc_call.h"
#include "sipcodes.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

static bool str_is(const char *got, const char *want)
{
    if (!got || !want)
        return got == want;
    return strcmp(got, want) == 0;
}
#define CHECK_STR(got, want)                                                               \
    do {                                                                                   \
        const char *g_ = (got), *w_ = (want);                                              \
        if (!str_is(g_, w_))                                                               \
            fprintf(stderr, "  got [%s], want [%s]\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        CHECK(str_is(g_, w_));                                                             \
    } while (0)

/* A tiny flow writer: frames are numbered from 1 per table, times in ms. */
static struct sc_call_table *T;
static uint32_t frame_no;
static const char *CID = "c1@example.com";

#define NO_REASON -1
#define MS 1000000LL

static void reset(void)
{
    sc_calls_free(T);
    T = sc_calls_new();
    frame_no = 0;
}

static struct sc_call *req(int64_t ms, const char *method, uint32_t cseq, const char *callid,
                           const char *from_tag, const char *to_tag, int reason)
{
    struct sc_call_event ev = { 0 };
    ev.frame = ++frame_no;
    ev.time_ns = ms * MS;
    ev.method = method;
    ev.method_len = strlen(method);
    ev.cseq = cseq;
    /* ACK and CANCEL carry the INVITE's number; the method is their own */
    ev.cseq_method = method;
    ev.cseq_method_len = strlen(method);
    ev.call_id = callid;
    ev.call_id_len = callid ? strlen(callid) : 0;
    ev.from_tag = from_tag;
    ev.from_tag_len = from_tag ? strlen(from_tag) : 0;
    ev.to_tag = to_tag;
    ev.to_tag_len = to_tag ? strlen(to_tag) : 0;
    ev.has_reason = reason >= 0;
    ev.reason_cause = reason >= 0 ? (unsigned)reason : 0;
    return sc_calls_feed(T, &ev);
}

static struct sc_call *resp(int64_t ms, unsigned code, uint32_t cseq, const char *cseq_method,
                            const char *callid, const char *to_tag, int reason)
{
    struct sc_call_event ev = { 0 };
    ev.frame = ++frame_no;
    ev.time_ns = ms * MS;
    ev.is_response = true;
    ev.status = code;
    ev.cseq = cseq;
    ev.cseq_method = cseq_method;
    ev.cseq_method_len = strlen(cseq_method);
    ev.call_id = callid;
    ev.call_id_len = callid ? strlen(callid) : 0;
    ev.from_tag = "a1";
    ev.from_tag_len = 2;
    ev.to_tag = to_tag;
    ev.to_tag_len = to_tag ? strlen(to_tag) : 0;
    ev.has_reason = reason >= 0;
    ev.reason_cause = reason >= 0 ? (unsigned)reason : 0;
    return sc_calls_feed(T, &ev);
}

static struct sc_call_verdict verdict(const struct sc_call *c)
{
    struct sc_call_verdict v;
    sc_call_get_verdict(c, &v);
    return v;
}

static void test_answered_bye_from_caller(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON); /* 1 */
    CHECK(c != NULL);
    CHECK(resp(10, 100, 1, "INVITE", CID, NULL, NO_REASON) == c);          /* 2 */
    CHECK(resp(500, 180, 1, "INVITE", CID, "b1", NO_REASON) == c);         /* 3 */
    struct sc_call_verdict v = verdict(c);
    CHECK(!v.has_final);
    CHECK(v.has_setup_time && v.setup_time_ns == 500 * MS);
    CHECK(v.ended_by == SC_ENDED_UNKNOWN && v.ended_by_name == NULL);
    CHECK(resp(2000, 200, 1, "INVITE", CID, "b1", NO_REASON) == c);        /* 4 */
    CHECK(req(2010, "ACK", 1, CID, "a1", "b1", NO_REASON) == c);           /* 5 */
    v = verdict(c);
    CHECK(v.has_final && v.final_code == 200 && v.final_frame == 4);
    CHECK_STR(v.outcome, "answered");
    CHECK(!v.has_cause);          /* no BYE yet */
    CHECK(!v.has_duration);
    CHECK(v.ended_by == SC_ENDED_UNKNOWN);
    CHECK(req(12000, "BYE", 2, CID, "a1", "b1", 16) == c);                 /* 6 */
    CHECK(resp(12010, 200, 2, "BYE", CID, "b1", NO_REASON) == c);          /* 7 */
    v = verdict(c);
    CHECK(v.final_code == 200 && v.final_frame == 4);
    CHECK(v.has_cause && v.cause == 16);
    CHECK_STR(v.cause_name, "NORMAL_CLEARING");
    CHECK(v.cause_source == SC_CAUSE_BYE_REASON);
    CHECK_STR(v.cause_source_name, "bye-reason");
    CHECK(v.ended_by == SC_ENDED_CALLER);
    CHECK_STR(v.ended_by_name, "caller");
    CHECK(v.has_setup_time && v.setup_time_ns == 500 * MS);
    CHECK(v.has_duration && v.duration_ns == 10000 * MS);
    CHECK(sc_calls_count(T) == 1);
    CHECK(sc_call_first_frame(c) == 1);
}

static void test_bye_from_callee_without_reason(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 7, CID, "a1", NULL, NO_REASON);
    resp(3000, 200, 7, "INVITE", CID, "b1", NO_REASON);
    req(3001, "ACK", 7, CID, "a1", "b1", NO_REASON);
    /* the callee's BYE: its From is the callee, tag b1 */
    CHECK(req(4500, "BYE", 1, CID, "b1", "a1", NO_REASON) == c);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.has_cause && v.cause == 16);
    CHECK(v.cause_source == SC_CAUSE_NORMAL_CLEARING);
    CHECK_STR(v.cause_source_name, "normal-clearing");
    CHECK_STR(v.ended_by_name, "callee");
    CHECK(v.has_setup_time && v.setup_time_ns == 3000 * MS); /* no 18x: the 200 stops it */
    CHECK(v.has_duration && v.duration_ns == 1500 * MS);
    /* a second BYE (retransmission) changes nothing */
    req(5000, "BYE", 1, CID, "b1", "a1", 31);
    v = verdict(c);
    CHECK(v.cause == 16 && v.cause_source == SC_CAUSE_NORMAL_CLEARING && v.duration_ns == 1500 * MS);
    CHECK(sc_calls_totals(T)->sdt.count == 1);
}

static void test_challenge_then_busy(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);   /* 1 */
    CHECK(resp(100, 407, 1, "INVITE", CID, "p1", NO_REASON) == c);         /* 2 */
    struct sc_call_verdict v = verdict(c);
    /* as of the challenge: 407 is the final answer so far */
    CHECK(v.has_final && v.final_code == 407 && v.final_frame == 2);
    CHECK_STR(v.outcome, "challenge");
    CHECK(v.has_cause && v.cause == 21 && v.cause_source == SC_CAUSE_MAPPING); /* RFC 3398: 407 -> 21 */
    CHECK_STR(v.ended_by_name, "network");
    CHECK(v.has_setup_time && v.setup_time_ns == 100 * MS);
    CHECK(req(110, "ACK", 1, CID, "a1", "p1", NO_REASON) == c);            /* 3 */
    CHECK(req(200, "INVITE", 2, CID, "a1", NULL, NO_REASON) == c);         /* 4: same call */
    v = verdict(c);
    CHECK(!v.has_final && !v.has_cause && !v.has_setup_time);
    CHECK(v.ended_by == SC_ENDED_UNKNOWN);
    CHECK(resp(210, 100, 2, "INVITE", CID, NULL, NO_REASON) == c);         /* 5 */
    CHECK(resp(1200, 486, 2, "INVITE", CID, "b1", NO_REASON) == c);        /* 6 */
    CHECK(req(1210, "ACK", 2, CID, "a1", "b1", NO_REASON) == c);           /* 7 */
    v = verdict(c);
    CHECK(v.has_final && v.final_code == 486 && v.final_frame == 6);
    CHECK_STR(v.outcome, "busy");
    CHECK(v.has_cause && v.cause == 17);
    CHECK_STR(v.cause_name, "USER_BUSY");
    CHECK_STR(v.cause_source_name, "mapping");
    CHECK_STR(v.ended_by_name, "network");
    CHECK(v.has_setup_time && v.setup_time_ns == 1000 * MS); /* from the re-sent INVITE */
    CHECK(sc_calls_count(T) == 1);
    const struct sc_call_totals *tt = sc_calls_totals(T);
    CHECK(tt->requests == 1);
    CHECK(tt->srd_failure.count == 1 && tt->srd_failure.min_ns == 1000 * MS);
    CHECK(tt->srd_success.count == 0);
    CHECK(tt->effective == 1 && tt->answered_200 == 0);
    CHECK(tt->by_cause[17] == 1 && tt->by_cause[21] == 0);
}

static void test_challenge_left_unanswered(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(50, 401, 1, "INVITE", CID, "p1", NO_REASON);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.final_code == 401);
    CHECK_STR(v.outcome, "challenge");
    CHECK(v.cause == 21 && v.cause_source == SC_CAUSE_MAPPING);
    /* a challenge is kept out of the delay totals (a re-send restarts it) */
    const struct sc_call_totals *tt = sc_calls_totals(T);
    CHECK(tt->srd_failure.count == 0 && tt->srd_success.count == 0);
    CHECK(tt->requests == 1 && tt->by_outcome[3] == 1); /* challenge: 4th outcome of data/outcomes.tsv */
    CHECK_STR(tt->outcome_names[3], "challenge");
}

/* 700-799 and 800+ are no final SIP response (RFC 3261 s21): the call
 * waits for a real one. */
static void test_codes_above_699_are_not_final(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(40, 800, 1, "INVITE", CID, "b1", NO_REASON);
    resp(60, 701, 1, "INVITE", CID, "b1", NO_REASON);
    CHECK(!verdict(c).has_final);
    resp(80, 486, 1, "INVITE", CID, "b1", NO_REASON);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.has_final && v.final_code == 486);
    CHECK_STR(v.outcome, "busy");
}

static void test_provisional_reason(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(300, 183, 1, "INVITE", CID, "b1", 34);
    resp(9000, 480, 1, "INVITE", CID, "b1", NO_REASON);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.final_code == 480);
    CHECK_STR(v.outcome, "no-answer");
    CHECK(v.cause == 34 && v.cause_source == SC_CAUSE_PROVISIONAL_REASON);
    CHECK_STR(v.cause_name, "NORMAL_CIRCUIT_CONGESTION");
    CHECK_STR(v.cause_source_name, "provisional-reason");
    CHECK(v.setup_time_ns == 300 * MS);

    /* the final response's Reason wins over a provisional one */
    reset();
    c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(300, 183, 1, "INVITE", CID, "b1", 34);
    resp(900, 486, 1, "INVITE", CID, "b1", 1);
    v = verdict(c);
    CHECK(v.cause == 1 && v.cause_source == SC_CAUSE_FINAL_REASON);
    CHECK_STR(v.cause_source_name, "final-reason");

    /* 100 Trying does not count as a provisional Reason nor stops the clock */
    reset();
    c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(20, 100, 1, "INVITE", CID, NULL, 41);
    resp(700, 404, 1, "INVITE", CID, "b1", NO_REASON);
    v = verdict(c);
    CHECK(v.cause == 1 && v.cause_source == SC_CAUSE_MAPPING); /* RFC 3398: 404 -> 1 */
    CHECK(v.setup_time_ns == 700 * MS);
}

static void test_cancel(void)
{
    CHECK(sc_sip_to_q850_cause(487) == -1); /* RFC 3398 s8.2.6.1 has no row for 487 */
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);    /* 1 */
    resp(400, 180, 1, "INVITE", CID, "b1", NO_REASON);                      /* 2 */
    CHECK(req(5000, "CANCEL", 1, CID, "a1", NULL, NO_REASON) == c);         /* 3 */
    struct sc_call_verdict v = verdict(c);
    CHECK(!v.has_final);
    CHECK_STR(v.ended_by_name, "caller");
    CHECK(resp(5010, 200, 1, "CANCEL", CID, "b1", NO_REASON) == c);         /* 4: not the final */
    CHECK(!verdict(c).has_final);
    CHECK(resp(5020, 487, 1, "INVITE", CID, "b1", NO_REASON) == c);         /* 5 */
    v = verdict(c);
    CHECK(v.has_final && v.final_code == 487 && v.final_frame == 5);
    CHECK_STR(v.outcome, "cancelled");
    CHECK(!v.has_cause);
    CHECK(v.cause_source_name == NULL);
    CHECK_STR(v.ended_by_name, "caller");
    CHECK(v.setup_time_ns == 400 * MS);

    /* with a Reason in the CANCEL */
    reset();
    c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    req(2000, "CANCEL", 1, CID, "a1", NULL, 31);
    resp(2010, 487, 1, "INVITE", CID, "b1", NO_REASON);
    v = verdict(c);
    CHECK(v.cause == 31 && v.cause_source == SC_CAUSE_CANCEL_REASON);
    CHECK_STR(v.cause_source_name, "cancel-reason");
    CHECK_STR(v.cause_name, "NORMAL_UNSPECIFIED");
    /* the 487's own Reason comes first */
    reset();
    c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    req(2000, "CANCEL", 1, CID, "a1", NULL, 31);
    resp(2010, 487, 1, "INVITE", CID, "b1", 16);
    v = verdict(c);
    CHECK(v.cause == 16 && v.cause_source == SC_CAUSE_FINAL_REASON);
}

static void test_retransmissions(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);   /* 1 */
    CHECK(req(500, "INVITE", 1, CID, "a1", NULL, NO_REASON) == c);         /* 2 */
    resp(800, 180, 1, "INVITE", CID, "b1", NO_REASON);                     /* 3 */
    resp(1300, 180, 1, "INVITE", CID, "b1", NO_REASON);                    /* 4 */
    resp(4000, 486, 1, "INVITE", CID, "b1", NO_REASON);                    /* 5 */
    resp(4500, 486, 1, "INVITE", CID, "b1", NO_REASON);                    /* 6 */
    struct sc_call_verdict v = verdict(c);
    CHECK(v.final_code == 486 && v.final_frame == 5);
    CHECK(v.setup_time_ns == 800 * MS); /* from the first INVITE to the first 180 */
    const struct sc_call_totals *tt = sc_calls_totals(T);
    CHECK(sc_calls_count(T) == 1 && tt->requests == 1);
    CHECK(tt->srd_success.count == 1 && tt->srd_success.sum_ns == 800 * MS);
    CHECK(tt->by_outcome[7] == 1); /* busy */
    CHECK_STR(tt->outcome_names[7], "busy");
}

static void test_forked_provisionals(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    CHECK(resp(300, 180, 1, "INVITE", CID, "f1", NO_REASON) == c);
    CHECK(resp(450, 180, 1, "INVITE", CID, "f2", NO_REASON) == c);
    CHECK(resp(3000, 200, 1, "INVITE", CID, "f2", NO_REASON) == c);
    struct sc_call_verdict v = verdict(c);
    CHECK(sc_calls_count(T) == 1);
    CHECK(v.final_code == 200 && v.final_frame == 4);
    CHECK(v.setup_time_ns == 300 * MS);
}

static void test_reinvite(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);   /* 1 */
    resp(1000, 200, 1, "INVITE", CID, "b1", NO_REASON);                    /* 2 */
    req(1010, "ACK", 1, CID, "a1", "b1", NO_REASON);                       /* 3 */
    CHECK(req(5000, "INVITE", 2, CID, "a1", "b1", NO_REASON) == c);        /* 4: re-INVITE */
    CHECK(resp(5100, 491, 2, "INVITE", CID, "b1", 41) == c);               /* 5 */
    CHECK(req(5110, "ACK", 2, CID, "a1", "b1", NO_REASON) == c);           /* 6 */
    CHECK(req(6000, "INVITE", 3, CID, "b1", "a1", NO_REASON) == c);        /* 7: from the callee */
    CHECK(resp(6100, 200, 3, "INVITE", CID, "a1", NO_REASON) == c);        /* 8 */
    struct sc_call_verdict v = verdict(c);
    CHECK(sc_calls_count(T) == 1);
    CHECK(v.final_code == 200 && v.final_frame == 2);
    CHECK(!v.has_cause);
    CHECK(v.setup_time_ns == 1000 * MS);
    CHECK(req(9000, "BYE", 4, CID, "a1", "b1", NO_REASON) == c);
    v = verdict(c);
    CHECK(v.duration_ns == 8000 * MS && v.cause == 16);
    CHECK(sc_calls_totals(T)->completed == 1);
}

static void test_redirect_and_new_call(void)
{
    reset();
    struct sc_call *c = req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(50, 302, 1, "INVITE", CID, "r1", NO_REASON);
    req(60, "ACK", 1, CID, "a1", "r1", NO_REASON);
    struct sc_call_verdict v = verdict(c);
    CHECK(v.final_code == 302);
    CHECK_STR(v.outcome, "redirected");
    CHECK(!v.has_cause); /* RFC 3398 maps no 3xx */
    CHECK_STR(v.ended_by_name, "network");
    CHECK(v.setup_time_ns == 50 * MS);
    const struct sc_call_totals *tt = sc_calls_totals(T);
    CHECK(tt->srd_success.count == 0 && tt->srd_failure.count == 0); /* 3xx is neither */
    CHECK(tt->redirected_3xx == 1);
    /* following the redirect with the same Call-ID: a new session request */
    struct sc_call *d = req(100, "INVITE", 2, CID, "a1", NULL, NO_REASON);
    CHECK(d != NULL && d != c);
    CHECK(sc_call_serial(c) == 1 && sc_call_serial(d) == 2);
    CHECK(sc_calls_find(T, CID, strlen(CID)) == d);
    CHECK(sc_calls_get(T, 1) == c && sc_calls_get(T, 2) == d && sc_calls_get(T, 3) == NULL);
    CHECK(sc_calls_get(T, 0) == NULL);
    CHECK(resp(900, 200, 2, "INVITE", CID, "b1", NO_REASON) == d);
    CHECK(verdict(d).final_code == 200 && verdict(c).final_code == 302);
    CHECK(tt->requests == 2 && tt->redirected_3xx == 1 && tt->answered_200 == 1);
}

static void test_interleaved_and_strays(void)
{
    reset();
    const char *A = "a@x", *B = "b@x";
    struct sc_call *a = req(0, "INVITE", 1, A, "ta", NULL, NO_REASON);     /* 1 */
    struct sc_call *b = req(100, "INVITE", 1, B, "tb", NULL, NO_REASON);   /* 2 */
    CHECK(a && b && a != b);
    CHECK(resp(200, 180, 1, "INVITE", B, "xb", NO_REASON) == b);           /* 3 */
    CHECK(resp(300, 180, 1, "INVITE", A, "xa", NO_REASON) == a);           /* 4 */
    CHECK(resp(1100, 603, 1, "INVITE", B, "xb", NO_REASON) == b);          /* 5 */
    CHECK(resp(1200, 200, 1, "INVITE", A, "xa", NO_REASON) == a);          /* 6 */
    /* a BYE with a Reason for a call never seen */
    CHECK(req(1300, "BYE", 5, "ghost@x", "g1", "g2", 16) == NULL);         /* 7 */
    CHECK(resp(1310, 200, 5, "BYE", "ghost@x", "g2", NO_REASON) == NULL);  /* 8 */
    CHECK(resp(1320, 486, 1, "INVITE", "ghost2@x", "g2", NO_REASON) == NULL);
    CHECK(req(1330, "CANCEL", 1, "ghost3@x", "g1", NULL, 31) == NULL);
    CHECK(req(1340, "INVITE", 1, NULL, "g1", NULL, NO_REASON) == NULL);    /* no Call-ID */
    CHECK(sc_calls_count(T) == 2);
    struct sc_call_verdict va = verdict(a), vb = verdict(b);
    CHECK(va.final_code == 200 && va.final_frame == 6 && va.setup_time_ns == 300 * MS);
    CHECK(vb.final_code == 603 && vb.final_frame == 5 && vb.setup_time_ns == 100 * MS);
    CHECK_STR(vb.outcome, "rejected");
    CHECK(vb.cause == 21 && vb.cause_source == SC_CAUSE_MAPPING);
    CHECK(sc_calls_find(T, "ghost@x", 7) == NULL);
}

static void test_copies_and_growth(void)
{
    reset();
    char id[32], tag[8];
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "call-%d@example.com", i);
        snprintf(tag, sizeof tag, "t%d", i);
        CHECK(req(i, "INVITE", 1, id, tag, NULL, NO_REASON) != NULL);
        memset(id, 'Z', sizeof id - 1); /* the table must have copied it */
        memset(tag, 'Z', sizeof tag - 1);
    }
    CHECK(sc_calls_count(T) == 3000);
    int found = 0;
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "call-%d@example.com", i);
        struct sc_call *c = sc_calls_find(T, id, strlen(id));
        if (c && sc_call_serial(c) == (uint32_t)i + 1)
            found++;
    }
    CHECK(found == 3000);
    /* the BYE's From tag is compared with the copied INVITE From tag */
    snprintf(id, sizeof id, "call-%d@example.com", 17);
    resp(5000, 200, 1, "INVITE", id, "b", NO_REASON);
    req(6000, "BYE", 2, id, "t17", "b", NO_REASON);
    CHECK_STR(verdict(sc_calls_find(T, id, strlen(id))).ended_by_name, "caller");
    CHECK(sc_calls_totals(T)->no_final == 2999);
}

static const struct sc_metric_row *row_named(const struct sc_metric_row *rows, size_t n, const char *label)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].label, label) == 0)
            return &rows[i];
    return NULL;
}

#define CHECK_ROW(want_label, want_value)                                                  \
    do {                                                                         \
        const struct sc_metric_row *r_ = row_named(rows, n, (want_label));           \
        if (!r_) fprintf(stderr, "  no row [%s]\n", (want_label));                   \
        CHECK(r_ != NULL);                                                       \
        if (r_) CHECK_STR(r_->value, (want_value));                                   \
    } while (0)

/* The same eleven calls as tests/captures/calls_mixed.txt:
 *  c1  180 +0.2, 200 +1.0, BYE (caller, cause 16) +31.0  answered, completed
 *  c2  180 +0.4, 200 +2.0, BYE (callee) +12.0             answered, completed
 *  c3  407 +0.1, re-sent INVITE +0.2, 180 +0.5, 200 +1.5  answered, no BYE
 *  c4  486 +0.3        c5  180 +0.6, 480 +10.6    c6  302 +0.05
 *  c7  503 +0.5        c8  408 +32.0              c9  180 +0.2, CANCEL, 487
 *  c10 404 +0.1        c11 603 +0.7
 * requests 11, 3xx 1, 200 3 => SER = 3/(11-1) = 30.00 %
 * 200+480+486+600+603: 3+1+1+0+1 = 6 => SEER = 6/10 = 60.00 %
 * 408, 500, 503, 504: 2 => ISA = 2/11 = 18.18 %
 * 200 then BYE: 2 => SCR = 2/11 = 18.18 %
 * SRD successful (18x or 200 first): 0.2 0.4 0.3 0.6 0.2 => 5, min 0.2, mean 1.7/5 = 0.34, max 0.6
 * SRD failed (4xx-6xx first): 0.3 0.5 32.0 0.1 0.7 => 5, min 0.1, mean 33.6/5 = 6.72, max 32.0
 * SDT: 30.0 and 10.0 => 2, min 10, mean 20, max 30 */
static void feed_mixed(void)
{
    reset();
    int64_t t0;
    t0 = 0;       /* c1 */
    req(t0, "INVITE", 1, "m1", "a1", NULL, NO_REASON);
    resp(t0 + 200, 180, 1, "INVITE", "m1", "b1", NO_REASON);
    resp(t0 + 1000, 200, 1, "INVITE", "m1", "b1", NO_REASON);
    req(t0 + 1010, "ACK", 1, "m1", "a1", "b1", NO_REASON);
    req(t0 + 31000, "BYE", 2, "m1", "a1", "b1", 16);
    resp(t0 + 31010, 200, 2, "BYE", "m1", "b1", NO_REASON);
    t0 = 40000;   /* c2 */
    req(t0, "INVITE", 1, "m2", "a2", NULL, NO_REASON);
    resp(t0 + 400, 180, 1, "INVITE", "m2", "b2", NO_REASON);
    resp(t0 + 2000, 200, 1, "INVITE", "m2", "b2", NO_REASON);
    req(t0 + 2010, "ACK", 1, "m2", "a2", "b2", NO_REASON);
    req(t0 + 12000, "BYE", 1, "m2", "b2", "a2", NO_REASON);
    resp(t0 + 12010, 200, 1, "BYE", "m2", "a2", NO_REASON);
    t0 = 60000;   /* c3 */
    req(t0, "INVITE", 1, "m3", "a3", NULL, NO_REASON);
    resp(t0 + 100, 407, 1, "INVITE", "m3", "p3", NO_REASON);
    req(t0 + 110, "ACK", 1, "m3", "a3", "p3", NO_REASON);
    req(t0 + 200, "INVITE", 2, "m3", "a3", NULL, NO_REASON);
    resp(t0 + 500, 180, 2, "INVITE", "m3", "b3", NO_REASON);
    resp(t0 + 1500, 200, 2, "INVITE", "m3", "b3", NO_REASON);
    req(t0 + 1510, "ACK", 2, "m3", "a3", "b3", NO_REASON);
    t0 = 70000;   /* c4 */
    req(t0, "INVITE", 1, "m4", "a4", NULL, NO_REASON);
    resp(t0 + 300, 486, 1, "INVITE", "m4", "b4", NO_REASON);
    req(t0 + 310, "ACK", 1, "m4", "a4", "b4", NO_REASON);
    t0 = 80000;   /* c5 */
    req(t0, "INVITE", 1, "m5", "a5", NULL, NO_REASON);
    resp(t0 + 600, 180, 1, "INVITE", "m5", "b5", NO_REASON);
    resp(t0 + 10600, 480, 1, "INVITE", "m5", "b5", NO_REASON);
    req(t0 + 10610, "ACK", 1, "m5", "a5", "b5", NO_REASON);
    t0 = 100000;  /* c6 */
    req(t0, "INVITE", 1, "m6", "a6", NULL, NO_REASON);
    resp(t0 + 50, 302, 1, "INVITE", "m6", "b6", NO_REASON);
    req(t0 + 60, "ACK", 1, "m6", "a6", "b6", NO_REASON);
    t0 = 110000;  /* c7 */
    req(t0, "INVITE", 1, "m7", "a7", NULL, NO_REASON);
    resp(t0 + 500, 503, 1, "INVITE", "m7", "b7", NO_REASON);
    req(t0 + 510, "ACK", 1, "m7", "a7", "b7", NO_REASON);
    t0 = 120000;  /* c8 */
    req(t0, "INVITE", 1, "m8", "a8", NULL, NO_REASON);
    resp(t0 + 32000, 408, 1, "INVITE", "m8", "b8", NO_REASON);
    req(t0 + 32010, "ACK", 1, "m8", "a8", "b8", NO_REASON);
    t0 = 160000;  /* c9 */
    req(t0, "INVITE", 1, "m9", "a9", NULL, NO_REASON);
    resp(t0 + 200, 180, 1, "INVITE", "m9", "b9", NO_REASON);
    req(t0 + 5000, "CANCEL", 1, "m9", "a9", NULL, NO_REASON);
    resp(t0 + 5010, 200, 1, "CANCEL", "m9", "b9", NO_REASON);
    resp(t0 + 5100, 487, 1, "INVITE", "m9", "b9", NO_REASON);
    req(t0 + 5110, "ACK", 1, "m9", "a9", "b9", NO_REASON);
    t0 = 170000;  /* c10 */
    req(t0, "INVITE", 1, "m10", "a10", NULL, NO_REASON);
    resp(t0 + 100, 404, 1, "INVITE", "m10", "b10", NO_REASON);
    req(t0 + 110, "ACK", 1, "m10", "a10", "b10", NO_REASON);
    t0 = 180000;  /* c11 */
    req(t0, "INVITE", 1, "m11", "a11", NULL, NO_REASON);
    resp(t0 + 700, 603, 1, "INVITE", "m11", "b11", NO_REASON);
    req(t0 + 710, "ACK", 1, "m11", "a11", "b11", NO_REASON);
}

static void test_mixed_totals(void)
{
    feed_mixed();
    const struct sc_call_totals *t = sc_calls_totals(T);
    CHECK(t->requests == 11 && t->redirected_3xx == 1 && t->answered_200 == 3);
    CHECK(t->effective == 6 && t->ineffective == 2 && t->completed == 2);
    struct sc_metric_row rows[SC_CALL_ROWS_MAX];
    size_t n = sc_call_totals_rows(t, rows, SC_CALL_ROWS_MAX);
    CHECK(n <= SC_CALL_ROWS_MAX);
    CHECK_ROW("Session requests (initial INVITEs)", "11");
    CHECK_ROW("Session Establishment Ratio, SER (RFC 6076 s4.6)", "30.00 % (3/10)");
    CHECK_ROW("Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7)", "60.00 % (6/10)");
    CHECK_ROW("Ineffective Session Attempts, ISA (RFC 6076 s4.8)", "18.18 % (2/11)");
    CHECK_ROW("Session Completion Ratio, SCR (RFC 6076 s4.9)", "18.18 % (2/11)");
    CHECK_ROW("Session Request Delay, successful, count (RFC 6076 s4.3.1)", "5");
    CHECK_ROW("Session Request Delay, successful, min (RFC 6076 s4.3.1)", "0.200000 s");
    CHECK_ROW("Session Request Delay, successful, mean (RFC 6076 s4.3.1)", "0.340000 s");
    CHECK_ROW("Session Request Delay, successful, max (RFC 6076 s4.3.1)", "0.600000 s");
    CHECK_ROW("Session Request Delay, failed, count (RFC 6076 s4.3.2)", "5");
    CHECK_ROW("Session Request Delay, failed, min (RFC 6076 s4.3.2)", "0.100000 s");
    CHECK_ROW("Session Request Delay, failed, mean (RFC 6076 s4.3.2)", "6.720000 s");
    CHECK_ROW("Session Request Delay, failed, max (RFC 6076 s4.3.2)", "32.000000 s");
    CHECK_ROW("Session Duration Time, count (RFC 6076 s4.5)", "2");
    CHECK_ROW("Session Duration Time, min (RFC 6076 s4.5)", "10.000000 s");
    CHECK_ROW("Session Duration Time, mean (RFC 6076 s4.5)", "20.000000 s");
    CHECK_ROW("Session Duration Time, max (RFC 6076 s4.5)", "30.000000 s");
    CHECK_ROW("Calls by outcome", "11");
    CHECK_ROW("Outcome answered", "3");
    CHECK_ROW("Outcome redirected", "1");
    CHECK_ROW("Outcome failed", "1");
    CHECK_ROW("Outcome rejected", "1");
    CHECK_ROW("Outcome not-found", "1");
    CHECK_ROW("Outcome no-answer", "2");
    CHECK_ROW("Outcome busy", "1");
    CHECK_ROW("Outcome cancelled", "1");
    CHECK(row_named(rows, n, "Outcome challenge") == NULL);          /* c3's challenge was re-sent */
    CHECK(row_named(rows, n, "Outcome (no final response)") == NULL);
    CHECK_ROW("Calls by cause", "11");
    CHECK_ROW("Cause 1 UNALLOCATED_NUMBER", "1");   /* c10 404 */
    CHECK_ROW("Cause 16 NORMAL_CLEARING", "2");     /* c1 BYE Reason, c2 BYE */
    CHECK_ROW("Cause 17 USER_BUSY", "1");           /* c4 486 */
    CHECK_ROW("Cause 18 NO_USER_RESPONSE", "1");    /* c5 480 */
    CHECK_ROW("Cause 21 CALL_REJECTED", "1");       /* c11 603 */
    CHECK_ROW("Cause 41 NORMAL_TEMPORARY_FAILURE", "1"); /* c7 503 */
    CHECK_ROW("Cause 102 RECOVERY_ON_TIMER_EXPIRE", "1"); /* c8 408 */
    CHECK_ROW("Cause (none)", "3");                 /* c3 no BYE, c6 302, c9 487 */
    /* exactly these rows, in this order */
    static const char *const order[] = {
        "Session requests (initial INVITEs)",
        "Session Establishment Ratio, SER (RFC 6076 s4.6)",
        "Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7)",
        "Ineffective Session Attempts, ISA (RFC 6076 s4.8)",
        "Session Completion Ratio, SCR (RFC 6076 s4.9)",
        "Session Request Delay, successful, count (RFC 6076 s4.3.1)",
        "Session Request Delay, successful, min (RFC 6076 s4.3.1)",
        "Session Request Delay, successful, mean (RFC 6076 s4.3.1)",
        "Session Request Delay, successful, max (RFC 6076 s4.3.1)",
        "Session Request Delay, failed, count (RFC 6076 s4.3.2)",
        "Session Request Delay, failed, min (RFC 6076 s4.3.2)",
        "Session Request Delay, failed, mean (RFC 6076 s4.3.2)",
        "Session Request Delay, failed, max (RFC 6076 s4.3.2)",
        "Session Duration Time, count (RFC 6076 s4.5)",
        "Session Duration Time, min (RFC 6076 s4.5)",
        "Session Duration Time, mean (RFC 6076 s4.5)",
        "Session Duration Time, max (RFC 6076 s4.5)",
        "Calls by outcome",
        "Outcome answered", "Outcome redirected", "Outcome failed", "Outcome rejected",
        "Outcome not-found", "Outcome no-answer", "Outcome busy", "Outcome cancelled",
        "Calls by cause",
        "Cause 1 UNALLOCATED_NUMBER", "Cause 16 NORMAL_CLEARING", "Cause 17 USER_BUSY",
        "Cause 18 NO_USER_RESPONSE", "Cause 21 CALL_REJECTED", "Cause 41 NORMAL_TEMPORARY_FAILURE",
        "Cause 102 RECOVERY_ON_TIMER_EXPIRE", "Cause (none)",
    };
    CHECK(n == sizeof order / sizeof order[0]);
    for (size_t i = 0; i < n && i < sizeof order / sizeof order[0]; i++)
        CHECK_STR(rows[i].label, order[i]);
    CHECK(rows[0].depth == 0 && rows[18].depth == 1 && rows[17].depth == 0);
    CHECK(rows[1].unit == SC_UNIT_PERCENT && rows[1].has_value && rows[1].number > 29.99 && rows[1].number < 30.01);

    /* a short buffer gets the first rows and the full count */
    struct sc_metric_row few[3];
    CHECK(sc_call_totals_rows(t, few, 3) == n);
    CHECK_STR(few[2].label, "Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7)");
}

static void test_empty_totals(void)
{
    reset();
    struct sc_metric_row rows[SC_CALL_ROWS_MAX];
    size_t n = sc_call_totals_rows(sc_calls_totals(T), rows, SC_CALL_ROWS_MAX);
    CHECK_ROW("Session requests (initial INVITEs)", "0");
    CHECK_ROW("Session Establishment Ratio, SER (RFC 6076 s4.6)", "n/a");
    CHECK_ROW("Session Completion Ratio, SCR (RFC 6076 s4.9)", "n/a");
    CHECK_ROW("Session Request Delay, failed, count (RFC 6076 s4.3.2)", "0");
    CHECK_ROW("Session Request Delay, failed, mean (RFC 6076 s4.3.2)", "n/a");
    CHECK(!row_named(rows, n, "Session Establishment Ratio, SER (RFC 6076 s4.6)")->has_value);
    /* only redirects: SER undefined (zero denominator), SCR 0 % */
    req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    resp(10, 301, 1, "INVITE", CID, "r", NO_REASON);
    n = sc_call_totals_rows(sc_calls_totals(T), rows, SC_CALL_ROWS_MAX);
    CHECK_ROW("Session Establishment Ratio, SER (RFC 6076 s4.6)", "n/a");
    CHECK_ROW("Session Completion Ratio, SCR (RFC 6076 s4.9)", "0.00 % (0/1)");
}

static void test_totals_follow_state(void)
{
    /* totals are right after every event, not only at the end */
    reset();
    const struct sc_call_totals *t = sc_calls_totals(T);
    req(0, "INVITE", 1, CID, "a1", NULL, NO_REASON);
    CHECK(t->requests == 1 && t->no_final == 1 && t->no_cause == 1);
    resp(100, 407, 1, "INVITE", CID, "p", NO_REASON);
    CHECK(t->no_final == 0 && t->by_outcome[3] == 1 && t->by_cause[21] == 1 && t->no_cause == 0);
    req(200, "INVITE", 2, CID, "a1", NULL, NO_REASON);
    CHECK(t->requests == 1 && t->no_final == 1 && t->by_outcome[3] == 0 && t->by_cause[21] == 0 && t->no_cause == 1);
    resp(900, 200, 2, "INVITE", CID, "b", NO_REASON);
    CHECK(t->answered_200 == 1 && t->by_outcome[0] == 1 && t->no_cause == 1 && t->completed == 0);
    req(5900, "BYE", 3, CID, "a1", "b", NO_REASON);
    CHECK(t->completed == 1 && t->by_cause[16] == 1 && t->no_cause == 0);
    CHECK(t->sdt.count == 1 && t->sdt.sum_ns == 5000 * MS);
    CHECK(t->srd_success.count == 1 && t->srd_success.sum_ns == 700 * MS);
}

static void test_names(void)
{
    CHECK(sc_cause_source_name(SC_CAUSE_NONE) == NULL);
    CHECK_STR(sc_cause_source_name(SC_CAUSE_NORMAL_CLEARING), "normal-clearing");
    CHECK(sc_ended_by_name(SC_ENDED_UNKNOWN) == NULL);
    CHECK_STR(sc_ended_by_name(SC_ENDED_NETWORK), "network");
    /* NULL arguments are harmless */
    CHECK(sc_calls_feed(NULL, NULL) == NULL);
    CHECK(sc_calls_find(NULL, "x", 1) == NULL);
    struct sc_call_verdict v;
    sc_call_get_verdict(NULL, &v);
    CHECK(!v.has_final && !v.has_cause);
}

int main(void)
{
    test_answered_bye_from_caller();
    test_bye_from_callee_without_reason();
    test_challenge_then_busy();
    test_challenge_left_unanswered();
    test_codes_above_699_are_not_final();
    test_provisional_reason();
    test_cancel();
    test_retransmissions();
    test_forked_provisionals();
    test_reinvite();
    test_redirect_and_new_call();
    test_interleaved_and_strays();
    test_copies_and_growth();
    test_mixed_totals();
    test_empty_totals();
    test_totals_follow_state();
    test_names();
    sc_calls_free(T);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
