/*
** fuzz.h
** Shared by the libFuzzer targets tests/fuzz/fuzz_*.c. A target is written
**     NK_FUZZ_TARGET(name) { ... return 0; }
** which is LLVMFuzzerTestOneInput in a fuzzer build (tests/fuzz/run.sh) and
** nk_fuzz_<name> when NK_FUZZ_REPLAY is defined, so tests/c/test_fuzz_replay.c
** (plain gcc, part of `make test`) can include several targets and replay
** the regression files of tests/fuzz/regressions/<name>/.
** Inputs above NK_FUZZ_MAX bytes are ignored. NK_FUZZ_CHECK aborts on a broken
** invariant, which the fuzzer reports as a crash.
*/
#ifndef NK_FUZZ_H
#define NK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NK_FUZZ_MAX 65536

#ifdef NK_FUZZ_REPLAY
#define NK_FUZZ_TARGET(name)                                                                       \
    int nk_fuzz_##name(const uint8_t *data, size_t size);                                          \
    int nk_fuzz_##name(const uint8_t *data, size_t size)
#else
#define NK_FUZZ_TARGET(name)                                                                       \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                  \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

#define NK_FUZZ_CHECK(cond)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* An exact-size heap copy of data[from..size) (so ASan sees any overread); free() it. */
static inline char *nk_fuzz_dup(const uint8_t *data, size_t size, size_t from, size_t *len)
{
    size_t n = size > from ? size - from : 0;
    char *p = malloc(n ? n : 1);
    if (p == NULL)
        abort();
    if (n)
        memcpy(p, data + from, n);
    *len = n;
    return p;
}

#endif
