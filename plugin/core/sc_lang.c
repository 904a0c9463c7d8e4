/* sipcodes core: description languages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_lang.h"

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
