/*
** test_scan.c
** The core's one word scanner (nk_scan.h): the character categories of
** chosen code points, the rules the option tables must keep (a category that
** starts a word continues it; line breaks are flagged only on what is
** skipped; the compile-time ASCII and Arabic-block columns equal the
** category columns), the SIMD filter's superset property, the gazetteer's
** eight-byte path (NK_SCAN_AR8) against the table and against the same scan
** without it, and one text cut by the three scanners, where their options
** differ on purpose.
*/
#include "nk_gzint.h"
#include "nk_scan.h"
#include "nk_test.h"
#include "nk_tokens.h"
#include "nk_words.h"

typedef struct {
    uint32_t cp;
    unsigned cc;
    const char *title;
} cccase;

static const cccase cc_cases[] = {
    {'a', NK_CC_LATIN, "a is LATIN"},
    {'5', NK_CC_DIGIT, "5 is DIGIT"},
    {' ', NK_CC_SPACE, "space is SPACE"},
    {'\n', NK_CC_NEWLINE, "LF is NEWLINE"},
    {'\r', NK_CC_CR, "CR is CR"},
    {'\f', NK_CC_VT_FF, "form feed is VT_FF"},
    {'$', NK_CC_SYMBOL, "$ is SYMBOL"},
    {'.', NK_CC_PUNCT, ". is PUNCT"},
    {0x7F, NK_CC_CONTROL, "DEL is CONTROL"},
    {0x85, NK_CC_NEL, "NEL is NEL"},
    {0xA0, NK_CC_SPACE, "no-break space is SPACE"},
    {0xAB, NK_CC_PUNCT, "« is PUNCT"},
    {0xAD, NK_CC_SOFT_HYPHEN, "soft hyphen is SOFT_HYPHEN"},
    {0xE9, NK_CC_LATIN, "é is LATIN"},
    {0x0250, NK_CC_LETTER, "IPA letters are LETTER"},
    {0x0301, NK_CC_COMBINING, "U+0301 is COMBINING"},
    {0x0410, NK_CC_LETTER, "Cyrillic is LETTER"},
    {0x060C, NK_CC_PUNCT, "، is PUNCT"},
    {0x061C, NK_CC_FORMAT, "Arabic letter mark is FORMAT"},
    {0x0620, NK_CC_AR_LETTER_EXT, "ؠ is AR_LETTER_EXT"},
    {0x0628, NK_CC_AR_LETTER, "ب is AR_LETTER"},
    {0x0640, NK_CC_AR_MARK, "tatweel is AR_MARK"},
    {0x064E, NK_CC_AR_MARK, "fatha is AR_MARK"},
    {0x0663, NK_CC_DIGIT, "٣ is DIGIT"},
    {0x066B, NK_CC_PUNCT, "٫ is PUNCT"},
    {0x0670, NK_CC_AR_MARK, "dagger alef is AR_MARK"},
    {0x06CC, NK_CC_AR_LETTER, "Persian yeh is AR_LETTER"},
    {0x06DD, NK_CC_AR_SIGN_MARK, "۝ is AR_SIGN_MARK"},
    {0x06F5, NK_CC_DIGIT, "Persian 5 is DIGIT"},
    {0x0750, NK_CC_AR_LETTER_EXT, "Arabic Supplement is AR_LETTER_EXT"},
    {0x08CA, NK_CC_AR_EXT_LETTER, "U+08CA is AR_EXT_LETTER"},
    {0x200B, NK_CC_ZWSP, "ZWSP is ZWSP"},
    {0x200C, NK_CC_JOINER, "ZWNJ is JOINER"},
    {0x200F, NK_CC_FORMAT, "RLM is FORMAT"},
    {0x2019, NK_CC_PUNCT, "’ is PUNCT"},
    {0x2028, NK_CC_NEWLINE, "LINE SEPARATOR is NEWLINE"},
    {0x3000, NK_CC_SPACE_OTHER, "ideographic space is SPACE_OTHER"},
    {0xFD3E, NK_CC_ORNATE_PAREN, "﴾ is ORNATE_PAREN"},
    {0xFDFC, NK_CC_AR_LIGATURE, "rial sign is AR_LIGATURE"},
    {0xFE0F, NK_CC_VARSEL, "VS16 is VARSEL"},
    {0xFE8D, NK_CC_AR_LETTER, "presentation alef is AR_LETTER"},
    {0xFEFF, NK_CC_SPACE_OTHER, "BOM is SPACE_OTHER"},
    {0xFF1A, NK_CC_LETTER_SUPP, "fullwidth colon is LETTER_SUPP"},
    {0xFFFD, NK_CC_SYMBOL, "U+FFFD is SYMBOL"},
    {0x10400, NK_CC_LETTER_SUPP, "Deseret is LETTER_SUPP"},
    {0x1F600, NK_CC_SYMBOL, "emoji is SYMBOL"},
    {0x110000, NK_CC_SYMBOL, "beyond U+10FFFF is SYMBOL"},
};

