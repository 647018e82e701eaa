/*
** test_normalize.c
** The normalizer: every switch and code point, the named profiles, a
** reference implementation (ICU NFKC/NFC of the whole string, then a per
** code point fold written independently here) compared on samples and random
** strings, the offset map's round-trip properties, streaming, invalid UTF-8.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include "nk_norm_tab.h"
#include "nk_normalize.h"
#include "nk_test.h"
#include "nk_utf8.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static nk_norm_profile prof(const char *name)
{
    nk_norm_profile p;
    if (nk_norm_profile_named(&p, name) != NK_OK) {
        fprintf(stderr, "no profile %s\n", name);
        exit(2);
    }
    return p;
}

/* Normalize s (NUL-terminated unless n given) into a malloc'd string; NULL on error. */
static char *norm(const nk_norm_profile *p, const char *s, size_t n, nk_offmap *map, nk_status *stp,
                  nk_error *err)
{
    char *in = nk_test_dup(s, n);
    nk_buf out;
    nk_status st;
    char *r;
    nk_buf_init(&out, NULL);
    st = nk_normalize(p, in, n, &out, map, err);
    free(in);
    if (stp)
        *stp = st;
    if (st != NK_OK) {
        nk_buf_free(&out);
        return NULL;
    }
    r = malloc(out.len + 1);
    memcpy(r, out.len ? out.data : "", out.len);
    r[out.len] = 0;
    nk_buf_free(&out);
    return r;
}

/* memmem is not in C11: a plain search. */
static int contains(const char *h, size_t hl, const char *nd, size_t nl)
{
    size_t i;
    if (nl == 0)
        return 1;
    for (i = 0; i + nl <= hl; i++)
        if (memcmp(h + i, nd, nl) == 0)
            return 1;
    return 0;
}

static int put_cp(char *o, uint32_t cp)
{
    return (int)nk_utf8_encode(cp, o);
}

/* "U+XXXX" for titles */
static const char *cpname(uint32_t cp)
{
    static char b[32];
    snprintf(b, sizeof b, "U+%04X", (unsigned)cp);
    return b;
}

/* ------------------------------------------------------------------ */
/* the reference fold (independent of core/nk_norm_tables.c)           */
/* ------------------------------------------------------------------ */

static int in(uint32_t c, uint32_t lo, uint32_t hi)
{
    return c >= lo && c <= hi;
}

/* Returns the number of code points written to out (0 = deleted). */
static int ref_fold(const nk_norm_profile *p, uint32_t c, uint32_t *out)
{
    int steps;
    for (steps = 0; steps < 4; steps++) {
        uint32_t t = 0;
        if ((in(c, 0x064B, 0x0650) || c == 0x0652 || c == 0x0670) && p->diacritics != NK_DIAC_KEEP)
            return 0;
        if (c == 0x0651 && p->diacritics == NK_DIAC_STRIP)
            return 0;
        if ((in(c, 0x0610, 0x061A) || in(c, 0x0656, 0x065E) || in(c, 0x06D6, 0x06ED) ||
             in(c, 0x0898, 0x089F) || in(c, 0x08CA, 0x08FF)) &&
            p->marks)
            return 0;
        if (c == 0x0640 && p->tatweel)
            return 0;
        if ((c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671) && p->alef)
            t = 0x0627;
        if ((c == 0x0672 || c == 0x0673 || c == 0x0675) && p->alef == NK_ALEF_ALL)
            t = 0x0627;
        if (c == 0x0649 && p->maqsura)
            t = 0x064A;
        if (c == 0x0629 && p->marbuta)
            t = 0x0647;
        if (p->hamza) {
            if (c == 0x0624)
                t = 0x0648;
            if (c == 0x0626)
                t = 0x064A;
            if (c == 0x0654 || c == 0x0655 || c == 0x065F)
                return 0;
        }
        if (p->digits) {
            if (in(c, 0x0660, 0x0669))
                t = '0' + (c - 0x0660);
            if (in(c, 0x06F0, 0x06F9))
                t = '0' + (c - 0x06F0);
            if (c == 0x066A)
                t = '%';
            if (c == 0x066B)
                t = '.';
            if (c == 0x066C)
                t = ',';
        }
        if (p->persian) {
            if (c == 0x06A9 || c == 0x06AA || c == 0x06AF)
                t = 0x0643;
            if (c == 0x06CC || c == 0x06D2)
                t = 0x064A;
            if (c == 0x06D3)
                t = 0x0626;
            if (c == 0x06BE || in(c, 0x06C0, 0x06C2))
                t = 0x0647;
            if (c == 0x06C3)
                t = 0x0629;
        }
        if (p->controls &&
            (c == 0x00AD || c == 0x061C || in(c, 0x200B, 0x200F) || in(c, 0x202A, 0x202E) ||
             c == 0x2060 || in(c, 0x2066, 0x2069) || c == 0xFEFF))
            return 0;
        if (p->whitespace) {
            if (c == 0x00A0 || c == 0x1680 || in(c, 0x2000, 0x200A) || c == 0x202F || c == 0x205F ||
                c == 0x3000)
                t = 0x20;
            if (c == 0x0085 || c == 0x2028 || c == 0x2029)
                t = 0x0A;
        }
        if (p->quotes) {
            if (c == 0x00AB || c == 0x00BB || in(c, 0x201C, 0x201F))
                t = '"';
            if (in(c, 0x2018, 0x201B) || c == 0x2039 || c == 0x203A)
                t = '\'';
        }
        if (p->punct) {
            if (c == 0x060C)
                t = ',';
            if (c == 0x061B)
                t = ';';
            if (c == 0x061F)
                t = '?';
            if (c == 0x06D4)
                t = '.';
        }
        if (t == 0 && p->casefold &&
            u_hasBinaryProperty((UChar32)c, UCHAR_CHANGES_WHEN_CASEFOLDED)) {
            UChar a[2], b[8];
            UErrorCode e = U_ZERO_ERROR;
            int32_t k = 0, m, j = 0, n = 0;
            U16_APPEND_UNSAFE(a, k, (UChar32)c);
            m = u_strFoldCase(b, 8, a, k, U_FOLD_CASE_DEFAULT, &e);
            while (j < m) {
                UChar32 x;
                U16_NEXT(b, j, m, x);
                out[n++] = (uint32_t)x;
            }
            return n;
        }
        if (t == 0) {
            out[0] = c;
            return 1;
        }
        c = t;
    }
    out[0] = c;
    return 1;
}

