/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Generates the core's tables from the TSV files in data/.
 * Usage: sipcodes_gen DATA_DIR OUTPUT.c [SETS.h]
 * SETS.h defaults to sc_sets.h next to OUTPUT.c.
 * A malformed row stops the build with "file:line:column: message". */
#include "sc_data.h"
#include "sc_emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes through PATH.tmp, so a failed run leaves no half file. */
static bool write_file(const char *path, const struct sc_data *d, bool header)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        perror(tmp);
        return false;
    }
    if (header)
        sc_emit_sets_header(out, &d->sets);
    else
        sc_emit_tables(out, d);
    if (fclose(out) != 0 || rename(tmp, path) != 0) {
        perror(path);
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s DATA_DIR OUTPUT.c [SETS.h]\n", argv[0]);
        return 2;
    }
    char header[4096];
    if (argc == 4) {
        snprintf(header, sizeof header, "%s", argv[3]);
    } else {
        const char *slash = strrchr(argv[2], '/');
        int dir_len = slash ? (int)(slash - argv[2] + 1) : 0;
        snprintf(header, sizeof header, "%.*ssc_sets.h", dir_len, argv[2]);
    }
    struct sc_tsv_ctx ctx = { .dir = argv[1] };
    struct sc_data d;
    sc_data_init(&d);
    if (!sc_data_load(&ctx, &d)) {
        fprintf(stderr, "sipcodes_gen: %d error(s) in %s\n", ctx.errors, argv[1]);
        sc_data_free(&d);
        return 1;
    }
    bool ok = write_file(header, &d, true) && write_file(argv[2], &d, false);
    sc_data_free(&d);
    return ok ? 0 : 1;
}