static const struct {
    const nk_scan_opts *o;
    const char *name;
} scanners[] = {
    {&NK_SCAN_TOKENS, "tokens"},
    {&NK_SCAN_WORDS, "words"},
    {&NK_SCAN_GAZETTEER, "gazetteer"},
};

static void check_tables(const nk_scan_opts *o, const char *name)
{
    char title[160];
    unsigned c, bad = 0, badnl = 0, badcol = 0;
    for (c = 0; c < NK_CC_COUNT; c++) {
        unsigned k = o->role[c] & NK_SC_CLS;
        if ((k == NK_TOK_ARABIC || k == NK_TOK_LATIN || k == NK_TOK_NUMBER) &&
            !(o->cont[c] & NK_SC_BIT(k)))
            bad++;
        if ((o->role[c] & NK_SC_NL) && k != NK_TOK_NONE)
            badnl++;
    }
    snprintf(title, sizeof title, "%s: a category that starts a word continues it", name);
    CHECK(bad == 0, title, "%u categories do not", bad);
    snprintf(title, sizeof title, "%s: only skipped categories flag a line break", name);
    CHECK(badnl == 0, title, "%u categories start a token and flag a line break", badnl);
    for (c = 0; c < 128; c++)
        if (o->ascii_role[c] != o->role[nk_cc_ascii[c]] ||
            o->ascii_cont[c] != o->cont[nk_cc_ascii[c]])
            badcol++;
    for (c = 0; c < 256; c++)
        if (o->ar_role[c] != o->role[nk_cc_arabic[c]] || o->ar_cont[c] != o->cont[nk_cc_arabic[c]])
            badcol++;
    snprintf(title, sizeof title, "%s: the ASCII and Arabic-block columns are the table's", name);
    CHECK(badcol == 0, title, "%u code points differ", badcol);
    /* nk_scan_run ends an Arabic word at the first ASCII byte without a look-up */
    for (bad = 0, c = 0; c < 128; c++)
        if (o->ascii_cont[c] & NK_SC_AR)
            bad++;
    snprintf(title, sizeof title, "%s: no ASCII character continues an Arabic word", name);
    CHECK(bad == 0, title, "%u do", bad);
}

/* The SIMD filter (nk_scan_maybe_nonword, scalar here): every Arabic-block code point that does
   not continue an Arabic word of NK_SCAN_TOKENS must be caught by it. */
static int maybe_nonword(unsigned lead, unsigned next)
{
    return (lead == 0xD8 && next <= 0x9F) || (lead == 0xD9 && next >= 0xA0 && next <= 0xAD) ||
           (lead == 0xDB && next >= 0x94);
}

static void check_simd_filter(void)
{
    unsigned off, missed = 0;
    for (off = 0; off < 256; off++) {
        unsigned lead = 0xD8 + (off >> 6), next = 0x80 + (off & 0x3F);
        if (!(NK_SCAN_TOKENS.ar_cont[off] & NK_SC_AR) && !maybe_nonword(lead, next))
            missed++;
    }
    CHECK(missed == 0, "the SIMD filter catches every non-word character of the Arabic block",
          "%u missed", missed);
    CHECK(NK_SCAN_TOKENS.flags & NK_SCAN_SIMD, "the tokenizer has the SIMD path", "flags %#x",
          NK_SCAN_TOKENS.flags);
}

#ifdef NK_SCAN_LE
/* NK_SCAN_AR8: the filter holds for the gazetteer's Arabic words too; nk_scan_ar8 says 1 exactly
   when its four lanes pass the filter (each lane tried with every byte pair, the others ب), and
   then each continues an Arabic word by the table; nk_scan_h8 is four two-byte hash steps. */
