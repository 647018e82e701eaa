/*
** test_corespeed.c
** The fast paths of the core against its plain paths, on generated text:
** - the normalizer's table loop and 16-byte identity scan (inputs of 4096
**   bytes and more) against its generic path (shorter inputs, one fresh
**   normalizer each): the same text and the same offset map, every profile;
**   (a kept Quranic mark before a deleted harakah of lower class, e.g. U+06D6
**   then kasra under camel, is left out: there the two paths group the map's
**   units differently, both covering the same bytes; that predates the scan)
** - nk_utf8_validate (16 and 8 bytes at a time) against the decoder walking
**   one character at a time: the same verdict and the same first bad byte.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nk_normalize.h"
#include "nk_test.h"
#include "nk_utf8.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Pieces of text: common letters (most of them copied as they are), the folds
** of the profiles, marks in and out of canonical order, ASCII of every kind,
** spaces, presentation forms, other scripts and invalid bytes. */
static const char *const TOK[] = {"ا",
                                  "ل",
                                  "م",
                                  "ن",
                                  "ي",
                                  "و",
                                  "ه",
                                  "ر",
                                  "ب",
                                  "ت",
                                  "ع",
                                  "ف",
                                  "ق",
                                  "س",
                                  "ة",
                                  "أ",
                                  "إ",
                                  "آ",
                                  "ى",
                                  "ئ",
                                  "ؤ",
                                  "ء",
                                  "ٱ",
                                  "َ",
                                  "ُ",
                                  "ِ",
                                  "ّ",
                                  "ْ",
                                  "ً",
                                  "ٌ",
                                  "ـ",
                                  "،",
                                  "؛",
                                  "؟",
                                  "٣",
                                  "۴",
                                  "ک",
                                  "ی",
                                  "ٰ",
                                  "ٔ",
                                  "ٓ",
                                  "\xd9\x8e\xd9\x8b",

                                  "a",
                                  "Z",
                                  "k",
                                  " ",
                                  " ",
                                  " ",
                                  "\n",
                                  "\t",
                                  "\r",
                                  ".",
                                  ",",
                                  "\"",
                                  "\\",
                                  "1",
                                  "\x01",
                                  "\x7f",
                                  "\xc2\xa0",
                                  "«",
                                  "»",
                                  "“",
                                  "\xe2\x80\x8c",
                                  "\xe2\x80\x8f",
                                  "\xef\xbb\xbb",
                                  "\xef\xb7\xb2",
                                  "é",
                                  "e\xcc\x81",
                                  "Ä",
                                  "ß",
                                  "Ω",
                                  "\xf0\x9f\x98\x80",
                                  "\xff",
                                  "\xd8",
                                  "\x80",
                                  "\xdf\xbf",
                                  "\xc2",
                                  "\xd8\xa7\xd9\x84",
                                  "\xef\xb7\xbc",
                                  "ٲ",
                                  "ڤ",
                                  "ﷺ",
                                  "\xe0\xa0\x80"};
#define NTOK (sizeof TOK / sizeof TOK[0])

/* Mostly common letters and spaces, as running text is. */
static const char *pick(void)
{
    unsigned r = rnd(100);
    if (r < 55)
        return TOK[rnd(14)];
    if (r < 70)
        return " ";
    return TOK[rnd(NTOK)];
}

typedef struct {
    char *s;
    size_t len, cap;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (b->s == NULL)
            exit(2);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
}

#define NPIECE 24

