/*
** nk_tokens.c
** The tokenizer (classes by hand-written code point ranges, an ASCII fast
** path, no ICU) and the light clitic segmentation. See nk_tokens.h.
*/
#include "nk_tokens.h"

#include <string.h>

#include "nk_chars.h"
#include "nk_letters.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NK_NO_SIMD)
#include <emmintrin.h>
#define NK_TOK_SSE2 1
#endif

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

/* ---- Code point classes ------------------------------------------------ */

enum { C_SPACE, C_IGNORE, C_ARABIC, C_LETTER, C_MARK, C_DIGIT, C_PUNCT, C_SYMBOL };

/* ASCII classes. */
static const unsigned char ascii_class[128] = {
    /* controls */
    [0] = C_SYMBOL,   [1] = C_SYMBOL,   [2] = C_SYMBOL,   [3] = C_SYMBOL,   [4] = C_SYMBOL,
    [5] = C_SYMBOL,   [6] = C_SYMBOL,   [7] = C_SYMBOL,   [8] = C_SYMBOL,   ['\t'] = C_SPACE,
    ['\n'] = C_SPACE, [0x0B] = C_SPACE, [0x0C] = C_SPACE, ['\r'] = C_SPACE, [14] = C_SYMBOL,
    [15] = C_SYMBOL,  [16] = C_SYMBOL,  [17] = C_SYMBOL,  [18] = C_SYMBOL,  [19] = C_SYMBOL,
    [20] = C_SYMBOL,  [21] = C_SYMBOL,  [22] = C_SYMBOL,  [23] = C_SYMBOL,  [24] = C_SYMBOL,
    [25] = C_SYMBOL,  [26] = C_SYMBOL,  [27] = C_SYMBOL,  [28] = C_SYMBOL,  [29] = C_SYMBOL,
    [30] = C_SYMBOL,  [31] = C_SYMBOL,  [127] = C_SYMBOL, [' '] = C_SPACE,  ['!'] = C_PUNCT,
    ['"'] = C_PUNCT,  ['#'] = C_PUNCT,  ['%'] = C_PUNCT,  ['&'] = C_PUNCT,  ['\''] = C_PUNCT,
    ['('] = C_PUNCT,  [')'] = C_PUNCT,  ['*'] = C_PUNCT,  [','] = C_PUNCT,  ['-'] = C_PUNCT,
    ['.'] = C_PUNCT,  ['/'] = C_PUNCT,  [':'] = C_PUNCT,  [';'] = C_PUNCT,  ['?'] = C_PUNCT,
    ['@'] = C_PUNCT,  ['['] = C_PUNCT,  ['\\'] = C_PUNCT, [']'] = C_PUNCT,  ['_'] = C_PUNCT,
    ['{'] = C_PUNCT,  ['}'] = C_PUNCT,  ['$'] = C_SYMBOL, ['+'] = C_SYMBOL, ['<'] = C_SYMBOL,
    ['='] = C_SYMBOL, ['>'] = C_SYMBOL, ['^'] = C_SYMBOL, ['`'] = C_SYMBOL, ['|'] = C_SYMBOL,
    ['~'] = C_SYMBOL, ['0'] = C_DIGIT,  ['1'] = C_DIGIT,  ['2'] = C_DIGIT,  ['3'] = C_DIGIT,
    ['4'] = C_DIGIT,  ['5'] = C_DIGIT,  ['6'] = C_DIGIT,  ['7'] = C_DIGIT,  ['8'] = C_DIGIT,
    ['9'] = C_DIGIT,  ['A'] = C_LETTER, ['B'] = C_LETTER, ['C'] = C_LETTER, ['D'] = C_LETTER,
    ['E'] = C_LETTER, ['F'] = C_LETTER, ['G'] = C_LETTER, ['H'] = C_LETTER, ['I'] = C_LETTER,
    ['J'] = C_LETTER, ['K'] = C_LETTER, ['L'] = C_LETTER, ['M'] = C_LETTER, ['N'] = C_LETTER,
    ['O'] = C_LETTER, ['P'] = C_LETTER, ['Q'] = C_LETTER, ['R'] = C_LETTER, ['S'] = C_LETTER,
    ['T'] = C_LETTER, ['U'] = C_LETTER, ['V'] = C_LETTER, ['W'] = C_LETTER, ['X'] = C_LETTER,
    ['Y'] = C_LETTER, ['Z'] = C_LETTER, ['a'] = C_LETTER, ['b'] = C_LETTER, ['c'] = C_LETTER,
    ['d'] = C_LETTER, ['e'] = C_LETTER, ['f'] = C_LETTER, ['g'] = C_LETTER, ['h'] = C_LETTER,
    ['i'] = C_LETTER, ['j'] = C_LETTER, ['k'] = C_LETTER, ['l'] = C_LETTER, ['m'] = C_LETTER,
    ['n'] = C_LETTER, ['o'] = C_LETTER, ['p'] = C_LETTER, ['q'] = C_LETTER, ['r'] = C_LETTER,
    ['s'] = C_LETTER, ['t'] = C_LETTER, ['u'] = C_LETTER, ['v'] = C_LETTER, ['w'] = C_LETTER,
    ['x'] = C_LETTER, ['y'] = C_LETTER, ['z'] = C_LETTER,
};

