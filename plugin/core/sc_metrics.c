/* sipcodes core: RFC 6076 totals and their rows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_metrics.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void add_delay(struct sc_delay *d, int64_t ns)
{
    if (d->count == 0 || ns < d->min_ns)
        d->min_ns = ns;
    if (d->count == 0 || ns > d->max_ns)
        d->max_ns = ns;
    d->sum_ns += ns;
    d->count++;
}

static void merge_delay(struct sc_delay *into, const struct sc_delay *from)
{
    if (!from->count)
        return;
    if (!into->count || from->min_ns < into->min_ns)
        into->min_ns = from->min_ns;
    if (!into->count || from->max_ns > into->max_ns)
        into->max_ns = from->max_ns;
    into->sum_ns += from->sum_ns;
    into->count += from->count;
}

void sc_totals_add_call(struct sc_totals *t, const struct sc_call_verdict *v)
{
    struct sc_call_share s;
    sc_call_share_of(v, &s);
    t->calls++;
    t->by_state[v->state]++;
    for (unsigned i = 0; i < SC_TIMER_COUNT; i++)
        if (v->timers >> i & 1u)
            t->by_timer[i]++;
    if (!s.settled)
        return;
    t->settled++;
    t->redirected += s.redirected;
    t->established += s.established;
    t->effective += s.effective;
    t->ineffective += s.ineffective;
    if (v->has_outcome)
        t->by_outcome[v->outcome]++;
    else
        t->no_outcome++;
    if (v->has_q850)
        t->by_cause[v->q850 & 127]++;
    else
        t->no_cause++;
    if (s.srd_ok)
        add_delay(&t->srd_ok, v->setup_ns);
    if (s.srd_failed)
        add_delay(&t->srd_failed, v->setup_ns);
    if (s.sdt_ok)
        add_delay(&t->sdt_ok, s.sdt_ns);
    if (s.sdt_failed)
        add_delay(&t->sdt_failed, s.sdt_ns);
    if (s.sdd_ok)
        add_delay(&t->sdd_ok, v->disconnect_ns);
    if (s.sdd_failed)
        add_delay(&t->sdd_failed, v->disconnect_ns);
}

void sc_totals_add_registration(struct sc_totals *t, const struct sc_registration *r)
{
    t->registrations++;
    if (!r->settled)
        return;
    t->reg_settled++;
    t->reg_failed += r->failed;
    if (r->has_delay)
        add_delay(&t->rrd, r->delay_ns);
}

void sc_totals_merge(struct sc_totals *into, const struct sc_totals *from)
{
    into->calls += from->calls;
    for (unsigned i = 0; i < SC_CALL_STATE_COUNT; i++)
        into->by_state[i] += from->by_state[i];
    into->settled += from->settled;
    into->redirected += from->redirected;
    into->established += from->established;
    into->effective += from->effective;
    into->ineffective += from->ineffective;
    merge_delay(&into->srd_ok, &from->srd_ok);
    merge_delay(&into->srd_failed, &from->srd_failed);
    merge_delay(&into->sdd_ok, &from->sdd_ok);
    merge_delay(&into->sdd_failed, &from->sdd_failed);
    merge_delay(&into->sdt_ok, &from->sdt_ok);
    merge_delay(&into->sdt_failed, &from->sdt_failed);
    for (unsigned i = 0; i < SC_OUTCOME_COUNT; i++)
        into->by_outcome[i] += from->by_outcome[i];
    into->no_outcome += from->no_outcome;
    for (unsigned i = 0; i < 128; i++)
        into->by_cause[i] += from->by_cause[i];
    into->no_cause += from->no_cause;
    for (unsigned i = 0; i < SC_TIMER_COUNT; i++)
        into->by_timer[i] += from->by_timer[i];
    into->registrations += from->registrations;
    into->reg_settled += from->reg_settled;
    into->reg_failed += from->reg_failed;
    merge_delay(&into->rrd, &from->rrd);
}

/* Rows */

struct rows {
    struct sc_metric_row *rows;
    size_t max, n;
};

