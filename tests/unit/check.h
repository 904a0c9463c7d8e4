/* SPDX-License-Identifier: GPL-2.0-or-later
 * The unit tests' one assertion: CHECK(cond) counts and reports, and
 * CHECK_SUMMARY() prints "N passed, M failed" and gives the exit status. */
#ifndef SIPCODES_UNIT_CHECK_H
#define SIPCODES_UNIT_CHECK_H

#include <stdbool.h>
#include <stdio.h>

static int passed, failed;

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
static inline void check(bool ok, const char *what, const char *file, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
    }
}

#define CHECK_SUMMARY() (printf("%d passed, %d failed\n", passed, failed), failed ? 1 : 0)

#endif
