/*
** test_utf8_words.c
** nk_utf8_validate checks eight bytes at a time where the text is ASCII and
** 2-byte sequences: it must agree with the byte-wise decoder (verdict and
** first bad offset) on every mix of well-formed and broken sequences at every
** alignment, and nk_utf8_count with counting decoder steps.
*/
#include "nk_test.h"
#include "nk_utf8.h"

/* The reference: nk_utf8_decode one sequence after another. */
static int ref_validate(const char *s, size_t len, size_t *bad)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int ok;
        size_t n = nk_utf8_decode(s, len, i, &cp, &ok);
        if (!ok) {
            *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

static size_t ref_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        uint32_t cp;
        int ok;
        i += nk_utf8_decode(s, len, i, &cp, &ok);
        n++;
    }
    return n;
}

static uint64_t rng = 88172645463325252ull;
static unsigned next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

int main(void)
{
    /* pieces: ASCII, Arabic letters, a 3- and a 4-byte character, and broken ones */
    static const char *const pieces[] = {
        "a",
        " ",
        "\n",
        "\xD8\xA8",
        "\xD9\x8A",
        "\xDB\x8C",
        "\xE2\x80\x94",
        "\xF0\x9F\x98\x80",
        "\xC0\x80",
        "\xC1\xBF",
        "\x80",
        "\xBF",
        "\xD8",
        "\xE2\x80",
        "\xF5\x80",
        "\xFF",
        "\xED\xA0\x80",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    int agree = 1, counts = 1, k;
    char buf[128];
    for (k = 0; k < 200000 && agree && counts; k++) {
        size_t len = 0, bad_ref = 0, bad = 0;
        int broken = (next() % 4) == 0; /* most strings well-formed, to reach the word path */
        while (len < 100) {
            size_t j = broken ? next() % np : next() % 6, n = strlen(pieces[j]);
            memcpy(buf + len, pieces[j], n);
            len += n;
        }
        {
            char *s = nk_test_dup(buf, len);
            size_t off = next() % 8; /* every alignment of the word loop */
            int r = ref_validate(s + off, len - off, &bad_ref);
            int v = nk_utf8_validate(s + off, len - off, &bad) == NK_OK;
            if (r != v || (!r && bad != bad_ref))
                agree = 0;
            if (nk_utf8_count(s + off, len - off) != ref_count(s + off, len - off))
                counts = 0;
            free(s);
        }
    }
    CHECK(agree, "validate agrees with the byte-wise decoder (verdict and first bad byte)",
          "string %d", k);
    CHECK(counts, "count agrees with counting decoder steps", "string %d", k);
    {
        size_t bad = 0;
        CHECK(nk_utf8_validate("abcdefg\xD8\xA8\xC0\x80xyzxyzxyz", 20, &bad) == NK_EUTF8 &&
                  bad == 9,
              "an overlong C0 80 after a word boundary", "bad %zu", bad);
        CHECK(nk_utf8_validate("abcdefg\xD8", 8, &bad) == NK_EUTF8 && bad == 7,
              "a lead byte at the end of the last word", "bad %zu", bad);
        CHECK(nk_utf8_validate("abcdefg\xD8\xA8zzzzzzz", 16, NULL) == NK_OK,
              "a 2-byte letter across two words", "-");
    }
    return NK_TEST_DONE();
}
