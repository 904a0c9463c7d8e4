/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz targets of the sipcodes core. Each takes one input and aborts
 * (through SC_FUZZ_CHECK) when an invariant of the core does not hold;
 * memory errors are left to AddressSanitizer / UndefinedBehaviorSanitizer.
 *
 * Built two ways (see fuzz/run.sh and fuzz/README.md):
 *   libFuzzer: fuzz/libfuzzer_main.c, one binary per target;
 *   standalone: fuzz/replay.c, a plain main() that replays files (gcc). */
#ifndef SIPCODES_FUZZ_TARGETS_H
#define SIPCODES_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int (*sc_fuzz_fn)(const uint8_t *data, size_t size);

/* Once, before any target: sc_init() and the other indexes. */
void sc_fuzz_init(void);

struct sc_fuzz_target {
    const char *name;
    sc_fuzz_fn fn;
    const char *what;
};

/* status line parser + phrase normaliser/hash + built-in variant lookup +
 * every lookup the post-dissector does with the parsed code */
int sc_fuzz_status(const uint8_t *data, size_t size);
/* SIP header scanner + sc_explain on a whole message */
int sc_fuzz_message(const uint8_t *data, size_t size);
/* sc_phrase_equal / sc_phrase_hash on two phrases, and a variant index
 * holding user rows: user rows must replace built-in ones */
int sc_fuzz_phrase(const uint8_t *data, size_t size);
/* device-token scanner */
int sc_fuzz_device(const uint8_t *data, size_t size);
/* sc_user_field_check: byte 0 = field, byte 1 = message buffer size */
int sc_fuzz_userfield(const uint8_t *data, size_t size);
/* the generator's TSV loader, cross checks and C emitter (target_loader.c) */
int sc_fuzz_loader(const uint8_t *data, size_t size);
/* the call engine on a sequence of messages */
int sc_fuzz_calls(const uint8_t *data, size_t size);

extern const struct sc_fuzz_target sc_fuzz_targets[];
extern const size_t sc_fuzz_targets_count;
const struct sc_fuzz_target *sc_fuzz_find(const char *name);

void sc_fuzz_fail(const char *file, int line, const char *cond);
#define SC_FUZZ_CHECK(cond) \
    do { if (!(cond)) sc_fuzz_fail(__FILE__, __LINE__, #cond); } while (0)

#ifdef __cplusplus
}
#endif
#endif
