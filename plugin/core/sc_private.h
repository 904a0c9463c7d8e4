/* sipcodes core, internal: what the core's files share with each other
 * and nobody else.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_PRIVATE_H
#define SC_PRIVATE_H

#include "sc_devices.h"
#include "sc_hint.h"
#include "sc_tables.h"

#define SC_CODE_MAX 999  /* the code indexes hold 0..999 */
#define SC_CAUSE_MAX 127 /* Q.850 causes are 7 bits */

extern bool sc_initialised;
void sc_not_initialised(void); /* says so and aborts */

/* Every lookup starts with this: a lookup before sc_init() is a bug. */
static inline void sc_require_init(void)
{
    if (__builtin_expect(!sc_initialised, 0))
        sc_not_initialised();
}

/* The indexes sc_init() has the other files build. */
void sc_devices_init(void);
void sc_hints_init(void);
void sc_phrases_init(void);

#endif
