/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Standalone driver: replays inputs through the fuzz targets without
 * libFuzzer, so any compiler (gcc -fsanitize=address,undefined) can run the
 * corpus and the regression inputs.
 *
 * Usage: sipcodes_fuzz_replay [-t TARGET] PATH...
 *   PATH is a file or a folder. Without -t the target of a file is the
 *   name of the folder holding it (fuzz/corpus/status/x -> status); a
 *   folder's subfolders are walked too, so "fuzz/corpus fuzz/regressions"
 *   replays everything, and files in a folder that is no target name
 *   (README.md) are skipped. Prints one line per target and exits 0 when
 *   every input ran; an invariant failure or a sanitizer report aborts. */
#include "targets.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t ran[16];

static int run_file(const char *path, const struct sc_fuzz_target *forced)
{
    const struct sc_fuzz_target *t = forced;
    if (!t) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (!slash) {
            fprintf(stderr, "%s: no target folder in the path; use -t\n", path);
            return 1;
        }
        *slash = '\0';
        const char *name = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
        t = sc_fuzz_find(name);
        if (!t) {
            fprintf(stderr, "%s: folder '%s' is not a target name; use -t\n", path, name);
            return 1;
        }
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap);
    for (size_t n; (n = fread(buf + len, 1, cap - len, f)) > 0;) {
        len += n;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    /* an exact-size copy, so reads past the end are caught */
    unsigned char *exact = malloc(len ? len : 1);
    memcpy(exact, buf, len);
    free(buf);
    if (getenv("SC_FUZZ_REPLAY_VERBOSE"))
        fprintf(stderr, "%s: %s (%zu bytes)\n", t->name, path, len);
    t->fn(exact, len);
    free(exact);
    ran[t - sc_fuzz_targets]++;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, const struct sc_fuzz_target *forced, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path, forced);
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return 1;
    }
    char trimmed[4096];
    snprintf(trimmed, sizeof trimmed, "%s", path);
    for (size_t l = strlen(trimmed); l > 1 && trimmed[l - 1] == '/';)
        trimmed[--l] = '\0';
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        size_t l = strlen(trimmed) + strlen(e->d_name) + 2;
        names[n] = malloc(l);
        snprintf(names[n], l, "%s/%s", trimmed, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp);
    const char *base = strrchr(trimmed, '/') ? strrchr(trimmed, '/') + 1 : trimmed;
    bool is_target_dir = forced || sc_fuzz_find(base);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat fst;
        if (stat(names[i], &fst) != 0)
            fst.st_mode = 0;
        if (S_ISREG(fst.st_mode) && is_target_dir)
            bad |= run_file(names[i], forced);
        else if (S_ISDIR(fst.st_mode) && depth < 4)
            bad |= run_path(names[i], forced, depth + 1);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    const struct sc_fuzz_target *forced = NULL;
    int i = 1, bad = 0;
    sc_fuzz_init();
    if (i + 1 < argc && strcmp(argv[i], "-t") == 0) {
        forced = sc_fuzz_find(argv[i + 1]);
        if (!forced) {
            fprintf(stderr, "unknown target '%s'; targets:", argv[i + 1]);
            for (size_t k = 0; k < sc_fuzz_targets_count; k++)
                fprintf(stderr, " %s", sc_fuzz_targets[k].name);
            fputc('\n', stderr);
            return 2;
        }
        i += 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [-t TARGET] FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (; i < argc; i++)
        bad |= run_path(argv[i], forced, 0);
    size_t total = 0;
    for (size_t k = 0; k < sc_fuzz_targets_count; k++) {
        if (ran[k])
            printf("%-10s %zu inputs ok\n", sc_fuzz_targets[k].name, ran[k]);
        total += ran[k];
    }
    printf("replayed %zu inputs%s\n", total, bad ? ", some paths could not be read" : "");
    return bad;
}
