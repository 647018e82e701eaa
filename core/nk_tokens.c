/*
** nk_tokens.c
** The tokenizer (the core's one word scanner, nk_scan.h, with the options
** NK_SCAN_TOKENS) and the light clitic segmentation. See nk_tokens.h.
*/
#include "nk_tokens.h"

#include <string.h>

#include "nk_chars.h"
#include "nk_letters.h"
#include "nk_scan.h"

const char *nk_token_class_name(nk_tokclass c)
{
    switch (c) {
    case NK_TOK_ARABIC:
        return "arabic";
    case NK_TOK_LATIN:
        return "latin";
    case NK_TOK_NUMBER:
        return "number";
    case NK_TOK_PUNCT:
        return "punct";
    case NK_TOK_SYMBOL:
        return "symbol";
    }
    return "?";
}

/* ---- Tokenizer: the core's one scanner with the options NK_SCAN_TOKENS --- */

void nk_tokenizer_init(nk_tokenizer *t, const char *s, size_t len)
{
    nk_scan_init(t, s, len, 0);
}

static inline int next_token(nk_tokenizer *t, nk_token *out)
{
    nk_scan_tok k;
    if (!nk_scan_next(&NK_SCAN_TOKENS, t, &k))
        return 0;
    out->span.start = k.start;
    out->span.end = k.end;
    out->cls = (nk_tokclass)k.cls;
    return 1;
}

int nk_tokenizer_next(nk_tokenizer *t, nk_token *out)
{
    return nk_tokenizer_fill(t, out, 1) == 1; /* one caller of next_token: it is inlined */
}

size_t nk_tokenizer_fill(nk_tokenizer *t, nk_token *out, size_t cap)
{
    size_t n = 0;
    while (n < cap && next_token(t, out + n))
        n++;
    return n;
}

void nk_tokvec_init(nk_tokvec *tv, const nk_alloc *a)
{
    tv->v = NULL;
    tv->n = tv->cap = 0;
    tv->alloc = a;
}

void nk_tokvec_free(nk_tokvec *tv)
{
    if (tv == NULL)
        return;
    nk_free(tv->alloc, tv->v, tv->cap * sizeof(nk_token));
    tv->v = NULL;
    tv->n = tv->cap = 0;
}

nk_status nk_tokens(const char *s, size_t len, nk_tokvec *out)
{
    nk_tokenizer t;
    if (s == NULL && len > 0)
        return NK_EINVAL;
    nk_tokenizer_init(&t, s, len);
    for (;;) {
        size_t got;
        if (out->n == out->cap) {
            size_t ncap = out->cap ? out->cap * 2 : 256;
            nk_token *nv;
            if (ncap > SIZE_MAX / sizeof(nk_token))
                return NK_ERANGE;
            nv = nk_realloc(out->alloc, out->v, out->cap * sizeof(nk_token),
                            ncap * sizeof(nk_token));
            if (nv == NULL)
                return NK_ENOMEM;
            out->v = nv;
            out->cap = ncap;
        }
        got = nk_tokenizer_fill(&t, out->v + out->n, out->cap - out->n);
        if (got == 0)
            return NK_OK;
        out->n += got;
    }
}

/* ---- Light clitic segmentation ----------------------------------------- */

#define SEG_MAX 48

/* A word and its byte length, for the lists below. */
typedef struct {
    const char *w;
    size_t n;
} nk_word;
#define W(s)                                                                                       \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }

/* Words that look like article + stem but are not segmented. */
static const nk_word not_article[] = {
    W("الذي"),   W("التي"),   W("الذين"),  W("اللذين"),  W("اللذان"),
    W("اللتان"), W("اللتين"), W("اللاتي"), W("اللواتي"), W("اللائي"),
    W("الله"),   W("اللهم"),  W("الا"),    W("الى"),     {NULL, 0},
};

