/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names from the closed sets of data/sets.tsv: languages, classes,
 * categories, and the checks of user variant rows. */
#include "sipcodes.h"

#include <stdio.h>
#include <string.h>

const char *sc_class_name(enum sc_class cls)
{
    return (unsigned)cls < SC_CLASS_COUNT ? sc_class_names[cls] : sc_class_names[SC_CLASS_UNKNOWN];
}

const char *sc_lang_name(enum sc_lang lang)
{
    return (unsigned)lang < SC_LANG_COUNT ? sc_lang_names[lang] : sc_lang_names[SC_LANG_EN];
}

bool sc_lang_parse_locale(const char *name, enum sc_lang *out)
{
    if (!name || !name[0] || !name[1])
        return false;
    if (name[2] != '\0' && name[2] != '_' && name[2] != '-' && name[2] != '.')
        return false;
    char two[2] = { (char)(name[0] | 0x20), (char)(name[1] | 0x20) };
    return sc_lang_parse(two, 2, out);
}

enum sc_lang sc_lang_from_locale(const char *lc_all, const char *lc_messages, const char *lang)
{
    const char *candidates[3] = { lc_all, lc_messages, lang };
    for (unsigned i = 0; i < 3; i++) {
        if (candidates[i] && candidates[i][0]) {
            enum sc_lang found;
            return sc_lang_parse_locale(candidates[i], &found) ? found : SC_LANG_EN;
        }
    }
    return SC_LANG_EN;
}

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