static void check_profile(const char *name)
{
    nk_norm_profile p;
    sbuf t = {0};
    size_t cut[NPIECE + 1], k, pos;
    nk_buf whole, part;
    nk_offmap wm, pm;
    nk_error err;
    size_t obase = 0, bad_text = 0, bad_map = 0, first = (size_t)-1;
    char title[128];

    nk_norm_profile_named(&p, name);
    /* pieces of fewer than 4096 bytes, each from 'Q' to a newline: boundaries at both ends */
    cut[0] = 0;
    for (k = 0; k < NPIECE; k++) {
        size_t start = t.len;
        put(&t, "Q", 1);
        while (t.len - start < 3500) {
            const char *s = pick();
            put(&t, s, strlen(s));
        }
        put(&t, "\n", 1);
        cut[k + 1] = t.len;
    }
    nk_buf_init(&whole, NULL);
    nk_buf_init(&part, NULL);
    nk_offmap_init(&wm, NULL);
    nk_offmap_init(&pm, NULL);
    CHECK(nk_normalize(&p, t.s, t.len, &whole, &wm, &err) == NK_OK, "long input normalized", "%s",
          err.msg);
    for (k = 0; k < NPIECE; k++) {
        size_t plen = cut[k + 1] - cut[k], j;
        char *piece = nk_test_dup(t.s + cut[k], plen);
        part.len = 0;
        if (nk_normalize(&p, piece, plen, &part, &pm, &err) != NK_OK) {
            bad_text++;
            free(piece);
            continue;
        }
        if (obase + part.len > whole.len || memcmp(whole.data + obase, part.data, part.len) != 0) {
            if (first == (size_t)-1)
                first = k;
            bad_text++;
        }
        /* every output character maps to the same original span */
        for (pos = 0; pos < part.len && obase + pos < whole.len; pos += j) {
            nk_span a, b;
            for (j = 1; pos + j < part.len && ((unsigned char)part.data[pos + j] & 0xC0) == 0x80;
                 j++)
                ;
            a = nk_offmap_orig(&wm, obase + pos, obase + pos + j);
            b = nk_offmap_orig(&pm, pos, pos + j);
            if (a.start != b.start + cut[k] || a.end != b.end + cut[k])
                bad_map++;
        }
        obase += part.len;
        free(piece);
    }
    snprintf(title, sizeof title, "%s: the fast loop writes what the generic path writes", name);
    CHECK(bad_text == 0 && obase == whole.len, title,
          "%zu pieces differ (first %zu), %zu vs %zu bytes", bad_text, first, obase, whole.len);
    snprintf(title, sizeof title, "%s: the fast loop's offset map is the generic path's", name);
    CHECK(bad_map == 0, title, "%zu characters map elsewhere", bad_map);
    nk_buf_free(&whole);
    nk_buf_free(&part);
    nk_offmap_free(&wm);
    nk_offmap_free(&pm);
    free(t.s);
}

/* The decoder, one character at a time: the reference for nk_utf8_validate. */
static nk_status validate_ref(const char *s, size_t len, size_t *bad)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int ok;
        size_t n = nk_utf8_decode(s, len, i, &cp, &ok);
        if (!ok) {
            *bad = i;
            return NK_EUTF8;
        }
        i += n;
    }
    return NK_OK;
}

static void check_validate(void)
{
    static const char *const U[] = {
        "a",        " ",        "ب",    "ة",    "\xdf\xbf", "\xc2\x80", "€",    "😀",
        "\xc0\xaf", "\xc1\xbf", "\xd8", "\x80", "\xbf",     "\xe0\x80", "\xff", "\xed\xa0\x80"};
    int round, wrong = 0;
    for (round = 0; round < 20000; round++) {
        char buf[300];
        size_t len = 0, bad1 = 0, bad2 = 0;
        size_t want = rnd(200), skip = rnd(4);
        char *copy;
        nk_status s1, s2;
        while (len < want) {
            /* mostly valid two-byte text and ASCII; now and then something else */
            const char *u = U[rnd(100) < 97 ? rnd(4) : rnd(16)];
            size_t n = strlen(u);
            if (len + n > sizeof buf)
                break;
            memcpy(buf + len, u, n);
            len += n;
        }
        if (skip > len)
            skip = len;
        copy = nk_test_dup(buf + skip, len - skip); /* unaligned starts, exact size */
        s1 = nk_utf8_validate(copy, len - skip, &bad1);
        s2 = validate_ref(copy, len - skip, &bad2);
        if (s1 != s2 || (s1 != NK_OK && bad1 != bad2))
            wrong++;
        free(copy);
    }
    CHECK(wrong == 0, "nk_utf8_validate agrees with the decoder on 20000 generated strings",
          "%d disagree", wrong);
}

int main(void)
{
    const char *const *names = nk_norm_profile_names();
    int k;
    for (k = 0; names[k] != NULL; k++)
        check_profile(names[k]);
    check_validate();
    return NK_TEST_DONE();
}