/* The reference: words substitution, whole-string ICU normalization, then ref_fold. */
static char *ref_norm(const nk_norm_profile *p, const char *s, size_t n)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0, k = 0, m, j;
    UChar *u = malloc((n + 1) * 2 * sizeof(UChar) * 12 + 64), *v;
    char *out;
    size_t o = 0, i = 0;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e), *nfkc = unorm2_getNFKCInstance(&e);
    /* decode with U+FFFD for invalid bytes (the same maximal-subpart rule) */
    while (i < n) {
        uint32_t c;
        int ok;
        i += nk_utf8_decode(s, n, i, &c, &ok);
        if (p->words && (c == 0xFDFC || c == 0xFDFD)) {
            static const char *w[2] = {"ريال", "بسم الله الرحمن الرحيم"};
            const char *x = w[c == 0xFDFD];
            size_t xl = strlen(x), q = 0;
            while (q < xl) {
                uint32_t d;
                int ok2;
                q += nk_utf8_decode(x, xl, q, &d, &ok2);
                U16_APPEND_UNSAFE(u, ulen, (UChar32)d);
            }
            continue;
        }
        if (p->forms && p->unicode != NK_UNI_NFKC &&
            (in(c, 0xFB50, 0xFDFF) || in(c, 0xFE70, 0xFEFF))) {
            UChar a[1];
            a[0] = (UChar)c;
            e = U_ZERO_ERROR;
            ulen += unorm2_normalize(nfkc, a, 1, u + ulen, 32, &e);
            continue;
        }
        U16_APPEND_UNSAFE(u, ulen, (UChar32)c);
    }
    v = malloc(((size_t)ulen * 18 + 16) * sizeof(UChar));
    if (p->unicode == NK_UNI_NONE) {
        memcpy(v, u, (size_t)ulen * sizeof(UChar));
        m = ulen;
    } else {
        e = U_ZERO_ERROR;
        m = unorm2_normalize(p->unicode == NK_UNI_NFKC ? nfkc : nfc, u, ulen, v, ulen * 18 + 16,
                             &e);
    }
    out = malloc((size_t)m * 4 * 4 + 1);
    j = 0;
    while (j < m) {
        UChar32 c;
        uint32_t f[8];
        int q, nf;
        U16_NEXT(v, j, m, c);
        nf = ref_fold(p, (uint32_t)c, f);
        for (q = 0; q < nf; q++)
            o += (size_t)put_cp(out + o, f[q]);
    }
    out[o] = 0;
    (void)k;
    free(u);
    free(v);
    return out;
}

/* ------------------------------------------------------------------ */
/* table-driven cases                                                  */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *title;
    const char *profile; /* base profile */
    const char *sw[3][2];
    const char *in, *out;
} tcase;

