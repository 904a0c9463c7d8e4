/* sipcodes core: checks of a user's variant row.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_user_rows.h"

#include <stdio.h>
#include <string.h>

bool sc_category_valid(const char *category)
{
    enum sc_category c;
    return category && sc_category_parse(category, strlen(category), &c);
}

#define SC_DESC_FIELD_NAME(id, ID, name, title) "desc_" name,
const char *const sc_user_field_names[SC_UF_COUNT] = {
    "code", "phrase", "category", SC_LANG_EACH(SC_DESC_FIELD_NAME)
};

bool sc_user_field_check(enum sc_user_field field, const char *value, size_t len, char *msg, size_t msglen)
{
    char text[1024];
    const char *name = (unsigned)field < SC_UF_COUNT ? sc_user_field_names[field] : "?";
    if (len >= sizeof text || memchr(value, '\0', len)) {
        snprintf(msg, msglen, "field '%s' is too long or contains a NUL byte", name);
        return false;
    }
    memcpy(text, value, len);
    text[len] = '\0';
    unsigned code;
    const char *why;
    if (field == SC_UF_CODE) {
        if (sc_parse_uint(text, 100, 799, &code))
            return true;
        snprintf(msg, msglen, "field 'code': '%s' is not a status code 100-799", text);
        return false;
    }
    if (field == SC_UF_CATEGORY) {
        if (sc_category_valid(text))
            return true;
        snprintf(msg, msglen, "field 'category': '%s' is not one of " SC_CATEGORY_LIST, text);
        return false;
    }
    if (field == SC_UF_PHRASE || ((unsigned)field >= SC_UF_DESC && (unsigned)field < SC_UF_COUNT)) {
        why = sc_text_problem(text, field != SC_UF_PHRASE);
        if (!why)
            return true;
        snprintf(msg, msglen, "field '%s' %s", name, why);
        return false;
    }
    snprintf(msg, msglen, "unknown field");
    return false;
}
