/*
** test_utf8.c
** Strict UTF-8 decoding: valid sequences, overlongs, surrogates, truncation.
*/
#include "nk_test.h"
#include "nk_utf8.h"

static const struct {
    const char *title;
    const char *bytes;
    size_t len;
    int valid;
    size_t bad; /* offset of the first bad byte when invalid */
    size_t count;
} cases[] = {
    {"ascii", "abc", 3, 1, 0, 3},
    {"arabic", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 8, 1, 0, 4},
    {"empty", "", 0, 1, 0, 0},
    {"max code point", "\xf4\x8f\xbf\xbf", 4, 1, 0, 1},
    {"above U+10FFFF", "\xf4\x90\x80\x80", 4, 0, 0, 4},
    {"overlong slash", "a\xc0\xaf", 3, 0, 1, 3},
    {"surrogate", "ab\xed\xa0\x80", 5, 0, 2, 5},
    {"truncated at end", "\xd8\xb3\xd9", 3, 0, 2, 2},
    {"lone continuation", "x\x80y", 3, 0, 1, 3},
    {"nul byte is valid", "a\0b", 3, 1, 0, 3},
};

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = nk_test_dup(cases[i].bytes, cases[i].len);
        size_t bad = 999;
        nk_status st = nk_utf8_validate(s, cases[i].len, &bad);
        CHECK((st == NK_OK) == cases[i].valid, cases[i].title, "validate returned %d", (int)st);
        if (!cases[i].valid)
            CHECK(bad == cases[i].bad, cases[i].title, "bad offset %zu, want %zu", bad,
                  cases[i].bad);
        CHECK(nk_utf8_count(s, cases[i].len) == cases[i].count, cases[i].title, "count %zu",
              nk_utf8_count(s, cases[i].len));
        free(s);
    }
    {
        char out[4];
        uint32_t cp;
        int ok;
        uint32_t probes[] = {0x41, 0x633, 0xFDF2, 0x1F600};
        for (i = 0; i < 4; i++) {
            size_t n = nk_utf8_encode(probes[i], out);
            size_t m = nk_utf8_decode(out, n, 0, &cp, &ok);
            CHECK(ok && m == n && cp == probes[i], "encode/decode round trip", "cp %x", probes[i]);
        }
    }
    return NK_TEST_DONE();
}
