/* gen-capture.c: writes a pcap of N SIP responses for the sipcodes benchmark.
 *
 * Usage: gen-capture N OUT.pcap DATA_DIR [SEED]
 *
 * Reads DATA_DIR through the loader of the table generator
 * (plugin/gen/sc_data.c: the same checks as the build) and writes Ethernet/IPv4 frames, about 70 % UDP
 * and 30 % TCP (16 connections with consistent sequence numbers, a client
 * ACK every second segment; 1 segment in 20 carries two responses). The mix: every class 1xx..6xx plus a few
 * 7xx, standard phrases (some in other letter case), vendor variant phrases,
 * device tokens in phrases, unknown phrases, CSeq INVITE and other methods,
 * Reason: Q.850 / Reason: SIP;cause=500;text="0x8nn" and Warning headers.
 * The output is the same for the same N, data and seed.
 *
 * No dependencies beyond libc and the loader (bench/make-capture.sh builds it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc_data.h"

/* ---- deterministic PRNG (xorshift64*) ---- */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static unsigned rnd(unsigned n) { return n ? (unsigned)((rnd64() >> 33) % n) : 0; }
static int chance(unsigned percent) { return rnd(1000) < percent * 10; }

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen-capture: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* ---- TSV tables ---- */
struct row { unsigned code; char *a; char *b; };
struct rows { struct row *v; size_t n, cap; };

static void rows_add(struct rows *r, unsigned code, const char *a, const char *b)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->v = realloc(r->v, r->cap * sizeof *r->v);
        if (!r->v)
            die("out of memory");
    }
    r->v[r->n].code = code;
    r->v[r->n].a = strdup(a ? a : "");
    r->v[r->n].b = strdup(b ? b : "");
    r->n++;
}

static struct rows codes, variants, devices_sip, devices_socket;

/* The tables through the same loader and checks as the build's generator. */
static void load_data(const char *dir)
{
    struct sc_tsv_ctx ctx = { .dir = dir };
    struct sc_data d;
    sc_data_init(&d);
    if (!sc_data_load(&ctx, &d))
        die("%d error(s) in %s", ctx.errors, dir);
    const struct sc_tsv *t = &d.codes;
    size_t code = sc_tsv_col(t, "code"), phrase = sc_tsv_col(t, "phrase");
    for (size_t r = 0; r < t->nrows; r++)
        rows_add(&codes, sc_tsv_num(t, r, code), sc_tsv_cell(t, r, phrase), NULL);
    t = &d.variants;
    code = sc_tsv_col(t, "code");
    phrase = sc_tsv_col(t, "phrase");
    for (size_t r = 0; r < t->nrows; r++)
        rows_add(&variants, sc_tsv_num(t, r, code), sc_tsv_cell(t, r, phrase), NULL);
    t = &d.devices;
    size_t device = sc_tsv_col(t, "device"), sip = sc_tsv_col(t, "sip_code"), kind = sc_tsv_col(t, "kind");
    for (size_t r = 0; r < t->nrows; r++) {
        const char *k = sc_tsv_cell(t, r, kind);
        if (sc_tsv_cell(t, r, sip)[0])
            rows_add(&devices_sip, sc_tsv_num(t, r, sip), sc_tsv_cell(t, r, device), k);
        else if (strcmp(k, "socket") == 0 || strcmp(k, "response") == 0)
            rows_add(&devices_socket, 0, sc_tsv_cell(t, r, device), k);
    }
    sc_data_free(&d);
}

static const struct row *code_row(unsigned code)
{
    for (size_t i = 0; i < codes.n; i++)
        if (codes.v[i].code == code)
            return &codes.v[i];
    return NULL;
}

/* codes of one class (first digit) that have a standard phrase */
static const struct row *random_code_of_class(unsigned cls)
{
    size_t cand[256], k = 0;
    for (size_t i = 0; i < codes.n && k < 256; i++)
        if (codes.v[i].code / 100 == cls && codes.v[i].a[0])
            cand[k++] = i;
    return k ? &codes.v[cand[rnd((unsigned)k)]] : NULL;
}

/* Realistic-ish weights: many 100/180/183/200/401/407/486/487. */
static unsigned pick_code(void)
{
    static const struct { unsigned code, weight; } hot[] = {
        { 100, 120 }, { 180, 80 }, { 183, 60 }, { 200, 200 }, { 202, 5 }, { 302, 10 },
        { 401, 60 }, { 403, 15 }, { 404, 25 }, { 407, 40 }, { 408, 10 }, { 480, 25 },
        { 481, 10 }, { 486, 30 }, { 487, 30 }, { 488, 10 }, { 500, 10 }, { 503, 20 },
        { 603, 10 },
    };
    unsigned roll = rnd(1000);
    if (roll < 20) /* 2 %: 7xx device/stack codes */
        return chance(50) ? 701u : 703u + rnd(4);
    if (roll < 140) { /* 12 %: any registered code of any class */
        static const unsigned cls_w[] = { 1, 1, 1, 3, 2, 1 };
        unsigned t = rnd(9), cls = 1;
        for (unsigned acc = 0; cls <= 6; cls++) {
            acc += cls_w[cls - 1];
            if (t < acc)
                break;
        }
        const struct row *r = random_code_of_class(cls);
        return r ? r->code : 200u;
    }
    unsigned total = 0;
    for (size_t i = 0; i < sizeof hot / sizeof hot[0]; i++)
        total += hot[i].weight;
    unsigned t = rnd(total);
    for (size_t i = 0; i < sizeof hot / sizeof hot[0]; i++) {
        if (t < hot[i].weight)
            return hot[i].code;
        t -= hot[i].weight;
    }
    return 200u;
}

static const char *const other_methods[] = {
    "REGISTER", "OPTIONS", "BYE", "SUBSCRIBE", "NOTIFY", "CANCEL", "INFO", "UPDATE", "MESSAGE", "PRACK", "REFER",
};

/* RFC 3398 s8.2.6.1 style causes for the Reason header; one in five is random. */
static unsigned reason_cause(unsigned code)
{
    static const unsigned causes[] = { 1, 3, 16, 17, 18, 19, 21, 22, 27, 28, 31, 34, 38, 41, 42, 47, 57, 63, 79, 88, 102, 111, 127 };
    switch (code) {
    case 404: case 604: if (!chance(20)) return 1; break;
    case 486: case 600: if (!chance(20)) return 17; break;
    case 480: if (!chance(20)) return 18; break;
    case 403: case 603: if (!chance(20)) return 21; break;
    case 487: if (!chance(20)) return 16; break;
    case 503: if (!chance(20)) return 34; break;
    case 408: if (!chance(20)) return 102; break;
    case 502: if (!chance(20)) return 27; break;
    default: break;
    }
    return causes[rnd(sizeof causes / sizeof causes[0])];
}

