/*
** nk_sumfeat.c: the summarizer's byte-level sentence tests (see nk_sumfeat.h).
*/
#include "nk_sumfeat.h"

#include <string.h>

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

/* Bytes that may start a digit or a quotation mark: 1 digit, 2 " and the lead
 * bytes of « » (C2), “ ” (E2) and the Arabic-Indic digits (D9). */
static const unsigned char starts[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,  ['5'] = 1,  ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['"'] = 2, [0xC2] = 2, [0xE2] = 2, [0xD9] = 2,
};

void nk_sum_digit_quote(const char *text, nk_span span, int *digit, int *quote)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i;
    int d = 0, q = 0;
    for (i = span.start; i < span.end && !(d && q); i++) {
        unsigned char c = t[i];
        if (starts[c] == 0)
            continue;
        if (starts[c] == 1)
            d = 1;
        else if (c == '"')
            q = 1;
        else if (c == 0xD9 && i + 1 < span.end && t[i + 1] >= 0xA0 && t[i + 1] <= 0xA9)
            d = 1;
        else if (c == 0xC2 && i + 1 < span.end && (t[i + 1] == 0xAB || t[i + 1] == 0xBB))
            q = 1;
        else if (c == 0xE2 && i + 2 < span.end && t[i + 1] == 0x80 &&
                 (t[i + 2] == 0x9C || t[i + 2] == 0x9D))
            q = 1;
    }
    *digit = d;
    *quote = q;
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

size_t nk_sum_years(const char *text, nk_span span, int *max)
{
    size_t i = span.start, k = 0;
    *max = 0;
    while (i < span.end) {
        size_t run = i;
        if (text[i] < '0' || text[i] > '9') {
            i++;
            continue;
        }
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
