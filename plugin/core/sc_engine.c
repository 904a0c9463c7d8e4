/* sipcodes core: the calls of a capture, found by a hash of the Call-ID
 * and the caller's tag, and the clock that runs out their timers.
 *
 * A call's full state (sc_call_live) is kept while messages may still
 * change it; 64*T1 after the last message of a settled call it is retired:
 * its verdict stays, its state is freed and its figures join the totals.
 * An engine that forgets (sc_engine_forget()) drops the verdict too, so
 * that its memory holds the calls not retired and nothing else.
 *
 * Records are found by a ref: the serial when verdicts are kept, else the
 * call's live slot + 1 (reused once it retires).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_engine.h"

#include "sc_hash.h"
#include "sc_register.h"

#include <stdlib.h>
#include <string.h>

enum { SEED_CALL_ID = 31, SEED_KEY = 32 };

/* What is kept of every call for good: its key and its verdict, packed
 * into 48 bytes (times in microseconds). */
#define NONE32 UINT32_MAX
struct call_rec {
    uint64_t key;                 /* Call-ID and the caller's tag */
    uint64_t duration_us;         /* UINT64_MAX: none */
    uint32_t live;                /* slot in sc_engine.lives + 1; 0 once retired */
    uint32_t final_frame;
    uint32_t setup_us;            /* NONE32: none; longer ones are cut at NONE32 - 1 */
    uint32_t disconnect_us;       /* NONE32: none */
    uint32_t branches;            /* slot in sc_engine.branches + 1; 0 without */
    uint16_t final_code;
    uint16_t cause_code;          /* the Reason's cause= as sent */
    uint8_t q850;                 /* 255: none */
    uint8_t attempts;
    uint8_t state : 3, ended_by : 2, reason_protocol : 2, has_final : 1;
    uint8_t outcome : 4, ended_rule : 3, has_ended_by : 1;
    uint8_t cause_source : 4, has_cause : 1, has_reason : 1, has_outcome : 1, disconnect_ok : 1;
    uint8_t timers : 4;
    uint8_t location;             /* the Reason's RFC 8606 location: its row + 1; 0 none
                                     (the generator allows 16 rows, one per value) */
};
_Static_assert(sizeof(struct call_rec) == 48, "a call is kept in 48 bytes");
_Static_assert(SC_CALL_STATE_COUNT <= 8 && SC_PARTY_COUNT <= 4 && SC_OUTCOME_COUNT <= 16 && SC_ENDED_RULE_COUNT <= 8
               && SC_CAUSE_SOURCE_COUNT <= 16 && SC_TIMER_COUNT <= 4,
               "the sets fit the bit fields of struct call_rec");

/* A call whose messages may still come. */
struct live_slot {
    struct sc_call_live *call;    /* NULL: a free slot */
    uint32_t serial;              /* or the next free slot + 1 */
    bool dirty;                   /* fed since its last judgement */
    int64_t pending;              /* earliest wake queued for it; INT64_MAX none */
};

struct branch_codes {
    uint8_t n;
    uint16_t code[SC_CALL_BRANCHES_MAX];
    uint32_t next_free;           /* a free entry + 1, when forgetting */
};

#define BLOCK_BITS 12
#define BLOCK_SIZE ((size_t)1 << BLOCK_BITS)

struct wake {
    int64_t at;
    uint32_t ref;
};

struct sc_engine {
    bool forget;                  /* drop the verdicts of retired calls */
    struct call_rec **blocks;     /* records by ref - 1, in blocks that never move */
    size_t n_blocks, n_recs;
    size_t n_calls;               /* serials given */
    uint32_t last_serial, last_ref; /* the call of the last message fed */
    uint32_t *index;              /* open addressing: refs; 0 empty */
    size_t index_cap;             /* a power of two */
    size_t index_used;
    struct live_slot *lives;      /* calls not retired */
    size_t n_lives, lives_cap, live_count;
    uint32_t free_live;           /* a free slot + 1; 0 none */
    struct branch_codes *branches; /* of the calls seen on a proxy host */
    size_t n_branches, branches_cap;
    uint32_t free_branch;         /* a free entry + 1; 0 none */
    struct wake *heap;            /* a min-heap on at */
    size_t heap_n, heap_cap;
    struct sc_reg_table *regs;
    struct sc_totals retired;
    sc_retired_fn on_retired;
    void *on_retired_ctx;
    int64_t now;
};

