/* sipcodes core: device display codes ("0x480") and the tokens of them
 * found in a phrase, a Warning text or a Reason text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_private.h"

#include <string.h>

static const struct sc_device *by_digits[SC_CODE_MAX + 1];

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* "0x" and 2 or 3 decimal digits: their value */
static unsigned digits_of(const char *token, size_t len, bool *ok)
{
    *ok = false;
    if (len < 4 || len > 5 || token[0] != '0' || (token[1] | 0x20) != 'x')
        return 0;
    unsigned v = 0;
    for (size_t i = 2; i < len; i++) {
        if (!is_digit(token[i]))
            return 0;
        v = v * 10 + (unsigned)(token[i] - '0');
    }
    *ok = true;
    return v;
}

void sc_devices_init(void)
{
    for (size_t i = 0; i < sc_devices_count; i++) {
        bool ok;
        unsigned v = digits_of(sc_devices[i].device, strlen(sc_devices[i].device), &ok);
        if (ok)
            by_digits[v] = &sc_devices[i];
    }
}

const struct sc_device *sc_device_lookup(const char *token, size_t len)
{
    sc_require_init();
    bool ok;
    unsigned v = digits_of(token, len, &ok);
    if (!ok || v > SC_CODE_MAX || !by_digits[v])
        return NULL;
    const struct sc_device *d = by_digits[v];
    /* "0x031" is not "0x31" */
    return strlen(d->device) == len ? d : NULL;
}

static inline bool is_token_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

size_t sc_device_scan(const char *text, size_t len, sc_device_fn fn, void *user)
{
    size_t found = 0;
    for (size_t i = 0; i + 3 < len; i++) {
        if (text[i] != '0' || (text[i + 1] | 0x20) != 'x' || (i > 0 && is_token_char(text[i - 1])))
            continue;
        size_t j = i + 2;
        while (j < len && is_token_char(text[j]))
            j++;
        const struct sc_device *d = sc_device_lookup(text + i, j - i);
        if (d) {
            found++;
            if (fn)
                fn(d, user);
        }
        i = j - 1;
    }
    return found;
}

