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
    nk_words_mask_to(src, n, out);
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
