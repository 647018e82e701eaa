/*
** nk_chars.h
** Internal, header-only character classes shared by the splitter, the
** tokenizer and the stemmer: white space, Arabic letters and marks, digits
** of the three digit sets, quotes and brackets. Hand-written ranges, no ICU:
** the scanners call these only around candidate bytes.
*/
#ifndef NK_CHARS_H
#define NK_CHARS_H

#include "nk_utf8.h"

/* Decode the code point at s[i] (i < len); ASCII fast path. *n gets its byte
 * length. */
static inline uint32_t nk_cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp;
    int ok;
    unsigned b0 = (unsigned char)s[i], b1;
    if (b0 < 0x80) {
        *n = 1;
        return b0;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < len &&
        ((b1 = (unsigned char)s[i + 1]) & 0xC0) == 0x80) {
        *n = 2;
        return ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
    }
    *n = nk_utf8_decode(s, len, i, &cp, &ok);
    return cp;
}

/* The code point ending just before byte i (i > lo; the walk back stops at
 * lo); *start gets where it begins. */
static inline uint32_t nk_cp_before(const char *s, size_t len, size_t lo, size_t i, size_t *start)
{
    size_t j = i - 1, k = 0, n;
    uint32_t cp;
    while (j > lo && k < 3 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
        k++;
    }
    cp = nk_cp_at(s, len, j, &n);
    if (j + n != i) { /* an invalid tail: treat the last byte alone */
        j = i - 1;
        cp = NK_REPLACEMENT;
    }
    *start = j;
    return cp;
}

/* Line ends: LF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
static inline int nk_is_newline(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* White space, line ends included (the Unicode White_Space set plus the BOM).
 */
static inline int nk_is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Arabic combining marks: harakat, Quranic marks, superscript alef. */
static inline int nk_is_arabic_mark(uint32_t c)
{
    return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
           (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
           c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED) || (c >= 0x08D3 && c <= 0x08FF);
}

/* Arabic letters (base, supplement, extended, presentation forms), tatweel
 * included. */
static inline int nk_is_arabic_letter(uint32_t c)
{
    return (c >= 0x0620 && c <= 0x064A) || c == 0x066E || c == 0x066F ||
           (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 || c == 0x06E5 || c == 0x06E6 ||
           c == 0x06EE || c == 0x06EF || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF ||
           (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08C9) ||
           (c >= 0xFB50 && c <= 0xFDFB) || (c >= 0xFE70 && c <= 0xFEFC);
}

/* Decimal digits: ASCII, Arabic-Indic, Extended Arabic-Indic (Persian). */
static inline int nk_is_digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

static inline int nk_is_latin_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}

static inline int nk_is_latin_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

/*
** Quote marks of every style (a quote right after a terminator closes the
** sentence whatever its glyph: Arabic news sets “ ” « » in either direction).
*/
static inline int nk_is_quote(uint32_t c)
{
    return c == '"' || c == '\'' || c == 0xAB || c == 0xBB || (c >= 0x2018 && c <= 0x201F) ||
           c == 0x2039 || c == 0x203A;
}

static inline int nk_is_close_bracket(uint32_t c)
{
    return c == ')' || c == ']' || c == '}' || c == 0xFD3F /* ornate ) */ || c == 0x3009 ||
           c == 0x300B;
}

/* Openers that may precede a word: opening brackets and quote marks. */
static inline int nk_is_opener(uint32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == 0xFD3E /* ornate ( */ || c == 0x3008 ||
           c == 0x300A || nk_is_quote(c);
}

#endif