/* ---- message builder ---- */
struct buf { char *p; size_t n, cap; };
static void bput(struct buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (k < 0)
            die("format error");
        if ((size_t)k < b->cap - b->n) {
            b->n += (size_t)k;
            return;
        }
        b->cap = b->cap * 2 + (size_t)k + 64;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            die("out of memory");
    }
}

struct stats { unsigned long std, std_case, variant, device_phrase, unknown_phrase, empty_phrase, reason_q850, reason_sip, warning, invite, c7xx, udp, tcp, two_in_one; };
static struct stats st;

static void case_mangle(char *s)
{
    int upper = chance(50);
    for (; *s; s++)
        *s = (char)(upper ? toupper((unsigned char)*s) : tolower((unsigned char)*s));
}

static void build_response(struct buf *b, unsigned long id, int tcp, unsigned client)
{
    char phrase[512];
    unsigned code;
    unsigned roll = rnd(1000);
    if (roll < 220 && variants.n) { /* 22 %: a vendor variant from data/variants.tsv */
        const struct row *v = &variants.v[rnd((unsigned)variants.n)];
        code = v->code;
        snprintf(phrase, sizeof phrase, "%s", v->a);
        if (chance(10))
            case_mangle(phrase);
        st.variant++;
    } else if (roll < 270 && devices_sip.n) { /* 5 %: device token in the phrase */
        const struct row *d = &devices_sip.v[rnd((unsigned)devices_sip.n)];
        const struct row *c = code_row(d->code);
        code = d->code;
        snprintf(phrase, sizeof phrase, "%s (%s)", c && c->a[0] ? c->a : "Device Error", d->a);
        st.device_phrase++;
    } else if (roll < 300) { /* 3 %: unknown non-standard phrase */
        code = pick_code();
        snprintf(phrase, sizeof phrase, "Custom Failure %u", rnd(50));
        st.unknown_phrase++;
    } else if (roll < 305) { /* 0.5 %: empty phrase */
        code = pick_code();
        phrase[0] = '\0';
        st.empty_phrase++;
    } else { /* standard phrase */
        code = pick_code();
        const struct row *c = code_row(code);
        snprintf(phrase, sizeof phrase, "%s", c && c->a[0] ? c->a : "Unknown");
        if (chance(4)) {
            case_mangle(phrase);
            st.std_case++;
        }
        st.std++;
    }
    if (code >= 700)
        st.c7xx++;

    const char *method;
    if (chance(code == 401 || code == 407 ? 40 : 70)) {
        method = "INVITE";
        st.invite++;
    } else {
        method = other_methods[rnd(sizeof other_methods / sizeof other_methods[0])];
    }
    unsigned cseq = 1 + rnd(20);

    if (phrase[0])
        bput(b, "SIP/2.0 %u %s\r\n", code, phrase);
    else
        bput(b, "SIP/2.0 %u \r\n", code);
    bput(b, "Via: SIP/2.0/%s 198.51.100.%u:%u;branch=z9hG4bK-%lx;received=198.51.100.%u;rport=%u\r\n",
         tcp ? "TCP" : "UDP", client, tcp ? 40000 + client : 5060, id * 2654435761ul % 0xfffffffful, client,
         tcp ? 40000 + client : 5060);
    bput(b, "From: \"Alice %u\" <sip:+4930%07lu@example.com>;tag=%lx\r\n", client, id % 10000000ul, id ^ 0x5a5a5aul);
    bput(b, "To: <sip:+4989%07lu@example.net>%s", (id * 7) % 10000000ul, code > 100 ? ";tag=" : "");
    if (code > 100)
        bput(b, "%lx", id * 31 + 7);
    bput(b, "\r\nCall-ID: %lx-%u@bench.example.com\r\n", id, client);
    bput(b, "CSeq: %u %s\r\n", cseq, method);
    if (code >= 200 && code < 300 && strcmp(method, "INVITE") == 0)
        bput(b, "Contact: <sip:gw@192.0.2.10:5060;transport=%s>\r\n", tcp ? "tcp" : "udp");
    if (code >= 400 && code < 700) {
        if (chance(30)) {
            unsigned cause = reason_cause(code);
            bput(b, "Reason: Q.850;cause=%u;text=\"cause %u\"\r\n", cause, cause);
            st.reason_q850++;
        }
        if (devices_socket.n && chance(code == 500 || code == 503 ? 25 : 4)) {
            const struct row *d = &devices_socket.v[rnd((unsigned)devices_socket.n)];
            bput(b, "Reason: SIP;cause=500;text=\"%s\"\r\n", d->a);
            st.reason_sip++;
        }
        if (devices_sip.n && chance(2)) {
            const struct row *d = &devices_sip.v[rnd((unsigned)devices_sip.n)];
            bput(b, "Warning: 399 gw.example.com \"display %s\"\r\n", d->a);
            st.warning++;
        }
    }
    if (code == 401)
        bput(b, "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"%lx\", algorithm=MD5, qop=\"auth\"\r\n", id * 97);
    else if (code == 407)
        bput(b, "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"%lx\", algorithm=MD5\r\n", id * 89);
    bput(b, "Server: bench-sbc/1.0\r\n");
    bput(b, "Content-Length: 0\r\n\r\n");
}

/* ---- pcap writer ---- */
static FILE *out;
static uint32_t ts_sec = 1704067200u, ts_usec; /* 2024-01-01 */

static void put16be(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32be(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (uint32_t)(p[n - 1] << 8);
    return sum;
}
static unsigned csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (unsigned)(~sum & 0xffff);
}

static void write_frame(const uint8_t *frame, size_t len)
{
    uint32_t hdr[4] = { ts_sec, ts_usec, (uint32_t)len, (uint32_t)len };
    fwrite(hdr, sizeof hdr, 1, out);
    fwrite(frame, 1, len, out);
    ts_usec += 50 + rnd(200);
    while (ts_usec >= 1000000u) {
        ts_usec -= 1000000u;
        ts_sec++;
    }
}

static uint8_t frame[70000];