static struct call_rec *rec_of(const struct sc_engine *e, uint32_t ref)
{
    size_t i = ref - 1;
    return &e->blocks[i >> BLOCK_BITS][i & (BLOCK_SIZE - 1)];
}

static uint32_t serial_of(const struct sc_engine *e, uint32_t ref)
{
    return e->forget ? e->lives[rec_of(e, ref)->live - 1].serial : ref;
}

void sc_engine_on_retired(struct sc_engine *e, sc_retired_fn fn, void *ctx)
{
    if (e) {
        e->on_retired = fn;
        e->on_retired_ctx = ctx;
    }
}

void sc_engine_forget(struct sc_engine *e, bool forget)
{
    if (e && e->n_calls == 0)
        e->forget = forget;
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
    for (size_t i = 0; i < e->n_lives; i++)
        sc_call_live_free(e->lives[i].call);
    for (size_t b = 0; b < e->n_blocks; b++)
        free(e->blocks[b]);
    free(e->blocks);
    free(e->index);
    free(e->lives);
    free(e->branches);
    free(e->heap);
    sc_reg_free(e->regs);
    free(e);
}

size_t sc_engine_calls(const struct sc_engine *e)
{
    return e ? e->n_calls : 0;
}

size_t sc_engine_records(const struct sc_engine *e)
{
    return e ? e->n_recs : 0;
}

size_t sc_engine_bytes(const struct sc_engine *e)
{
    if (!e)
        return 0;
    return e->n_blocks * (sizeof(struct call_rec *) + BLOCK_SIZE * sizeof(struct call_rec))
           + e->index_cap * sizeof *e->index + e->lives_cap * sizeof *e->lives
           + e->branches_cap * sizeof *e->branches + e->heap_cap * sizeof *e->heap;
}

size_t sc_engine_live_calls(const struct sc_engine *e)
{
    return e ? e->live_count : 0;
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

/* Takes ref's entry out (linear probing: the entries after it that would
 * no longer be found move back). */
static void index_delete(struct sc_engine *e, uint64_t key, uint32_t ref)
{
    size_t mask = e->index_cap - 1, i = (size_t)key & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t s = e->index[i];
        if (!s)
            return;
        if (s == ref)
            break;
    }
    for (size_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        uint32_t s = e->index[j];
        if (!s)
            break;
        size_t home = (size_t)rec_of(e, s)->key & mask;
        /* s stays when its home lies cyclically in (i, j] */
        bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            e->index[i] = s;
            i = j;
        }
    }
    e->index[i] = 0;
    e->index_used--;
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

static bool heap_push(struct sc_engine *e, int64_t at, uint32_t ref)
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
    e->heap[i].ref = ref;
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

static uint32_t us32(bool has, int64_t ns)
{
    if (!has)
        return NONE32;
    uint64_t us = ns <= 0 ? 0 : (uint64_t)ns / 1000;
    return us >= NONE32 ? NONE32 - 1 : (uint32_t)us;
}

