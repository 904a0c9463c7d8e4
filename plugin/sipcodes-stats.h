/* The "sipcodes" statistics tree. Its tap data is a struct sc_explanation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_STATS_H
#define SIPCODES_STATS_H

#define SIPCODES_TAP "sipcodes"

void sipcodes_stats_register(void);

#endif