static const tcase CASES[] = {
    /* diacritics */
    {"diacritics strip", "none", {{"diacritics", "strip"}}, "كَتَبَ مُدَرِّسٌ", "كتب مدرس"},
    {"diacritics keep_shadda", "none", {{"diacritics", "keep_shadda"}}, "مُدَرِّسٌ", "مدرّس"},
    {"diacritics keep", "none", {{"diacritics", "keep"}}, "كَتَبَ", "كَتَبَ"},
    {"dagger alef stripped", "none", {{"diacritics", "strip"}}, "هٰذا", "هذا"},
    /* marks */
    {"Quranic marks stripped", "none", {{"marks", "true"}}, "ذَٰلِكَ ٱلْكِتَٰبُ ۛ", "ذَٰلِكَ ٱلْكِتَٰبُ "},
    {"honorific mark stripped", "none", {{"marks", "true"}}, "محمد\xD8\x90", "محمد"},
    /* tatweel */
    {"tatweel stripped", "none", {{"tatweel", "true"}}, "الســـلام", "السلام"},
    /* alef */
    {"alef basic", "none", {{"alef", "basic"}}, "أإآٱٲ", "ااااٲ"},
    {"alef all", "none", {{"alef", "all"}}, "أإآٱٲٳٵ", "ااااااا"},
    {"alef keep", "none", {{"alef", "keep"}}, "أإآ", "أإآ"},
    /* maqsura, marbuta */
    {"alef maqsura", "none", {{"maqsura", "true"}}, "على مستشفى", "علي مستشفي"},
    {"taa marbuta", "none", {{"marbuta", "true"}}, "مدرسة", "مدرسه"},
    /* hamza */
    {"hamza seats kept", "none", {{"hamza", "false"}}, "الرئيس مؤتمر", "الرئيس مؤتمر"},
    {"hamza seats folded", "none", {{"hamza", "true"}}, "الرئيس مؤتمر", "الرييس موتمر"},
    {"hamza: standalone hamza kept", "none", {{"hamza", "true"}}, "سماء", "سماء"},
    {"NFC keeps hamza (decomposed)", "none", {{"unicode", "nfc"}}, "الري\xD9\x94يس", "الرئيس"},
    {"NFKC composes alef + hamza", "none", {{"unicode", "nfkc"}}, "ا\xD9\x94حمد", "أحمد"},
    {"NFKC then alef fold", "none", {{"unicode", "nfkc"}, {"alef", "basic"}}, "ا\xD9\x95", "ا"},
    /* presentation forms */
    {"lam-alef ligature", "none", {{"forms", "true"}}, "ﻻ ﻷ ﻹ ﻵ", "لا لأ لإ لآ"},
    {"presentation forms (letters)", "none", {{"forms", "true"}}, "ﺍﻟﺴﻼﻡ", "السلام"},
    {"allah ligature", "none", {{"forms", "true"}}, "ﷲ", "الله"},
    {"forms off", "none", {{"forms", "false"}}, "ﻻ", "ﻻ"},
    {"words: rial and basmala", "none", {{"words", "true"}}, "﷼ ﷽", "ريال بسم الله الرحمن الرحيم"},
    /* digits */
    {"Arabic-Indic digits", "none", {{"digits", "true"}}, "٠١٢٣٤٥٦٧٨٩", "0123456789"},
    {"Persian digits", "none", {{"digits", "true"}}, "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
    {"decimal/thousands separators",
     "none",
     {{"digits", "true"}},
     "٣٫١٤ ١٬٠٠٠ ٥٠٪",
     "3.14 1,000 50%"},
    /* persian */
    {"Persian letters",
     "none",
     {{"persian", "true"}},
     "ک ڪ گ ی ے ھ ۀ ہ ۂ ۃ",
     "ك ك ك ي ي ه ه ه ه ة"},
    {"Persian yeh barree with hamza -> ئ", "none", {{"persian", "true"}}, "ۓ", "ئ"},
    {"Persian + hamza chain", "none", {{"persian", "true"}, {"hamza", "true"}}, "ۓ", "ي"},
    /* controls */
    {"bidi and zero-width removed",
     "none",
     {{"controls", "true"}},
     "a\xE2\x80\x8B"
     "b\xE2\x80\x8C"
     "c\xE2\x80\x8D"
     "d\xE2\x80\x8E"
     "e\xE2\x80\x8F"
     "f\xD8\x9C"
     "g\xE2\x80\xAA"
     "h\xE2\x80\xAE"
     "i\xE2\x81\xA6"
     "j\xE2\x81\xA9"
     "k\xEF\xBB\xBF"
     "l",
     "abcdefghijkl"},
    /* whitespace */
    {"whitespace folded",
     "none",
     {{"whitespace", "true"}},
     "a\xC2\xA0"
     "b\xE2\x80\x89"
     "c\xE2\x80\xAF"
     "d\xE3\x80\x80"
     "e\xE2\x80\xA8"
     "f",
     "a b c d e\nf"},
    /* quotes, punct */
    {"quotes folded", "none", {{"quotes", "true"}}, "«قال» “هذا” ‘x’", "\"قال\" \"هذا\" 'x'"},
    {"Arabic punctuation", "none", {{"punct", "true"}}, "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"},
    /* case */
    {"casefold", "none", {{"casefold", "true"}}, "ABC Straße ΣΊΣΥΦΟΣ", "abc strasse σίσυφοσ"},
    {"casefold off", "none", {{"casefold", "false"}}, "ABC", "ABC"},
    /* profiles */
    {"search profile",
     "search",
     {{NULL}},
     "إِلَى الرَّئِيسِ «أحمد» ٢٠٢٤ ﻻ",
     "الي الرييس \"احمد\" 2024 لا"},
    {"display profile keeps letters", "display", {{NULL}}, "إِلَى الرَّئِيسِ ﻻ ٢٠", "إِلَى الرَّئِيسِ لا ٢٠"},
    {"camel profile", "camel", {{NULL}}, "هل ذهبت إلى المكتبة؟", "هل ذهبت الي المكتبه؟"},
    {"camel keeps hamza seats", "camel", {{NULL}}, "الرئيس مؤتمر", "الرئيس مؤتمر"},
    {"camel keeps tatweel", "camel", {{NULL}}, "ســلام", "ســلام"},
    {"camel rial sign", "camel", {{NULL}}, "﷼", "ريال"},
};

static void test_cases(void)
{
    size_t k;
    for (k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        const tcase *c = &CASES[k];
        nk_norm_profile p = prof(c->profile);
        int j;
        char *r;
        nk_error err;
        for (j = 0; j < 3 && c->sw[j][0]; j++)
            if (nk_norm_profile_set(&p, c->sw[j][0], c->sw[j][1], &err) != NK_OK)
                printf("not ok - %s: bad switch\n", c->title);
        r = norm(&p, c->in, strlen(c->in), NULL, NULL, &err);
        CHECK(r && strcmp(r, c->out) == 0, c->title, "got '%s' want '%s'", r ? r : "(err)", c->out);
        free(r);
    }
}

/* Every code point of each switch's set, checked one by one against the reference. */
static void test_every_codepoint(void)
{
    static const struct {
        const char *sw, *val;
        uint32_t lo, hi;
    } SETS[] = {
        {"diacritics", "strip", 0x064B, 0x0652},
        {"diacritics", "strip", 0x0670, 0x0670},
        {"diacritics", "keep_shadda", 0x064B, 0x0652},
        {"marks", "true", 0x0610, 0x061A},
        {"marks", "true", 0x0656, 0x065E},
        {"marks", "true", 0x06D6, 0x06ED},
        {"marks", "true", 0x0898, 0x089F},
        {"marks", "true", 0x08CA, 0x08FF},
        {"tatweel", "true", 0x0640, 0x0640},
        {"alef", "basic", 0x0622, 0x0625},
        {"alef", "all", 0x0670, 0x0675},
        {"maqsura", "true", 0x0649, 0x0649},
        {"marbuta", "true", 0x0629, 0x0629},
        {"hamza", "true", 0x0621, 0x0626},
        {"hamza", "true", 0x0654, 0x065F},
        {"digits", "true", 0x0660, 0x066C},
        {"digits", "true", 0x06F0, 0x06F9},
        {"persian", "true", 0x06A9, 0x06D3},
        {"controls", "true", 0x200B, 0x200F},
        {"controls", "true", 0x202A, 0x202E},
        {"controls", "true", 0x2060, 0x2069},
        {"controls", "true", 0xFEFF, 0xFEFF},
        {"controls", "true", 0x061C, 0x061C},
        {"controls", "true", 0x00AD, 0x00AD},
        {"whitespace", "true", 0x2000, 0x200A},
        {"whitespace", "true", 0x00A0, 0x00A0},
        {"whitespace", "true", 0x2028, 0x2029},
        {"whitespace", "true", 0x202F, 0x205F},
        {"whitespace", "true", 0x3000, 0x3000},
        {"whitespace", "true", 0x1680, 0x1680},
        {"quotes", "true", 0x2018, 0x203A},
        {"quotes", "true", 0x00AB, 0x00BB},
        {"punct", "true", 0x060C, 0x061F},
        {"punct", "true", 0x06D4, 0x06D4},
        {"forms", "true", 0xFB50, 0xFDFF},
        {"forms", "true", 0xFE70, 0xFEFF},
        {"words", "true", 0xFDFC, 0xFDFD},
        {"casefold", "true", 0x0041, 0x024F},
        {"casefold", "true", 0x0370, 0x052F},
        {"unicode", "nfkc", 0x0600, 0x06FF},
    };
    size_t k;
    for (k = 0; k < sizeof SETS / sizeof SETS[0]; k++) {
        nk_norm_profile p = prof("none");
        uint32_t c;
        int bad = 0;
        char title[96], detail[160] = "";
        nk_norm_profile_set(&p, SETS[k].sw, SETS[k].val, NULL);
        for (c = SETS[k].lo; c <= SETS[k].hi; c++) {
            /* the code point between two letters, and after a letter */
            char s[32];
            int n = 0;
            char *got, *want;
            s[n++] = 'x';
            n += put_cp(s + n, 0x0628);
            n += put_cp(s + n, c);
            s[n++] = 'y';
            got = norm(&p, s, (size_t)n, NULL, NULL, NULL);
            want = ref_norm(&p, s, (size_t)n);
            if (got == NULL || strcmp(got, want) != 0) {
                if (!bad)
                    snprintf(detail, sizeof detail, "%s: got '%s' want '%s'", cpname(c),
                             got ? got : "(err)", want);
                bad++;
            }
            free(got);
            free(want);
        }
        snprintf(title, sizeof title, "every code point: %s=%s U+%04X..U+%04X", SETS[k].sw,
                 SETS[k].val, (unsigned)SETS[k].lo, (unsigned)SETS[k].hi);
        CHECK(bad == 0, title, "%d differ; first %s", bad, detail);
    }
}

/* ------------------------------------------------------------------ */
/* the offset map                                                      */
/* ------------------------------------------------------------------ */

static nk_span orig_of(const char *prof_name, const char *s, size_t ns, size_t ne, char **outp)
{
    nk_norm_profile p = prof(prof_name);
    nk_offmap m;
    nk_span sp;
    nk_offmap_init(&m, NULL);
    free(*outp); /* the previous result, if any */
    *outp = norm(&p, s, strlen(s), &m, NULL, NULL);
    sp = nk_offmap_orig(&m, ns, ne);
    nk_offmap_free(&m);
    return sp;
}

static void test_map_cases(void)
{
    char *o = NULL;
    nk_span sp;
    const char *s;
    /* ﷲ (3 bytes) -> الله (8 bytes): any part maps to the one character */
    s = "في ﷲ نثق";
    sp = orig_of("search", s, 5, 7, &o); /* "ل" inside الله */
    CHECK(sp.start == 5 && sp.end == 8, "map: expansion maps to the one source char",
          "got %zu..%zu", sp.start, sp.end);
    sp = orig_of("search", s, 5, 13, &o);
    CHECK(sp.start == 5 && sp.end == 8, "map: whole expansion", "got %zu..%zu", sp.start, sp.end);
    /* deletions belong to the preceding character */
    s = "كَتَبَ";
    sp = orig_of("search", s, 0, 2, &o);
    CHECK(sp.start == 0 && sp.end == 4, "map: deleted diacritic belongs to its letter",
          "got %zu..%zu", sp.start, sp.end);
    sp = orig_of("search", s, 2, 6, &o);
    CHECK(sp.start == 4 && sp.end == 12, "map: trailing deletions covered", "got %zu..%zu",
          sp.start, sp.end);
    /* leading deletions belong to the first character */
    s = "\xE2\x80\x8F"
        "abc";
    sp = orig_of("search", s, 0, 1, &o);
    CHECK(sp.start == 0 && sp.end == 4, "map: leading deletion covered", "got %zu..%zu", sp.start,
          sp.end);
    sp = orig_of("search", s, 1, 3, &o);
    CHECK(sp.start == 4 && sp.end == 6, "map: after a leading deletion", "got %zu..%zu", sp.start,
          sp.end);
    /* digits: 2 bytes -> 1 byte each */
    s = "عام ٢٠٢٤ م";
    sp = orig_of("search", s, 7, 9, &o); /* "02" */
    CHECK(sp.start == 7 && sp.end == 11 && strcmp(o, "عام 2024 م") == 0, "map: digits",
          "got %zu..%zu '%s'", sp.start, sp.end, o);
    /* empty spans and clamping */
    s = "abc";
    sp = orig_of("search", s, 2, 2, &o);
    CHECK(sp.start == 2 && sp.end == 2, "map: empty span", "got %zu..%zu", sp.start, sp.end);
    sp = orig_of("search", s, 1, 99, &o);
    CHECK(sp.start == 1 && sp.end == 3, "map: end clamped", "got %zu..%zu", sp.start, sp.end);
    /* NFKC composition: ا + ٔ -> one unit */
    s = "با\xD9\x94ب";
    sp = orig_of("camel", s, 2, 4, &o);
    CHECK(sp.start == 2 && sp.end == 6 && strcmp(o, "باب") == 0, "map: composed segment",
          "got %zu..%zu '%s'", sp.start, sp.end, o);
    free(o);
}

/* Round-trip properties of text t under profile p (one-shot with a map). */
static int check_roundtrip(const nk_norm_profile *p, const char *t, size_t n, char *why,
                           size_t whylen)
{
    nk_offmap m;
    nk_buf out;
    size_t a, prev_start = 0;
    int bad = 0;
    char *in = nk_test_dup(t, n);
    nk_offmap_init(&m, NULL);
    nk_buf_init(&out, NULL);
    if (nk_normalize(p, in, n, &out, &m, NULL) != NK_OK) {
        snprintf(why, whylen, "normalize failed");
        bad = 1;
        goto done;
    }
    if (m.olen != out.len || m.ilen != n) {
        snprintf(why, whylen, "map lengths %zu/%zu vs %zu/%zu", m.olen, m.ilen, out.len, n);
        bad = 1;
        goto done;
    }
    {
        nk_span all = nk_offmap_orig(&m, 0, out.len);
        if (out.len > 0 && (all.start != 0 || all.end != n)) {
            snprintf(why, whylen, "whole output maps to %zu..%zu of %zu", all.start, all.end, n);
            bad = 1;
            goto done;
        }
    }
    /* each output character: inside the original, monotonic, and its text is
       produced by normalizing its original span alone */
    for (a = 0; a < out.len && !bad;) {
        size_t b = a + 1;
        nk_span sp;
        while (b < out.len && ((unsigned char)out.data[b] & 0xC0) == 0x80)
            b++;
        sp = nk_offmap_orig(&m, a, b);
        if (sp.start > sp.end || sp.end > n || sp.start == sp.end) {
            snprintf(why, whylen, "char %zu..%zu maps to bad span %zu..%zu", a, b, sp.start,
                     sp.end);
            bad = 1;
        } else if (sp.start < prev_start) {
            snprintf(why, whylen, "not monotonic at %zu", a);
            bad = 1;
        } else {
            char *piece = norm(p, t + sp.start, sp.end - sp.start, NULL, NULL, NULL);
            size_t cl = b - a;
            if (piece == NULL || strlen(piece) < cl ||
                !contains(piece, strlen(piece), out.data + a, cl)) {
                snprintf(why, whylen, "char at %zu (%.*s) not produced by its span %zu..%zu (%s)",
                         a, (int)cl, out.data + a, sp.start, sp.end, piece ? piece : "?");
                bad = 1;
            }
            free(piece);
        }
        prev_start = sp.start;
        a = b;
    }
done:
    nk_offmap_free(&m);
    nk_buf_free(&out);
    free(in);
    return !bad;
}

/* Streaming in chunks of `chunk` bytes gives the same output and map as one-shot. */
static int check_stream(const nk_norm_profile *p, const char *t, size_t n, size_t chunk, char *why,
                        size_t whylen)
{
    nk_normalizer *z = nk_normalizer_new(p, NULL, NULL);
    nk_buf a, b;
    nk_offmap ma, mb;
    size_t i;
    int ok = 1;
    nk_buf_init(&a, NULL);
    nk_buf_init(&b, NULL);
    nk_offmap_init(&ma, NULL);
    nk_offmap_init(&mb, NULL);
    nk_normalizer_run(z, t, n, &a, &ma, NULL);
    for (i = 0; i < n; i += chunk) {
        size_t l = n - i < chunk ? n - i : chunk;
        char *c = nk_test_dup(t + i, l);
        nk_normalizer_feed(z, c, l, &b, &mb, NULL);
        free(c);
    }
    nk_normalizer_finish(z, &b, &mb, NULL);
    if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0)) {
        snprintf(why, whylen, "output differs (%zu vs %zu bytes)", a.len, b.len);
        ok = 0;
    } else if (ma.olen != mb.olen || ma.ilen != mb.ilen) {
        snprintf(why, whylen, "map lengths differ");
        ok = 0;
    } else {
        for (i = 0; i <= a.len && ok; i += 1) {
            nk_span x = nk_offmap_orig(&ma, i, a.len), y = nk_offmap_orig(&mb, i, a.len);
            nk_span x2 = nk_offmap_orig(&ma, 0, i), y2 = nk_offmap_orig(&mb, 0, i);
            if (x.start != y.start || x2.end != y2.end) {
                snprintf(why, whylen, "map differs at %zu: %zu/%zu vs %zu/%zu", i, x.start, x2.end,
                         y.start, y2.end);
                if (getenv("NK_DEBUG")) {
                    size_t q;
                    fprintf(stderr, "input:");
                    for (q = 0; q < n; q++)
                        fprintf(stderr, " %02x", (unsigned char)t[q]);
                    fprintf(stderr, "\nchunk %zu out %.*s\n", chunk, (int)a.len, a.data);
                    for (q = 0; q < ma.n; q++)
                        fprintf(stderr, "A o=%llu i=%llu n=%u ol=%u il=%u\n",
                                (unsigned long long)ma.v[q].o, (unsigned long long)ma.v[q].i,
                                ma.v[q].n, ma.v[q].olen, ma.v[q].ilen);
                    for (q = 0; q < mb.n; q++)
                        fprintf(stderr, "B o=%llu i=%llu n=%u ol=%u il=%u\n",
                                (unsigned long long)mb.v[q].o, (unsigned long long)mb.v[q].i,
                                mb.v[q].n, mb.v[q].olen, mb.v[q].ilen);
                }
                ok = 0;
            }
        }
    }
    nk_buf_free(&a);
    nk_buf_free(&b);
    nk_offmap_free(&ma);
    nk_offmap_free(&mb);
    nk_normalizer_free(z);
    return ok;
}