/* Common nouns that begin with و (so و is not a conjunction there). */
static const nk_word waw_nouns[] = {
    W("وزير"),  W("وزيرة"), W("وزارة"), W("وزراء"), W("وكالة"), W("وكالات"), W("وقت"),
    W("وضع"),   W("وسط"),   W("وحدة"),  W("وحدات"), W("ولاية"), W("ولايات"), W("وفد"),
    W("وطن"),   W("وطني"),  W("وطنية"), W("وثيقة"), W("وثائق"), W("ورقة"),   W("وصول"),
    W("وعد"),   W("وعود"),  W("واقع"),  W("وفق"),   W("وفاة"),  W("ولد"),    W("والد"),
    W("والدة"), W("وجه"),   W("وجود"),  W("وجهة"),  W("وسائل"), W("وسيلة"),  W("واشنطن"),
    W("وادي"),  W("وراء"),  W("وارد"),  W("واسع"),  W("واضح"),  W("واحد"),   W("واحدة"),
    W("ورشة"),  W("وظيفة"), W("وظائف"), W("وقف"),   W("وقود"),  W("وقائع"),  W("وزن"),
    W("وصف"),   W("وكيل"),  W("ولي"),   W("وليد"),  W("وفاء"),  W("وئام"),   W("وهران"),
    W("وسام"),  W("وديع"),  W("وجدي"),  {NULL, 0},
};

/* Short function words after و / ف: the conjunction is split even with < 3
 * letters left. */
static const nk_word conj_hosts[] = {
    W("إن"),   W("أن"),  W("قد"),  W("لا"),  W("لم"),  W("لن"),   W("ما"), W("هو"),
    W("هي"),   W("هم"),  W("في"),  W("من"),  W("عن"),  W("مع"),   W("لو"), W("كان"),
    W("كانت"), W("إذا"), W("لكن"), W("بعد"), W("قبل"), {NULL, 0},
};

/* Words ending like an enclitic that are not segmented. */
static const nk_word no_enclitic[] = {W("هناك"), W("هنالك"), W("أولئك"), {NULL, 0}};

/* Is w[0..n) in list? */
static int in_list(const nk_word *list, const char *w, size_t n)
{
    size_t k;
    for (k = 0; list[k].w != NULL; k++)
        if (list[k].n == n && memcmp(list[k].w, w, n) == 0)
            return 1;
    return 0;
}

/* UTF-8 of letters [a, b) into buf (room for SEG_MAX * 4); returns the length.
 */
static size_t letters_utf8(const uint32_t *cp, size_t a, size_t b, char *buf)
{
    size_t o = 0, k;
    for (k = a; k < b; k++)
        o += nk_utf8_encode(cp[k], buf + o);
    return o;
}