static void check_ar8(void)
{
    unsigned off, missed = 0, wrong = 0, unsound = 0, badhash = 0, k, v;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (off = 0; off < 256; off++) {
        unsigned lead = 0xD8 + (off >> 6), next = 0x80 + (off & 0x3F);
        if (!(NK_SCAN_GAZETTEER.ar_cont[off] & NK_SC_AR) && !maybe_nonword(lead, next))
            missed++;
    }
    CHECK(missed == 0, "the SIMD filter catches every non-word character of the gazetteer too",
          "%u missed", missed);
    CHECK(NK_SCAN_GAZETTEER.flags & NK_SCAN_AR8, "the gazetteer has the eight-byte path",
          "flags %#x", NK_SCAN_GAZETTEER.flags);
    for (k = 0; k < 4; k++)
        for (v = 0; v < 0x10000; v++) {
            unsigned lead = v & 0xFF, next = v >> 8, q;
            uint64_t x = 0xA8D8A8D8A8D8A8D8ull; /* ب four times */
            int want, got;
            x = (x & ~(0xFFFFull << (16 * k))) | ((uint64_t)v << (16 * k));
            want = lead - 0xD8u <= 3u && (next & 0xC0) == 0x80 && !maybe_nonword(lead, next);
            got = nk_scan_ar8(x);
            wrong += got != want;
            if (got) /* sound: every lane continues an Arabic word by the table */
                for (q = 0; q < 4; q++) {
                    unsigned l = (unsigned)(x >> (16 * q)) & 0xFF,
                             n = (unsigned)(x >> (16 * q + 8)) & 0xFF;
                    unsigned char u2[2] = {(unsigned char)l, (unsigned char)n};
                    unsound += !nk_scan_ar2(&NK_SCAN_GAZETTEER, u2, 0, NK_SC_AR);
                }
        }
    CHECK(wrong == 0, "nk_scan_ar8: 1 exactly when the four characters pass the filter", "%u wrong",
          wrong);
    CHECK(unsound == 0, "nk_scan_ar8: what it takes continues an Arabic word by the table",
          "%u do not", unsound);
    for (k = 0; k < 1000; k++) {
        uint64_t x, h, want;
        unsigned char b[8];
        unsigned q;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        x = seed;
        h = seed * 31 + k;
        memcpy(b, &x, 8);
        want = h;
        for (q = 0; q < 8; q += 2)
            want = want * (NK_HB * NK_HB) + ((uint64_t)b[q] * NK_HB + b[q + 1]);
        badhash += nk_scan_h8(h, x) != want;
    }
    CHECK(badhash == 0, "nk_scan_h8 equals four two-byte hash steps", "%u differ", badhash);
}

/* Random text of Arabic letters, marks and signs, spaces, line breaks, ASCII, punctuation and
   bad bytes: nk_gz_next (the eight-byte path) gives every token, class, line-break flag and hash
   of the same scan without it. */