/* ------------------------------------------------------------------ */
/* samples and random strings                                          */
/* ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long l;
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    l = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)l + 1);
    *n = fread(b, 1, (size_t)l, f);
    fclose(f);
    return b;
}

static const char *PROFILES[] = {"search", "display", "camel", "none"};

static void test_samples(void)
{
    const char *root = getenv("NASKH_ROOT");
    int k;
    char *all = NULL;
    size_t nall = 0;
    for (k = 0; k < 5; k++) {
        static const char *names[] = {"000_86031912e7f8d5b8", "001_d98b33668da296b2",
                                      "002_aafd4365e1f0e15e", "003_afd9ebb52b62d6f4",
                                      "004_6279182bec594ef7"};
        char path[512], title[160], why[256] = "";
        size_t n = 0, q;
        char *t;
        snprintf(path, sizeof path, "%s/configs/samples/%s.txt", root ? root : ".", names[k]);
        t = read_file(path, &n);
        if (t == NULL) {
            printf("not ok - sample %s: cannot read %s\n", names[k], path);
            continue;
        }
        for (q = 0; q < 4; q++) {
            nk_norm_profile p = prof(PROFILES[q]);
            char *got = norm(&p, t, n, NULL, NULL, NULL), *want = ref_norm(&p, t, n);
            snprintf(title, sizeof title, "sample %d %s: equals the reference", k, PROFILES[q]);
            CHECK(got && strcmp(got, want) == 0, title, "differs");
            free(got);
            free(want);
            snprintf(title, sizeof title, "sample %d %s: round trip", k, PROFILES[q]);
            CHECK(check_roundtrip(&p, t, n, why, sizeof why), title, "%s", why);
            snprintf(title, sizeof title, "sample %d %s: streaming (7-byte chunks)", k,
                     PROFILES[q]);
            CHECK(check_stream(&p, t, n, 7, why, sizeof why), title, "%s", why);
        }
        all = realloc(all, nall + n + 1);
        memcpy(all + nall, t, n);
        nall += n;
        free(t);
    }
    /* all samples at once: long enough for the table-driven fast loop */
    for (k = 0; k < 4 && nall > 0; k++) {
        nk_norm_profile p = prof(PROFILES[k]);
        char title[128], why[256] = "";
        char *got = norm(&p, all, nall, NULL, NULL, NULL), *want = ref_norm(&p, all, nall);
        snprintf(title, sizeof title, "all samples (%zu bytes) %s: equals the reference", nall,
                 PROFILES[k]);
        CHECK(got && strcmp(got, want) == 0, title, "differs");
        free(got);
        free(want);
        snprintf(title, sizeof title, "all samples %s: round trip", PROFILES[k]);
        CHECK(check_roundtrip(&p, all, nall, why, sizeof why), title, "%s", why);
        snprintf(title, sizeof title, "all samples %s: streaming (4099-byte chunks)", PROFILES[k]);
        CHECK(check_stream(&p, all, nall, 4099, why, sizeof why), title, "%s", why);
    }
    free(all);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A random string from interesting pieces (valid or not). */