size_t nk_clitics(const char *s, nk_span word, nk_piece out[NK_MAX_PIECES])
{
    uint32_t cp[SEG_MAX];
    size_t at[SEG_MAX + 1]; /* byte where letter k starts; at[n] = word end */
    size_t n = 0, i = word.start, np = 0, a = 0, b, k, blen;
    char buf[SEG_MAX * 4];
    size_t cut[4]; /* letter indexes where proclitics end */
    size_t ncut = 0;
    int article = 0;

    out[0].span = word;
    out[0].kind = NK_PIECE_STEM;
    while (i < word.end) {
        size_t step;
        uint32_t c = nk_cp_at(s, word.end, i, &step);
        if (nk_is_arabic_letter(c) && c != NK_TATWEEL) {
            if (n == SEG_MAX)
                return 1;
            cp[n] = c;
            at[n] = i;
            n++;
        } else if (n == 0 ||
                   !(nk_is_arabic_mark(c) || c == NK_TATWEEL || c == NK_ZWNJ || c == NK_ZWJ)) {
            return 1; /* not a plain Arabic word */
        }
        i += step;
    }
    at[n] = word.end;
    if (n < 3)
        return 1;

    /* Article forms: (و|ف)? (ب|ك|ل)? ال, and (و|ف)? لل. */
    for (k = (cp[0] == NK_WAW || cp[0] == NK_FEH) ? 1 : 0;; k--) {
        size_t p = k, c0 = 0, c1 = 0;
        int ok = 0;
        if (p + 2 < n && (cp[p] == NK_BEH || cp[p] == NK_KAF || cp[p] == NK_LAM) &&
            cp[p + 1] == NK_ALEF && cp[p + 2] == NK_LAM) {
            c0 = p + 1;
            c1 = p + 3;
            ok = 1;
        } else if (p + 1 < n && cp[p] == NK_LAM && cp[p + 1] == NK_LAM) {
            c0 = p + 1;
            c1 = p + 2;
            ok = 1;
        } else if (p + 1 < n && cp[p] == NK_ALEF && cp[p + 1] == NK_LAM) {
            c0 = p;
            c1 = p + 2;
            ok = 1;
        }
        if (ok && n - c1 >= 2) {
            /* the listed exceptions have at most 7 letters */
            if (n - k <= 7)
                blen = letters_utf8(cp, k, n, buf);
            if (n - k > 7 || !in_list(not_article, buf, blen)) {
                if (k == 1)
                    cut[ncut++] = 1;
                if (c0 > p)
                    cut[ncut++] = c0;
                cut[ncut++] = c1;
                article = 1;
                break;
            }
        }
        if (k == 0)
            break;
    }

    if (!article && (cp[0] == NK_WAW || cp[0] == NK_FEH)) {
        /* the listed hosts have at most 4 letters, the و-nouns at most 6 */
        if (n - 1 <= 4)
            blen = letters_utf8(cp, 1, n, buf);
        if (n - 1 <= 4 && in_list(conj_hosts, buf, blen))
            cut[ncut++] = 1;
        else if (cp[0] == NK_WAW && n - 1 >= 3) {
            size_t wlen = n <= 6 ? letters_utf8(cp, 0, n, buf) : 0;
            if (n > 6 || !in_list(waw_nouns, buf, wlen))
                cut[ncut++] = 1;
        }
    }

    a = ncut ? cut[ncut - 1] : 0;
    b = n;
    if (!article) {
        static const uint32_t suf3[][3] = {{NK_HEH, NK_MEEM, NK_ALEF}, {NK_KAF, NK_MEEM, NK_ALEF}};
        static const uint32_t suf2[][2] = {
            {NK_HEH, NK_ALEF}, {NK_HEH, NK_MEEM}, {NK_KAF, NK_MEEM}, {NK_NOON, NK_ALEF}};
        size_t m = 0;
        for (k = 0; k < 2 && !m; k++)
            if (b - a >= 6 && memcmp(cp + b - 3, suf3[k], sizeof suf3[k]) == 0)
                m = 3;
        for (k = 0; k < 4 && !m; k++)
            if (b - a >= 5 && memcmp(cp + b - 2, suf2[k], sizeof suf2[k]) == 0 &&
                !(k == 3 && cp[b - 3] == NK_ALEF)) /* أحيانا، مكانا: tanwin, not "our" */
                m = 2;
        if (!m && b - a >= 4 && cp[b - 1] == NK_HEH && cp[b - 2] != NK_ALEF) /* not اتجاه، مياه */
            m = 1;
        if (m > 0 && b - a <= 7) { /* the listed exceptions have at most 7 letters */
            size_t wlen = letters_utf8(cp, a, n, buf);
            if (in_list(no_enclitic, buf, wlen) || in_list(not_article, buf, wlen))
                m = 0;
        }
        b -= m;
    }

    /* Emit pieces. */
    {
        size_t from = 0;
        for (k = 0; k < ncut; k++) {
            out[np].span.start = at[from];
            out[np].span.end = at[cut[k]];
            out[np].kind = NK_PIECE_PROCLITIC;
            np++;
            from = cut[k];
        }
        out[np].span.start = at[from];
        out[np].span.end = at[b];
        out[np].kind = NK_PIECE_STEM;
        np++;
        if (b < n) {
            out[np].span.start = at[b];
            out[np].span.end = word.end;
            out[np].kind = NK_PIECE_ENCLITIC;
            np++;
        } else {
            out[np - 1].span.end = word.end;
        }
        out[0].span.start = word.start;
    }
    return np;
}
