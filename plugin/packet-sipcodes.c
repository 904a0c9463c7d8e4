/* packet-sipcodes.c
 * Post-dissector that explains SIP messages: class, defining RFC,
 * registry status, vendor reason variants, device display codes, Q.850
 * mapping, and the verdict of the call each message belongs to, with
 * descriptions in the languages of data/sets.tsv.
 *
 * Each SIP message of a frame goes one way:
 *   locate (sipcodes-locate.c) -> scan -> call -> explain (core) ->
 *   render (sipcodes-render.c) -> tap (sipcodes-stats.c, sipcodes-cdr.c)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "core/sc_explain.h"
#include "core/sc_lang.h"
#include "sipcodes-compat.h"
#include "sipcodes-locate.h"
#include "sipcodes-render.h"
#include "sipcodes-stats.h"
#include "sipcodes-uat.h"

void proto_register_sipcodes(void);
void proto_reg_handoff_sipcodes(void);

static int proto_sipcodes = -1;
static int sipcodes_tap = -1;
static dissector_handle_t sipcodes_handle;

/* The calls of the open file: fed on the first pass. */
static struct sc_engine *engine;

enum { LANG_PREF_AUTO = -1 };
static gint pref_language = LANG_PREF_AUTO;
static enum sc_lang current_lang = SC_LANG_EN;

static const enum_val_t language_values[] = {
    { "auto", "Follow LC_ALL / LC_MESSAGES / LANG", LANG_PREF_AUTO },
#define LANG_PREF_VALUE(id, ID, name, title) { name, title, SC_LANG_##ID },
    SC_LANG_EACH(LANG_PREF_VALUE)
    { NULL, NULL, 0 }
};

static void apply_prefs(void)
{
    if (pref_language == LANG_PREF_AUTO)
        current_lang = sc_lang_from_locale(g_getenv("LC_ALL"), g_getenv("LC_MESSAGES"), g_getenv("LANG"));
    else
        current_lang = (enum sc_lang)pref_language;
}

static gint64 ns_of(const nstime_t *t)
{
    return (gint64)t->secs * 1000000000 + t->nsecs;
}

static struct sc_endpoint endpoint_of(const address *a, guint32 port)
{
    struct sc_endpoint e = { a->data, (size_t)a->len, (uint16_t)port };
    return e;
}

/* call: the message joins its call in the engine; returns the call's serial. */
static guint32 feed(packet_info *pinfo, const char *buf, const struct sc_message *msg)
{
    struct sc_seen seen = { pinfo->num, ns_of(&pinfo->abs_ts), endpoint_of(&pinfo->src, pinfo->srcport),
                            endpoint_of(&pinfo->dst, pinfo->destport) };
    return sc_engine_feed(engine, &seen, buf, msg);
}

static int dissect_sipcodes(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    gboolean first = !PINFO_FD_VISITED(pinfo);
    if (first) /* timers run out with the capture's time, SIP or not */
        sc_engine_clock(engine, ns_of(&pinfo->abs_ts));

    struct sipcodes_located *found;
    guint n = sipcodes_locate(pinfo, tree, &found);
    if (!n)
        return 0;
    gboolean expert;
    gboolean render = sipcodes_render_wanted(tree, &expert);
    gboolean tap = have_tap_listener(sipcodes_tap);
    struct sc_explain_ctx ctx = { sipcodes_variant_index(), engine };

    for (guint i = 0; i < n; i++) {
        const struct sipcodes_located *m = &found[i];
        const char *buf = (const char *)tvb_get_ptr(m->tvb, m->start, m->length);
        /* the tap's listeners read the message after this function */
        struct sc_message on_stack, *msg = tap ? wmem_new(pinfo->pool, struct sc_message) : &on_stack;
        if (render || tap)
            sc_message_scan(buf, (size_t)m->length, msg);
        else
            sc_message_scan_calls(buf, (size_t)m->length, msg);
        if (msg->kind == SC_MSG_OTHER)
            continue;
        guint32 call = m->call;
        if (first) {
            call = feed(pinfo, buf, msg);
            sipcodes_locate_keep_call(m, call);
        }
        if (!render && !tap)
            continue;
        struct sc_explanation on_stack_ex, *ex = tap ? wmem_new(pinfo->pool, struct sc_explanation) : &on_stack_ex;
        sc_explain(&ctx, buf, msg, call, ex);
        if (render) {
            struct sipcodes_view view = { pinfo, tree, m->tvb, m->start, msg, ex, current_lang, expert };
            sipcodes_render(&view);
        }
        if (tap) {
            struct sipcodes_tap_info *info = wmem_new(pinfo->pool, struct sipcodes_tap_info);
            info->ex = ex;
            info->msg = msg;
            info->buf = buf;
            info->engine = engine;
            tap_queue_packet(sipcodes_tap, pinfo, info);
        }
    }
    return 0;
}

static void sipcodes_init(void)
{
    sc_engine_free(engine);
    engine = sc_engine_new();
    sipcodes_render_init();
}

static void sipcodes_cleanup(void)
{
    sipcodes_locate_clear();
    sc_engine_free(engine);
    engine = NULL;
}

void proto_register_sipcodes(void)
{
    sc_init();
    proto_sipcodes = proto_register_protocol("SIP Response Codes", "sipcodes", "sipcodes");
    sipcodes_render_register(proto_sipcodes);

    module_t *prefs = prefs_register_protocol(proto_sipcodes, apply_prefs);
    prefs_register_enum_preference(prefs, "language", "Description language",
                                   "Language of the descriptions (auto follows LC_ALL, LC_MESSAGES, LANG)",
                                   &pref_language, language_values, FALSE);
    sipcodes_locate_register(prefs);
    sipcodes_uat_register(proto_sipcodes, prefs);
    apply_prefs();

    sipcodes_handle = register_dissector("sipcodes", dissect_sipcodes, proto_sipcodes);
    sipcodes_tap = register_tap(SIPCODES_TAP);
    register_init_routine(sipcodes_init);
    register_cleanup_routine(sipcodes_cleanup);
}

void proto_reg_handoff_sipcodes(void)
{
    sipcodes_locate_handoff();
    register_postdissector(sipcodes_handle);
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    int sip = sipcodes_locate_wanted_field();
    if (sip > 0)
        g_array_append_val(wanted, sip);
    set_postdissector_wanted_hfids(sipcodes_handle, wanted);
}
