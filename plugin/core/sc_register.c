/* sipcodes core: registration attempts.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_register.h"

#include "sc_hash.h"

#include <stdlib.h>
#include <string.h>

enum { SEED_BRANCH = 21 };

struct attempt {
    uint64_t key;
    uint32_t next;              /* next slot + 1 in the bucket; 0 none */
    uint32_t generation;        /* bumped when the slot is reused */
    bool used;
    uint32_t cseq;
    uint64_t branch;            /* of the current REGISTER on the first leg */
    int64_t start;              /* the attempt's first REGISTER (RFC 6076 s4.1 t1) */
    int64_t sent;               /* the current REGISTER: Timer F runs from it */
    int64_t last_event;
    uint16_t final_code;
    int64_t final_time;
    bool timed_out;
};

struct wake {
    int64_t at;
    uint32_t slot, generation;
};

struct sc_reg_table {
    struct attempt *slots;
    size_t n_slots, cap;
    uint32_t free_head;         /* slot + 1; 0 none, linked through next */
    uint32_t *buckets;          /* slot + 1; 0 none */
    size_t n_buckets;           /* a power of two */
    size_t live;
    struct wake *wakes;         /* a FIFO: deadlines come in time order */
    size_t w_head, w_tail, w_cap;
    struct sc_totals retired;
};

struct sc_reg_table *sc_reg_new(void)
{
    struct sc_reg_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->n_buckets = 64;
    t->buckets = calloc(t->n_buckets, sizeof *t->buckets);
    if (!t->buckets) {
        free(t);
        return NULL;
    }
    return t;
}

void sc_reg_free(struct sc_reg_table *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->buckets);
    free(t->wakes);
    free(t);
}

static struct attempt *find(struct sc_reg_table *t, uint64_t key)
{
    for (uint32_t s = t->buckets[key & (t->n_buckets - 1)]; s; s = t->slots[s - 1].next)
        if (t->slots[s - 1].key == key)
            return &t->slots[s - 1];
    return NULL;
}

static void unlink_slot(struct sc_reg_table *t, uint32_t slot)
{
    uint32_t *p = &t->buckets[t->slots[slot].key & (t->n_buckets - 1)];
    while (*p && *p != slot + 1)
        p = &t->slots[*p - 1].next;
    if (*p)
        *p = t->slots[slot].next;
}

static bool grow_buckets(struct sc_reg_table *t)
{
    size_t n = t->n_buckets * 2;
    uint32_t *b = calloc(n, sizeof *b);
    if (!b)
        return false;
    for (size_t i = 0; i < t->n_slots; i++) {
        struct attempt *a = &t->slots[i];
        if (!a->used)
            continue;
        a->next = b[a->key & (n - 1)];
        b[a->key & (n - 1)] = (uint32_t)i + 1;
    }
    free(t->buckets);
    t->buckets = b;
    t->n_buckets = n;
    return true;
}

static struct attempt *add(struct sc_reg_table *t, uint64_t key)
{
    if (t->live >= t->n_buckets && !grow_buckets(t))
        return NULL;
    uint32_t slot;
    if (t->free_head) {
        slot = t->free_head - 1;
        t->free_head = t->slots[slot].next;
    } else {
        if (t->n_slots == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 64;
            struct attempt *s = realloc(t->slots, cap * sizeof *s);
            if (!s)
                return NULL;
            t->slots = s;
            t->cap = cap;
        }
        slot = (uint32_t)t->n_slots++;
        t->slots[slot].generation = 0;
    }
    struct attempt *a = &t->slots[slot];
    uint32_t generation = a->generation + 1;
    memset(a, 0, sizeof *a);
    a->generation = generation;
    a->used = true;
    a->key = key;
    a->next = t->buckets[key & (t->n_buckets - 1)];
    t->buckets[key & (t->n_buckets - 1)] = slot + 1;
    t->live++;
    return a;
}

static void judge(const struct attempt *a, struct sc_registration *r)
{
    memset(r, 0, sizeof *r);
    r->settled = a->final_code || a->timed_out;
    r->failed = a->timed_out || (a->final_code >= 400 && !sc_metric_group_has(SC_METRIC_GROUP_NOT_FAILURE, a->final_code));
    if (a->final_code >= 200 && a->final_code <= 299) {
        r->has_delay = true;
        r->delay_ns = a->final_time - a->start;
    }
}

static void retire(struct sc_reg_table *t, struct attempt *a)
{
    struct sc_registration r;
    judge(a, &r);
    sc_totals_add_registration(&t->retired, &r);
    uint32_t slot = (uint32_t)(a - t->slots);
    unlink_slot(t, slot);
    a->used = false;
    a->generation++;
    a->next = t->free_head;
    t->free_head = slot + 1;
    t->live--;
}