/* server 192.0.2.10 -> client 198.51.100.C (UDP) / 203.0.113.C (TCP) */
static void send_ip(int proto, unsigned client, const uint8_t *l4, size_t l4len)
{
    static unsigned ip_id;
    static const uint8_t eth[14] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x08, 0x00 };
    memcpy(frame, eth, 14);
    uint8_t *ip = frame + 14;
    memset(ip, 0, 20);
    ip[0] = 0x45;
    put16be(ip + 2, (unsigned)(20 + l4len));
    put16be(ip + 4, ip_id++ & 0xffff);
    ip[6] = 0x40; /* DF */
    ip[8] = 64;
    ip[9] = (uint8_t)proto;
    ip[12] = 192; ip[13] = 0; ip[14] = 2; ip[15] = 10;
    ip[16] = proto == 6 ? 203 : 198; ip[17] = proto == 6 ? 0 : 51; ip[18] = proto == 6 ? 113 : 100; ip[19] = (uint8_t)client;
    put16be(ip + 10, csum_fold(csum_add(0, ip, 20)));
    memcpy(ip + 20, l4, l4len);
    write_frame(frame, 14 + 20 + l4len);
}

static uint8_t l4[66000];

static void send_udp(unsigned client, const struct buf *msg)
{
    put16be(l4, 5060);
    put16be(l4 + 2, 5060);
    put16be(l4 + 4, (unsigned)(8 + msg->n));
    put16be(l4 + 6, 0); /* no checksum (IPv4) */
    memcpy(l4 + 8, msg->p, msg->n);
    send_ip(17, client, l4, 8 + msg->n);
}

#define TCP_CONNS 16
static uint32_t tcp_seq[TCP_CONNS], tcp_ack[TCP_CONNS];

static unsigned tcp_unacked[TCP_CONNS];
static unsigned long tcp_acks;

/* A pure ACK client -> server. Without ACKs Wireshark's TCP analysis keeps
 * every segment as unacknowledged and its cost grows with the stream. */
static void send_tcp_ack(unsigned conn)
{
    static const uint8_t eth[14] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x08, 0x00 };
    unsigned client = 1 + conn;
    uint8_t pkt[54];
    memcpy(pkt, eth, 14);
    uint8_t *ip = pkt + 14, *t = pkt + 34;
    memset(ip, 0, 40);
    ip[0] = 0x45;
    put16be(ip + 2, 40);
    ip[6] = 0x40;
    ip[8] = 64;
    ip[9] = 6;
    ip[12] = 203; ip[13] = 0; ip[14] = 113; ip[15] = (uint8_t)client;
    ip[16] = 192; ip[17] = 0; ip[18] = 2; ip[19] = 10;
    put16be(ip + 10, csum_fold(csum_add(0, ip, 20)));
    put16be(t, 40000 + client);
    put16be(t + 2, 5060);
    put32be(t + 4, tcp_ack[conn]);
    put32be(t + 8, tcp_seq[conn]);
    t[12] = 5 << 4;
    t[13] = 0x10; /* ACK */
    put16be(t + 14, 65535);
    uint8_t ph[12] = { 203, 0, 113, (uint8_t)client, 192, 0, 2, 10, 0, 6, 0, 20 };
    put16be(t + 16, csum_fold(csum_add(csum_add(0, ph, 12), t, 20)));
    write_frame(pkt, sizeof pkt);
    tcp_unacked[conn] = 0;
    tcp_acks++;
}

static void send_tcp(unsigned conn, const struct buf *msg)
{
    unsigned client = 1 + conn, cport = 40000 + client;
    uint8_t *t = l4;
    memset(t, 0, 20);
    put16be(t, 5060);
    put16be(t + 2, cport);
    put32be(t + 4, tcp_seq[conn]);
    put32be(t + 8, tcp_ack[conn]);
    t[12] = 5 << 4;
    t[13] = 0x18; /* PSH ACK */
    put16be(t + 14, 65535);
    memcpy(t + 20, msg->p, msg->n);
    size_t len = 20 + msg->n;
    /* pseudo-header checksum */
    uint8_t ph[12] = { 192, 0, 2, 10, 203, 0, 113, (uint8_t)client, 0, 6, 0, 0 };
    put16be(ph + 10, (unsigned)len);
    put16be(t + 16, csum_fold(csum_add(csum_add(0, ph, 12), t, len)));
    send_ip(6, client, t, len);
    tcp_seq[conn] += (uint32_t)msg->n;
    if (++tcp_unacked[conn] >= 2) /* delayed ACK from the client every 2nd segment */
        send_tcp_ack(conn);
}

/* ---- whole calls (--calls) ----
 * Each call is laid out in full when it starts: its messages, with their
 * times, go into a heap ordered by time, and frames leave the heap while
 * they are older than the next call's start. So calls overlap as they
 * would on a busy link, and timestamps only increase. */

struct call_opts {
    double rate;          /* new calls per second */
    double duration;      /* mean seconds from 200 OK to BYE */
    double trying;        /* % of INVITEs answered with 100 Trying */
    double ringing;       /* % of calls that ring (180/183) before a final that may follow ringing */
    double early;         /* % of ringing calls that send 183 with SDP instead of 180 */
    double challenge;     /* % of calls challenged (401/407) once */
    double challenge407;  /* % of challenges that are 407 (the rest 401) */
    double fork;          /* % of ringing calls with two 18x of different To tags */
    double fork200;       /* % of forked answered calls where both devices answer */
    double proxy;         /* % of calls captured on a proxy: two hops each */
    double late_offer;    /* % of INVITEs without SDP (offer in 200, answer in ACK) */
    double reason;        /* % of failure responses and BYEs with Reason: Q.850 */
    double variant;       /* % of final failure responses with a vendor phrase */
    unsigned mix_code[32];
    double mix_weight[32];
    unsigned mix_n;
};

/* Final INVITE responses of the public captures (calls counted once by
 * Call-ID, SIPp load scenarios left out), scaled to 92 %, plus 2 % each
 * of 486, 487, 503 and 603 that they lack (see the README). */
static const char default_mix[] = "200:72.7,480:6.5,403:4.8,408:3.2,404:3.2,488:1.6,486:2,487:2,503:2,603:2";

