/* SPDX-License-Identifier: GPL-2.0-or-later
 * Unit tests of the header scanner and the explanation: RFC 3261 s7
 * (start lines, compact forms, folding), RFC 3326 (Reason values). */
#include "sc_explain.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

static bool text_eq(const char *buf, struct sc_text t, const char *want)
{
    return t.len == strlen(want) && memcmp(buf + t.off, want, t.len) == 0;
}

static void test_response(void)
{
    const char *m = "SIP/2.0 486 Busy Here\r\n"
                    "v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                    "f: \"A, B\" <sip:a@example.com;tag=nope>;tag=a1\r\n"
                    "To: <sip:b@example.com>;TAG=b2;x=1\r\n"
                    "i: abc@host\r\n"
                    "CSeq : 7 INVITE\r\n"
                    "Reason: SIP;cause=600;text=\"Busy, everywhere\",\r\n"
                    " Q.850;cause=17;text=\"User busy\"\r\n"
                    "Warning: 399 gw \"see 0x814\"\r\n"
                    "\r\n"
                    "Reason: Q.850;cause=1\r\n";
    struct sc_message msg;
    sc_message_scan(m, strlen(m), &msg);
    CHECK(msg.kind == SC_MSG_RESPONSE);
    CHECK(msg.code == 486 && msg.status_error == SC_STATUS_OK);
    CHECK(text_eq(m, msg.phrase, "Busy Here"));
    CHECK(text_eq(m, msg.from_tag, "a1"));
    CHECK(text_eq(m, msg.to_tag, "b2"));
    CHECK(text_eq(m, msg.call_id, "abc@host"));
    CHECK(msg.cseq_number == 7 && text_eq(m, msg.cseq_method, "INVITE"));
    CHECK(msg.n_reasons == 2); /* the one in the body is not a header */
    CHECK(msg.reasons[0].protocol == SC_REASON_SIP && msg.reasons[0].cause == 600);
    CHECK(text_eq(m, msg.reasons[0].text, "Busy, everywhere"));
    CHECK(msg.reasons[1].protocol == SC_REASON_Q850 && msg.reasons[1].cause == 17 && msg.reasons[1].has_cause);
    CHECK(text_eq(m, msg.reasons[1].name, "Q.850"));
    CHECK(msg.n_warnings == 1 && text_eq(m, msg.warnings[0].where, "399 gw \"see 0x814\""));

    struct sc_explanation ex;
    sc_explain(NULL, m, &msg, 0, &ex);
    CHECK(ex.is_response && ex.cls == SC_CLASS_CLIENT && !ex.phrase_nonstandard);
    CHECK(ex.reason_q850 == 1 && ex.reason_q850_agrees);
    CHECK(ex.mapped_cause == 17 && ex.has_outcome && ex.outcome == SC_OUTCOME_BUSY);
    CHECK(ex.reasons[0].sip && ex.reasons[0].sip->code == 600 && ex.reasons[0].sip_class == SC_CLASS_GLOBAL);
    CHECK(ex.reasons[1].q850 && strcmp(ex.reasons[1].q850->name, "USER_BUSY") == 0);
    CHECK(ex.n_devices >= 1 && strcmp(ex.devices[ex.n_devices - 1]->device, "0x814") == 0);
    CHECK(ex.expert == 0);
}

