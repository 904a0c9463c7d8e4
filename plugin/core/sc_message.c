/* sipcodes core: a small SIP header scanner (RFC 3261 s7 and s20.43,
 * RFC 3326, RFC 8606).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_message.h"

#include <stddef.h>
#include <string.h>

static inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
static inline bool blank(char c) { return c == ' ' || c == '\t'; }
static inline bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static inline bool digit(char c) { return c >= '0' && c <= '9'; }

static struct sc_text text_of(const char *buf, const char *p, const char *end)
{
    struct sc_text t = { (uint32_t)(p - buf), (uint32_t)(end - p) };
    return t;
}

static bool same_ci(const char *p, size_t len, const char *s)
{
    size_t n = strlen(s);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(p[i]) != s[i])
            return false;
    return true;
}

static inline const char *skip_space(const char *p, const char *end)
{
    while (p < end && space(*p))
        p++;
    return p;
}

static const char *trim_end(const char *p, const char *end)
{
    while (end > p && space(end[-1]))
        end--;
    return end;
}

/* Next occurrence of c outside a quoted string, or end. A quoted string
 * runs to its closing quote; a backslash in it escapes the next byte. */
static const char *find_unquoted(const char *p, const char *end, char c)
{
    while (p < end) {
        const char *hit = memchr(p, c, (size_t)(end - p));
        if (!hit)
            hit = end;
        const char *quote = memchr(p, '"', (size_t)(hit - p));
        if (!quote)
            return hit;
        for (p = quote + 1; p < end && *p != '"'; p++)
            if (*p == '\\' && p + 1 < end)
                p++;
        if (p < end)
            p++;
    }
    return end;
}

/* Line end: LF or CRLF; in a message without any LF, a lone CR.
 * Returns where the next line starts. */
static inline const char *line_end(const char *p, const char *end, bool cr_only, const char **eol)
{
    const char *e = memchr(p, cr_only ? '\r' : '\n', (size_t)(end - p));
    if (!e) {
        *eol = end;
        return end;
    }
    *eol = !cr_only && e > p && e[-1] == '\r' ? e - 1 : e;
    return e + 1;
}

/* Digits to a number capped at max; *ok false when a non-digit is found. */
static uint32_t parse_number(const char *p, const char *end, uint32_t max, bool *ok)
{
    uint32_t v = 0;
    *ok = p < end;
    for (; p < end; p++) {
        if (!digit(*p)) {
            *ok = false;
            return v;
        }
        unsigned d = (unsigned)(*p - '0');
        v = v > (max - d) / 10 ? max : v * 10 + d;
    }
    return v;
}

static void scan_start_line(const char *buf, const char *p, const char *eol, struct sc_message *m)
{
    m->start_line = text_of(buf, p, eol);
    size_t len = (size_t)(eol - p);
    if (len >= 4 && lower(p[0]) == 's' && lower(p[1]) == 'i' && lower(p[2]) == 'p' && p[3] == '/') {
        struct sc_status st;
        m->kind = SC_MSG_RESPONSE;
        m->status_error = sc_parse_status_line(p, len, &st);
        m->code = st.code;
        m->phrase = text_of(buf, st.phrase, st.phrase + st.phrase_len);
        if (m->status_error != SC_STATUS_OK) {
            /* the code as a lenient reader takes it: digits after the version */
            const char *q = p + 4;
            while (q < eol && !blank(*q))
                q++;
            while (q < eol && blank(*q))
                q++;
            unsigned code = 0;
            for (int i = 0; i < 3 && q < eol && digit(*q); i++, q++)
                code = code * 10 + (unsigned)(*q - '0');
            m->code = code;
            m->phrase = text_of(buf, eol, eol);
        }
        return;
    }
    /* Method SP Request-URI SP SIP-Version */
    const char *sp = memchr(p, ' ', len);
    const char *last = eol;
    while (last > p && last[-1] != ' ')
        last--;
    if (sp && last > sp + 1 && (size_t)(eol - last) >= 4 && lower(last[0]) == 's' && lower(last[1]) == 'i'
        && lower(last[2]) == 'p' && last[3] == '/') {
        m->kind = SC_MSG_REQUEST;
        m->method = text_of(buf, p, sp);
    }
}