static void parse_mix(struct call_opts *o, const char *spec)
{
    o->mix_n = 0;
    const char *p = spec;
    while (*p) {
        char *end;
        unsigned long code = strtoul(p, &end, 10);
        if (end == p || *end != ':' || code < 200 || code > 699 || o->mix_n == 32)
            die("bad --mix near '%s' (want CODE:WEIGHT,... with final codes 200-699)", p);
        double w = strtod(end + 1, &end);
        if (w < 0)
            die("bad --mix weight near '%s'", p);
        o->mix_code[o->mix_n] = (unsigned)code;
        o->mix_weight[o->mix_n++] = w;
        if (*end == ',')
            end++;
        else if (*end)
            die("bad --mix near '%s'", end);
        p = end;
    }
    double total = 0;
    for (unsigned i = 0; i < o->mix_n; i++)
        total += o->mix_weight[i];
    if (total <= 0)
        die("--mix has no weight");
}

static double urand(void) { return (double)(rnd64() >> 11) * (1.0 / 9007199254740992.0); }
static int pchance(double percent) { return urand() * 100.0 < percent; }
/* uniform in [lo, hi) microseconds */
static int64_t span(double lo_s, double hi_s) { return (int64_t)((lo_s + urand() * (hi_s - lo_s)) * 1e6); }
static double expo(double mean) { return -mean * log(1.0 - urand()); }

static unsigned pick_final(const struct call_opts *o)
{
    double total = 0;
    for (unsigned i = 0; i < o->mix_n; i++)
        total += o->mix_weight[i];
    double t = urand() * total;
    for (unsigned i = 0; i < o->mix_n; i++) {
        if (t < o->mix_weight[i])
            return o->mix_code[i];
        t -= o->mix_weight[i];
    }
    return o->mix_code[o->mix_n - 1];
}

/* fast appenders: no formatting library in the hot path */
static void bgrow(struct buf *b, size_t more)
{
    if (b->n + more <= b->cap)
        return;
    b->cap = (b->cap + more) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p)
        die("out of memory");
}
static void bs(struct buf *b, const char *s)
{
    size_t k = strlen(s);
    bgrow(b, k);
    memcpy(b->p + b->n, s, k);
    b->n += k;
}
static void bu(struct buf *b, unsigned long v)
{
    char t[24];
    int k = 0;
    do
        t[k++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    bgrow(b, (size_t)k);
    while (k)
        b->p[b->n++] = t[--k];
}
static void bx(struct buf *b, uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    bgrow(b, (size_t)digits);
    for (int i = digits - 1; i >= 0; i--)
        b->p[b->n++] = hex[(v >> (4 * i)) & 15];
}
static void bip(struct buf *b, uint32_t ip)
{
    bu(b, ip >> 24); bs(b, "."); bu(b, (ip >> 16) & 255); bs(b, "."); bu(b, (ip >> 8) & 255); bs(b, "."); bu(b, ip & 255);
}

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
static const uint32_t proxy_ip = IP4(192, 0, 2, 1);

struct call {
    unsigned long idx;
    int proxied;
    uint32_t caller_ip, callee_ip[2];  /* callee_ip[1]: the second device of a fork */
    uint64_t id, from_tag, to_tag[2], sess[3];
    unsigned caller_num, callee_num, rtp[3];
    const char *caller_agent, *callee_agent;
    unsigned cseq;                     /* of the current INVITE */
};

/* One SIP message as the call sends it, before it is laid on the hops. */
struct spec {
    int64_t t;
    const char *method;  /* NULL: a response */
    unsigned code;
    const char *phrase;
    unsigned cseq;
    const char *cseq_method;
    uint64_t branch;     /* of the originator's Via */
    int by_callee;       /* the request (or the request answered) comes from the callee side */
    int dev;             /* callee device 0 or 1 */
    int to_tag;          /* 0: none; else To tag of device dev */
    int in_dialog;       /* Request-URI is the remote contact */
    int sdp;             /* 0 none, 1 caller's SDP, 2 callee's SDP */
    int contact, allow, record_route;
    unsigned auth;       /* 401/407: challenge (responses) or credentials (requests) */
    unsigned reason;     /* Q.850 cause, 0: none */
};

/* A frame waiting in the heap. */
struct pending {
    int64_t t;
    uint64_t seq;
    uint32_t src, dst;
    uint32_t len;
    int ends_call;       /* the call's last frame */
    char text[];
};

static struct pending **heap;
static size_t heap_n, heap_cap;
static uint64_t pending_seq;

static int earlier(const struct pending *a, const struct pending *b) { return a->t < b->t || (a->t == b->t && a->seq < b->seq); }

static void heap_push(struct pending *p)
{
    if (heap_n == heap_cap) {
        heap_cap = heap_cap ? heap_cap * 2 : 4096;
        heap = realloc(heap, heap_cap * sizeof *heap);
        if (!heap)
            die("out of memory");
    }
    size_t i = heap_n++;
    while (i > 0 && earlier(p, heap[(i - 1) / 2])) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = p;
}

static struct pending *heap_pop(void)
{
    struct pending *top = heap[0], *last = heap[--heap_n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= heap_n)
            break;
        if (c + 1 < heap_n && earlier(heap[c + 1], heap[c]))
            c++;
        if (!earlier(heap[c], last))
            break;
        heap[i] = heap[c];
        i = c;
    }
    if (heap_n)
        heap[i] = last;
    return top;
}

static const char *const agents[] = {
    "Linphone/5.2.0 (belle-sip/5.2.0)", "Zoiper v2.10.19.6", "Asterisk PBX 18.20.0", "FreeSWITCH-mod_sofia/1.10.10",
    "Yealink SIP-T46U 108.86.0.20", "Cisco-SIPGateway/IOS-15.7", "Grandstream GXP2170 1.0.11.23", "MicroSIP/3.21.3",
};

static void put_user(struct buf *b, unsigned prefix, unsigned num)
{
    bs(b, "+49"); bu(b, prefix); bu(b, 1000000u + num % 9000000u);
}

/* own: the originator's Via (rport asked in requests, filled in responses) */
static void put_via(struct buf *b, uint32_t ip, uint64_t branch, int response, int own)
{
    bs(b, "Via: SIP/2.0/UDP "); bip(b, ip); bs(b, ":5060;branch=z9hG4bK"); bx(b, branch, 12);
    if (own && response) {
        bs(b, ";received="); bip(b, ip); bs(b, ";rport=5060");
    } else if (own) {
        bs(b, ";rport");
    }
    bs(b, "\r\n");
}

