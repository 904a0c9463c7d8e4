/* sipcodes-lookup: explains a SIP status code, status line or device display
 * code from the same core and generated tables as the Wireshark plugin.
 * Output is one "key: value" per line; keys are the names of the Wireshark
 * fields sipcodes.* without the prefix.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sc_devices.h"
#include "sc_explain.h"
#include "sc_lang.h"
#include "sc_tables.h"
#include "sipcodes-export.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SIPCODES_VERSION
#define SIPCODES_VERSION "unknown"
#endif

#define PROG "sipcodes-lookup"

enum { EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: " PROG " [--lang L] CODE | DEVICE | \"STATUS LINE\"\n"
    "       " PROG " [--lang L] --list variants|codes|devices|q850\n"
    "       " PROG " --export csv|json TABLE\n"
    "       " PROG " --help | --version\n"
    "\n"
    "Explains a SIP response with the tables of the sipcodes Wireshark plugin,\n"
    "one \"key: value\" per line, keys named like the fields sipcodes.*.\n"
    "\n"
    "  CODE           a status code 100-799, e.g. 480\n"
    "  DEVICE         a code a phone displays, e.g. 0x480 or 0x810\n"
    "  \"STATUS LINE\"  a code with its reason phrase, e.g. \"480 No money left\" or\n"
    "                 \"SIP/2.0 480 No money left\"; also tells whether the phrase\n"
    "                 is the standard one or a known variant\n"
    "  --lang L       language of descriptions, one of: " SC_LANG_LIST "\n"
    "                 (default: follow LC_ALL, LC_MESSAGES, LANG; English otherwise)\n"
    "  --list TABLE   print a table, tab-separated, header line first\n"
    "  --export FORMAT TABLE\n"
    "                 print a whole table as csv (RFC 4180, header line first) or\n"
    "                 json (an array of objects), every language's description\n"
    "                 in its own column; TABLE is a file of data/ without .tsv:\n"
    "                 ";

/* After the table names. */
static const char usage_tail[] =
    "\n"
    "  --help         print this help\n"
    "  --version      print the version and the table sizes\n"
    "\n"
    "Exit status: 0 on success, 2 on bad input or usage, 1 on other errors.\n";

static const char not_a_lookup[] = "is not a status code (100-799), a device code (0x31, 0x480, …) or a status line";