/* ";tag=" of a From or To value; params: where its parameters may start
 * (after the <URI> when there is one). */
static struct sc_text tag_of(const char *buf, const char *p, const char *end)
{
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        if (!semi)
            break;
        const char *name = skip_space(semi + 1, end);
        if (end - name > 4 && lower(name[0]) == 't' && lower(name[1]) == 'a' && lower(name[2]) == 'g') {
            const char *eq = skip_space(name + 3, end);
            if (eq < end && *eq == '=') {
                const char *v = skip_space(eq + 1, end), *v_end = v;
                while (v_end < end && *v_end != ';' && !space(*v_end))
                    v_end++;
                return text_of(buf, v, v_end);
            }
        }
        p = semi + 1;
    }
    return text_of(buf, end, end);
}

/* The addr-spec of a From or To value: inside <> when there are any
 * (outside quotes), else up to the first ';' or blank. *params: where the
 * header's parameters may start. */
static struct sc_text uri_of(const char *buf, const char *p, const char *end, const char **params)
{
    *params = p;
    const char *lt = find_unquoted(p, end, '<');
    if (lt < end) {
        const char *gt = memchr(lt, '>', (size_t)(end - lt));
        if (!gt)
            return text_of(buf, end, end);
        *params = gt + 1;
        return text_of(buf, lt + 1, gt);
    }
    const char *e = p;
    while (e < end && *e != ';' && !space(*e))
        e++;
    return text_of(buf, p, e);
}

/* The URI and the tag of a From or To value. */
static void name_addr_of(const char *buf, const char *p, const char *end, struct sc_text *uri, struct sc_text *tag)
{
    const char *params;
    *uri = uri_of(buf, p, end, &params);
    *tag = tag_of(buf, params, end);
}

/* branch= of the first value of a Via header: sent-protocol sent-by
 * *(;param), values separated by commas. */
static struct sc_text branch_of(const char *buf, const char *p, const char *end)
{
    end = find_unquoted(p, end, ',');
    const char *semi = find_unquoted(p, end, ';');
    while (semi < end) {
        const char *name = skip_space(semi + 1, end);
        semi = find_unquoted(name, end, ';');
        const char *eq = memchr(name, '=', (size_t)(semi - name));
        if (eq && same_ci(name, (size_t)(trim_end(name, eq) - name), "branch")) {
            const char *v = skip_space(eq + 1, semi);
            return text_of(buf, v, trim_end(v, semi));
        }
    }
    return text_of(buf, end, end);
}

static void scan_reason_value(const char *buf, const char *p, const char *end, struct sc_message *m)
{
    p = skip_space(p, end);
    end = trim_end(p, end);
    if (p >= end)
        return;
    if (m->n_reasons >= SC_MAX_REASONS) {
        m->reasons_dropped++;
        return;
    }
    struct sc_reason *r = &m->reasons[m->n_reasons++];
    memset(r, 0, sizeof *r);
    r->where = text_of(buf, p, end);
    const char *semi = find_unquoted(p, end, ';');
    const char *name_end = trim_end(p, semi);
    r->name = text_of(buf, p, name_end);
    if (same_ci(p, (size_t)(name_end - p), "q.850"))
        r->protocol = SC_REASON_Q850;
    else if (same_ci(p, (size_t)(name_end - p), "sip"))
        r->protocol = SC_REASON_SIP;
    else
        r->protocol = SC_REASON_OTHER;
    r->text = text_of(buf, end, end);
    while (semi < end) {
        const char *param = skip_space(semi + 1, end);
        semi = find_unquoted(param, end, ';');
        const char *eq = memchr(param, '=', (size_t)(semi - param));
        if (!eq)
            continue;
        const char *pname_end = trim_end(param, eq);
        const char *v = skip_space(eq + 1, semi), *v_end = trim_end(v, semi);
        if (same_ci(param, (size_t)(pname_end - param), "cause") && !r->has_cause) {
            bool ok;
            unsigned cause = parse_number(v, v_end, 65535, &ok);
            if (ok) {
                r->cause = cause;
                r->has_cause = true;
            }
        } else if (same_ci(param, (size_t)(pname_end - param), "text") && r->text.len == 0) {
            if (v_end - v >= 2 && *v == '"' && v_end[-1] == '"') {
                v++;
                v_end--;
            }
            r->text = text_of(buf, v, v_end);
        } else if (same_ci(param, (size_t)(pname_end - param), "location") && r->protocol == SC_REASON_Q850
                   && r->location.len == 0) {
            r->location = text_of(buf, v, v_end);
        }
    }
}

