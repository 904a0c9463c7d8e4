# SPDX-License-Identifier: GPL-2.0-or-later
# The one list of sources of each part, used by the build, the fuzz targets
# and coverage (plugin/core is the pure-C core, plugin/*.c the glue).
set(SIPCODES_TEXT_SOURCES plugin/core/sc_text.c)
set(SIPCODES_CORE_SOURCES
    plugin/core/sc_lookup.c
    plugin/core/sc_lang.c
    plugin/core/sc_user_rows.c
    plugin/core/sc_devices.c
    plugin/core/sc_variants.c
    plugin/core/sc_message.c
    plugin/core/sc_explain.c
    plugin/core/sc_hint.c
    plugin/core/sc_paraphrase.c
    plugin/core/sc_call.c
    plugin/core/sc_register.c
    plugin/core/sc_metrics.c
    plugin/core/sc_engine.c)
set(SIPCODES_GEN_SOURCES plugin/gen/sc_tsv.c plugin/gen/sc_data.c plugin/gen/sc_emit.c)
set(SIPCODES_GLUE_SOURCES
    plugin/plugin.c
    plugin/packet-sipcodes.c
    plugin/sipcodes-locate.c
    plugin/sipcodes-render.c
    plugin/sipcodes-uat.c
    plugin/sipcodes-stats.c
    plugin/sipcodes-cdr.c)
# The tables of data/ the generator reads (hints.tsv and hint_weights.tsv
# may be absent).
set(SIPCODES_TABLES sets codes variants device_codes q850 sip_to_q850 q850_to_sip outcomes retry_codes ended_by
    rfc6076_codes paraphrases warn_codes reason_locations)
set(SIPCODES_OPTIONAL_TABLES hints hint_weights)