static int cp_class(uint32_t c)
{
    if (c < 0x80)
        return ascii_class[c];
    if (nk_is_space(c))
        return C_SPACE;
    if (c >= 0x0600 && c <= 0x06FF) {
        if (nk_is_arabic_letter(c) || nk_is_arabic_mark(c))
            return C_ARABIC;
        if (nk_is_digit(c))
            return C_DIGIT;
        if (c == 0x060C || c == 0x060D || c == 0x061B || c == 0x061E || c == 0x061F ||
            (c >= 0x066A && c <= 0x066D) || c == 0x06D4)
            return C_PUNCT;
        if (c == 0x061C)
            return C_IGNORE; /* ARABIC LETTER MARK */
        return C_SYMBOL;
    }
    if (nk_is_arabic_letter(c) || nk_is_arabic_mark(c))
        return C_ARABIC;
    if (c < 0xC0) {
        if (c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB || c == 0xBF)
            return C_PUNCT;
        if (c == 0xAD)
            return C_IGNORE; /* soft hyphen */
        if (c == 0xAA || c == 0xBA || c == 0xB5)
            return C_LETTER;
        return C_SYMBOL;
    }
    if (c == 0xD7 || c == 0xF7)
        return C_SYMBOL;
    if (c >= 0x0300 && c <= 0x036F)
        return C_MARK;
    if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F))
        return C_IGNORE;
    if (c >= 0x2000 && c <= 0x2BFF) {
        if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E))
            return C_PUNCT;
        return C_SYMBOL;
    }
    if ((c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3001 && c <= 0x3003) ||
        (c >= 0x3008 && c <= 0x3011) || (c >= 0xFE10 && c <= 0xFE19) ||
        (c >= 0xFE30 && c <= 0xFE6B) || c == 0xFD3E || c == 0xFD3F)
        return C_PUNCT;
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xE000 && c <= 0xF8FF) || c >= 0x1F000 ||
        c == NK_REPLACEMENT || (c >= 0xFFF0 && c <= 0xFFFF))
        return C_SYMBOL;
    if (c >= 0xFF01 && c <= 0xFF0F)
        return C_PUNCT;
    return C_LETTER; /* letters of every other script */
}

/* ---- Tokenizer --------------------------------------------------------- */

void nk_tokenizer_init(nk_tokenizer *t, const char *s, size_t len)
{
    t->s = s;
    t->len = len;
    t->pos = 0;
    t->wm = t->sm = 0;
    t->mbase = (size_t)-1;
}

static int is_url_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

static int has_prefix_ci(const char *s, size_t len, size_t i, const char *p)
{
    size_t n = strlen(p), k;
    if (len - i < n)
        return 0;
    for (k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[i + k];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)p[k])
            return 0;
    }
    return 1;
}

/* A URL or an e-mail address starting at i: its end, or i when there is none.
 */