static void scan_reason(const char *buf, const char *p, const char *end, struct sc_message *m)
{
    while (p < end) {
        const char *comma = find_unquoted(p, end, ',');
        scan_reason_value(buf, p, comma, m);
        p = comma < end ? comma + 1 : end;
    }
}

static void scan_warning_value(const char *buf, const char *p, const char *end, struct sc_message *m)
{
    p = skip_space(p, end);
    end = trim_end(p, end);
    if (p >= end)
        return;
    if (m->n_warnings >= SC_MAX_WARNINGS) {
        m->warnings_dropped++;
        return;
    }
    struct sc_warning *w = &m->warnings[m->n_warnings++];
    memset(w, 0, sizeof *w);
    w->where = text_of(buf, p, end);
    const char *q = p;
    while (q < end && !space(*q))
        q++;
    w->code_text = text_of(buf, p, q);
    bool ok;
    w->code = parse_number(p, q, 999, &ok);
    w->has_code = ok && q - p == 3;
    if (!w->has_code)
        w->code = 0;
    const char *agent = skip_space(q, end);
    q = agent;
    while (q < end && !space(*q) && *q != '"')
        q++;
    w->agent = text_of(buf, agent, q);
    const char *t = skip_space(q, end);
    if (end - t >= 2 && *t == '"' && end[-1] == '"')
        w->text = text_of(buf, t + 1, end - 1);
    else
        w->text = text_of(buf, t, end);
}

static void scan_warning(const char *buf, const char *p, const char *end, struct sc_message *m)
{
    while (p < end) {
        const char *comma = find_unquoted(p, end, ',');
        scan_warning_value(buf, p, comma, m);
        p = comma < end ? comma + 1 : end;
    }
}

static void scan_cseq(const char *buf, const char *p, const char *end, struct sc_message *m)
{
    p = skip_space(p, end);
    const char *n = p;
    while (p < end && digit(*p))
        p++;
    bool ok;
    m->cseq_number = parse_number(n, p, UINT32_MAX, &ok);
    /* the method is the last word, whatever stands before it */
    const char *meth = end;
    while (meth > p && !space(meth[-1]))
        meth--;
    m->cseq_method = text_of(buf, meth, end);
}

enum header { H_OTHER, H_CALL_ID, H_CSEQ, H_FROM, H_TO, H_REASON, H_WARNING, H_VIA };

/* Whether the line starts with the header name n (any case), then blanks
 * and a colon; *value: after the colon. */
static bool name_is(const char *p, const char *eol, const char *name, size_t n, const char **value)
{
    if ((size_t)(eol - p) <= n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(p[i]) != name[i])
            return false;
    const char *q = p + n;
    while (q < eol && blank(*q))
        q++;
    if (q == eol || *q != ':')
        return false;
    *value = q + 1;
    return true;
}

/* The header a line starts, among those read (long and compact forms,
 * RFC 3261 s7.3.3); *value: NULL for any other. */
static enum header header_at(const char *p, const char *eol, const char **value)
{
    *value = NULL;
    switch (lower(*p)) {
    case 'c':
        return name_is(p, eol, "call-id", 7, value) ? H_CALL_ID : name_is(p, eol, "cseq", 4, value) ? H_CSEQ : H_OTHER;
    case 'i': return name_is(p, eol, "i", 1, value) ? H_CALL_ID : H_OTHER;
    case 'f': return name_is(p, eol, "from", 4, value) || name_is(p, eol, "f", 1, value) ? H_FROM : H_OTHER;
    case 't': return name_is(p, eol, "to", 2, value) || name_is(p, eol, "t", 1, value) ? H_TO : H_OTHER;
    case 'v': return name_is(p, eol, "via", 3, value) || name_is(p, eol, "v", 1, value) ? H_VIA : H_OTHER;
    case 'r': return name_is(p, eol, "reason", 6, value) ? H_REASON : H_OTHER;
    case 'w': return name_is(p, eol, "warning", 7, value) ? H_WARNING : H_OTHER;
    default: return H_OTHER;
    }
}