static size_t random_text(char *b, size_t max, int valid)
{
    static const uint32_t CPS[] = {
        'a',    'B',     ' ',     '\n',   '.',    0x0627, 0x0628, 0x0644, 0x0645, 0x064A, 0x0649,
        0x0629, 0x0623,  0x0625,  0x0622, 0x0671, 0x0624, 0x0626, 0x0621, 0x064E, 0x0650, 0x0651,
        0x0652, 0x064B,  0x0670,  0x0653, 0x0654, 0x0655, 0x0640, 0x0660, 0x06F5, 0x066B, 0x06A9,
        0x06CC, 0x06C0,  0x06D3,  0x0610, 0x06D6, 0x06E1, 0x200C, 0x200F, 0xFEFF, 0x00A0, 0x2009,
        0x00AB, 0x201D,  0x060C,  0xFEFB, 0xFEF7, 0xFE8D, 0xFE8E, 0xFEF0, 0xFDF2, 0xFDFA, 0xFDFC,
        0xFDFD, 0xFC5E,  0xFE70,  0x00C9, 0x0301, 0x0065, 0x00DF, 0x0130, 0x1E9E, 0x212B, 0xFB01,
        0x2126, 0x1D400, 0x1F600, 0x0F73, 0x1100, 0x1161, 0x11A8, 0x0345, 0x05B0, 0x0591};
    size_t n = 0;
    while (n + 8 < max) {
        uint64_t r = rng();
        if (!valid && r % 11 == 0) {
            static const char *BAD[] = {"\x80",     "\xC0\xAF", "\xE0\x80", "\xED\xA0\x80",
                                        "\xF4\x90", "\xFF",     "\xD8",     "\xE2\x80"};
            const char *x = BAD[(r >> 8) % 8];
            size_t l = strlen(x);
            memcpy(b + n, x, l);
            n += l;
        } else {
            n += nk_utf8_encode(CPS[(r >> 8) % (sizeof CPS / sizeof CPS[0])], b + n);
        }
        if (r % 97 == 0)
            break;
    }
    return n;
}

