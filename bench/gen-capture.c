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

int main(int argc, char **argv)
{
    if (argc < 4)
        die("usage: gen-capture N OUT.pcap DATA_DIR [SEED]");
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