/* The verdict into the record: what every view reads from then on. */
static void pack(struct sc_engine *e, struct call_rec *r, const struct sc_call_verdict *v)
{
    r->final_frame = v->final_frame;
    r->setup_us = us32(v->has_setup, v->setup_ns);
    r->disconnect_us = us32(v->has_disconnect, v->disconnect_ns);
    r->duration_us = v->has_duration ? (uint64_t)(v->duration_ns > 0 ? v->duration_ns : 0) / 1000 : UINT64_MAX;
    r->final_code = v->final_code;
    r->cause_code = v->reason.code;
    r->q850 = v->has_q850 ? v->q850 : 255;
    r->attempts = v->attempts;
    r->state = v->state;
    r->has_final = v->has_final;
    r->has_outcome = v->has_outcome;
    r->outcome = v->has_outcome ? v->outcome : 0;
    r->has_cause = v->has_cause;
    r->cause_source = v->has_cause ? v->cause_source : 0;
    r->has_reason = v->reason.present;
    r->reason_protocol = v->reason.present ? v->reason.protocol : 0;
    r->has_ended_by = v->has_ended_by;
    r->ended_by = v->has_ended_by ? v->ended_by : 0;
    r->ended_rule = v->has_ended_by ? v->ended_rule : 0;
    r->disconnect_ok = v->disconnect_code >= 200 && v->disconnect_code <= 299;
    r->timers = v->timers & 15u;
    r->location = v->reason.location ? (uint8_t)(v->reason.location - sc_reason_locations + 1) : 0;
    if (v->n_branches && !r->branches && e->free_branch) {
        r->branches = e->free_branch;
        e->free_branch = e->branches[r->branches - 1].next_free;
    } else if (v->n_branches && !r->branches) {
        if (e->n_branches == e->branches_cap) {
            size_t cap = e->branches_cap ? e->branches_cap * 2 : 64;
            struct branch_codes *b = realloc(e->branches, cap * sizeof *b);
            if (!b)
                return;
            e->branches = b;
            e->branches_cap = cap;
        }
        r->branches = (uint32_t)++e->n_branches;
    }
    if (r->branches) {
        struct branch_codes *b = &e->branches[r->branches - 1];
        b->n = v->n_branches;
        memcpy(b->code, v->branch_code, sizeof b->code);
    }
}

static void unpack(const struct sc_engine *e, const struct call_rec *r, uint32_t serial, struct sc_call_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->call = serial;
    v->state = (enum sc_call_state)r->state;
    v->attempts = r->attempts;
    v->has_final = r->has_final;
    v->final_code = r->final_code;
    v->final_frame = r->final_frame;
    v->has_outcome = r->has_outcome;
    v->outcome = (enum sc_outcome)r->outcome;
    v->has_cause = r->has_cause;
    v->cause_source = (enum sc_cause_source)r->cause_source;
    v->has_q850 = r->q850 != 255;
    v->q850 = r->q850 != 255 ? r->q850 : 0;
    v->reason.present = r->has_reason;
    v->reason.protocol = (enum sc_reason_protocol)r->reason_protocol;
    v->reason.code = r->has_reason ? r->cause_code : 0;
    v->reason.location = r->location ? &sc_reason_locations[r->location - 1] : NULL;
    v->has_ended_by = r->has_ended_by;
    v->ended_by = (enum sc_party)r->ended_by;
    v->ended_rule = (enum sc_ended_rule)r->ended_rule;
    v->has_setup = r->setup_us != NONE32;
    v->setup_ns = v->has_setup ? (int64_t)r->setup_us * 1000 : 0;
    v->has_disconnect = r->disconnect_us != NONE32;
    v->disconnect_ns = v->has_disconnect ? (int64_t)r->disconnect_us * 1000 : 0;
    v->disconnect_code = v->has_disconnect ? (r->disconnect_ok ? 200 : 500) : 0;
    v->has_duration = r->duration_us != UINT64_MAX;
    v->duration_ns = v->has_duration ? (int64_t)(r->duration_us * 1000) : 0;
    v->timers = r->timers;
    if (r->branches) {
        const struct branch_codes *b = &e->branches[r->branches - 1];
        v->n_branches = b->n;
        memcpy(v->branch_code, b->code, sizeof v->branch_code);
    }
}

static void retire(struct sc_engine *e, uint32_t ref)
{
    struct call_rec *r = rec_of(e, ref);
    struct live_slot *slot = &e->lives[r->live - 1];
    struct sc_call_verdict v;
    unpack(e, r, slot->serial, &v);
    sc_totals_add_call(&e->retired, &v);
    if (e->on_retired)
        e->on_retired(e->on_retired_ctx, &v);
    sc_call_live_free(slot->call);
    if (e->forget) {
        index_delete(e, r->key, ref);
        if (r->branches) {
            e->branches[r->branches - 1].next_free = e->free_branch;
            e->free_branch = r->branches;
        }
        if (e->last_ref == ref)
            e->last_serial = e->last_ref = 0;
    }
    slot->call = NULL;
    slot->serial = e->free_live;
    e->free_live = r->live;
    e->live_count--;
    r->live = 0;
}