static void test_request_and_other(void)
{
    const char *bye = "BYE sip:b@example.com SIP/2.0\nCall-ID: x\nFrom: <sip:a@h>;tag=1\nTo: sip:b@h;tag=2\n"
                      "Reason: Q.850 ; cause = 16\n\n";
    struct sc_message msg;
    sc_message_scan(bye, strlen(bye), &msg);
    CHECK(msg.kind == SC_MSG_REQUEST && text_eq(bye, msg.method, "BYE"));
    CHECK(text_eq(bye, msg.to_tag, "2") && text_eq(bye, msg.from_tag, "1"));
    CHECK(msg.n_reasons == 1 && msg.reasons[0].cause == 16 && msg.reasons[0].protocol == SC_REASON_Q850);
    struct sc_explanation ex;
    sc_explain(NULL, bye, &msg, 0, &ex);
    CHECK(!ex.is_response && sc_explanation_worth_showing(&ex) && ex.reason_q850 == 0 && ex.expert == 0);

    const char *no_reason = "OPTIONS sip:b@h SIP/2.0\r\n\r\n";
    sc_message_scan(no_reason, strlen(no_reason), &msg);
    sc_explain(NULL, no_reason, &msg, 0, &ex);
    CHECK(msg.kind == SC_MSG_REQUEST && !sc_explanation_worth_showing(&ex));

    const char *junk = "hello world\r\n\r\n";
    sc_message_scan(junk, strlen(junk), &msg);
    CHECK(msg.kind == SC_MSG_OTHER);

    /* lone CR line ends, and a folded header */
    const char *cr = "SIP/2.0 480 Temporarily Unavailable\rCSeq: 1\r  INVITE\rReason: Q.850;cause=18\r\r";
    sc_message_scan(cr, strlen(cr), &msg);
    CHECK(msg.kind == SC_MSG_RESPONSE && msg.code == 480 && text_eq(cr, msg.cseq_method, "INVITE"));
    CHECK(msg.n_reasons == 1 && msg.reasons[0].cause == 18);

    /* a damaged CSeq number still names its method (seen in a fuzzed capture) */
    const char *junk_cseq = "SIP/2.0 407 Proxy Authentication Required\r\nCSeq: \x11 INVITE\r\n\r\n";
    sc_message_scan(junk_cseq, strlen(junk_cseq), &msg);
    CHECK(text_eq(junk_cseq, msg.cseq_method, "INVITE"));

    /* methods are case-sensitive: no outcome for a CSeq "invite" */
    const char *lower = "SIP/2.0 486 Busy Here\r\nCSeq: 1 invite\r\n\r\n";
    sc_message_scan(lower, strlen(lower), &msg);
    sc_explain(NULL, lower, &msg, 0, &ex);
    CHECK(!ex.has_outcome);
}

static void test_malformed(void)
{
    struct sc_message msg;
    struct sc_explanation ex;
    const char *m = "SIP/2.0 48 Short\r\n\r\n";
    sc_message_scan(m, strlen(m), &msg);
    sc_explain(NULL, m, &msg, 0, &ex);
    CHECK(msg.status_error == SC_STATUS_BAD_CODE && ex.code == 48);
    CHECK(ex.expert & SC_EXPERT_BIT(SC_EXPERT_MALFORMED));
    CHECK(ex.expert & SC_EXPERT_BIT(SC_EXPERT_OUT_OF_RANGE));

    /* more Reason values than kept are counted */
    char many[2048] = "SIP/2.0 500 Server Internal Error\r\nReason: ";
    for (int i = 0; i < SC_MAX_REASONS + 3; i++)
        strcat(many, i ? ", Q.850;cause=41" : "Q.850;cause=41");
    strcat(many, "\r\n\r\n");
    sc_message_scan(many, strlen(many), &msg);
    CHECK(msg.n_reasons == SC_MAX_REASONS && msg.reasons_dropped == 3);

    /* nothing read past the given length */
    const char *cut = "SIP/2.0 486 Busy Here\r\nReason: Q.850;cause=17";
    sc_message_scan(cut, strlen(cut) - 2, &msg);
    CHECK(msg.n_reasons == 1 && msg.reasons[0].cause == 0 && !msg.reasons[0].has_cause);
    sc_message_scan(NULL, 0, &msg);
    CHECK(msg.kind == SC_MSG_OTHER);
}

/* Warning values, RFC 3261 s20.43: warn-code SP warn-agent SP warn-text
 * (a quoted string), values separated by commas, in as many headers as
 * sent; the warn-codes of the IANA registry (data/warn_codes.tsv). */
