/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text handling with no table behind it: phrases, status lines and the
 * cell checks shared by the generator, the user table and the CLI. */
#include "sc_text.h"

#include <string.h>

static inline bool is_blank(char c) { return c == ' ' || c == '\t'; }
static inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Cursor over a phrase that yields its normalised characters. */
struct norm_cursor {
    const char *p, *end;
};

static void norm_start(struct norm_cursor *c, const char *s, size_t len)
{
    c->p = s;
    c->end = s + len;
    while (c->p < c->end && is_blank(*c->p))
        c->p++;
}

/* Next normalised character, or -1 at the end. */
static int norm_next(struct norm_cursor *c)
{
    if (c->p >= c->end)
        return -1;
    char ch = *c->p++;
    if (!is_blank(ch))
        return (unsigned char)ascii_lower(ch);
    while (c->p < c->end && is_blank(*c->p))
        c->p++;
    return c->p < c->end ? ' ' : -1;
}

bool sc_phrase_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    /* Most responses carry the registered phrase byte for byte (the
     * dissector even passes the same pointer): skip the normalising walk. */
    if (alen == blen && (a == b || memcmp(a, b, alen) == 0))
        return true;
    struct norm_cursor ca, cb;
    norm_start(&ca, a, alen);
    norm_start(&cb, b, blen);
    for (;;) {
        int x = norm_next(&ca), y = norm_next(&cb);
        if (x != y)
            return false;
        if (x < 0)
            return true;
    }
}

size_t sc_phrase_fold(const char *phrase, size_t len, char *out, size_t size)
{
    struct norm_cursor c;
    size_t n = 0;
    norm_start(&c, phrase, len);
    for (int ch; (ch = norm_next(&c)) >= 0; n++)
        if (n + 1 < size)
            out[n] = (char)ch;
    if (size)
        out[n < size ? n : size - 1] = '\0';
    return n;
}

uint32_t sc_phrase_hash(unsigned code, const char *phrase, size_t len)
{
    uint32_t h = 2166136261u;
    h = (h ^ (code & 0xff)) * 16777619u;
    h = (h ^ ((code >> 8) & 0xff)) * 16777619u;
    struct norm_cursor c;
    norm_start(&c, phrase, len);
    for (int ch; (ch = norm_next(&c)) >= 0;)
        h = (h ^ (uint32_t)ch) * 16777619u;
    return h;
}

enum sc_status_error sc_parse_status_line(const char *line, size_t len, struct sc_status *out)
{
    const char *p = line, *end = line + len;
    out->code = 0;
    out->phrase = end;
    out->phrase_len = 0;
    if (len < 4 || ascii_lower(p[0]) != 's' || ascii_lower(p[1]) != 'i' || ascii_lower(p[2]) != 'p' || p[3] != '/')
        return SC_STATUS_NO_VERSION;
    p += 4;
    while (p < end && !is_blank(*p))
        p++;
    if (p >= end)
        return SC_STATUS_BAD_CODE;
    while (p < end && is_blank(*p))
        p++;
    const char *digits = p;
    unsigned code = 0;
    while (p < end && is_digit(*p) && p - digits < 4) {
        code = code * 10 + (unsigned)(*p - '0');
        p++;
    }
    if (p - digits != 3 || (p < end && is_digit(*p)))
        return SC_STATUS_BAD_CODE;
    out->code = code;
    if (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        return SC_STATUS_NO_SPACE_AFTER_CODE;
    while (p < end && is_blank(*p))
        p++;
    const char *phrase_end = end;
    while (phrase_end > p && (phrase_end[-1] == '\r' || phrase_end[-1] == '\n' || is_blank(phrase_end[-1])))
        phrase_end--;
    out->phrase = p;
    out->phrase_len = (size_t)(phrase_end - p);
    return SC_STATUS_OK;
}

const char *sc_status_error_text(enum sc_status_error err)
{
    switch (err) {
    case SC_STATUS_OK: return "well-formed";
    case SC_STATUS_NO_VERSION: return "status line does not start with a SIP version";
    case SC_STATUS_BAD_CODE: return "status code is not three digits";
    case SC_STATUS_NO_SPACE_AFTER_CODE: return "no space between status code and reason phrase";
    }
    return "malformed status line";
}

const char *sc_text_problem(const char *text, bool may_be_empty)
{
    if (!text || !text[0])
        return may_be_empty ? NULL : "is empty";
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        if (*p == '\n' || *p == '\r')
            return "contains a newline";
        if (*p == '\t')
            return "contains a tab";
        if (*p < 0x20 || *p == 0x7f)
            return "contains a control character";
        /* RFC 3629 s4 (Unicode Table 3-7): no overlongs, no surrogates, nothing above
         * U+10FFFF; the second byte's range depends on the first. */
        size_t n;
        unsigned char lo = 0x80, hi = 0xbf;
        if (*p < 0x80)
            n = 1;
        else if (*p >= 0xc2 && *p <= 0xdf)
            n = 2;
        else if (*p >= 0xe0 && *p <= 0xef) {
            n = 3;
            if (*p == 0xe0)
                lo = 0xa0;
            else if (*p == 0xed)
                hi = 0x9f;
        } else if (*p >= 0xf0 && *p <= 0xf4) {
            n = 4;
            if (*p == 0xf0)
                lo = 0x90;
            else if (*p == 0xf4)
                hi = 0x8f;
        } else
            return "is not valid UTF-8";
        if (n > 1 && (p[1] < lo || p[1] > hi))
            return "is not valid UTF-8";
        for (size_t k = 2; k < n; k++)
            if ((p[k] & 0xc0) != 0x80)
                return "is not valid UTF-8";
        p += n;
    }
    return NULL;
}

bool sc_parse_uint(const char *text, unsigned min, unsigned max, unsigned *out)
{
    if (!text || !*text)
        return false;
    unsigned long v = 0;
    for (const char *p = text; *p; p++) {
        if (!is_digit(*p) || v > 100000)
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v < min || v > max)
        return false;
    *out = (unsigned)v;
    return true;
}
