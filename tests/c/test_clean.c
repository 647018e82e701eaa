/*
** test_clean.c
** The clean stage's line keys: mask, key (and its word count), spaces.
*/
#include "nk_clean.h"
#include "nk_test.h"

static int key_is(const char *in, const char *want, size_t want_words)
{
    size_t n = strlen(in), words = 99, kl;
    char *src = nk_test_dup(in, n), *out = malloc(2 * n + 1);
    int ok;
    kl = nk_clean_key(src, n, out, &words);
    ok = kl == strlen(want) && memcmp(out, want, kl) == 0 && words == want_words;
    if (!ok)
        printf("# key of '%s': '%.*s' (%zu words)\n", in, (int)kl, out, words);
    free(src);
    free(out);
    return ok;
}

int main(void)
{
    char buf[64];
    size_t n;
    /* mask: same length, punctuation outside ASCII becomes spaces */
    {
        const char *in = "\xd8\xa3\xd9\x87\xd9\x84\xd8\xa7\xd8\x8c \xc2\xab\xd9\x86\xd8\xb9\xd9\x85"
                         "\xc2\xbb\xe2\x80\xa6\xef\xbb\xbf!";
        n = strlen(in);
        nk_clean_mask(in, n, buf);
        CHECK(memcmp(buf, "\xd8\xa3\xd9\x87\xd9\x84\xd8\xa7     \xd9\x86\xd8\xb9\xd9\x85        !",
                     n) == 0,
              "mask: ، « » … BOM become spaces, letters and ASCII stay", "got '%.*s'", (int)n, buf);
    }
    /* a truncated sequence at the end is not masked */
    nk_clean_mask("a\xe2\x80", 3, buf);
    CHECK(memcmp(buf, "a\xe2\x80", 3) == 0, "mask: a truncated sequence stays", "changed");
    /* key: folded (أ -> ا, ة -> ه, harakat out), edges of spaces and punctuation dropped */
    CHECK(key_is("  \xd8\xa3\xd9\x8e\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1  "
                 "\xd8\xb9\xd8\xa7\xd9\x85\xd8\xa9 .:",
                 "\xd8\xa7\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd8\xb9\xd8\xa7\xd9\x85\xd9\x87", 2),
          "key: fold, trim, collapse, two words", "mismatch");
    CHECK(key_is("\xc2\xab...\xc2\xbb", "", 0), "key: only punctuation gives an empty key",
          "mismatch");
    CHECK(key_is("AFP / Getty\tImages", "AFP / Getty Images", 4),
          "key: ASCII punctuation inside is kept", "mismatch");
    CHECK(key_is("\xd9\xa1\xd9\xa2 x", "12 x", 2), "key: Arabic-Indic digits fold to ASCII",
          "mismatch");
    CHECK(key_is("", "", 0), "key: empty line", "mismatch");
    /* spaces */
    n = nk_clean_spaces("a \t b\n\nc ", 9, buf);
    CHECK(n == 6 && memcmp(buf, "a b c ", 6) == 0, "spaces: runs become one space", "got '%.*s'",
          (int)n, buf);
    return NK_TEST_DONE();
}
