/* The "SIP reason variants" user table.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_UAT_H
#define SIPCODES_UAT_H

#include "core/sc_user_rows.h"
#include "core/sc_variants.h"

void sipcodes_uat_register(int proto, void *prefs_module);
/* Built-in and user variants; rebuilt when the user table changes. */
const struct sc_variant_index *sipcodes_variant_index(void);

#endif