static void test_random(void)
{
    int round, q;
    int bad_ref[4] = {0}, bad_rt[4] = {0}, bad_st[4] = {0}, bad_utf8[4] = {0};
    char why_ref[4][200] = {""}, why_rt[4][300] = {""}, why_st[4][300] = {""};
    for (round = 0; round < 600; round++) {
        char t[400];
        int valid = round % 2 == 0;
        size_t n = random_text(t, sizeof t, valid);
        for (q = 0; q < 4; q++) {
            nk_norm_profile p = prof(PROFILES[q]);
            char *got = norm(&p, t, n, NULL, NULL, NULL), *want = ref_norm(&p, t, n);
            char why[256];
            if (got == NULL || strcmp(got, want) != 0) {
                if (!bad_ref[q]++) {
                    size_t d = 0;
                    while (got && got[d] && got[d] == want[d])
                        d++;
                    while (d > 0 && ((unsigned char)want[d] & 0xC0) == 0x80)
                        d--;
                    snprintf(why_ref[q], sizeof why_ref[q],
                             "round %d at byte %zu: got '%.40s' want '%.40s'", round, d,
                             got ? got + d : "(err)", want + d);
                }
            }
            if (got && nk_utf8_validate(got, strlen(got), NULL) != NK_OK)
                bad_utf8[q]++;
            free(got);
            free(want);
            if (!check_roundtrip(&p, t, n, why, sizeof why) && !bad_rt[q]++)
                snprintf(why_rt[q], sizeof why_rt[q], "round %d: %s", round, why);
            if (!check_stream(&p, t, n, 1 + (size_t)(rng() % 9), why, sizeof why) && !bad_st[q]++)
                snprintf(why_st[q], sizeof why_st[q], "round %d: %s", round, why);
        }
    }
    for (q = 0; q < 4; q++) {
        char title[128];
        snprintf(title, sizeof title, "random %s: equals the reference (600 strings)", PROFILES[q]);
        CHECK(bad_ref[q] == 0, title, "%d differ; %s", bad_ref[q], why_ref[q]);
        snprintf(title, sizeof title, "random %s: output is valid UTF-8", PROFILES[q]);
        CHECK(bad_utf8[q] == 0, title, "%d invalid", bad_utf8[q]);
        snprintf(title, sizeof title, "random %s: offset map round trip", PROFILES[q]);
        CHECK(bad_rt[q] == 0, title, "%d bad; %s", bad_rt[q], why_rt[q]);
        snprintf(title, sizeof title, "random %s: streaming equals one-shot", PROFILES[q]);
        CHECK(bad_st[q] == 0, title, "%d bad; %s", bad_st[q], why_st[q]);
    }
}

