/* sipcodes core: the description languages (the lang set of
 * data/sets.tsv) and the one a locale names.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_LANG_H
#define SC_LANG_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Languages (sc_lang_parse, generated, takes a name exactly) */
const char *sc_lang_name(enum sc_lang lang);
/* "ru", "RU", "ru_RU.UTF-8", "de-AT" ...: the first two letters name the language. */
bool sc_lang_parse_locale(const char *name, enum sc_lang *out);
/* Follows LC_ALL, then LC_MESSAGES, then LANG (any may be NULL); falls back to en. */
enum sc_lang sc_lang_from_locale(const char *lc_all, const char *lc_messages, const char *lang);

#ifdef __cplusplus
}
#endif
#endif