static void put_sdp(struct buf *b, const struct call *c, int side)
{
    uint32_t ip = side == 1 ? c->caller_ip : c->callee_ip[0];
    bs(b, "v=0\r\no=- "); bu(b, c->sess[side] % 100000000u); bs(b, " "); bu(b, c->sess[side] % 100000000u + 1);
    bs(b, " IN IP4 "); bip(b, ip); bs(b, "\r\ns=-\r\nc=IN IP4 "); bip(b, ip); bs(b, "\r\nt=0 0\r\nm=audio ");
    bu(b, c->rtp[side]);
    if (side == 1)
        bs(b, " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n");
    else
        bs(b, " RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n");
    bs(b, "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
}

/* The message as seen on one hop: 0 caller side, 1 callee side (a direct
 * call has hop 0 only). On the hop behind the proxy the proxy's Via
 * (its own branch) is on top. */
static void build_msg(struct buf *b, const struct call *c, const struct spec *s, int hop)
{
    int via_proxy = c->proxied && hop != s->by_callee; /* the proxy forwarded the request onto this hop */
    int response = s->method == NULL;
    uint32_t callee = c->callee_ip[s->dev];
    uint32_t origin_ip = s->by_callee ? (c->proxied ? callee : c->callee_ip[0]) : c->caller_ip;
    if (!response) {
        bs(b, s->method); bs(b, " sip:");
        if (s->by_callee) {
            put_user(b, 30, c->caller_num); bs(b, "@"); bip(b, c->caller_ip); bs(b, ":5060");
        } else if (s->in_dialog || (c->proxied && hop == 1)) {
            put_user(b, 89, c->callee_num); bs(b, "@"); bip(b, callee); bs(b, ":5060");
        } else {
            put_user(b, 89, c->callee_num); bs(b, "@example.net");
        }
        bs(b, " SIP/2.0\r\n");
    } else {
        bs(b, "SIP/2.0 "); bu(b, s->code); bs(b, " "); bs(b, s->phrase); bs(b, "\r\n");
    }
    if (via_proxy)
        put_via(b, proxy_ip, s->branch ^ 0x5bd1e995u, 0, 0);
    put_via(b, origin_ip, s->branch, response, 1);
    if (s->record_route && c->proxied && (response || via_proxy)) /* the proxy adds it as it forwards */
        bs(b, "Record-Route: <sip:192.0.2.1;lr>\r\n");
    if (!response) {
        bs(b, "Max-Forwards: "); bu(b, via_proxy ? 69 : 70); bs(b, "\r\n");
    }
    /* From and To follow the dialog direction of the request */
    if (!s->by_callee) {
        bs(b, "From: <sip:"); put_user(b, 30, c->caller_num); bs(b, "@example.com>;tag="); bx(b, c->from_tag, 10);
        bs(b, "\r\nTo: <sip:"); put_user(b, 89, c->callee_num); bs(b, "@example.net>");
        if (s->to_tag) {
            bs(b, ";tag="); bx(b, c->to_tag[s->dev], 8);
        }
    } else {
        bs(b, "From: <sip:"); put_user(b, 89, c->callee_num); bs(b, "@example.net>;tag="); bx(b, c->to_tag[s->dev], 8);
        bs(b, "\r\nTo: <sip:"); put_user(b, 30, c->caller_num); bs(b, "@example.com>;tag="); bx(b, c->from_tag, 10);
    }
    bs(b, "\r\nCall-ID: "); bx(b, c->id, 16); bs(b, "@"); bip(b, c->caller_ip);
    bs(b, "\r\nCSeq: "); bu(b, s->cseq); bs(b, " "); bs(b, s->cseq_method); bs(b, "\r\n");
    if (s->contact) {
        int callee_side = response ? !s->by_callee : s->by_callee;
        bs(b, "Contact: <sip:");
        if (callee_side) {
            put_user(b, 89, c->callee_num); bs(b, "@"); bip(b, callee);
        } else {
            put_user(b, 30, c->caller_num); bs(b, "@"); bip(b, c->caller_ip);
        }
        bs(b, ":5060>\r\n");
    }
    if (s->auth && response) {
        bs(b, s->auth == 407 ? "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"" : "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"");
        bx(b, c->id * 0x9e3779b97f4a7c15ull, 16);
        bs(b, s->auth == 407 ? "\", algorithm=MD5\r\n" : "\", algorithm=MD5, qop=\"auth\"\r\n");
    } else if (s->auth) {
        bs(b, s->auth == 407 ? "Proxy-Authorization: Digest username=\"" : "Authorization: Digest username=\"");
        put_user(b, 30, c->caller_num);
        bs(b, "\", realm=\"example.com\", nonce=\""); bx(b, c->id * 0x9e3779b97f4a7c15ull, 16);
        bs(b, "\", uri=\"sip:"); put_user(b, 89, c->callee_num); bs(b, "@example.net\", response=\"");
        bx(b, c->id * 0xbf58476d1ce4e5b9ull, 16); bx(b, c->from_tag * 0x94d049bb133111ebull, 16);
        bs(b, s->auth == 407 ? "\", algorithm=MD5\r\n" : "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"");
        if (s->auth != 407) {
            bx(b, c->from_tag, 8); bs(b, "\"\r\n");
        }
    }
    if (s->reason) {
        bs(b, "Reason: Q.850;cause="); bu(b, s->reason); bs(b, "\r\n");
    }
    int from_callee_side = response ? !s->by_callee : s->by_callee;
    bs(b, from_callee_side ? "Server: " : "User-Agent: ");
    bs(b, from_callee_side ? c->callee_agent : c->caller_agent);
    bs(b, "\r\n");
    if (s->allow)
        bs(b, "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK\r\n");
    if (s->sdp) {
        struct buf body = { NULL, 0, 0 };
        put_sdp(&body, c, s->sdp);
        bs(b, "Content-Type: application/sdp\r\nContent-Length: "); bu(b, body.n); bs(b, "\r\n\r\n");
        bgrow(b, body.n);
        memcpy(b->p + b->n, body.p, body.n);
        b->n += body.n;
        free(body.p);
    } else {
        bs(b, "Content-Length: 0\r\n\r\n");
    }
}

struct call_stats {
    unsigned long calls, messages, frames, proxied, forked, fork200, challenged, cancelled, late_offer, max_open;
    unsigned long by_code[700];
};
static struct call_stats cs;
static struct buf scratch;
static struct pending *call_last; /* latest frame of the call being laid out */
static unsigned long calls_open;

/* Lays one message on its hop(s): the sender's hop first, the other 0.2-2 ms later. */
static void send_spec(const struct call *c, const struct spec *s)
{
    int sender_callee = s->method ? s->by_callee : !s->by_callee;
    int hops = c->proxied ? 2 : 1;
    cs.messages++;
    for (int k = 0; k < hops; k++) {
        int hop = hops == 1 ? 0 : (sender_callee ? 1 - k : k);
        scratch.n = 0;
        build_msg(&scratch, c, s, hop);
        struct pending *p = malloc(sizeof *p + scratch.n);
        if (!p)
            die("out of memory");
        p->t = s->t + (k ? span(0.0002, 0.002) : 0);
        p->seq = pending_seq++;
        uint32_t near = hop == 0 ? c->caller_ip : proxy_ip;
        uint32_t far = hop == 0 ? (c->proxied ? proxy_ip : c->callee_ip[0]) : c->callee_ip[s->dev];
        /* the caller side sends from near, the callee side from far */
        p->src = sender_callee ? far : near;
        p->dst = sender_callee ? near : far;
        p->len = (uint32_t)scratch.n;
        p->ends_call = 0;
        memcpy(p->text, scratch.p, scratch.n);
        if (!call_last || p->t >= call_last->t)
            call_last = p;
        heap_push(p);
        cs.frames++;
    }
}

static const char *phrase_for(unsigned code, const struct call_opts *o)
{
    if (code >= 300 && o->variant > 0 && pchance(o->variant)) {
        size_t cand[64], k = 0;
        for (size_t i = 0; i < variants.n && k < 64; i++)
            if (variants.v[i].code == code)
                cand[k++] = i;
        if (k)
            return variants.v[cand[rnd((unsigned)k)]].a;
    }
    const struct row *r = code_row(code);
    return r && r->a[0] ? r->a : "Unknown";
}

/* codes that come after the phone rang; the others come at once */
static int after_ringing(unsigned code)
{
    return code == 200 || code == 408 || code == 480 || code == 486 || code == 487 || code == 600 || code == 603;
}

static void gen_call(struct call *c, int64_t t0, const struct call_opts *o)
{
    struct spec s;
    int64_t t = t0;
    c->cseq = 1 + rnd(9000);
    uint64_t branch = rnd64();
    int late = pchance(o->late_offer);
    cs.late_offer += (unsigned long)late;
    unsigned final = pick_final(o);
    cs.by_code[final]++;

#define SPEC(...) do { memset(&s, 0, sizeof s); s = (struct spec){ __VA_ARGS__ }; send_spec(c, &s); } while (0)
    SPEC(.t = t, .method = "INVITE", .cseq = c->cseq, .cseq_method = "INVITE", .branch = branch, .contact = 1,
         .allow = 1, .record_route = 1, .sdp = late ? 0 : 1);
    if (pchance(o->trying))
        SPEC(.t = t + span(0.005, 0.04), .code = 100, .phrase = "Trying", .cseq = c->cseq, .cseq_method = "INVITE",
             .branch = branch);
    if (pchance(o->challenge)) {
        unsigned ch = pchance(o->challenge407) ? 407 : 401;
        cs.challenged++;
        t += span(0.01, 0.06);
        SPEC(.t = t, .code = ch, .phrase = phrase_for(ch, o), .cseq = c->cseq, .cseq_method = "INVITE", .branch = branch,
             .to_tag = 1, .auth = ch);
        t += span(0.001, 0.005);
        SPEC(.t = t, .method = "ACK", .cseq = c->cseq, .cseq_method = "ACK", .branch = branch, .to_tag = 1);
        c->to_tag[0] = rnd64(); /* the challenge's tag was the proxy's */
        c->cseq++;
        branch = rnd64();
        t += span(0.02, 0.08);
        SPEC(.t = t, .method = "INVITE", .cseq = c->cseq, .cseq_method = "INVITE", .branch = branch, .contact = 1,
             .allow = 1, .record_route = 1, .sdp = late ? 0 : 1, .auth = ch);
        if (pchance(o->trying))
            SPEC(.t = t + span(0.005, 0.04), .code = 100, .phrase = "Trying", .cseq = c->cseq,
                 .cseq_method = "INVITE", .branch = branch);
    }
    int rings = after_ringing(final) ? pchance(o->ringing) : pchance(o->ringing / 6);
    int forked = rings && pchance(o->fork);
    int dev = 0; /* the device that sends the final response */
    if (rings) {
        int early = pchance(o->early) && !late;
        t += span(0.05, 0.5);
        SPEC(.t = t, .code = early ? 183 : 180, .phrase = early ? "Session Progress" : "Ringing", .cseq = c->cseq,
             .cseq_method = "INVITE", .branch = branch, .to_tag = 1, .contact = 1, .record_route = 1,
             .sdp = early ? 2 : 0);
        if (forked) {
            cs.forked++;
            SPEC(.t = t + span(0.02, 0.8), .code = 180, .phrase = "Ringing", .cseq = c->cseq, .cseq_method = "INVITE",
                 .branch = branch, .dev = 1, .to_tag = 1, .contact = 1, .record_route = 1);
            dev = (int)rnd(2);
        }
    }
    /* the final response */
    int64_t wait;
    if (final == 487) {
        int64_t tc = t + span(3, 25);
        SPEC(.t = tc, .method = "CANCEL", .cseq = c->cseq, .cseq_method = "CANCEL", .branch = branch,
             .reason = pchance(o->reason) ? 16 : 0);
        SPEC(.t = tc + span(0.001, 0.01), .code = 200, .phrase = "OK", .cseq = c->cseq, .cseq_method = "CANCEL",
             .branch = branch, .to_tag = rings, .dev = dev);
        wait = tc + span(0.002, 0.02) - t;
        cs.cancelled++;
    } else if (final == 200) {
        wait = rings ? span(2, 20) : span(0.05, 0.3);
    } else if (final == 408 || final == 480) {
        wait = span(15, 40);
    } else if (rings) {
        wait = span(1, 10);
    } else {
        wait = span(0.02, 0.3);
    }
    t += wait;
    unsigned cause = final >= 300 && pchance(o->reason) ? reason_cause(final) : 0;
    SPEC(.t = t, .code = final, .phrase = final == 200 ? "OK" : phrase_for(final, o), .cseq = c->cseq,
         .cseq_method = "INVITE", .branch = branch, .dev = dev, .to_tag = 1, .contact = final < 300,
         .allow = final < 300, .record_route = final < 300, .sdp = final < 300 ? 2 : 0, .reason = cause);
    int two200 = final == 200 && forked && pchance(o->fork200);
    if (two200)
        SPEC(.t = t + span(0.01, 0.2), .code = 200, .phrase = "OK", .cseq = c->cseq, .cseq_method = "INVITE",
             .branch = branch, .dev = 1 - dev, .to_tag = 1, .contact = 1, .allow = 1, .record_route = 1, .sdp = 2);
    if (final >= 300) { /* ACK in the INVITE transaction */
        SPEC(.t = t + span(0.001, 0.01), .method = "ACK", .cseq = c->cseq, .cseq_method = "ACK", .branch = branch,
             .dev = dev, .to_tag = 1);
        return;
    }
    t += span(0.005, 0.05);
    SPEC(.t = t, .method = "ACK", .cseq = c->cseq, .cseq_method = "ACK", .branch = rnd64(), .dev = dev, .to_tag = 1,
         .in_dialog = 1, .sdp = late ? 1 : 0);
    unsigned cseq = c->cseq;
    if (two200) { /* RFC 3261 s13.2.2.4: ACK the second dialog too, then end it */
        cs.fork200++;
        int64_t t2 = t + span(0.01, 0.25);
        SPEC(.t = t2, .method = "ACK", .cseq = cseq, .cseq_method = "ACK", .branch = rnd64(), .dev = 1 - dev,
             .to_tag = 1, .in_dialog = 1, .sdp = late ? 1 : 0);
        uint64_t bb = rnd64();
        t2 += span(0.001, 0.005);
        SPEC(.t = t2, .method = "BYE", .cseq = cseq + 1, .cseq_method = "BYE", .branch = bb, .dev = 1 - dev,
             .to_tag = 1, .in_dialog = 1);
        SPEC(.t = t2 + span(0.01, 0.1), .code = 200, .phrase = "OK", .cseq = cseq + 1, .cseq_method = "BYE",
             .branch = bb, .dev = 1 - dev, .to_tag = 1);
        cseq++;
    }
    /* BYE some seconds later, from either side */
    t += (int64_t)((1.0 + expo(o->duration > 1 ? o->duration - 1 : 0.001)) * 1e6);
    int by_callee = rnd(100) < 40;
    uint64_t bb = rnd64();
    unsigned bye_reason = pchance(o->reason) ? 16 : 0;
    unsigned bye_cseq = by_callee ? 1 + rnd(1000) : cseq + 1;
    SPEC(.t = t, .method = "BYE", .cseq = bye_cseq, .cseq_method = "BYE", .branch = bb, .by_callee = by_callee,
         .dev = dev, .to_tag = 1, .in_dialog = 1, .reason = bye_reason);
    SPEC(.t = t + span(0.005, 0.05), .code = 200, .phrase = "OK", .cseq = bye_cseq, .cseq_method = "BYE", .branch = bb,
         .by_callee = by_callee, .dev = dev, .to_tag = 1);
#undef SPEC
}

static void write_pending(struct pending *p)
{
    static int64_t last = -1;
    static unsigned ip_id;
    static uint8_t f[14 + 20 + 8 + 65536];
    static const uint8_t eth[14] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x08, 0x00 };
    int64_t t = p->t <= last ? last + 1 : p->t; /* strictly increasing */
    last = t;
    if (p->len > 65000)
        die("message too long");
    memcpy(f, eth, 14);
    uint8_t *ip = f + 14, *udp = ip + 20;
    memset(ip, 0, 20);
    ip[0] = 0x45;
    put16be(ip + 2, 20 + 8 + p->len);
    put16be(ip + 4, ip_id++ & 0xffff);
    ip[6] = 0x40;
    ip[8] = 64;
    ip[9] = 17;
    put32be(ip + 12, p->src);
    put32be(ip + 16, p->dst);
    put16be(ip + 10, csum_fold(csum_add(0, ip, 20)));
    put16be(udp, 5060);
    put16be(udp + 2, 5060);
    put16be(udp + 4, 8 + p->len);
    put16be(udp + 6, 0);
    memcpy(udp + 8, p->text, p->len);
    uint32_t len = 14 + 20 + 8 + p->len;
    uint32_t hdr[4] = { ts_sec + (uint32_t)(t / 1000000), (uint32_t)(t % 1000000), len, len };
    fwrite(hdr, sizeof hdr, 1, out);
    fwrite(f, 1, len, out);
    calls_open -= (unsigned long)p->ends_call;
    free(p);
}

static void write_calls(unsigned long n, const struct call_opts *o)
{
    int64_t next = 0;
    struct call c;
    for (unsigned long i = 0; i < n; i++) {
        while (heap_n && heap[0]->t < next)
            write_pending(heap_pop());
        memset(&c, 0, sizeof c);
        c.idx = i;
        c.proxied = pchance(o->proxy);
        cs.proxied += (unsigned long)c.proxied;
        c.caller_ip = rnd(2) ? IP4(198, 51, 100, 1 + rnd(254)) : IP4(203, 0, 113, 1 + rnd(254));
        c.callee_ip[0] = IP4(192, 0, 2, 10 + rnd(240));
        c.callee_ip[1] = IP4(192, 0, 2, 10 + rnd(240));
        c.id = (uint64_t)i << 40 ^ (rnd64() & 0xffffffffffull);
        c.from_tag = rnd64();
        c.to_tag[0] = rnd64();
        c.to_tag[1] = rnd64();
        for (int k = 0; k < 3; k++) {
            c.sess[k] = rnd64();
            c.rtp[k] = 10000 + 2 * rnd(10000);
        }
        c.caller_num = rnd(9000000);
        c.callee_num = rnd(9000000);
        c.caller_agent = agents[rnd(sizeof agents / sizeof agents[0])];
        c.callee_agent = agents[rnd(sizeof agents / sizeof agents[0])];
        call_last = NULL;
        gen_call(&c, next, o);
        call_last->ends_call = 1;
        if (++calls_open > cs.max_open)
            cs.max_open = calls_open;
        cs.calls++;
        next += (int64_t)(expo(1.0 / o->rate) * 1e6);
    }
    while (heap_n)
        write_pending(heap_pop());
}

static double opt_percent(const char *name, const char *v)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || x < 0 || x > 100)
        die("--%s wants a percentage 0-100, not '%s'", name, v);
    return x;
}

