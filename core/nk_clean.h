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

#include "nk_base.h"

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

/*
** The whole clean stage over one document, as scripts/naskh/stages/clean.lua
** describes it (reasons, in its order of rules): section markers (a marker
** line after some prose; with only short lines after it, the marker and
** everything after it is navigation), Latin-only lines (credit or latin_line),
** outlet names, repeated lines and their numbered copies, caption-like lines
** next to a repeated line or a credit, and a numbered last line. Lines are the
** text's LF-separated lines, trimmed of ASCII white space; keys are
** nk_clean_key's (nk_clean_spaces' for a line over 400 bytes, counted as 1000
** words). Marker and outlet keys are given in nk_clean_key form.
*/
typedef enum {
    NK_DROP_NAVIGATION = 1,
    NK_DROP_MARKER,
    NK_DROP_CREDIT,
    NK_DROP_LATIN_LINE,
    NK_DROP_OUTLET,
    NK_DROP_REPEATED_LINE,
    NK_DROP_CAPTION
} nk_drop_reason;

typedef struct {
    nk_span span;          /* trimmed lines, [start, end) bytes of the text */
    nk_drop_reason reason; /* why */
    nk_span marker;        /* NK_DROP_MARKER, NK_DROP_NAVIGATION: the marker line; else {0, 0} */
} nk_drop;

typedef struct {
    int repeated_lines, latin_lines, outlet_lines, captions; /* the rules on (1) or off (0) */
    size_t max_caption_words, max_latin_words, max_tail_words;
} nk_clean_opts;

typedef struct nk_cleaner nk_cleaner;

/* A cleaner with no markers and no outlets, or NULL when out of memory. */
nk_cleaner *nk_cleaner_new(const nk_alloc *a);
void nk_cleaner_free(nk_cleaner *c);
/* A marker key: the whole line (prefix 0), or a line starting with it and at most four more words.
 */
nk_status nk_cleaner_add_marker(nk_cleaner *c, const char *key, size_t len, int prefix);
/* An outlet name's key. */
nk_status nk_cleaner_add_outlet(nk_cleaner *c, const char *key, size_t len);
/*
** Clean text[0..len): *drops receives the dropped spans (sorted, disjoint; the
** cleaner owns them, valid until its next run or free), *ndrops their number.
*/
nk_status nk_cleaner_run(nk_cleaner *c, const char *text, size_t len, const nk_clean_opts *o,
                         const nk_drop **drops, size_t *ndrops);

#endif