/* A long text (> the fast table threshold) through both paths. */
static void test_long(void)
{
    size_t cap = 1 << 16, n = 0;
    char *t = malloc(cap);
    int q, okall = 1;
    char why[256] = "";
    rng_state = 42;
    while (n + 400 < cap)
        n += random_text(t + n, 400, (rng() & 3) != 0);
    for (q = 0; q < 4; q++) {
        nk_norm_profile p = prof(PROFILES[q]);
        char *got = norm(&p, t, n, NULL, NULL, NULL), *want = ref_norm(&p, t, n);
        char title[96];
        snprintf(title, sizeof title, "long random text %s: equals the reference", PROFILES[q]);
        CHECK(got && strcmp(got, want) == 0, title, "differs");
        free(got);
        free(want);
        snprintf(title, sizeof title, "long random text %s: round trip", PROFILES[q]);
        okall = check_roundtrip(&p, t, n, why, sizeof why);
        CHECK(okall, title, "%s", why);
        snprintf(title, sizeof title, "long random text %s: streaming (4099-byte chunks)",
                 PROFILES[q]);
        CHECK(check_stream(&p, t, n, 4099, why, sizeof why), title, "%s", why);
    }
    free(t);
}

/* ------------------------------------------------------------------ */
/* invalid UTF-8, API, table                                           */
/* ------------------------------------------------------------------ */

static void test_invalid(void)
{
    nk_norm_profile p = prof("search");
    nk_offmap m;
    nk_error err;
    nk_status st;
    char *r;
    nk_span sp;
    nk_offmap_init(&m, NULL);
    r = norm(&p,
             "ab\xFF"
             "cd",
             5, &m, &st, &err);
    CHECK(r && strcmp(r, "ab\xEF\xBF\xBD"
                         "cd") == 0,
          "invalid: replaced by U+FFFD", "got '%s'", r ? r : "(err)");
    sp = nk_offmap_orig(&m, 2, 5);
    CHECK(sp.start == 2 && sp.end == 3, "invalid: U+FFFD maps to the bad byte", "got %zu..%zu",
          sp.start, sp.end);
    free(r);
    nk_offmap_free(&m);
    p.invalid = NK_INVALID_ERROR;
    r = norm(&p, "ab\xD8", 3, NULL, &st, &err);
    CHECK(r == NULL && st == NK_EUTF8 && err.offset == 2, "invalid: error with the byte offset",
          "st=%d offset=%zu", (int)st, err.offset);
    free(r);
    r = norm(&p,
             "ab\xE2\x80\x8F"
             "c\xC0",
             7, NULL, &st, &err);
    CHECK(r == NULL && st == NK_EUTF8 && err.offset == 6, "invalid: offset after a deletion",
          "st=%d offset=%zu", (int)st, err.offset);
    free(r);
}

