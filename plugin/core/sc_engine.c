/* sipcodes core: the calls of a capture, found by a hash of the Call-ID
 * and the caller's tag, and the clock that runs out their timers.
 *
 * A call's full state (sc_call_live) is kept while messages may still
 * change it; 64*T1 after the last message of a settled call it is retired:
 * its verdict stays, its state is freed and its figures join the totals.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_engine.h"

#include "sc_hash.h"
#include "sc_register.h"

#include <stdlib.h>
#include <string.h>

enum { SEED_CALL_ID = 31, SEED_KEY = 32 };

struct call_rec {
    uint64_t key;                 /* Call-ID and the caller's tag */
    struct sc_call_live *live;    /* NULL once retired */
    int64_t pending;              /* earliest wake queued for it; INT64_MAX none */
    uint32_t live_index;          /* in sc_engine.live */
    struct sc_call_verdict v;
};

#define BLOCK_BITS 12
#define BLOCK_SIZE ((size_t)1 << BLOCK_BITS)

struct wake {
    int64_t at;
    uint32_t serial;
};

struct sc_engine {
    struct call_rec **blocks;     /* calls by serial - 1, in blocks that never move */
    size_t n_blocks, n_calls;
    uint32_t *index;              /* open addressing: serials; 0 empty */
    size_t index_cap;             /* a power of two */
    size_t index_used;
    uint32_t *live;               /* serials of calls not retired */
    size_t n_live, live_cap;
    struct wake *heap;            /* a min-heap on at */
    size_t heap_n, heap_cap;
    struct sc_reg_table *regs;
    struct sc_totals retired;
    int64_t now;
};

static struct call_rec *rec_of(const struct sc_engine *e, uint32_t serial)
{
    size_t i = serial - 1;
    return &e->blocks[i >> BLOCK_BITS][i & (BLOCK_SIZE - 1)];
}

struct sc_engine *sc_engine_new(void)
{
    struct sc_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->index_cap = 256;
    e->index = calloc(e->index_cap, sizeof *e->index);
    e->regs = sc_reg_new();
    if (!e->index || !e->regs) {
        sc_engine_free(e);
        return NULL;
    }
    return e;
}

void sc_engine_free(struct sc_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_calls; i++)
        sc_call_live_free(rec_of(e, (uint32_t)i + 1)->live);
    for (size_t b = 0; b < e->n_blocks; b++)
        free(e->blocks[b]);
    free(e->blocks);
    free(e->index);
    free(e->live);
    free(e->heap);
    sc_reg_free(e->regs);
    free(e);
}

size_t sc_engine_calls(const struct sc_engine *e)
{
    return e ? e->n_calls : 0;
}

size_t sc_engine_live_calls(const struct sc_engine *e)
{
    return e ? e->n_live : 0;
}

/* Index */

static uint32_t index_find(const struct sc_engine *e, uint64_t key)
{
    size_t mask = e->index_cap - 1;
    for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
        uint32_t s = e->index[i];
        if (!s || rec_of(e, s)->key == key)
            return s;
    }
}

static void index_put(struct sc_engine *e, uint64_t key, uint32_t serial)
{
    size_t mask = e->index_cap - 1;
    for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
        uint32_t s = e->index[i];
        if (!s || rec_of(e, s)->key == key) {
            e->index_used += !s;
            e->index[i] = serial; /* a newer call with the same key takes the slot */
            return;
        }
    }
}

static bool index_grow(struct sc_engine *e)
{
    size_t cap = e->index_cap * 2;
    uint32_t *old = e->index, *grown = calloc(cap, sizeof *grown);
    if (!grown)
        return false;
    size_t old_cap = e->index_cap;
    e->index = grown;
    e->index_cap = cap;
    e->index_used = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            index_put(e, rec_of(e, old[i])->key, old[i]);
    free(old);
    return true;
}

/* The wake heap */

static bool heap_push(struct sc_engine *e, int64_t at, uint32_t serial)
{
    if (e->heap_n == e->heap_cap) {
        size_t cap = e->heap_cap ? e->heap_cap * 2 : 256;
        struct wake *h = realloc(e->heap, cap * sizeof *h);
        if (!h)
            return false;
        e->heap = h;
        e->heap_cap = cap;
    }
    size_t i = e->heap_n++;
    while (i > 0 && e->heap[(i - 1) / 2].at > at) {
        e->heap[i] = e->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    e->heap[i].at = at;
    e->heap[i].serial = serial;
    return true;
}

static struct wake heap_pop(struct sc_engine *e)
{
    struct wake top = e->heap[0], last = e->heap[--e->heap_n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= e->heap_n)
            break;
        if (c + 1 < e->heap_n && e->heap[c + 1].at < e->heap[c].at)
            c++;
        if (e->heap[c].at >= last.at)
            break;
        e->heap[i] = e->heap[c];
        i = c;
    }
    if (e->heap_n)
        e->heap[i] = last;
    return top;
}

/* Calls */

static void retire(struct sc_engine *e, uint32_t serial)
{
    struct call_rec *r = rec_of(e, serial);
    sc_totals_add_call(&e->retired, &r->v);
    sc_call_live_free(r->live);
    r->live = NULL;
    uint32_t moved = e->live[--e->n_live];
    e->live[r->live_index] = moved;
    rec_of(e, moved)->live_index = r->live_index;
}