static size_t url_or_email(const char *s, size_t len, size_t i)
{
    size_t e = i, at = 0;
    if (has_prefix_ci(s, len, i, "http://") || has_prefix_ci(s, len, i, "https://") ||
        has_prefix_ci(s, len, i, "www.")) {
        while (e < len && is_url_char((unsigned char)s[e]))
            e++;
    } else {
        while (e < len) {
            unsigned char c = (unsigned char)s[e];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '%' || c == '+' || c == '-')
                e++;
            else if (c == '@' && at == 0 && e > i) {
                at = e;
                e++;
            } else
                break;
        }
        if (at == 0 || e == at + 1 || memchr(s + at, '.', e - at) == NULL)
            return i;
    }
    /* Trailing punctuation belongs to the sentence, not the address. */
    while (e > i && strchr(".,;:!?)]'\"", s[e - 1]) != NULL)
        e--;
    return e > i + 4 ? e : i;
}

/* Arabic letters and marks in U+0600..U+06FF, one bit each (as nk_is_arabic_letter/_mark). */
static const uint32_t arabic_block_word[8] = {
    0x07FF0000u, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFC000u,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0x9FEFFFFFu, 0x9C00FDFFu,
};

#ifdef NK_TOK_SSE2
/* Bytes v (16 lanes) within [lo, hi] (unsigned). */
static inline __m128i in_range(__m128i v, unsigned lo, unsigned hi)
{
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}

/*
** Lanes whose lead v and next byte w may encode a non-word code point of the
** Arabic block: D8 00..9F (U+0600..061F: ، ؛ ؟ and a few marks), D9 A0..AD
** (digits, ٪ ٫ ٬ ٭), DB 94.. (U+06D4..06FF: ۔, Extended digits, rarer
** letters). A superset of the complement of arabic_block_word, cheap to test;
** the callers stop there and the exact scalar check takes over.
*/
static inline __m128i maybe_nonword(__m128i v, __m128i w)
{
    __m128i d8 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8)),
                               _mm_cmpeq_epi8(_mm_min_epu8(w, _mm_set1_epi8((char)0x9F)), w));
    __m128i d9 =
        _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9)), in_range(w, 0xA0, 0xAD));
    __m128i db = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xDB)),
                               _mm_cmpeq_epi8(_mm_max_epu8(w, _mm_set1_epi8((char)0x94)), w));
    return _mm_or_si128(_mm_or_si128(d8, d9), db);
}

/*
** Sixteen bytes at j (j + 17 <= len) tested at once for eight two-byte
** Arabic word characters: returns the number of leading bytes that surely
** continue the word (even; 16 = all), stopping before ASCII, a lead byte
** outside D8..DB, a misplaced lead or continuation byte, or what may be a
** non-word code point of the Arabic block (maybe_nonword). The exact scalar
** loop takes over from there.
*/
static inline unsigned arabic_chunk(const char *s, size_t j)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + j + 1));
    __m128i lead =
        _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0xC0));
    __m128i block = in_range(v, 0xD8, 0xDB);
    __m128i bad = _mm_andnot_si128(block, lead);
    __m128i nonword = maybe_nonword(v, w);
    unsigned stop, k;
    stop = ~(unsigned)_mm_movemask_epi8(v) & 0xFFFFu;                /* ASCII */
    stop |= (unsigned)_mm_movemask_epi8(_mm_or_si128(bad, nonword)); /* wrong lead */
    stop |= ((unsigned)_mm_movemask_epi8(lead) ^ 0x5555u) & 0xFFFFu; /* lead, cont, lead, ... */
    if (stop == 0)
        return 16;
    k = (unsigned)__builtin_ctz(stop);
    return k & ~1u;
}
#endif

