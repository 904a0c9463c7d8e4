/* sipcodes core: device display codes ("0x480"): the code a phone shows
 * and the tokens of them found in a text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_DEVICES_H
#define SC_DEVICES_H

#include "sc_tables.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The device row of a token "0x31", "0x480" (2 or 3 digits); NULL when none. */
const struct sc_device *sc_device_lookup(const char *token, size_t len);

/* Calls fn for each device-code token ("0x814") found in text, in order. */
typedef void (*sc_device_fn)(const struct sc_device *dev, void *user);
size_t sc_device_scan(const char *text, size_t len, sc_device_fn fn, void *user);

#ifdef __cplusplus
}
#endif
#endif