static void take_header(const char *buf, enum header h, const char *v, const char *end, struct sc_message *m)
{
    v = skip_space(v, end);
    end = trim_end(v, end);
    switch (h) {
    case H_CALL_ID:
        if (!m->call_id.len)
            m->call_id = text_of(buf, v, end);
        break;
    case H_CSEQ:
        if (!m->cseq_method.len)
            scan_cseq(buf, v, end, m);
        break;
    case H_FROM:
        if (!m->from_uri.len && !m->from_tag.len)
            name_addr_of(buf, v, end, &m->from_uri, &m->from_tag);
        break;
    case H_TO:
        if (!m->to_uri.len && !m->to_tag.len)
            name_addr_of(buf, v, end, &m->to_uri, &m->to_tag);
        break;
    case H_VIA:
        if (!m->via_seen) {
            m->via_seen = true;
            m->via_branch = branch_of(buf, v, end);
        }
        break;
    case H_REASON:
        scan_reason(buf, v, end, m);
        break;
    case H_WARNING:
        scan_warning(buf, v, end, m);
        break;
    case H_OTHER:
        break;
    }
}

int sc_message_reason(const struct sc_message *m)
{
    int sip = -1;
    for (unsigned i = 0; i < m->n_reasons; i++) {
        const struct sc_reason *r = &m->reasons[i];
        if (!r->has_cause)
            continue;
        if (r->protocol == SC_REASON_Q850)
            return (int)i;
        if (r->protocol == SC_REASON_SIP && sip < 0)
            sip = (int)i;
    }
    return sip;
}

static bool method_is(const char *buf, struct sc_text t, const char *want, size_t n)
{
    return t.len == n && memcmp(buf + t.off, want, n) == 0;
}

/* What the call engine needs is known: the message's call and dialog
 * (CSeq, Call-ID, From, To, the first Via) and, only where a cause can come
 * from it, every Reason value: a BYE or CANCEL, and an INVITE response
 * other than 100 and 2xx. */
static bool enough_for_calls(const char *buf, const struct sc_message *m)
{
    if (!m->cseq_method.len || !m->call_id.len || !m->via_seen || !(m->from_uri.len || m->from_tag.len)
        || !(m->to_uri.len || m->to_tag.len))
        return false;
    if (m->kind == SC_MSG_REQUEST)
        return !method_is(buf, m->method, "BYE", 3) && !method_is(buf, m->method, "CANCEL", 6);
    return !method_is(buf, m->cseq_method, "INVITE", 6) || m->code == 100 || (m->code >= 200 && m->code < 300);
}

static void scan(const char *buf, size_t len, bool calls_only, struct sc_message *m)
{
    memset(m, 0, offsetof(struct sc_message, reasons));
    if (!buf || !len)
        return;
    const char *end = buf + len, *eol;
    bool cr_only = memchr(buf, '\n', len) == NULL;
    const char *p = line_end(buf, end, cr_only, &eol);
    scan_start_line(buf, buf, eol, m);
    if (m->kind == SC_MSG_OTHER)
        return;

    /* A header runs from its name to the next line that does not start
     * with a blank (RFC 3261 s7.3.1 folding). */
    enum header h = H_OTHER;
    const char *value = NULL, *value_end = NULL;
    while (p < end) {
        const char *next = line_end(p, end, cr_only, &eol);
        if (eol == p) /* the blank line before the body */
            break;
        if (blank(*p)) {
            value_end = eol;
        } else {
            if (value) {
                take_header(buf, h, value, value_end, m);
                if (calls_only && h != H_OTHER && enough_for_calls(buf, m))
                    return;
            }
            h = header_at(p, eol, &value);
            value_end = eol;
        }
        p = next;
    }
    if (value)
        take_header(buf, h, value, value_end, m);
}

void sc_message_scan(const char *buf, size_t len, struct sc_message *m)
{
    scan(buf, len, false, m);
}

void sc_message_scan_calls(const char *buf, size_t len, struct sc_message *m)
{
    scan(buf, len, true, m);
}
