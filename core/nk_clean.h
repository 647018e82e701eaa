/*
** nk_clean.h
** The line keys of the clean stage (scripts/naskh/stages/clean.lua): how a
** line of an article is compared with the others (repeated captions) and with
** the lists of section markers and outlet names. Byte level, as the Lua
** patterns it replaces; "space" and "punctuation" are the C locale's
** isspace and ispunct (ASCII only).
**
**   mask   every non-ASCII punctuation character (، ؛ ؟ ٪ ٫ ٬ ٭ ۔, U+00A0..U+00BF,
**          U+2000..U+207F, the BOM) becomes spaces: same length, same offsets
**   key    mask, fold (nk_words_fold), no leading or trailing run of spaces and
**          punctuation, every run of spaces one ' '; also counts the words
**          (runs of non-spaces) of the key
**   spaces every run of spaces one ' ' (the key of a long paragraph)
** Nothing here allocates.
*/
#ifndef NK_CLEAN_H
#define NK_CLEAN_H

#include <stddef.h>

/* The mask of s[0..n) into out (n bytes; out may be s). */
void nk_clean_mask(const char *s, size_t n, char *out);

/*
** The comparison key of the line s[0..n) into out (2n bytes: the second half is
** scratch; not overlapping s); returns its length; *words receives its number
** of words.
*/
size_t nk_clean_key(const char *s, size_t n, char *out, size_t *words);

/* s[0..n) with every run of spaces made one ' ', into out (n bytes; out may be s). */
size_t nk_clean_spaces(const char *s, size_t n, char *out);

#endif