/* End of the Arabic word whose first code point ends at j. */
static size_t arabic_run(const char *s, size_t len, size_t j)
{
    size_t n;
    uint32_t c;
#ifdef NK_TOK_SSE2
    while (j + 17 <= len && (unsigned)(unsigned char)s[j] - 0xD8u <= 3u) {
        unsigned k = arabic_chunk(s, j);
        j += k;
        if (k < 16)
            break;
    }
#endif
    for (;;) {
        /* Fast path: two-byte sequences of the Arabic block (lead bytes D8..DB). */
        while (j + 1 < len && (unsigned)(unsigned char)s[j] - 0xD8u <= 3u) {
            unsigned b1 = (unsigned char)s[j + 1];
            uint32_t off;
            if ((b1 & 0xC0) != 0x80)
                return j;
            off = (((unsigned char)s[j] & 0x3u) << 6) | (b1 & 0x3Fu); /* cp - 0x600 */
            if (!(arabic_block_word[off >> 5] >> (off & 31) & 1u))
                return j;
            j += 2;
        }
        if (j >= len || (unsigned char)s[j] < 0x80)
            return j;
        c = nk_cp_at(s, len, j, &n);
        if (cp_class(c) != C_ARABIC && c != NK_ZWNJ && c != NK_ZWJ)
            return j;
        j += n;
    }
}

#ifdef NK_TOK_SSE2
/* Is s[p], s[p + 1] a two-byte Arabic word character (as arabic_block_word)? */
static int arabic_pair(const char *s, size_t p)
{
    unsigned b0 = (unsigned char)s[p], b1 = (unsigned char)s[p + 1], off;
    if (b0 - 0xD8u > 3u || (b1 & 0xC0) != 0x80)
        return 0;
    off = ((b0 & 0x3u) << 6) | (b1 & 0x3Fu);
    return (int)(arabic_block_word[off >> 5] >> (off & 31) & 1u);
}

