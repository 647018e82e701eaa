/*
** nk_sumfeat.c: the summarizer's byte-level sentence tests (see nk_sumfeat.h).
*/
#include "nk_sumfeat.h"

#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NK_NO_SIMD)
#include <emmintrin.h>
#define SUMFEAT_SSE2 1
#endif

/* Lua's %s in the C locale: space, \t \n \v \f \r */
static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

int nk_sum_complete(const char *text, nk_span span)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t s = span.start, e = span.end;
    unsigned char c;
    while (e > s) {
        c = t[e - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == ')' ||
            c == ']')
            e--;
        else if (c == 0xBB && e - 1 > s && t[e - 2] == 0xC2) /* » */
            e -= 2;
        else if ((c == 0x9D || c == 0x9C) && e - 2 > s && t[e - 2] == 0x80 && t[e - 3] == 0xE2)
            e -= 3; /* ” “ */
        else
            break;
    }
    if (e <= s)
        return 0;
    c = t[e - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    if (c == 0x9F && e - 1 > s && t[e - 2] == 0xD8) /* ؟ */
        return 1;
    return c == 0xA6 && e - 2 > s && t[e - 2] == 0x80 && t[e - 3] == 0xE2; /* … */
}

/*
** Digits: an ASCII digit, or the second byte (A0..A9) of an Arabic-Indic digit
** after its D9 (both in the span). 16 bytes at a time with SSE2, else
** branch-free over blocks of 64 bytes, the block's answer checked once: D9
** starts half the Arabic letters, so a test per lead byte would be a branch
** taken at random.
*/
static int has_digit(const unsigned char *t, size_t s, size_t e)
{
    size_t i;
    if (s >= e)
        return 0;
    if ((unsigned)(t[s] - '0') < 10u)
        return 1;
    i = s + 1;
#ifdef SUMFEAT_SSE2
    {
        const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
        const __m128i a0 = _mm_set1_epi8((char)0xA0), d9 = _mm_set1_epi8((char)0xD9);
        for (; e - i >= 16; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
            __m128i p = _mm_loadu_si128((const __m128i *)(const void *)(t + i - 1));
            __m128i x = _mm_sub_epi8(v, zero), y = _mm_sub_epi8(v, a0);
            __m128i dx = _mm_cmpeq_epi8(_mm_min_epu8(x, nine), x);
            __m128i dy =
                _mm_and_si128(_mm_cmpeq_epi8(_mm_min_epu8(y, nine), y), _mm_cmpeq_epi8(p, d9));
            if (_mm_movemask_epi8(_mm_or_si128(dx, dy)) != 0)
                return 1;
        }
    }
#endif
    while (i < e) {
        size_t stop = e - i > 64 ? i + 64 : e;
        unsigned acc = 0;
        for (; i < stop; i++) {
            unsigned c = t[i];
            acc |= ((c - '0') < 10u) | (((c - 0xA0u) < 10u) & (t[i - 1] == 0xD9));
        }
        if (acc)
            return 1;
    }
    return 0;
}

size_t nk_sum_next_mark(const char *text, size_t i, size_t end)
{
    const unsigned char *t = (const unsigned char *)text;
#ifdef SUMFEAT_SSE2
    const __m128i q = _mm_set1_epi8('"'), c2 = _mm_set1_epi8((char)0xC2);
    const __m128i e2 = _mm_set1_epi8((char)0xE2);
    for (; i < end && end - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        int m = _mm_movemask_epi8(_mm_or_si128(
            _mm_cmpeq_epi8(v, q), _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2))));
        if (m != 0)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    while (i < end && t[i] != '"' && t[i] != 0xC2 && t[i] != 0xE2)
        i++;
    return i;
}

void nk_sum_digit_quote(const char *text, nk_span span, int *digit, int *quote)
{
    size_t i;
    int q = 0;
    for (i = nk_sum_next_mark(text, span.start, span.end); i < span.end && !q;
         i = nk_sum_next_mark(text, i + 1, span.end))
        q = nk_sum_quote_mark(text, i, span.end) >= 0;
    *quote = q;
    *digit = has_digit((const unsigned char *)text, span.start, span.end);
}