static void test_warnings(void)
{
    const char *m = "SIP/2.0 488 Not Acceptable Here\r\n"
                    "CSeq: 1 INVITE\r\n"
                    "Warning: 305 isi.edu \"Incompatible media format\", 370 [2001:db8::1]:5060 \"no, bandwidth\"\r\n"
                    "Warning: 399 gw \"see 0x814\"\r\n"
                    "warning: 342 gw  \"not registered\" , , x y\r\n"
                    "\r\n"
                    "Warning: 399 body \"not a header\"\r\n";
    struct sc_message msg;
    sc_message_scan(m, strlen(m), &msg);
    CHECK(msg.n_warnings == 5 && msg.warnings_dropped == 0);
    const struct sc_warning *w = msg.warnings;
    CHECK(w[0].has_code && w[0].code == 305 && text_eq(m, w[0].code_text, "305"));
    CHECK(text_eq(m, w[0].where, "305 isi.edu \"Incompatible media format\""));
    CHECK(text_eq(m, w[0].agent, "isi.edu") && text_eq(m, w[0].text, "Incompatible media format"));
    CHECK(w[1].code == 370 && text_eq(m, w[1].agent, "[2001:db8::1]:5060") && text_eq(m, w[1].text, "no, bandwidth"));
    CHECK(w[2].code == 399 && text_eq(m, w[2].text, "see 0x814"));
    CHECK(w[3].has_code && w[3].code == 342 && text_eq(m, w[3].agent, "gw") && text_eq(m, w[3].text, "not registered"));
    CHECK(!w[4].has_code && text_eq(m, w[4].code_text, "x") && text_eq(m, w[4].agent, "y") && w[4].text.len == 0);

    struct sc_explanation ex;
    sc_explain(NULL, m, &msg, 0, &ex);
    CHECK(ex.n_warnings == 5 && ex.warnings[0].value == &msg.warnings[0]);
    CHECK(ex.warnings[0].known && strcmp(ex.warnings[0].known->text, "Incompatible media format") == 0);
    CHECK(ex.warnings[1].known && strcmp(ex.warnings[1].known->text, "Insufficient bandwidth") == 0);
    CHECK(ex.warnings[2].known && ex.warnings[2].known->code == 399);
    CHECK(!ex.warnings[3].known && !ex.warnings[4].known); /* 342: no such warn-code; x: none at all */
    CHECK(ex.expert & SC_EXPERT_BIT(SC_EXPERT_WARNING_UNKNOWN));
    CHECK(ex.n_devices >= 1 && strcmp(ex.devices[ex.n_devices - 1]->device, "0x814") == 0);

    /* in a request too; a registered code is no note */
    const char *req = "OPTIONS sip:b@h SIP/2.0\r\nWarning: 399 proxy \"try later\"\r\n\r\n";
    sc_message_scan(req, strlen(req), &msg);
    sc_explain(NULL, req, &msg, 0, &ex);
    CHECK(msg.kind == SC_MSG_REQUEST && ex.n_warnings == 1 && ex.warnings[0].known && ex.expert == 0);
    CHECK(sc_explanation_worth_showing(&ex) && ex.n_devices == 0);

    /* more values than kept are counted */
    char many[2048] = "SIP/2.0 500 Server Internal Error\r\nWarning: ";
    for (int i = 0; i < SC_MAX_WARNINGS + 2; i++)
        strcat(many, i ? ", 399 a \"b\"" : "399 a \"b\"");
    strcat(many, "\r\n\r\n");
    sc_message_scan(many, strlen(many), &msg);
    CHECK(msg.n_warnings == SC_MAX_WARNINGS && msg.warnings_dropped == 2);

    /* a cut message: nothing read past its end, the open quote kept */
    const char *cut = "SIP/2.0 486 Busy Here\r\nWarning: 399 gw \"abc\"";
    sc_message_scan(cut, strlen(cut) - 1, &msg);
    CHECK(msg.n_warnings == 1 && text_eq(cut, msg.warnings[0].text, "\"abc"));
    sc_message_scan(cut, strlen(cut) - 10, &msg); /* up to "Warning: 39" */
    CHECK(msg.n_warnings == 1 && !msg.warnings[0].has_code && msg.warnings[0].agent.len == 0);
}

/* RFC 8606 s4: location= of a Q.850 Reason value, its token looked up in
 * data/reason_locations.tsv (ABNF literals: any letter case); the
 * location of a value of another protocol MUST be ignored. */