/* One line on stderr, prefixed with the program name; returns the exit status. */
static int input_error(const char *fmt, ...)
{
    va_list ap;
    fputs(PROG ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

/* s for an error message: control characters escaped so the message stays
 * on one line, long input cut. Two buffers, so one message may show two. */
static const char *shown(const char *s)
{
    static char bufs[2][200];
    static unsigned turn;
    char *buf = bufs[turn++ & 1], *o = buf;
    /* room for "\\xNN", up to 3 UTF-8 continuation bytes, "…" and the NUL */
    const size_t room = sizeof bufs[0] - 8;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        size_t used = (size_t)(o - buf);
        /* cut between characters, not inside a UTF-8 sequence */
        if (used >= room && ((c & 0xc0) != 0x80 || used >= room + 3))
            break;
        if (c < 0x20 || c == 0x7f)
            o += sprintf(o, "\\x%02x", c);
        else
            *o++ = (char)c;
    }
    if (*s)
        o += sprintf(o, "…");
    *o = '\0';
    return buf;
}

static void print_kv(const char *key, const char *value)
{
    printf("%s: %s\n", key, value);
}

static bool parse_lang(const char *name, enum sc_lang *out)
{
    for (unsigned i = 0; i < SC_LANG_COUNT; i++) {
        if (strcmp(name, sc_lang_name((enum sc_lang)i)) == 0) {
            *out = (enum sc_lang)i;
            return true;
        }
    }
    return false;
}

/* Prints the core's explanation of a final response to an INVITE (what
 * the answer to a call means); with_phrase adds the phrase checks.
 * Returns false when the variant index cannot be built. */
static bool explain_response(unsigned code, const char *phrase, size_t phrase_len, bool with_phrase, enum sc_lang lang)
{
    struct sc_variant_index *idx = sc_variant_index_new(NULL, 0);
    if (!idx)
        return false;
    struct sc_explain_ctx ctx = { idx, NULL };
    struct sc_explanation ex;
    sc_explain_status(&ctx, code, SC_STATUS_OK, phrase, phrase_len, true, &ex);

    printf("code: %u\n", ex.code);
    print_kv("class", sc_class_name(ex.cls));
    if (with_phrase) {
        printf("phrase: %.*s\n", (int)ex.phrase_len, ex.phrase);
        print_kv("phrase.kind", sc_phrase_kind_names[ex.phrase_kind]);
    }
    if (ex.standard_phrase)
        print_kv("standard_phrase", ex.standard_phrase);
    if (with_phrase && ex.standard_phrase)
        print_kv("phrase_nonstandard", ex.phrase_nonstandard ? "true" : "false");
    if (ex.rfc)
        print_kv("rfc", ex.rfc);
    print_kv("registry", ex.registry);
    if (ex.known)
        print_kv("description", ex.known->desc[lang]);
    if (with_phrase && (ex.phrase_nonstandard || !ex.standard_phrase)) {
        print_kv("variant.known", ex.variant ? "true" : "false");
        if (ex.variant) {
            print_kv("variant", ex.variant->phrase);
            print_kv("variant.category", sc_category_names[ex.variant->category]);
            print_kv("variant.description", ex.variant->desc[lang]);
        }
    }
    if (with_phrase && ex.hint) {
        const char *word = ex.phrase + ex.hint_word_off;
        char text[512];
        sc_hint_format(ex.hint, lang, word, ex.hint_word_len, text, sizeof text);
        print_kv("phrase.hint", sc_category_names[ex.hint->category]);
        printf("phrase.hint.word: %.*s\n", (int)ex.hint_word_len, word);
        print_kv("phrase.hint.description", text);
    }
    for (unsigned i = 0; i < ex.n_devices; i++) {
        print_kv("device", ex.devices[i]->device);
        print_kv("device.description", ex.devices[i]->desc[lang]);
    }
    if (ex.mapped_cause >= 0) {
        printf("q850: %d\n", ex.mapped_cause);
        if (ex.mapped) {
            print_kv("q850.name", ex.mapped->name);
            print_kv("q850.description", ex.mapped->desc[lang]);
        }
    }
    if (ex.has_outcome)
        print_kv("outcome", sc_outcome_names[ex.outcome]);
    sc_variant_index_free(idx);
    return true;
}

static void explain_device(const struct sc_device *dev, enum sc_lang lang)
{
    print_kv("device", dev->device);
    print_kv("device.kind", sc_device_kind_names[dev->kind]);
    if (dev->sip_code)
        printf("device.sip_code: %u\n", (unsigned)dev->sip_code);
    print_kv("device.description", dev->desc[lang]);
}

/* The SIP response that RFC 3398 s7.2.4.1 maps a cause to, or 0. */
static unsigned q850_sip_code(unsigned cause)
{
    for (size_t i = 0; i < sc_q850_to_sip_count; i++)
        if (sc_q850_to_sip[i].cause == cause)
            return sc_q850_to_sip[i].sip_code;
    return 0;
}

static int list_table(const char *table, enum sc_lang lang)
{
    if (strcmp(table, "variants") == 0) {
        puts("code\tphrase\tcategory\tdescription");
        for (size_t i = 0; i < sc_variants_count; i++) {
            const struct sc_variant *v = &sc_variants[i];
            printf("%u\t%s\t%s\t%s\n", (unsigned)v->code, v->phrase, sc_category_names[v->category], v->desc[lang]);
        }
    } else if (strcmp(table, "codes") == 0) {
        puts("code\tclass\tstandard_phrase\trfc\tregistry\tq850\toutcome\tdescription");
        for (size_t i = 0; i < sc_codes_count; i++) {
            const struct sc_code *c = &sc_codes[i];
            char cause[12] = "";
            int q = sc_sip_to_q850_cause(c->code);
            if (q >= 0)
                snprintf(cause, sizeof cause, "%d", q);
            enum sc_outcome oc;
            const char *outcome = c->code >= 200 && sc_outcome_for(c->code, &oc) ? sc_outcome_names[oc] : NULL;
            printf("%u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (unsigned)c->code, sc_class_name(sc_classify(c->code)),
                   c->phrase, c->rfc, sc_registry_names[c->registry], cause, outcome ? outcome : "", c->desc[lang]);
        }
    } else if (strcmp(table, "devices") == 0) {
        puts("device\tkind\tsip_code\tdescription");
        for (size_t i = 0; i < sc_devices_count; i++) {
            const struct sc_device *d = &sc_devices[i];
            char sip[12] = "";
            if (d->sip_code)
                snprintf(sip, sizeof sip, "%u", (unsigned)d->sip_code);
            printf("%s\t%s\t%s\t%s\n", d->device, sc_device_kind_names[d->kind], sip, d->desc[lang]);
        }
    } else if (strcmp(table, "q850") == 0) {
        puts("q850\tname\tsip_code\tdescription");
        for (size_t i = 0; i < sc_q850_causes_count; i++) {
            const struct sc_q850 *q = &sc_q850_causes[i];
            char sip[12] = "";
            unsigned code = q850_sip_code(q->cause);
            if (code)
                snprintf(sip, sizeof sip, "%u", code);
            printf("%u\t%s\t%s\t%s\n", (unsigned)q->cause, q->name, sip, q->desc[lang]);
        }
    } else {
        return input_error("unknown --list table '%s' (variants, codes, devices, q850)", shown(table));
    }
    return EXIT_SUCCESS;
}

/* The export tables, ", " between them; with indent, lines of at most 80
 * columns, the next ones indented. */
static void table_names(FILE *f, int indent)
{
    int col = indent;
    for (size_t i = 0; sc_export_table_name(i); i++) {
        const char *name = sc_export_table_name(i);
        int width = (int)strlen(name) + (sc_export_table_name(i + 1) ? 1 : 0);
        if (i && indent && col + 1 + width > 80) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (i) {
            fputc(' ', f);
            col++;
        }
        fprintf(f, "%s%s", name, sc_export_table_name(i + 1) ? "," : "");
        col += width;
    }
}

/* --export FORMAT TABLE */
static int export_table(const char *format, const char *list, const char *table)
{
    enum sc_export_format fmt;
    if (list)
        return input_error("--export and --list do not go together");
    if (!sc_export_format_parse(format, &fmt))
        return input_error("unknown --export format '%s' (csv, json)", shown(format));
    if (table && sc_export_table(fmt, table))
        return EXIT_SUCCESS;
    if (table)
        fprintf(stderr, PROG ": unknown table '%s'; the tables are: ", shown(table));
    else
        fputs(PROG ": --export needs a table, one of: ", stderr);
    table_names(stderr, 0);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

/* "SIP/" in any letter case, as sc_parse_status_line wants it. */
static bool has_sip_version(const char *s)
{
    return (s[0] | 0x20) == 's' && (s[1] | 0x20) == 'i' && (s[2] | 0x20) == 'p' && s[3] == '/';
}

/* A status code, device code or status line given on the command line. */
static int lookup(const char *arg, enum sc_lang lang)
{
    if (!arg[0])
        return input_error("empty argument: give a status code (100-799), a device code (0x31, 0x480, …) "
                           "or a status line");

    if (arg[0] == '0' && (arg[1] | 0x20) == 'x') {
        const struct sc_device *dev = sc_device_lookup(arg, strlen(arg));
        if (!dev)
            return input_error("'%s' is not a known device code (see --list devices)", shown(arg));
        explain_device(dev, lang);
        return EXIT_SUCCESS;
    }

    /* "480" and "480 No money left" are read as "SIP/2.0 480 ...". */
    bool full_line = has_sip_version(arg);
    if (!full_line && !(arg[0] >= '0' && arg[0] <= '9'))
        return input_error("'%s' %s", shown(arg), not_a_lookup);
    size_t len = strlen(arg);
    char *line = malloc(len + sizeof "SIP/2.0 ");
    if (!line) {
        fputs(PROG ": out of memory\n", stderr);
        return EXIT_FAILURE;
    }
    snprintf(line, len + sizeof "SIP/2.0 ", "%s%s", full_line ? "" : "SIP/2.0 ", arg);

    int status = EXIT_SUCCESS;
    struct sc_status st;
    enum sc_status_error err = sc_parse_status_line(line, strlen(line), &st);
    const char *why = NULL;
    if (err == SC_STATUS_OK) {
        /* The phrase lies in line: cut off what the parser trimmed. */
        line[(size_t)(st.phrase - line) + st.phrase_len] = '\0';
        why = sc_text_problem(st.phrase, true);
    }
    if (err != SC_STATUS_OK && full_line) {
        status = input_error("'%s' is not a valid status line: %s", shown(arg), sc_status_error_text(err));
    } else if (err != SC_STATUS_OK) {
        status = input_error("'%s' %s", shown(arg), not_a_lookup);
    } else if (sc_classify(st.code) == SC_CLASS_UNKNOWN) {
        status = input_error("'%s': status code %03u is outside 100-799", shown(arg), st.code);
    } else if (why) {
        status = input_error("'%s': the reason phrase %s", shown(arg), why);
    } else if (!explain_response(st.code, st.phrase, st.phrase_len, st.phrase_len > 0, lang)) {
        fputs(PROG ": out of memory\n", stderr);
        status = EXIT_FAILURE;
    }
    free(line);
    return status;
}

int main(int argc, char **argv)
{
    sc_init();

    enum sc_lang lang = sc_lang_from_locale(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));
    const char *list = NULL, *arg = NULL, *export = NULL;
    bool options_done = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (arg)
                return input_error("unexpected argument '%s' after '%s' (quote a status line: \"480 No money left\")",
                                   shown(a), shown(arg));
            arg = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            table_names(stdout, 17);
            fputs(usage_tail, stdout);
            return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
        } else if (strcmp(a, "--version") == 0) {
            printf(PROG " " SIPCODES_VERSION "\n"
                   "tables: %zu codes, %zu variants, %zu device codes, %zu Q.850 causes\n",
                   sc_codes_count, sc_variants_count, sc_devices_count, sc_q850_causes_count);
            return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
        } else if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            const char *value = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!value)
                return input_error("--lang needs a value, one of: " SC_LANG_LIST);
            if (!parse_lang(value, &lang))
                return input_error("unknown --lang value '%s' (" SC_LANG_LIST ")", shown(value));
        } else if (strcmp(a, "--list") == 0 || strncmp(a, "--list=", 7) == 0) {
            list = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!list)
                return input_error("--list needs a table: variants, codes, devices or q850");
        } else if (strcmp(a, "--export") == 0 || strncmp(a, "--export=", 9) == 0) {
            export = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!export)
                return input_error("--export needs a format, csv or json, and a table");
        } else {
            return input_error("unknown option '%s' (see --help)", shown(a));
        }
    }

    int status;
    if (export)
        status = export_table(export, list, arg);
    else if (list && arg)
        status = input_error("--list takes no lookup argument, got '%s'", shown(arg));
    else if (list)
        status = list_table(list, lang);
    else if (arg)
        status = lookup(arg, lang);
    else
        status = input_error("missing argument: a status code, device code or status line (see --help)");

    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs(PROG ": cannot write the output\n", stderr);
        return EXIT_FAILURE;
    }
    return status;
}