static void queue_wake(struct sc_engine *e, struct live_slot *slot, uint32_t ref, int64_t wake)
{
    if (wake < slot->pending && heap_push(e, wake, ref))
        slot->pending = wake;
}

/* Judges the call at the clock into its record; queues its next wake. */
static void judge(struct sc_engine *e, uint32_t ref)
{
    struct call_rec *r = rec_of(e, ref);
    struct live_slot *slot = &e->lives[r->live - 1];
    struct sc_call_verdict v;
    sc_call_live_judge(slot->call, e->now, &v);
    pack(e, r, &v);
    slot->dirty = false;
    queue_wake(e, slot, ref, sc_call_live_wake(slot->call));
}

/* At a wake: judged again, and retired once it can no longer change. */
static void update(struct sc_engine *e, uint32_t ref)
{
    judge(e, ref);
    struct call_rec *r = rec_of(e, ref);
    if (sc_call_live_done(e->lives[r->live - 1].call, e->now))
        retire(e, ref);
}

/* A message was fed: the judgement waits until someone asks or a wake
 * comes. Every deadline a message sets (Timers B, C and F, the ACK wait,
 * retirement) lies 64*T1 or more after it, and the wakes already queued
 * cover the older ones, so a wake 64*T1 from now misses none. */
static void touch(struct sc_engine *e, uint32_t ref)
{
    struct live_slot *slot = &e->lives[rec_of(e, ref)->live - 1];
    slot->dirty = true;
    queue_wake(e, slot, ref, e->now + SC_T1_64_NS);
}

/* The record of a live call brought up to date. */
static void fresh(struct sc_engine *e, uint32_t ref)
{
    struct call_rec *r = rec_of(e, ref);
    if (r->live && e->lives[r->live - 1].dirty)
        judge(e, ref);
}

/* A free live slot (its index + 1), 0 when out of memory. */
static uint32_t live_slot_new(struct sc_engine *e)
{
    uint32_t at = e->free_live;
    if (at) {
        e->free_live = e->lives[at - 1].serial;
        return at;
    }
    if (e->n_lives == e->lives_cap) {
        size_t cap = e->lives_cap ? e->lives_cap * 2 : 256;
        struct live_slot *l = realloc(e->lives, cap * sizeof *l);
        if (!l)
            return 0;
        e->lives = l;
        e->lives_cap = cap;
    }
    return (uint32_t)++e->n_lives;
}

static void live_slot_free(struct sc_engine *e, uint32_t at)
{
    e->lives[at - 1].call = NULL;
    e->lives[at - 1].serial = e->free_live;
    e->free_live = at;
}

/* Room for the record of ref. */
static bool rec_room(struct sc_engine *e, uint32_t ref)
{
    while (ref > e->n_blocks * BLOCK_SIZE) {
        struct call_rec **b = realloc(e->blocks, (e->n_blocks + 1) * sizeof *b);
        if (!b)
            return false;
        e->blocks = b;
        if (!(b[e->n_blocks] = malloc(BLOCK_SIZE * sizeof **b)))
            return false;
        e->n_blocks++;
    }
    if (ref > e->n_recs)
        e->n_recs = ref;
    return true;
}

static uint32_t new_call(struct sc_engine *e, uint64_t key, const struct sc_seen *at, const char *buf,
                         const struct sc_message *m)
{
    if (e->n_calls >= UINT32_MAX - 1)
        return 0;
    /* at most 7/10 of the slots used */
    if (10 * (e->index_used + 1) > 7 * e->index_cap && !index_grow(e))
        return 0;
    uint32_t slot = live_slot_new(e);
    if (!slot)
        return 0;
    uint32_t serial = (uint32_t)e->n_calls + 1;
    uint32_t ref = e->forget ? slot : serial;
    struct sc_call_live *live = rec_room(e, ref) ? sc_call_live_new(at, buf, m) : NULL;
    if (!live) {
        live_slot_free(e, slot);
        return 0;
    }
    struct call_rec *r = rec_of(e, ref);
    memset(r, 0, sizeof *r);
    r->key = key;
    r->live = slot;
    struct live_slot *l = &e->lives[slot - 1];
    l->call = live;
    l->serial = serial;
    l->pending = INT64_MAX;
    e->live_count++;
    e->n_calls++;
    index_put(e, key, ref);
    touch(e, ref);
    return ref;
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
        struct call_rec *r = rec_of(e, w.ref);
        if (!r->live || w.at != e->lives[r->live - 1].pending)
            continue; /* retired, or a wake that an earlier one replaced */
        e->lives[r->live - 1].pending = INT64_MAX;
        update(e, w.ref);
    }
    sc_reg_clock(e->regs, now);
}