/* One normalizer for many short texts (the gazetteer's pattern): the table is built
** after 64 KB and results do not change; output appended to a non-empty buffer. */
static void test_reuse(void)
{
    nk_norm_profile p = prof("search");
    nk_normalizer *z = nk_normalizer_new(&p, NULL, NULL);
    int k, bad = 0;
    nk_buf out;
    nk_offmap m;
    nk_span sp;
    rng_state = 7;
    for (k = 0; k < 3000 && !bad; k++) {
        char t[120];
        size_t n = random_text(t, sizeof t, 1);
        char *want = norm(&p, t, n, NULL, NULL, NULL);
        nk_buf b;
        nk_buf_init(&b, NULL);
        if (nk_normalizer_run(z, t, n, &b, NULL, NULL) != NK_OK || b.len != strlen(want) ||
            (b.len && memcmp(b.data, want, b.len) != 0))
            bad = k + 1;
        nk_buf_free(&b);
        free(want);
    }
    CHECK(bad == 0, "one normalizer for 3000 short texts (table built on the way)", "text %d",
          bad - 1);
    nk_normalizer_free(z);
    nk_buf_init(&out, NULL);
    nk_offmap_init(&m, NULL);
    nk_buf_append(&out, "PREFIX", 6);
    CHECK(nk_normalize(&p, "x ﷲ", 5, &out, &m, NULL) == NK_OK &&
              strcmp(out.data, "PREFIXx الله") == 0,
          "appends to a non-empty buffer", "got '%s'", out.data);
    sp = nk_offmap_orig(&m, 2, 10);
    CHECK(m.olen == out.len - 6 && sp.start == 2 && sp.end == 5,
          "map offsets count from the appended text", "olen %zu span %zu..%zu", m.olen, sp.start,
          sp.end);
    nk_offmap_free(&m);
    nk_buf_free(&out);
}

static void test_api(void)
{
    nk_norm_profile p;
    nk_error err;
    size_t n, k;
    const nk_norm_switch *sw = nk_norm_switches(&n);
    CHECK(nk_norm_profile_named(&p, "nope") == NK_EINVAL, "api: unknown profile", "accepted");
    CHECK(nk_norm_profile_named(&p, "search") == NK_OK && p.unicode == NK_UNI_NFKC,
          "api: search profile", "bad");
    CHECK(nk_norm_profile_set(&p, "alef", "some", &err) == NK_EINVAL &&
              strstr(err.msg, "alef") != NULL,
          "api: bad enum value", "%s", err.msg);
    CHECK(nk_norm_profile_set(&p, "tatwel", "true", &err) == NK_EINVAL, "api: unknown switch",
          "accepted");
    CHECK(nk_norm_profile_set(&p, "tatweel", "maybe", &err) == NK_EINVAL, "api: bad boolean",
          "accepted");
    CHECK(nk_norm_profile_set(&p, "diacritics", "keep_shadda", &err) == NK_OK &&
              strcmp(nk_norm_profile_get(&p, "diacritics"), "keep_shadda") == 0,
          "api: set/get", "bad");
    for (k = 0; k < n; k++)
        if (nk_norm_profile_get(&p, sw[k].name) == NULL)
            break;
    CHECK(k == n && n == 18, "api: every switch readable", "k=%zu n=%zu", k, n);
    p.unicode = 7;
    CHECK(nk_normalizer_new(&p, NULL, &err) == NULL, "api: invalid profile rejected", "accepted");
    nk_normalizer_free(NULL);
    nk_offmap_free(NULL);
    {
        nk_buf out;
        nk_norm_profile q = prof("search");
        nk_buf_init(&out, NULL);
        CHECK(nk_normalize(&q, NULL, 0, &out, NULL, NULL) == NK_OK && out.len == 0,
              "api: empty input", "bad");
        nk_buf_free(&out);
    }
}

/* Allocation failures: fail the Nth allocation until the call succeeds (nk_test.h). */

static void test_nomem(void)
{
    int k, okall = 1, succeeded = 0;
    nk_norm_profile p = prof("search");
    const char *t = "في ﷲ «أحمد» ٢٠٢٤ ا\xD9\x94 ABC";
    for (k = 0; k < 40 && !succeeded; k++) {
        nk_test_failer f = {k};
        nk_alloc a = {nk_test_fail_alloc, &f};
        nk_buf out;
        nk_offmap m;
        nk_status st;
        nk_buf_init(&out, &a);
        nk_offmap_init(&m, &a);
        st = nk_normalize(&p, t, strlen(t), &out, &m, NULL);
        if (st == NK_OK)
            succeeded = 1;
        else if (st != NK_ENOMEM)
            okall = 0;
        nk_buf_free(&out);
        nk_offmap_free(&m);
    }
    CHECK(okall && succeeded, "allocation failures give NK_ENOMEM, then success", "k=%d", k);
}

static void test_table(void)
{
    UVersionInfo uv;
    char ver[U_MAX_VERSION_STRING_LENGTH];
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e), *nfkc = unorm2_getNFKCInstance(&e);
    uint32_t c;
    int bad = 0;
    uint32_t first = 0;
    u_getVersion(uv);
    u_versionToString(uv, ver);
    if (strcmp(ver, nk_norm_table_icu) != 0) {
        printf("ok - table check skipped: generated with ICU %s, running %s\n", nk_norm_table_icu,
               ver);
        return;
    }
    for (c = 0; c < 0x10000; c++) {
        uint64_t t;
        unsigned fl;
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        t = nk_norm_tab(c);
        fl = NK_TE_FLAGS(t);
        if (NK_TE_CCC(t) != u_getCombiningClass((UChar32)c) ||
            ((fl & NK_TF_BB_NFC) != 0) != (unorm2_hasBoundaryBefore(nfc, (UChar32)c) != 0) ||
            ((fl & NK_TF_BB_NFKC) != 0) != (unorm2_hasBoundaryBefore(nfkc, (UChar32)c) != 0)) {
            if (!bad++)
                first = c;
        }
    }
    CHECK(bad == 0, "table: matches the running ICU for every BMP code point",
          "%d differ, first %s", bad, cpname(first));
}

int main(void)
{
    test_cases();
    test_every_codepoint();
    test_map_cases();
    test_invalid();
    test_api();
    test_reuse();
    test_nomem();
    test_table();
    test_samples();
    test_random();
    test_long();
    return NK_TEST_DONE();
}