/*
** The masks of the 64 bytes at base (base + 65 <= len): wm has a bit for
** every byte of a two-byte Arabic word character (lead and continuation;
** conservative: maybe_nonword lanes are left out and checked exactly later),
** sm for every ASCII white-space byte. Token boundaries are then bit scans.
*/
static void block_masks(nk_tokenizer *t, size_t base)
{
    const char *s = t->s;
    uint64_t lead = 0, sp = 0;
    int q;
    for (q = 0; q < 4; q++) {
        const char *p = s + base + 16 * (size_t)q;
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i ok = _mm_and_si128(
            in_range(v, 0xD8, 0xDB),
            _mm_cmpeq_epi8(_mm_and_si128(w, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
        __m128i ws = _mm_or_si128(in_range(v, 0x09, 0x0D), _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        ok = _mm_andnot_si128(maybe_nonword(v, w), ok);
        lead |= (uint64_t)(unsigned)_mm_movemask_epi8(ok) << (16 * q);
        sp |= (uint64_t)(unsigned)_mm_movemask_epi8(ws) << (16 * q);
    }
    t->wm = lead | (lead << 1) | (base > 0 && arabic_pair(s, base - 1) ? 1u : 0u);
    t->sm = sp;
    t->mbase = base;
}

/* Index of the first zero bit of m (m != ~0), or 64. */
static inline unsigned first_zero(uint64_t m)
{
    return ~m ? (unsigned)__builtin_ctzll(~m) : 64u;
}

/*
** The SIMD path for the two commonest cases: skip ASCII white space and cut
** an Arabic word by bit scans over the block masks. Returns 1 with *out set,
** or 0 with t->pos at the first byte the general path must look at.
*/
static int tokenizer_fast(nk_tokenizer *t, nk_token *out)
{
    const char *s = t->s;
    size_t len = t->len, i = t->pos;
    while (i + 65 <= len) {
        unsigned off, k;
        if (i < t->mbase || i - t->mbase >= 64)
            block_masks(t, i);
        off = (unsigned)(i - t->mbase);
        k = first_zero(t->sm >> off); /* zeros shifted in at the top stop it at the block end */
        if (off + k >= 64) {          /* white space to the end of the block */
            i = t->mbase + 64;
            continue;
        }
        i += k;
        off += k;
        if (t->wm >> off & 1u) {
            size_t j;
            k = first_zero(t->wm >> off);
            if (off + k >= 64) { /* the word reaches the end of the block */
                k = 64 - off;
                /* a lead byte in the last lane: its continuation is the next byte */
                if (((unsigned char)s[i + k - 1] & 0xC0) == 0xC0)
                    k++;
            }
            j = i + k;
            if (j < len && (unsigned char)s[j] >= 0x80) {
                j = arabic_run(s, len, j);
                /* a trailing ZWNJ/ZWJ is not part of the word */
                while (j > i + 2 && (unsigned char)s[j - 3] == 0xE2 &&
                       (unsigned char)s[j - 2] == 0x80 &&
                       ((unsigned char)s[j - 1] == 0x8C || (unsigned char)s[j - 1] == 0x8D))
                    j -= 3;
            }
            out->cls = NK_TOK_ARABIC;
            out->span.start = i;
            out->span.end = j;
            t->pos = j;
            return 1;
        }
        break;
    }
    t->pos = i;
    return 0;
}
#endif

static inline int next_token(nk_tokenizer *t, nk_token *out)
{
    const char *s = t->s;
    size_t len = t->len, i, n, j;
    uint32_t c;
    int cl;

#ifdef NK_TOK_SSE2
    if (tokenizer_fast(t, out))
        return 1;
#endif
    i = t->pos;
    for (;;) {
        unsigned b;
        if (i >= len) {
            t->pos = len;
            return 0;
        }
        b = (unsigned char)s[i];
        if (b < 0x80) {
            cl = ascii_class[b];
            if (cl == C_SPACE) {
                i++;
                continue;
            }
            c = b;
            n = 1;
            break;
        }
        if (b - 0xD8u <= 3u && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            uint32_t off = ((b & 0x3u) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            if (arabic_block_word[off >> 5] >> (off & 31) & 1u) { /* the common case */
                c = 0x600 + off;
                cl = C_ARABIC;
                n = 2;
                break;
            }
        }
        c = nk_cp_at(s, len, i, &n);
        cl = cp_class(c);
        if (cl != C_SPACE && cl != C_IGNORE)
            break;
        i += n;
    }
    j = i + n;
    switch (cl) {
    case C_ARABIC:
        out->cls = NK_TOK_ARABIC;
        j = arabic_run(s, len, j);
        /* a trailing ZWNJ/ZWJ is not part of the word */
        while (j > i + 2 && (unsigned char)s[j - 3] == 0xE2 && (unsigned char)s[j - 2] == 0x80 &&
               ((unsigned char)s[j - 1] == 0x8C || (unsigned char)s[j - 1] == 0x8D))
            j -= 3;
        break;
    case C_DIGIT:
        out->cls = NK_TOK_NUMBER;
        for (;;) {
            size_t n2;
            while (j < len && cp_class(nk_cp_at(s, len, j, &n)) == C_DIGIT)
                j += n;
            if (j >= len)
                break;
            c = nk_cp_at(s, len, j, &n);
            if (!(c == '.' || c == ',' || c == ':' || c == '/' || c == 0x066B || c == 0x066C) ||
                j + n >= len || !nk_is_digit(nk_cp_at(s, len, j + n, &n2)))
                break;
            j += n;
        }
        break;
    case C_LETTER:
    case C_MARK:
        out->cls = NK_TOK_LATIN;
        if (c < 0x80) {
            size_t e = url_or_email(s, len, i);
            if (e > i) {
                j = e;
                break;
            }
        }
        while (j < len) {
            int k;
            c = nk_cp_at(s, len, j, &n);
            k = cp_class(c);
            if (k == C_LETTER || k == C_MARK) {
                j += n;
                continue;
            }
            /* an inner apostrophe: don't, l'Orient, d’Alembert */
            if ((c == '\'' || c == 0x2019) && j + n < len) {
                size_t n2;
                if (cp_class(nk_cp_at(s, len, j + n, &n2)) == C_LETTER) {
                    j += n + n2;
                    continue;
                }
            }
            break;
        }
        break;
    default: {
        /* one mark or symbol, or a run of the same one: "..." "!!" "--" */
        uint32_t first = c;
        out->cls = cl == C_PUNCT ? NK_TOK_PUNCT : NK_TOK_SYMBOL;
        while (j < len && nk_cp_at(s, len, j, &n) == first)
            j += n;
        break;
    }
    }
    out->span.start = i;
    out->span.end = j;
    t->pos = j;
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
