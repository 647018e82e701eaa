/*
** nk_test.h
** A tiny test harness for the C unit tests. Each CHECK prints one TAP-like
** line ("ok - title" / "not ok - title: file:line: detail") and keeps going;
** tests/run.sh counts them. NK_TEST_DONE() returns the exit status.
*/
#ifndef NK_TEST_H
#define NK_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nk_test_failed_ = 0, nk_test_passed_ = 0;

#define CHECK(cond, title, ...)                                                                    \
    do {                                                                                           \
        if (cond) {                                                                                \
            nk_test_passed_++;                                                                     \
            printf("ok - %s\n", title);                                                            \
        } else {                                                                                   \
            nk_test_failed_++;                                                                     \
            printf("not ok - %s: %s:%d: ", title, __FILE__, __LINE__);                             \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

/* An exact-size heap copy, so ASan sees any read past the end. Free with free(). */
static inline char *nk_test_dup(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    if (p == NULL) {
        perror("malloc");
        exit(2);
    }
    memcpy(p, s, n);
    return p;
}

/* An allocator (nk_alloc fn, ud = nk_test_failer *) that fails once `left` allocations have
   succeeded: run a call with left = 0, 1, 2, ... until it succeeds to reach every failure path. */
typedef struct {
    int left;
} nk_test_failer;

static inline void *nk_test_fail_alloc(void *ud, void *p, size_t old, size_t n)
{
    nk_test_failer *f = ud;
    (void)old;
    if (n == 0) {
        free(p);
        return NULL;
    }
    if (f->left-- == 0)
        return NULL;
    return realloc(p, n);
}

#define NK_TEST_DONE() (nk_test_failed_ ? 1 : 0)

#endif
