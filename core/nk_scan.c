/*
** nk_scan.c
** The character categories of the core's one word scanner (nk_scan.h): the
** ASCII and Arabic-block tables (from the lists in nk_scan.h), the ranges of
** every other code point, and the URL rule of nk_tokens.
*/
#include "nk_scan.h"

#include <string.h>

#define NK_CC_ITEM(P, name) NK_CC_##name,
const unsigned char nk_cc_ascii[128] = {NK_CC_ASCII_LIST(NK_CC_ITEM, _)};
const unsigned char nk_cc_arabic[256] = {NK_CC_ARABIC_LIST(NK_CC_ITEM, _)};
#undef NK_CC_ITEM

/* Code points outside the two tables, sorted; what is not listed is NK_CC_SYMBOL. */
static const struct {
    uint32_t lo, hi;
    unsigned char cc;
} ranges[] = {
    {0x0085, 0x0085, NK_CC_NEL},           {0x00A0, 0x00A0, NK_CC_SPACE},
    {0x00A1, 0x00A1, NK_CC_PUNCT},         {0x00A7, 0x00A7, NK_CC_PUNCT},
    {0x00AA, 0x00AA, NK_CC_LETTER},        {0x00AB, 0x00AB, NK_CC_PUNCT},
    {0x00AD, 0x00AD, NK_CC_SOFT_HYPHEN},   {0x00B5, 0x00B5, NK_CC_LETTER},
    {0x00B6, 0x00B7, NK_CC_PUNCT},         {0x00BA, 0x00BA, NK_CC_LETTER},
    {0x00BB, 0x00BB, NK_CC_PUNCT},         {0x00BF, 0x00BF, NK_CC_PUNCT},
    {0x00C0, 0x00D6, NK_CC_LATIN},         {0x00D8, 0x00F6, NK_CC_LATIN},
    {0x00F8, 0x024F, NK_CC_LATIN},         {0x0250, 0x02FF, NK_CC_LETTER},
    {0x0300, 0x036F, NK_CC_COMBINING},     {0x0370, 0x05FF, NK_CC_LETTER},
    {0x0700, 0x074F, NK_CC_LETTER},        {0x0750, 0x077F, NK_CC_AR_LETTER_EXT},
    {0x0780, 0x089F, NK_CC_LETTER},        {0x08A0, 0x08C9, NK_CC_AR_LETTER_EXT},
    {0x08CA, 0x08D2, NK_CC_AR_EXT_LETTER}, {0x08D3, 0x08FF, NK_CC_AR_LETTER_EXT},
    {0x0900, 0x167F, NK_CC_LETTER},        {0x1680, 0x1680, NK_CC_SPACE_OTHER},
    {0x1681, 0x1FFF, NK_CC_LETTER},        {0x2000, 0x200A, NK_CC_SPACE},
    {0x200B, 0x200B, NK_CC_ZWSP},          {0x200C, 0x200D, NK_CC_JOINER},
    {0x200E, 0x200F, NK_CC_FORMAT},        {0x2010, 0x2027, NK_CC_PUNCT},
    {0x2028, 0x2029, NK_CC_NEWLINE},       {0x202A, 0x202E, NK_CC_FORMAT},
    {0x202F, 0x202F, NK_CC_SPACE},         {0x2030, 0x205E, NK_CC_PUNCT},
    {0x205F, 0x205F, NK_CC_SPACE_OTHER},   {0x2060, 0x206F, NK_CC_FORMAT},
    {0x2C00, 0x2DFF, NK_CC_LETTER},        {0x2E00, 0x2E7F, NK_CC_PUNCT},
    {0x2E80, 0x2FFF, NK_CC_LETTER},        {0x3000, 0x3000, NK_CC_SPACE_OTHER},
    {0x3001, 0x3003, NK_CC_PUNCT},         {0x3008, 0x3011, NK_CC_PUNCT},
    {0x3040, 0xDFFF, NK_CC_LETTER},        {0xF900, 0xFB4F, NK_CC_LETTER},
    {0xFB50, 0xFD3D, NK_CC_AR_LETTER},     {0xFD3E, 0xFD3F, NK_CC_ORNATE_PAREN},
    {0xFD40, 0xFDFB, NK_CC_AR_LETTER},     {0xFDFC, 0xFDFF, NK_CC_AR_LIGATURE},
    {0xFE00, 0xFE0F, NK_CC_VARSEL},        {0xFE10, 0xFE19, NK_CC_PUNCT},
    {0xFE1A, 0xFE2F, NK_CC_LETTER_SUPP},   {0xFE30, 0xFE6B, NK_CC_PUNCT},
    {0xFE6C, 0xFE6F, NK_CC_LETTER_SUPP},   {0xFE70, 0xFEFC, NK_CC_AR_LETTER},
    {0xFEFD, 0xFEFE, NK_CC_LETTER},        {0xFEFF, 0xFEFF, NK_CC_SPACE_OTHER},
    {0xFF00, 0xFF00, NK_CC_LETTER},        {0xFF01, 0xFF0F, NK_CC_PUNCT},
    {0xFF10, 0xFF19, NK_CC_LETTER},        {0xFF1A, 0xFF20, NK_CC_LETTER_SUPP},
    {0xFF21, 0xFF3A, NK_CC_LETTER},        {0xFF3B, 0xFF40, NK_CC_LETTER_SUPP},
    {0xFF41, 0xFF5A, NK_CC_LETTER},        {0xFF5B, 0xFF65, NK_CC_LETTER_SUPP},
    {0xFF66, 0xFFEF, NK_CC_LETTER},        {0x10000, 0x1EFFF, NK_CC_LETTER_SUPP},
};

nk_charcat nk_cc_other(uint32_t cp)
{
    size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < ranges[mid].lo)
            hi = mid;
        else if (cp > ranges[mid].hi)
            lo = mid + 1;
        else
            return (nk_charcat)ranges[mid].cc;
    }
    return NK_CC_SYMBOL;
}

/* ---- URLs and e-mail addresses (NK_SCAN_URLS) ---------------------------- */

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

size_t nk_scan_url(const char *s, size_t len, size_t i)
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