static void test_reason_locations(void)
{
    const char *m = "SIP/2.0 486 Busy Here\r\nCSeq: 1 INVITE\r\n"
                    "Reason: Q.850;cause=17;location=LN;text=\"User busy\", SIP;cause=486;location=TN\r\n"
                    "Reason: Q.850 ; cause=16 ; LOCATION = bi , Q.850;location=XYZ;cause=31;location=U\r\n"
                    "\r\n";
    struct sc_message msg;
    sc_message_scan(m, strlen(m), &msg);
    CHECK(msg.n_reasons == 4);
    CHECK(text_eq(m, msg.reasons[0].location, "LN") && text_eq(m, msg.reasons[0].text, "User busy"));
    CHECK(msg.reasons[1].protocol == SC_REASON_SIP && msg.reasons[1].location.len == 0);
    CHECK(text_eq(m, msg.reasons[2].location, "bi") && msg.reasons[2].cause == 16);
    CHECK(text_eq(m, msg.reasons[3].location, "XYZ")); /* the first location= counts */

    struct sc_explanation ex;
    sc_explain(NULL, m, &msg, 0, &ex);
    CHECK(ex.reasons[0].location && ex.reasons[0].location->value == 2
          && strcmp(ex.reasons[0].location->name, "public network serving the local user") == 0);
    CHECK(!ex.reasons[1].location);
    CHECK(ex.reasons[2].location && strcmp(ex.reasons[2].location->location, "BI") == 0
          && ex.reasons[2].location->value == 10);
    CHECK(!ex.reasons[3].location); /* XYZ: no RFC 8606 token */
    CHECK(ex.reason_q850 == 0 && ex.expert == 0);

    /* a request carries it too */
    const char *bye = "BYE sip:a@h SIP/2.0\r\nReason: Q.850;cause=16;location=INTL\r\n\r\n";
    sc_message_scan(bye, strlen(bye), &msg);
    sc_explain(NULL, bye, &msg, 0, &ex);
    CHECK(ex.n_reasons == 1 && ex.reasons[0].location && ex.reasons[0].location->value == 7);
}

/* Every row of data/hints.tsv alone in a phrase (data/README.md, "Phrase
 * hints"): a keyword of weight 2 or 3 gives its category, with the whole
 * word as found; one of weight 1 never decides alone. A known variant gets
 * no hint. */
static void test_hints(void)
{
    for (size_t i = 0; i < sc_hints_count; i++) {
        const struct sc_hint *h = &sc_hints[i];
        char m[256];
        snprintf(m, sizeof m, "SIP/2.0 %u Xq %szz here\r\n\r\n", h->n_codes ? h->codes[0].first : 480, h->keyword);
        struct sc_message msg;
        struct sc_explanation ex;
        sc_message_scan(m, strlen(m), &msg);
        sc_explain(NULL, m, &msg, 0, &ex);
        bool ok = h->weight >= SC_HINT_MIN_SCORE
                      ? ex.hint && ex.hint->category == h->category && ex.hint_word_off == 3
                            && ex.hint_word_len == strlen(h->keyword) + 2
                            && ex.phrase_kind == SC_PHRASE_KIND_HINTED
                            && (ex.expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_HINT))
                      : !ex.hint && ex.phrase_kind == SC_PHRASE_KIND_UNKNOWN;
        if (!ok)
            fprintf(stderr, "  hint row %zu '%s' (weight %u) alone: wrong hint\n", i + 2, h->keyword, h->weight);
        CHECK(ok);
        char text[512];
        size_t need = sc_hint_format(h, SC_LANG_EN, "WORD", 4, text, sizeof text);
        CHECK(need == strlen(text) && strstr(text, "WORD") && !strstr(text, "%s"));
    }
    CHECK(sc_hints_count > 0);
    /* not inside a word, and none for a standard phrase */
    const char *inside = "SIP/2.0 480 Xqpassword\r\n\r\n";
    struct sc_message msg;
    struct sc_explanation ex;
    sc_message_scan(inside, strlen(inside), &msg);
    sc_explain(NULL, inside, &msg, 0, &ex);
    CHECK(ex.hint == NULL || ex.hint_word_off != 2);
    const char *standard = "SIP/2.0 401 Unauthorized\r\n\r\n";
    sc_message_scan(standard, strlen(standard), &msg);
    sc_explain(NULL, standard, &msg, 0, &ex);
    CHECK(ex.hint == NULL && !(ex.expert & SC_EXPERT_BIT(SC_EXPERT_PHRASE_HINT)));
}

int main(void)
{
    sc_init();
    test_response();
    test_request_and_other();
    test_malformed();
    test_warnings();
    test_reason_locations();
    test_hints();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