static bool text_is(const char *buf, struct sc_text t, const char *want, size_t n)
{
    return t.len == n && memcmp(buf + t.off, want, n) == 0;
}

static uint64_t key_of(uint64_t call_id, const char *buf, struct sc_text tag)
{
    return sc_hash64(buf + tag.off, tag.len, call_id ^ SEED_KEY);
}

/* The call a message belongs to, by ref: 0 for none. */
static uint32_t feed(struct sc_engine *e, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    bool request = m->kind == SC_MSG_REQUEST;
    struct sc_text method = request ? m->method : m->cseq_method;
    uint64_t id = sc_hash64(buf + m->call_id.off, m->call_id.len, SEED_CALL_ID);
    uint64_t from = key_of(id, buf, m->from_tag);
    if (text_is(buf, method, "REGISTER", 8)) {
        sc_reg_feed(e->regs, from, at, buf, m);
        return 0;
    }
    uint32_t ref = index_find(e, from);
    if (request && !m->to_tag.len && text_is(buf, method, "INVITE", 6)) {
        struct call_rec *r = ref ? rec_of(e, ref) : NULL;
        if (r && r->live && sc_call_live_feed(e->lives[r->live - 1].call, at, buf, m)) {
            touch(e, ref);
            return ref;
        }
        return new_call(e, from, at, buf, m);
    }
    if (!ref) /* a request of the callee, or its response: the caller's tag is the To tag */
        ref = index_find(e, key_of(id, buf, m->to_tag));
    if (!ref)
        return 0;
    struct call_rec *r = rec_of(e, ref);
    if (r->live) {
        sc_call_live_feed(e->lives[r->live - 1].call, at, buf, m);
        touch(e, ref);
    }
    return ref;
}

uint32_t sc_engine_feed(struct sc_engine *e, const struct sc_seen *at, const char *buf, const struct sc_message *m)
{
    if (!e || m->kind == SC_MSG_OTHER || !m->call_id.len)
        return 0;
    sc_engine_clock(e, at->time_ns);
    uint32_t ref = feed(e, at, buf, m);
    if (!ref || !rec_of(e, ref)->live) /* retired: forgotten, or kept by serial */
        return e->forget ? 0 : ref;
    e->last_ref = ref;
    e->last_serial = serial_of(e, ref);
    return e->last_serial;
}

/* The ref of a call by its serial; 0 when it is no longer kept. */
static uint32_t ref_of(const struct sc_engine *e, uint32_t serial)
{
    if (!e->forget)
        return serial <= e->n_calls ? serial : 0;
    if (serial == e->last_serial)
        return e->last_ref;
    for (size_t i = 0; i < e->n_lives; i++)
        if (e->lives[i].call && e->lives[i].serial == serial)
            return (uint32_t)i + 1;
    return 0;
}

bool sc_engine_verdict(struct sc_engine *e, uint32_t serial, struct sc_call_verdict *out)
{
    uint32_t ref = e && serial ? ref_of(e, serial) : 0;
    if (!ref)
        return false;
    fresh(e, ref);
    unpack(e, rec_of(e, ref), serial, out);
    return true;
}

void sc_engine_totals(struct sc_engine *e, struct sc_totals *out)
{
    memset(out, 0, sizeof *out);
    if (!e)
        return;
    sc_totals_merge(out, &e->retired);
    for (size_t i = 0; i < e->n_lives; i++) {
        if (!e->lives[i].call)
            continue;
        struct sc_call_verdict v;
        uint32_t serial = e->lives[i].serial, ref = e->forget ? (uint32_t)i + 1 : serial;
        fresh(e, ref);
        unpack(e, rec_of(e, ref), serial, &v);
        sc_totals_add_call(out, &v);
    }
    sc_reg_totals(e->regs, e->now, out);
}