static void usage(void)
{
    die("usage: gen-capture [--calls [--NAME=VALUE...]] N OUT.pcap DATA_DIR [SEED]\n"
        "  without --calls: N SIP responses; with --calls: N whole calls, options (defaults):\n"
        "  --rate=50 calls/s  --duration=30 s mean 200 OK to BYE  --mix=%s\n"
        "  percentages: --trying=75 --ringing=60 --early=20 --challenge=10 --challenge407=40 --fork=5\n"
        "  --fork200=25 --proxy=10 --late-offer=10 --reason=30 --variant=5", default_mix);
}

int main(int argc, char **argv)
{
    struct call_opts co = {
        .rate = 50, .duration = 30, .trying = 75, .ringing = 60, .early = 20, .challenge = 10, .challenge407 = 40,
        .fork = 5, .fork200 = 25, .proxy = 10, .late_offer = 10, .reason = 30, .variant = 5,
    };
    parse_mix(&co, default_mix);
    int calls_mode = 0, a = 1;
    for (; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
        const char *name = argv[a] + 2, *eq = strchr(name, '=');
        if (strcmp(name, "calls") == 0) {
            calls_mode = 1;
            continue;
        }
        if (!eq)
            usage();
        size_t k = (size_t)(eq - name);
        const char *v = eq + 1;
#define OPT(s) (k == strlen(s) && strncmp(name, s, k) == 0)
        if (OPT("rate") || OPT("duration")) {
            char *end;
            double x = strtod(v, &end);
            if (end == v || *end || !(x > 0))
                die("--%.*s wants a positive number, not '%s'", (int)k, name, v);
            *(OPT("rate") ? &co.rate : &co.duration) = x;
        } else if (OPT("mix")) {
            parse_mix(&co, v);
        } else if (OPT("trying")) co.trying = opt_percent("trying", v);
        else if (OPT("ringing")) co.ringing = opt_percent("ringing", v);
        else if (OPT("early")) co.early = opt_percent("early", v);
        else if (OPT("challenge")) co.challenge = opt_percent("challenge", v);
        else if (OPT("challenge407")) co.challenge407 = opt_percent("challenge407", v);
        else if (OPT("fork")) co.fork = opt_percent("fork", v);
        else if (OPT("fork200")) co.fork200 = opt_percent("fork200", v);
        else if (OPT("proxy")) co.proxy = opt_percent("proxy", v);
        else if (OPT("late-offer")) co.late_offer = opt_percent("late-offer", v);
        else if (OPT("reason")) co.reason = opt_percent("reason", v);
        else if (OPT("variant")) co.variant = opt_percent("variant", v);
        else
            usage();
#undef OPT
    }
    argc -= a - 1;
    argv += a - 1;
    if (argc < 4)
        usage();
    char *end;
    unsigned long n = strtoul(argv[1], &end, 10);
    if (*end || n == 0)
        die("N must be a positive number, not '%s'", argv[1]);
    if (argc > 4)
        rng_state ^= (strtoull(argv[4], NULL, 10) + 1) * 0xbf58476d1ce4e5b9ull;
    if (!rng_state)
        rng_state = 0x9e3779b97f4a7c15ull;
    load_data(argv[3]);
    if (!codes.n)
        die("no rows in %s/codes.tsv", argv[3]);

    out = fopen(argv[2], "wb");
    if (!out)
        die("cannot write %s", argv[2]);
    static char obuf[1 << 20];
    setvbuf(out, obuf, _IOFBF, sizeof obuf);
    uint32_t gh[6] = { 0xa1b2c3d4u, 0x00040002u, 0, 0, 65535, 1 }; /* v2.4, snaplen, Ethernet */
    fwrite(gh, sizeof gh, 1, out);
    if (calls_mode) {
        write_calls(n, &co);
        if (fclose(out) != 0)
            die("write error on %s", argv[2]);
        fprintf(stderr, "gen-capture: %lu calls, %lu SIP messages in %lu frames (%.2f messages, %.2f frames per call); "
                "proxied %lu, forked %lu (both answered %lu), challenged %lu, cancelled %lu, late offer %lu; "
                "at most %lu calls open at once; final codes:",
                cs.calls, cs.messages, cs.frames, (double)cs.messages / (double)cs.calls,
                (double)cs.frames / (double)cs.calls, cs.proxied, cs.forked, cs.fork200, cs.challenged, cs.cancelled,
                cs.late_offer, cs.max_open);
        for (unsigned c = 0; c < 700; c++)
            if (cs.by_code[c])
                fprintf(stderr, " %u %lu", c, cs.by_code[c]);
        fputc('\n', stderr);
        free(scratch.p);
        free(heap);
        return 0;
    }
    for (unsigned c = 0; c < TCP_CONNS; c++) {
        tcp_seq[c] = 0x10000000u * (c + 1);
        tcp_ack[c] = 0x20000000u + c * 0x1000u;
    }

    struct buf msg = { malloc(4096), 0, 4096 };
    unsigned long frames = 0;
    for (unsigned long id = 0; id < n;) {
        msg.n = 0;
        if (chance(30)) {
            unsigned conn = rnd(TCP_CONNS);
            build_response(&msg, id++, 1, 1 + conn);
            st.tcp++;
            if (id < n && chance(5)) { /* two responses in one segment */
                build_response(&msg, id++, 1, 1 + conn);
                st.tcp++;
                st.two_in_one++;
            }
            send_tcp(conn, &msg);
        } else {
            unsigned client = 1 + rnd(250);
            build_response(&msg, id++, 0, client);
            st.udp++;
            send_udp(client, &msg);
        }
        frames++;
    }
    for (unsigned c = 0; c < TCP_CONNS; c++)
        if (tcp_unacked[c])
            send_tcp_ack(c);
    frames += tcp_acks;
    if (fclose(out) != 0)
        die("write error on %s", argv[2]);
    fprintf(stderr,
            "gen-capture: %lu responses in %lu frames (%lu of them TCP ACKs) to %s: udp %lu, tcp %lu (%lu segments with two); "
            "standard phrase %lu (%lu in other case), variant %lu, device token in phrase %lu, unknown phrase %lu, "
            "empty phrase %lu; 7xx %lu; CSeq INVITE %lu; Reason Q.850 %lu, Reason SIP %lu, Warning %lu\n",
            n, frames, tcp_acks, argv[2], st.udp, st.tcp, st.two_in_one, st.std, st.std_case, st.variant, st.device_phrase,
            st.unknown_phrase, st.empty_phrase, st.c7xx, st.invite, st.reason_q850, st.reason_sip, st.warning);
    free(msg.p);
    return 0;
}
