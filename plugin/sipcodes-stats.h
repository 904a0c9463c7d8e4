/* The "sipcodes" statistics tree. Its tap data is a struct sc_explanation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_STATS_H
#define SIPCODES_STATS_H

#define SIPCODES_TAP "sipcodes"
/* Its tap data is the struct sc_call_table of the open file. */
#define SIPCODES_CALLS_TAP "sipcodes.calls"

void sipcodes_stats_register(void);

#endif
