/*
** test_scan.c
** The core's one word scanner (nk_scan.h): the character categories of
** chosen code points, the rules the option tables must keep (a category that
** starts a word continues it; line breaks are flagged only on what is
** skipped; the compile-time ASCII and Arabic-block columns equal the
** category columns), the SIMD filter's superset property, and one text cut by
** the three scanners, where their options differ on purpose.
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
    check_three_cuts();
    return NK_TEST_DONE();
}
