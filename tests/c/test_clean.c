/*
** test_clean.c
** The clean stage's line keys: mask, key (and its word count), spaces; the
** whole stage (nk_cleaner_run): each rule, and allocation failures.
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

/* An allocator that fails the Nth call (0 = never). */
typedef struct {
    long calls, fail_at;
} failing;

static void *failing_fn(void *ud, void *p, size_t oldsize, size_t newsize)
{
    failing *f = ud;
    (void)oldsize;
    if (newsize == 0) {
        free(p);
        return NULL;
    }
    if (++f->calls == f->fail_at)
        return NULL;
    return realloc(p, newsize);
}

/* An article: prose, a caption printed twice with a credit under it, a Latin logo
 * line, an outlet's name, a numbered copy of the headline, then a section marker
 * and short navigation lines. */
static const char *ARTICLE =
    "\xd8\xa8\xd9\x88\xd8\xaa\xd9\x8a\xd9\x86 \xd9\x8a\xd9\x84\xd8\xaa\xd9\x82\xd9\x8a "
    "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf\n" /* 0 headline */
    "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x82\xd9\x89 \xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3 "
    "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a \xd9\x86\xd8\xb8\xd9\x8a\xd8\xb1\xd9\x87 "
    "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a \xd9\x81\xd9\x8a \xd9\x85\xd8\xaf\xd9\x8a"
    "\xd9\x86\xd8\xa9 \xd8\xb3\xd9\x88\xd8\xaa\xd8\xb4\xd9\x8a \xd9\x85\xd8\xb3\xd8\xa7\xd8\xa1 "
    "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xab\xd9\x86\xd9\x8a\xd9\x86.\n" /* 1 prose */
    "\xd8\xb5\xd9\x88\xd8\xb1\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x84\xd9\x82\xd8\xa7\xd8\xa1\n" /* 2
                                                                                             caption
                                                                                           */
    "AFP/Getty Images\n" /* 3 credit */
    "\xd8\xb5\xd9\x88\xd8\xb1\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x84\xd9\x82\xd8\xa7\xd8\xa1\n" /* 4 again
                                                                                           */
    "\n"
    "Logo\n"                                                     /* 6 latin */
    "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9\n" /* 7 outlet */
    "\xd8\xa8\xd9\x88\xd8\xaa\xd9\x8a\xd9\x86 \xd9\x8a\xd9\x84\xd8\xaa\xd9\x82\xd9\x8a "
    "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf 1\n"                       /* 8 numbered */
    "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82\xd8\xa7\xd8\xaa\n"         /* 9 marker */
    "\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9\n" /* 10 nav */
    "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x8a\xd8\xa7\xd8\xb6\xd8\xa9\n";        /* 11 nav */

static nk_status clean_run(const nk_alloc *a, const char *text, size_t len, char *reasons,
                           size_t *nd)
{
    static const nk_clean_opts o = {1, 1, 1, 1, 12, 6, 25};
    /* keys as nk_clean_key gives them: تعليقات, الجزيره (ة folded) */
    static const char *marker = "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82\xd8\xa7\xd8\xaa";
    static const char *outlet = "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd9\x87";
    nk_cleaner *c = nk_cleaner_new(a);
    const nk_drop *d;
    nk_status st;
    size_t i;
    nk_cleaner_free(NULL);
    if (c == NULL)
        return NK_ENOMEM;
    st = nk_cleaner_add_marker(c, marker, strlen(marker), 0);
    if (st == NK_OK)
        st = nk_cleaner_add_outlet(c, outlet, strlen(outlet));
    if (st == NK_OK)
        st = nk_cleaner_run(c, text, len, &o, &d, nd);
    if (st == NK_OK)
        for (i = 0; i < *nd && i < 15; i++)
            reasons[i] = (char)('0' + d[i].reason);
    if (st == NK_OK)
        reasons[*nd < 15 ? *nd : 15] = '\0';
    nk_cleaner_free(c);
    return st;
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

    /* the whole stage */
    {
        size_t len = strlen(ARTICLE), nd = 0;
        char *text = nk_test_dup(ARTICLE, len), got[16], want[16];
        nk_status st = clean_run(NULL, text, len, got, &nd);
        /* caption+credit+caption: 2 repeated, 3 credit, 4 repeated (the caption
         * printed twice, both dropped); 6 latin_line; 7 outlet; 8 caption (the
         * numbered copy); 9.. navigation (marker and short lines after it) */
        snprintf(want, sizeof want, "%d%d%d%d%d%d%d", NK_DROP_REPEATED_LINE, NK_DROP_CREDIT,
                 NK_DROP_REPEATED_LINE, NK_DROP_LATIN_LINE, NK_DROP_OUTLET, NK_DROP_CAPTION,
                 NK_DROP_NAVIGATION);
        CHECK(st == NK_OK && strcmp(got, want) == 0, "cleaner: each rule drops its line",
              "st=%d got %s want %s", (int)st, got, want);
        {
            long k;
            int all_ok = 1;
            char g2[16];
            size_t n2 = 0;
            for (k = 1; k < 400; k++) {
                failing f = {0, k};
                nk_alloc a = {failing_fn, &f};
                st = clean_run(&a, text, len, g2, &n2);
                if (st == NK_OK) {
                    if (strcmp(g2, got) != 0)
                        all_ok = 0;
                    break;
                }
                if (st != NK_ENOMEM)
                    all_ok = 0;
            }
            CHECK(all_ok && k < 400, "cleaner: allocation failure at every point, NK_ENOMEM",
                  "k=%ld", k);
        }
        st = clean_run(NULL, "", 0, got, &nd);
        CHECK(st == NK_OK && nd == 0, "cleaner: an empty text drops nothing", "nd=%zu", nd);
        free(text);
    }
    return NK_TEST_DONE();
}
