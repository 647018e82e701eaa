/*
** nk_clean.c
** Line keys of the clean stage (see nk_clean.h).
*/
#include "nk_clean.h"

#include "nk_words.h"

/* isspace and ispunct of the C locale. */
static int is_space(unsigned c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_punct(unsigned c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
}

void nk_clean_mask(const char *src, size_t n, char *out)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0, k, w;
    while (i < n) {
        unsigned c = s[i], d = i + 1 < n ? s[i + 1] : 0, e = i + 2 < n ? s[i + 2] : 0;
        w = 0;
        if (c == 0xD8 && (d == 0x8C || d == 0x9B || d == 0x9F)) /* ، ؛ ؟ */
            w = 2;
        else if (c == 0xD9 && d >= 0xAA && d <= 0xAD) /* ٪ ٫ ٬ ٭ */
            w = 2;
        else if (c == 0xDB && d == 0x94) /* ۔ */
            w = 2;
        else if (c == 0xC2 && d >= 0xA0 && d <= 0xBF) /* no-break space, « », © ... */
            w = 2;
        else if (c == 0xE2 && (d == 0x80 || d == 0x81) && e >= 0x80 && e <= 0xBF)
            w = 3; /* general punctuation: “ ” – — … zero-width, bidi */
        else if (c == 0xEF && d == 0xBB && e == 0xBF) /* BOM */
            w = 3;
        if (w == 0) {
            out[i] = (char)c;
            i++;
        } else {
            for (k = 0; k < w; k++)
                out[i + k] = ' ';
            i += w;
        }
    }
}

size_t nk_clean_key(const char *s, size_t n, char *out, size_t *words)
{
    size_t m, a, b, i, o = 0, nw = 0;
    int in_space = 0;
    nk_clean_mask(s, n, out + n);
    m = nk_words_fold(out + n, n, out);
    b = m;
    while (b > 0 && (is_space((unsigned char)out[b - 1]) || is_punct((unsigned char)out[b - 1])))
        b--;
    a = 0;
    while (a < b && (is_space((unsigned char)out[a]) || is_punct((unsigned char)out[a])))
        a++;
    for (i = a; i < b; i++) {
        unsigned char c = (unsigned char)out[i];
        if (is_space(c)) {
            in_space = 1;
            continue;
        }
        if (in_space || o == 0)
            nw++;
        if (in_space)
            out[o++] = ' ';
        in_space = 0;
        out[o++] = (char)c;
    }
    *words = nw;
    return o;
}

size_t nk_clean_spaces(const char *s, size_t n, char *out)
{
    size_t i, o = 0;
    int in_space = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            in_space = 1;
            continue;
        }
        if (in_space)
            out[o++] = ' ';
        in_space = 0;
        out[o++] = (char)c;
    }
    if (in_space)
        out[o++] = ' ';
    return o;
}