static void check_ar8_scan(void)
{
    static const char *const pieces[] = {"\xD8\xA8",
                                         "\xD9\x84",
                                         "\xD8\xA7",
                                         "\xD9\x85",
                                         "\xDB\x8C",
                                         "\xD9\x8E",
                                         "\xD9\x80",
                                         "\xD8\x90",
                                         "\xD8\x8C",
                                         "\xD8\x9F",
                                         "\xD9\xA3",
                                         "\xD9\xAA",
                                         "\xDB\x94",
                                         "\xDB\xBD",
                                         "\xDB\xB1",
                                         "\xD8\x80",
                                         "\xD9\xAE",
                                         "\xDA\xA9",
                                         " ",
                                         " ",
                                         " ",
                                         "\n",
                                         "\r\n",
                                         "\t",
                                         "a",
                                         "Z",
                                         "7",
                                         ".",
                                         "\"",
                                         "\xD8",
                                         "\x80",
                                         "\xE2\x80\x8C",
                                         "\xEF\xBB\xBF",
                                         "\xC2\xA0",
                                         "\xF0\x9F\x98\x80",
                                         "\xDB"};
    nk_scan_opts plain = NK_SCAN_GAZETTEER;
    size_t cap = 1 << 20, len = 0, pos = 0, ntok = 0, bad = 0;
    char *text = malloc(cap);
    uint64_t seed = 12345;
    nk_scanner sc;
    nk_scan_tok x;
    nk_gztok g;
    plain.flags &= ~NK_SCAN_AR8;
    memset(&x, 0, sizeof x);
    memset(&g, 0, sizeof g);
    if (text == NULL)
        return;
    while (len + 8 < cap) {
        const char *p;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        /* mostly letters, so that runs of eight bytes and more are common */
        p = pieces[(seed >> 33) % 8 < 6 ? (seed >> 40) % 5
                                        : (seed >> 40) % (sizeof pieces / sizeof *pieces)];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    nk_scan_init(&sc, text, len, 0);
    for (;;) {
        int k = nk_gz_next(text, len, &pos, &g), more = nk_scan_next(&plain, &sc, &x);
        if (k == NK_TOK_NONE || !more) {
            bad += (k == NK_TOK_NONE) != !more;
            break;
        }
        ntok++;
        bad += g.s != x.start || g.e != x.end || g.cls != x.cls || g.nl != x.nl || g.h != x.h;
    }
    free(text);
    CHECK(bad == 0 && ntok > 100000,
          "nk_gz_next with the eight-byte path: every token and hash of the scan without it",
          "%zu of %zu tokens differ", bad, ntok);
}
#endif

/* "class:text" of every token of s under each scanner, joined with spaces. */
static void cut(const char *s, int which, char *out, size_t cap)
{
    static const char cls[] = "?alnps";
    size_t len = strlen(s), o = 0;
    char *p = nk_test_dup(s, len);
    out[0] = '\0';
    if (which == 0) {
        nk_tokenizer t;
        nk_token k;
        nk_tokenizer_init(&t, p, len);
        while (nk_tokenizer_next(&t, &k) && o + 8 + (k.span.end - k.span.start) < cap)
            o += (size_t)snprintf(out + o, cap - o, "%s%c:%.*s", o ? " " : "", cls[k.cls],
                                  (int)(k.span.end - k.span.start), p + k.span.start);
    } else if (which == 1) {
        nk_wscan sc;
        nk_word w;
        nk_words_init(&sc, p, len);
        while (nk_words_next(&sc, &w) && o + 8 + (w.end - w.start) < cap)
            o += (size_t)snprintf(out + o, cap - o, "%s%c:%.*s", o ? " " : "", cls[w.cls],
                                  (int)(w.end - w.start), p + w.start);
    } else {
        size_t pos = 0;
        nk_gztok g;
        while (nk_gz_next(p, len, &pos, &g) != NK_TOK_NONE && o + 8 + (g.e - g.s) < cap) {
            o += (size_t)snprintf(out + o, cap - o, "%s%c:%.*s", o ? " " : "", cls[g.cls],
                                  (int)(g.e - g.s), p + g.s);
            if (g.h != nk_hpoly(p + g.s, g.e - g.s))
                o += (size_t)snprintf(out + o, cap - o, "(bad hash)");
        }
    }
    free(p);
}

static void check_three_cuts(void)
{
    static const char text[] = "COVID19 قالَ 3.5 don't ٣٫٥ ...";
    static const char *const want[] = {
        "l:COVID n:19 a:قالَ n:3.5 l:don't n:٣٫٥ p:...",
        "l:COVID n:19 a:قالَ n:3.5 l:don't n:٣ p:٫ n:٥ p:. p:. p:.",
        "l:COVID19 a:قالَ l:3 p:. l:5 l:don p:' l:t l:٣ p:٫ l:٥ p:. p:. p:.",
    };
    char got[512];
    int k;
    for (k = 0; k < 3; k++) {
        char title[96];
        cut(text, k, got, sizeof got);
        snprintf(title, sizeof title, "one text, the %s scanner's cut", scanners[k].name);
        CHECK(strcmp(got, want[k]) == 0, title, "got \"%s\", want \"%s\"", got, want[k]);
    }
}

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof cc_cases / sizeof cc_cases[0]; i++)
        CHECK(nk_cc(cc_cases[i].cp) == cc_cases[i].cc, cc_cases[i].title, "U+%04X: category %u",
              (unsigned)cc_cases[i].cp, nk_cc(cc_cases[i].cp));
    for (i = 0; i < sizeof scanners / sizeof scanners[0]; i++)
        check_tables(scanners[i].o, scanners[i].name);
    check_simd_filter();
#ifdef NK_SCAN_LE
    check_ar8();
    check_ar8_scan();
#endif
    check_three_cuts();
    return NK_TEST_DONE();
}