static struct sc_metric_row *row_add(struct rows *r, unsigned depth, enum sc_metric_unit unit, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct sc_metric_row *row_add(struct rows *r, unsigned depth, enum sc_metric_unit unit, const char *fmt, ...)
{
    static struct sc_metric_row scratch; /* rows past max are counted, not kept */
    struct sc_metric_row *row = r->n < r->max ? &r->rows[r->n] : &scratch;
    r->n++;
    memset(row, 0, sizeof *row);
    row->depth = depth;
    row->unit = unit;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(row->label, sizeof row->label, fmt, ap);
    va_end(ap);
    snprintf(row->value, sizeof row->value, "n/a");
    return row;
}

static void row_count(struct rows *r, unsigned depth, uint64_t count, const char *label)
{
    struct sc_metric_row *row = row_add(r, depth, SC_UNIT_COUNT, "%s", label);
    row->has_value = true;
    row->count = count;
    row->number = (double)count;
    snprintf(row->value, sizeof row->value, "%llu", (unsigned long long)count);
}

/* s4 intro: a ratio with a zero denominator is undefined. */
static void row_ratio(struct rows *r, const char *label, uint64_t num, uint64_t den)
{
    struct sc_metric_row *row = row_add(r, 0, SC_UNIT_PERCENT, "%s", label);
    row->count = num;
    row->of = den;
    if (den == 0)
        return;
    row->has_value = true;
    row->number = 100.0 * (double)num / (double)den;
    snprintf(row->value, sizeof row->value, "%.2f %% (%llu/%llu)", row->number, (unsigned long long)num,
             (unsigned long long)den);
}

static void fmt_time(char *buf, size_t n, int64_t ns, enum sc_metric_unit unit)
{
    const char *sign = ns < 0 ? "-" : "";
    uint64_t a = ns < 0 ? (uint64_t)(-(ns + 1)) + 1 : (uint64_t)ns;
    if (unit == SC_UNIT_MS)
        snprintf(buf, n, "%s%llu.%03llu ms", sign, (unsigned long long)(a / 1000000u),
                 (unsigned long long)(a % 1000000u / 1000u));
    else
        snprintf(buf, n, "%s%llu.%06llu s", sign, (unsigned long long)(a / 1000000000u),
                 (unsigned long long)(a % 1000000000u / 1000u));
}

/* count, min, mean, max of a delay, in the unit the RFC asks for. */
static void row_delays(struct rows *r, const char *what, const struct sc_delay *d, enum sc_metric_unit unit)
{
    static const char *const names[] = { "count", "min", "mean", "max" };
    for (int i = 0; i < 4; i++) {
        struct sc_metric_row *row = row_add(r, 0, i ? unit : SC_UNIT_COUNT, "%s, %s", what, names[i]);
        row->count = d->count;
        if (i == 0) {
            row->has_value = true;
            row->number = (double)d->count;
            snprintf(row->value, sizeof row->value, "%llu", (unsigned long long)d->count);
            continue;
        }
        if (d->count == 0)
            continue;
        int64_t ns = i == 1 ? d->min_ns : i == 3 ? d->max_ns : d->sum_ns / (int64_t)d->count;
        row->has_value = true;
        row->number = (double)ns / (unit == SC_UNIT_MS ? 1e6 : 1e9);
        fmt_time(row->value, sizeof row->value, ns, unit);
    }
}

size_t sc_totals_rows(const struct sc_totals *t, struct sc_metric_row *out, size_t max)
{
    struct rows r = { out, max, 0 };
    const uint64_t *st = t->by_state;
    /* s4.6, s4.7: the INVITEs that got a 3xx are taken out of the denominator */
    uint64_t requests = t->settled, not_redirected = t->settled - t->redirected;
    /* s4.9: a session still up when the capture ended has not completed yet */
    uint64_t ended = st[SC_CALL_STATE_FAILED] + st[SC_CALL_STATE_COMPLETED] + st[SC_CALL_STATE_BROKEN];
    char label[100];

    row_count(&r, 0, t->calls, "Calls");
    for (unsigned i = 0; i < SC_CALL_STATE_COUNT; i++) {
        snprintf(label, sizeof label, "State %s", sc_call_state_names[i]);
        row_count(&r, 1, st[i], label);
    }
    row_count(&r, 0, requests, "Session requests (calls whose setup ended)");
    row_ratio(&r, "Session Establishment Ratio, SER (RFC 6076 s4.6)", t->established, not_redirected);
    row_ratio(&r, "Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7)", t->effective, not_redirected);
    row_ratio(&r, "Ineffective Session Attempts, ISA (RFC 6076 s4.8)", t->ineffective, requests);
    row_ratio(&r, "Session Completion Ratio, SCR (RFC 6076 s4.9)", t->by_state[SC_CALL_STATE_COMPLETED], ended);
    row_delays(&r, "Session Request Delay, successful (RFC 6076 s4.3.1)", &t->srd_ok, SC_UNIT_SECONDS);
    row_delays(&r, "Session Request Delay, failed (RFC 6076 s4.3.2)", &t->srd_failed, SC_UNIT_SECONDS);
    row_delays(&r, "Session Disconnect Delay, successful (RFC 6076 s4.4)", &t->sdd_ok, SC_UNIT_MS);
    row_delays(&r, "Session Disconnect Delay, failed (RFC 6076 s4.4)", &t->sdd_failed, SC_UNIT_MS);
    row_delays(&r, "Session Duration Time, successful (RFC 6076 s4.5.1)", &t->sdt_ok, SC_UNIT_SECONDS);
    row_delays(&r, "Session Duration Time, failed (RFC 6076 s4.5.2)", &t->sdt_failed, SC_UNIT_SECONDS);
    row_count(&r, 0, t->registrations, "Registration attempts");
    row_count(&r, 1, t->registrations - t->reg_settled, "unfinished");
    row_ratio(&r, "Ineffective Registration Attempts, IRA (RFC 6076 s4.2)", t->reg_failed, t->reg_settled);
    row_delays(&r, "Registration Request Delay (RFC 6076 s4.1)", &t->rrd, SC_UNIT_MS);

    row_count(&r, 0, requests, "Calls by outcome");
    for (unsigned i = 0; i < SC_OUTCOME_COUNT; i++) {
        if (!t->by_outcome[i])
            continue;
        snprintf(label, sizeof label, "Outcome %s", sc_outcome_names[i]);
        row_count(&r, 1, t->by_outcome[i], label);
    }
    if (t->no_outcome)
        row_count(&r, 1, t->no_outcome, "Outcome (none)");
    row_count(&r, 0, requests, "Calls by cause");
    for (unsigned c = 0; c < 128; c++) {
        if (!t->by_cause[c])
            continue;
        const struct sc_q850 *q = sc_q850_lookup(c);
        if (q)
            snprintf(label, sizeof label, "Cause %u %s", c, q->name);
        else
            snprintf(label, sizeof label, "Cause %u", c);
        row_count(&r, 1, t->by_cause[c], label);
    }
    if (t->no_cause)
        row_count(&r, 1, t->no_cause, "Cause (none)");
    row_count(&r, 0, t->calls, "Calls by timer run out");
    for (unsigned i = 0; i < SC_TIMER_COUNT; i++) {
        snprintf(label, sizeof label, "Timer %s", sc_timer_names[i]);
        row_count(&r, 1, t->by_timer[i], label);
    }
    return r.n;
}
