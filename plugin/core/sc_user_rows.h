/* sipcodes core: the checks of a user's variant row (the "SIP reason
 * variants" table of the plugin).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_USER_ROWS_H
#define SC_USER_ROWS_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A member of the category set (NUL-terminated). */
bool sc_category_valid(const char *category);

/* Fields of a user variant row (the "SIP reason variants" table). */
enum sc_user_field {
    SC_UF_CODE, SC_UF_PHRASE, SC_UF_CATEGORY,
    SC_UF_DESC, /* SC_UF_DESC + lang: the description in that language */
    SC_UF_COUNT = SC_UF_DESC + SC_LANG_COUNT
};
extern const char *const sc_user_field_names[SC_UF_COUNT];
/* false, with a message naming the field in msg, when the value is rejected. */
bool sc_user_field_check(enum sc_user_field field, const char *value, size_t len, char *msg, size_t msglen);

#ifdef __cplusplus
}
#endif
#endif