/* Judges the call again at the clock; queues its next wake or retires it. */
static void update(struct sc_engine *e, uint32_t serial)
{
    struct call_rec *r = rec_of(e, serial);
    uint32_t first_frame = r->v.first_frame;
    sc_call_live_judge(r->live, e->now, &r->v);
    r->v.call = serial;
    r->v.first_frame = first_frame;
    if (sc_call_live_done(r->live, e->now)) {
        retire(e, serial);
        return;
    }
    int64_t wake = sc_call_live_wake(r->live);
    if (wake < r->pending && heap_push(e, wake, serial))
        r->pending = wake;
}

static uint32_t new_call(struct sc_engine *e, uint64_t key, const struct sc_seen *at, const char *buf,
                         const struct sc_message *m)
{
    if (e->n_calls >= UINT32_MAX - 1)
        return 0;
    if (e->n_calls == e->n_blocks * BLOCK_SIZE) {
        struct call_rec **b = realloc(e->blocks, (e->n_blocks + 1) * sizeof *b);
        if (!b)
            return 0;
        e->blocks = b;
        if (!(b[e->n_blocks] = malloc(BLOCK_SIZE * sizeof **b)))
            return 0;
        e->n_blocks++;
    }
    if (e->n_live == e->live_cap) {
        size_t cap = e->live_cap ? e->live_cap * 2 : 256;
        uint32_t *l = realloc(e->live, cap * sizeof *l);
        if (!l)
            return 0;
        e->live = l;
        e->live_cap = cap;
    }
    if (2 * (e->index_used + 1) > e->index_cap && !index_grow(e))
        return 0;
    struct sc_call_live *live = sc_call_live_new(at, buf, m);
    if (!live)
        return 0;
    uint32_t serial = (uint32_t)++e->n_calls;
    struct call_rec *r = rec_of(e, serial);
    memset(r, 0, sizeof *r);
    r->key = key;
    r->live = live;
    r->pending = INT64_MAX;
    r->live_index = (uint32_t)e->n_live;
    r->v.first_frame = at->frame;
    e->live[e->n_live++] = serial;
    index_put(e, key, serial);
    update(e, serial);
    return serial;
}

/* The clock is the time of the frame at hand, even when it goes back (a
 * file made by concatenating captures): a call is only judged against the
 * time of the frames that follow it. */
void sc_engine_clock(struct sc_engine *e, int64_t now)
{
    if (!e)
        return;
    e->now = now;
    while (e->heap_n && e->heap[0].at <= now) {
        struct wake w = heap_pop(e);
        struct call_rec *r = rec_of(e, w.serial);
        if (!r->live || w.at != r->pending)
            continue; /* retired, or a wake that an earlier one replaced */
        r->pending = INT64_MAX;
        update(e, w.serial);
    }
    sc_reg_clock(e->regs, now);
}

static bool text_is(const char *buf, struct sc_text t, const char *want)
{
    size_t n = strlen(want);
    return t.len == n && memcmp(buf + t.off, want, n) == 0;
}

static uint64_t key_of(uint64_t call_id, const char *buf, struct sc_text tag)
{
    return sc_hash64(buf + tag.off, tag.len, call_id ^ SEED_KEY);
}

uint32_t sc_engine_feed(struct sc_engine *e, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    if (!e || m->kind == SC_MSG_OTHER || !m->call_id.len)
        return 0;
    sc_engine_clock(e, at->time_ns);
    bool request = m->kind == SC_MSG_REQUEST;
    struct sc_text method = request ? m->method : m->cseq_method;
    uint64_t id = sc_hash64(buf + m->call_id.off, m->call_id.len, SEED_CALL_ID);
    uint64_t from = key_of(id, buf, m->from_tag);
    if (text_is(buf, method, "REGISTER")) {
        sc_reg_feed(e->regs, from, at, buf, m);
        return 0;
    }
    uint32_t serial = index_find(e, from);
    if (request && !m->to_tag.len && text_is(buf, method, "INVITE")) {
        struct call_rec *r = serial ? rec_of(e, serial) : NULL;
        if (r && r->live && sc_call_live_feed(r->live, at, buf, m)) {
            update(e, serial);
            return serial;
        }
        return new_call(e, from, at, buf, m);
    }
    if (!serial) /* a request of the callee, or its response: the caller's tag is the To tag */
        serial = index_find(e, key_of(id, buf, m->to_tag));
    if (!serial)
        return 0;
    struct call_rec *r = rec_of(e, serial);
    if (r->live) {
        sc_call_live_feed(r->live, at, buf, m);
        update(e, serial);
    }
    return serial;
}

bool sc_engine_verdict(const struct sc_engine *e, uint32_t serial, struct sc_call_verdict *out)
{
    if (!e || serial == 0 || serial > e->n_calls)
        return false;
    *out = rec_of(e, serial)->v;
    return true;
}

void sc_engine_totals(const struct sc_engine *e, struct sc_totals *out)
{
    memset(out, 0, sizeof *out);
    if (!e)
        return;
    sc_totals_merge(out, &e->retired);
    for (size_t i = 0; i < e->n_live; i++)
        sc_totals_add_call(out, &rec_of(e, e->live[i])->v);
    sc_reg_totals(e->regs, e->now, out);
}
