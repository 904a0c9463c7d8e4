/* sipcodes-compat.h
 * Every difference between the Wireshark releases sipcodes builds against
 * (4.0, 4.2, 4.4, 4.6), keyed on Wireshark's own version macros, so that
 * the rest of the plugin reads as if there were one Wireshark.
 *
 * Read from the installed headers of 4.0.17 (Debian 12), 4.4 (Debian 13)
 * and 4.6 (Debian forky); 4.2 from the release's API changes (see
 * docs/versions.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_COMPAT_H
#define SIPCODES_COMPAT_H

#include <wireshark.h>
#include <ws_version.h>

#define SIPCODES_WS_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* The releases sipcodes builds against. This #if line is the one list:
 * CMake (cmake/WiresharkRelease.cmake) reads the releases from it. A
 * release not listed is refused: an untested API may crash Wireshark. */
#define SIPCODES_WS_IS(major, minor) (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR == (minor))
#if !(SIPCODES_WS_IS(4, 0) || SIPCODES_WS_IS(4, 2) || SIPCODES_WS_IS(4, 4) || SIPCODES_WS_IS(4, 6))
#error "sipcodes does not know this Wireshark release (see the SIPCODES_WS_IS line of sipcodes-compat.h)"
#endif

/* UAT callbacks (uat_update_cb_t, the 10th argument of uat_new, and
 * uat_fld_chk_cb_t of each field): return gboolean up to 4.0, bool from
 * 4.2 on. Declare them as returning sipcodes_uat_bool. (num_items_ptr
 * went from guint * to unsigned *: the same type.) */
#if SIPCODES_WS_AT_LEAST(4, 2)
typedef bool sipcodes_uat_bool;
#else
typedef gboolean sipcodes_uat_bool;
#endif

/* prefs_register_bool_preference(): gboolean *var up to 4.2, bool *var
 * from 4.4 on. Declare the preference variable as sipcodes_pref_bool.
 * (prefs_register_enum_preference went from gint * to int *: the same.) */
#if SIPCODES_WS_AT_LEAST(4, 4)
typedef bool sipcodes_pref_bool;
#else
typedef gboolean sipcodes_pref_bool;
#endif

/* A field a filter or a printed column (tshark -e) references: its
 * hfinfo->ref_type is HF_REF_TYPE_DIRECT, or HF_REF_TYPE_PRINT, which
 * 4.4 and later add after it for the fields tshark -e prints (and which
 * Wireshark's own shortcut in proto.c does not fake either). */
#define SIPCODES_REF_WANTED(ref_type) ((ref_type) >= HF_REF_TYPE_DIRECT)

/* stats_tree_register_plugin() returns a stats_tree_cfg * from 4.4 on
 * (void before): never use its result. */

/* stat_tap_ui.tap_init_cb (a "-z" statistic of its own): returns void up
 * to 4.4, bool (false: the statistic could not start) from 4.6 on.
 * Declare it as sipcodes_stat_init and end it with SIPCODES_STAT_INIT_DONE(ok). */
#if SIPCODES_WS_AT_LEAST(4, 6)
typedef bool sipcodes_stat_init;
#define SIPCODES_STAT_INIT_DONE(ok) return (ok)
#else
typedef void sipcodes_stat_init;
#define SIPCODES_STAT_INIT_DONE(ok) do { (void)(ok); return; } while (0)
#endif

/* plugin_describe(): optional from 4.4 on, tells `tshark -G plugins` and
 * About > Plugins what the plugin provides (WS_PLUGIN_DESC_*, from
 * wsutil/plugins.h); unknown before. SIPCODES_PLUGIN_DESCRIBE defines it
 * where it exists. Use at file scope, followed by a semicolon. */
#if SIPCODES_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define SIPCODES_PLUGIN_DESCRIBE()                                  \
    WS_DLL_PUBLIC uint32_t plugin_describe(void);                   \
    uint32_t plugin_describe(void)                                  \
    {                                                               \
        return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER; \
    }                                                               \
    extern int sipcodes_plugin_describe_defined_
#else
#define SIPCODES_PLUGIN_DESCRIBE() extern int sipcodes_plugin_describe_defined_
#endif

/* expert_add_info_format(): returns void up to 4.0 and the proto_item *
 * from 4.2 on. No macro: do not use its result while 4.0 is supported. */

#endif /* SIPCODES_COMPAT_H */
