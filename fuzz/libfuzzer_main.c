/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer entry point: one binary per target, chosen at compile time
 * with -DSC_FUZZ_TARGET=<function>, e.g. -DSC_FUZZ_TARGET=sc_fuzz_status. */
#include "targets.h"

#ifndef SC_FUZZ_TARGET
#error "define SC_FUZZ_TARGET"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sc_fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SC_FUZZ_TARGET(data, size);
    return 0;
}
