/* sipcodes core: reads what sipcodes needs from the bytes of one SIP
 * message (start line, CSeq, Call-ID, tags, Reason, Warning).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_MESSAGE_H
#define SC_MESSAGE_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A piece of the message: offset and length in its buffer. */
struct sc_text {
    uint32_t off, len;
};

enum sc_reason_protocol { SC_REASON_SIP, SC_REASON_Q850, SC_REASON_OTHER };

/* One value of a Reason header (RFC 3326): protocol;cause=N;text="...",
 * and for Q.850 ;location=LN (RFC 8606). */
struct sc_reason {
    enum sc_reason_protocol protocol;
    struct sc_text where;    /* the whole value */
    struct sc_text name;     /* the protocol as sent */
    struct sc_text text;     /* text= without quotes; len 0 when absent */
    struct sc_text location; /* location= of a Q.850 value (RFC 8606 s4) as sent; len 0
                                when absent, and for other protocols, whose location
                                RFC 8606 says to ignore */
    unsigned cause;          /* as sent, capped at 65535 */
    bool has_cause;
};

#define SC_MAX_REASONS 8

/* One value of a Warning header (RFC 3261 s20.43):
 * warn-code SP warn-agent SP warn-text, warn-text a quoted string. */
struct sc_warning {
    struct sc_text where;    /* the whole value */
    struct sc_text code_text; /* the warn-code as sent: the value up to its first blank */
    struct sc_text agent;    /* len 0 when absent */
    struct sc_text text;     /* warn-text without its quotes; what follows the agent when unquoted */
    unsigned code;           /* the warn-code when has_code */
    bool has_code;           /* code_text is exactly 3 digits */
};

#define SC_MAX_WARNINGS 8

enum sc_message_kind { SC_MSG_OTHER, SC_MSG_REQUEST, SC_MSG_RESPONSE };

struct sc_message {
    enum sc_message_kind kind;
    struct sc_text start_line;   /* without the line end */
    /* responses */
    enum sc_status_error status_error;
    unsigned code;               /* best effort when status_error is set */
    struct sc_text phrase;
    /* requests */
    struct sc_text method;
    /* headers; len 0 when absent */
    struct sc_text cseq_method;
    uint32_t cseq_number;        /* capped at 0xffffffff */
    struct sc_text call_id;
    struct sc_text from_tag, to_tag;
    struct sc_text from_uri, to_uri; /* the addr-spec, without display name or <> */
    struct sc_text via_branch;   /* branch= of the first Via value */
    bool via_seen;
    unsigned n_reasons;
    unsigned reasons_dropped;    /* values past SC_MAX_REASONS */
    unsigned n_warnings;
    unsigned warnings_dropped;   /* values past SC_MAX_WARNINGS */
    /* arrays last: a scan clears only what comes before them */
    struct sc_reason reasons[SC_MAX_REASONS];
    struct sc_warning warnings[SC_MAX_WARNINGS]; /* every value of every Warning header */
};

/* Reads the start line and the headers up to the blank line. Never reads
 * past len; the buffer need not be NUL-terminated. */
void sc_message_scan(const char *buf, size_t len, struct sc_message *out);
/* The same, stopping once it has what sc_engine_feed() reads from this
 * message: the rest (Warning, Reason values that give no call its cause)
 * may be missing. For a first pass where nobody looks at the message. */
void sc_message_scan_calls(const char *buf, size_t len, struct sc_message *out);

/* The Reason value that gives the message's cause (RFC 3326): the first
 * Q.850 value with a cause, else the first SIP value with a cause; -1 when
 * none. Every view and the call engine use this one rule. */
int sc_message_reason(const struct sc_message *m);

#ifdef __cplusplus
}
#endif
#endif