static void wake_at(struct sc_reg_table *t, const struct attempt *a, int64_t at)
{
    if (t->w_tail == t->w_cap) {
        if (t->w_head > 0) { /* reuse the consumed front */
            memmove(t->wakes, t->wakes + t->w_head, (t->w_tail - t->w_head) * sizeof *t->wakes);
            t->w_tail -= t->w_head;
            t->w_head = 0;
        }
        if (t->w_tail == t->w_cap) {
            size_t cap = t->w_cap ? t->w_cap * 2 : 64;
            struct wake *w = realloc(t->wakes, cap * sizeof *w);
            if (!w)
                return;
            t->wakes = w;
            t->w_cap = cap;
        }
    }
    struct wake *w = &t->wakes[t->w_tail++];
    w->at = at;
    w->slot = (uint32_t)(a - t->slots);
    w->generation = a->generation;
}

static bool text_is(const char *buf, struct sc_text s, const char *want)
{
    size_t n = strlen(want);
    return s.len == n && memcmp(buf + s.off, want, n) == 0;
}

static void send_register(struct attempt *a, const struct sc_seen *at, uint64_t branch, uint32_t cseq)
{
    a->cseq = cseq;
    a->branch = branch;
    a->sent = at->time_ns;
    a->final_code = 0;
}

void sc_reg_feed(struct sc_reg_table *t, uint64_t key, const struct sc_seen *at, const char *buf,
                 const struct sc_message *m)
{
    uint64_t branch = m->via_branch.len ? sc_hash64(buf + m->via_branch.off, m->via_branch.len, SEED_BRANCH) | 1u : 0;
    struct attempt *a = find(t, key);
    if (m->kind == SC_MSG_REQUEST) {
        if (!text_is(buf, m->method, "REGISTER"))
            return;
        if (a && m->cseq_number <= a->cseq) {
            a->last_event = at->time_ns; /* a retransmission or the next hop */
            return;
        }
        enum sc_retry kind;
        bool retried = a && !a->timed_out && (!a->final_code || sc_retry_for(a->final_code, &kind));
        if (a && !retried) {
            retire(t, a);
            a = NULL;
        }
        if (!a) {
            a = add(t, key);
            if (!a)
                return;
            a->start = at->time_ns;
        }
        send_register(a, at, branch, m->cseq_number);
        a->last_event = at->time_ns;
        wake_at(t, a, at->time_ns + SC_T1_64_NS + 1);
        return;
    }
    if (!a || !text_is(buf, m->cseq_method, "REGISTER") || m->cseq_number != a->cseq)
        return;
    a->last_event = at->time_ns;
    if (m->code < 200 || m->code > 699 || a->final_code || a->timed_out || (branch && a->branch && branch != a->branch))
        return; /* provisional, a retransmission, too late, or another hop */
    a->final_code = (uint16_t)m->code;
    a->final_time = at->time_ns;
    wake_at(t, a, at->time_ns + SC_T1_64_NS);
}

void sc_reg_clock(struct sc_reg_table *t, int64_t now)
{
    while (t->w_head < t->w_tail && t->wakes[t->w_head].at <= now) {
        struct wake w = t->wakes[t->w_head++];
        struct attempt *a = &t->slots[w.slot];
        if (!a->used || a->generation != w.generation)
            continue;
        if (!a->final_code && !a->timed_out && now > a->sent + SC_T1_64_NS)
            a->timed_out = true; /* Timer F (RFC 3261 s17.1.2.2) */
        if ((a->final_code || a->timed_out) && now >= a->last_event + SC_T1_64_NS)
            retire(t, a);
        else
            wake_at(t, a, (a->final_code || a->timed_out ? a->last_event : a->sent) + SC_T1_64_NS + 1);
    }
    if (t->w_head == t->w_tail)
        t->w_head = t->w_tail = 0;
}

void sc_reg_totals(const struct sc_reg_table *t, int64_t now, struct sc_totals *into)
{
    sc_totals_merge(into, &t->retired);
    for (size_t i = 0; i < t->n_slots; i++) {
        const struct attempt *a = &t->slots[i];
        if (!a->used)
            continue;
        struct attempt copy = *a;
        if (!copy.final_code && now > copy.sent + SC_T1_64_NS)
            copy.timed_out = true;
        struct sc_registration r;
        judge(&copy, &r);
        sc_totals_add_registration(into, &r);
    }
}