int nk_sum_has_digit(const char *text, nk_span span)
{
    int d, q;
    nk_sum_digit_quote(text, span, &d, &q);
    return d;
}

int nk_sum_has_quote(const char *text, nk_span span)
{
    int d, q;
    nk_sum_digit_quote(text, span, &d, &q);
    return q;
}

void nk_connective_init(nk_connective *c, const char *s, size_t len)
{
    size_t k = 0;
    while (k < len && !is_space((unsigned char)s[k]))
        k++;
    c->s = s;
    c->len = len;
    c->first = k;
}

/* ، (D8 8C) or ؛ (D8 9B) at t[i], within n bytes? */
static int is_arabic_comma(const unsigned char *t, size_t i, size_t n)
{
    return i + 1 < n && t[i] == 0xD8 && (t[i + 1] == 0x8C || t[i + 1] == 0x9B);
}

static int is_word_end(unsigned char c)
{
    return is_space(c) || c == ',' || c == '.' || c == ':';
}

int nk_sum_hangs(const char *text, nk_span span, const nk_connective *conn, size_t n)
{
    const unsigned char *t;
    size_t len, w, k, i;
    if (span.end <= span.start)
        return 0;
    /* the opening: text:sub(s, math.min(e, s + 80)) in Lua's 1-based terms */
    len = span.end - span.start;
    if (len > 81)
        len = 81;
    t = (const unsigned char *)text + span.start;
    while (len > 0 &&
           (is_space(*t) || *t == '-' || *t == '(' || *t == '[' || *t == '"' || *t == '\'')) {
        t++;
        len--;
    }
    if (len >= 2 && t[0] == 0xC2 && (t[1] == 0xAB || t[1] == 0xBB)) {
        t += 2;
        len -= 2;
        while (len > 0 && is_space(*t)) {
            t++;
            len--;
        }
    }
    for (w = 0; w < len && !is_word_end(t[w]); w++) {
    }
    for (k = 0; k + 1 < w; k++) {
        if (is_arabic_comma(t, k, w)) {
            w = k;
            break;
        }
    }
    if (w == 0)
        return 0;
    for (i = 0; i < n; i++) {
        const nk_connective *c = &conn[i];
        if (c->first != w || c->len > len || memcmp(c->s, t, w) != 0 ||
            memcmp(c->s, t, c->len) != 0)
            continue;
        if (c->len == len || is_word_end(t[c->len]) || is_arabic_comma(t, c->len, len))
            return 1;
    }
    return 0;
}

int nk_sum_quote_mark(const char *text, size_t i, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    if (i >= len)
        return -1;
    if (t[i] == '"')
        return 0;
    if (t[i] == 0xC2 && i + 1 < len)
        return t[i + 1] == 0xAB ? 1 : t[i + 1] == 0xBB ? 2 : -1;
    if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && (t[i + 2] == 0x9C || t[i + 2] == 0x9D))
        return 0;
    return -1;
}

/* The first i' >= i below end where text[i'] is an ASCII digit, or end. */
static size_t next_digit(const char *text, size_t i, size_t end)
{
#ifdef SUMFEAT_SSE2
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    for (; i < end && end - i >= 16; i += 16) {
        __m128i x = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(text + i)), zero);
        int m = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, nine), x));
        if (m != 0)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    while (i < end && (text[i] < '0' || text[i] > '9'))
        i++;
    return i;
}

size_t nk_sum_years(const char *text, nk_span span, int *max)
{
    size_t i = span.start, k = 0;
    *max = 0;
    while (i < span.end) {
        size_t run;
        i = next_digit(text, i, span.end);
        if (i >= span.end)
            break;
        run = i;
        while (i < span.end && text[i] >= '0' && text[i] <= '9')
            i++;
        if (i - run == 4 && (text[run] == '1' || text[run] == '2') &&
            (text[run + 1] == '0' || text[run + 1] == '9')) {
            int y = (text[run] - '0') * 1000 + (text[run + 1] - '0') * 100 +
                    (text[run + 2] - '0') * 10 + (text[run + 3] - '0');
            if (y > *max)
                *max = y;
            k++;
        }
    }
    return k;
}
