/* Where the SIP messages of a frame are (see sipcodes-locate.h). The
 * record is a packed array of 16-byte locations in blocks, so it grows
 * without copying; frames come in order on the first pass, so it is sorted
 * by frame and searched by bisection.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipcodes-locate.h"

#include "sipcodes-compat.h"

/* 16 bytes per SIP message. */
struct location {
    guint32 frame;
    guint32 start;
    guint32 length : 24;
    guint32 source : 8; /* index in the frame's data sources */
    guint32 call;       /* serial of its call; 0 for none */
};
G_STATIC_ASSERT(sizeof(struct location) == 16);

#define BLOCK_BITS 12
#define BLOCK_SIZE ((gsize)1 << BLOCK_BITS)

static struct location **blocks;
static gsize n_blocks, n_kept;
static guint32 last_kept_frame;

static int proto_sip = -1;
static sipcodes_pref_bool pref_remember = TRUE;

void sipcodes_locate_register(module_t *prefs)
{
    prefs_register_bool_preference(prefs, "remember", "Remember SIP messages for later passes",
                                   "Keep where each SIP message is (16 bytes) from the first pass so that selecting a "
                                   "packet, refiltering, Expert Information and statistics show sipcodes (the GUI needs "
                                   "this; a single-pass tshark export can turn it off to keep memory flat)",
                                   &pref_remember);
}

void sipcodes_locate_handoff(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");
}

int sipcodes_locate_wanted_field(void)
{
    return proto_sip;
}

static struct location *at(gsize index)
{
    return &blocks[index >> BLOCK_BITS][index & (BLOCK_SIZE - 1)];
}

static gsize keep(const struct location *loc)
{
    if (n_kept == n_blocks * BLOCK_SIZE) {
        blocks = g_renew(struct location *, blocks, n_blocks + 1);
        blocks[n_blocks++] = g_new(struct location, BLOCK_SIZE);
    }
    /* frames only grow: first_pass() keeps a frame after the last one kept */
    *at(n_kept) = *loc;
    return n_kept++;
}

/* Index of the frame's first kept message; sets *count (0 when none). */
static gsize find(guint32 frame, guint *count)
{
    gsize lo = 0, hi = n_kept;
    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;
        if (at(mid)->frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    guint n = 0;
    while (lo + n < n_kept && at(lo + n)->frame == frame)
        n++;
    *count = n;
    return lo;
}

static guint data_source_index(packet_info *pinfo, tvbuff_t *tvb)
{
    guint i = 0;
    for (GSList *l = pinfo->data_src; l; l = l->next, i++)
        if (get_data_source_tvb((const struct data_source *)l->data) == tvb)
            return i;
    return G_MAXUINT;
}

static tvbuff_t *data_source_at(packet_info *pinfo, guint index)
{
    GSList *l = g_slist_nth(pinfo->data_src, index);
    return l ? get_data_source_tvb((const struct data_source *)l->data) : NULL;
}

/* First pass: the SIP dissector's protocol items say where each message is. */
static guint first_pass(packet_info *pinfo, proto_tree *tree, struct sipcodes_located **out)
{
    GPtrArray *sips = proto_get_finfo_ptr_array(tree, proto_sip);
    if (!sips || !sips->len)
        return 0;
    gboolean remember = pref_remember && pinfo->num > last_kept_frame;
    struct sipcodes_located *m = wmem_alloc_array(pinfo->pool, struct sipcodes_located, sips->len);
    guint n = 0;
    for (guint i = 0; i < sips->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(sips, i);
        if (!fi->ds_tvb || fi->start < 0 || fi->length <= 0)
            continue;
        struct sipcodes_located *l = &m[n++];
        l->tvb = fi->ds_tvb;
        l->start = fi->start;
        l->length = fi->length;
        l->call = 0;
        l->slot = SIPCODES_NOT_KEPT;
        guint source = data_source_index(pinfo, fi->ds_tvb);
        if (remember && source <= G_MAXUINT8 && fi->length <= 0xffffff) {
            struct location loc = { pinfo->num, (guint32)fi->start, (guint32)fi->length, source, 0 };
            l->slot = keep(&loc);
            last_kept_frame = pinfo->num;
        }
    }
    *out = m;
    return n;
}

/* Later passes: the locations kept on the first pass. */
static guint later_pass(packet_info *pinfo, struct sipcodes_located **out)
{
    guint count;
    gsize first = find(pinfo->num, &count);
    if (!count)
        return 0;
    struct sipcodes_located *m = wmem_alloc_array(pinfo->pool, struct sipcodes_located, count);
    guint n = 0;
    for (guint i = 0; i < count; i++) {
        const struct location *loc = at(first + i);
        tvbuff_t *tvb = data_source_at(pinfo, loc->source);
        if (!tvb || !tvb_bytes_exist(tvb, (gint)loc->start, (gint)loc->length))
            continue;
        struct sipcodes_located *l = &m[n++];
        l->tvb = tvb;
        l->start = (gint)loc->start;
        l->length = (gint)loc->length;
        l->call = loc->call;
        l->slot = SIPCODES_NOT_KEPT;
    }
    *out = m;
    return n;
}

guint sipcodes_locate(packet_info *pinfo, proto_tree *tree, struct sipcodes_located **out)
{
    *out = NULL;
    return PINFO_FD_VISITED(pinfo) ? later_pass(pinfo, out) : first_pass(pinfo, tree, out);
}

void sipcodes_locate_keep_call(const struct sipcodes_located *m, guint32 call)
{
    if (m->slot != SIPCODES_NOT_KEPT && m->slot < n_kept)
        at(m->slot)->call = call;
}

gboolean sipcodes_locate_remembers(void)
{
    return pref_remember;
}

gsize sipcodes_locate_bytes(void)
{
    return n_blocks * BLOCK_SIZE * sizeof(struct location);
}

void sipcodes_locate_clear(void)
{
    for (gsize i = 0; i < n_blocks; i++)
        g_free(blocks[i]);
    g_free(blocks);
    blocks = NULL;
    n_blocks = n_kept = 0;
    last_kept_frame = 0;
}
