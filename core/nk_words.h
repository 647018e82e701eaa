/*
** nk_words.h
** The word scan of the entity rules (naskh.entities) and the tagger: the
** core's one scanner (nk_scan.h) with the options NK_SCAN_WORDS, simpler than
** nk_tokens and tuned to what the rules compare.
**
** Arabic letters and combining marks make an Arabic word (a word may start
** with a mark); Latin letters (ASCII, Latin-1, Latin Extended A/B) make a
** Latin word, which may hold ' - or U+2019 between letters; digits (ASCII,
** Arabic-Indic, Persian) make a number, which may hold . or , between digits.
** Spaces are skipped; a line break sets the `nl` flag of the next token;
** every other character (and each invalid byte) is a one-character punct
** token. Decoding is lenient: a malformed sequence is one invalid byte.
**
** Keys are the light fold the rule word lists use: ASCII lower case, no
** harakat/tatweel/dagger alef/zero-width joiners or bidi marks, أ إ آ ٱ -> ا,
** ى ی -> ي, ة -> ه, ک -> ك. The "raw" form only drops the marks. Both are
** never longer than their input. Nothing here allocates.
*/
#ifndef NK_WORDS_H
#define NK_WORDS_H

#include <stddef.h>

#include "nk_tokens.h"

typedef struct {
    size_t start, end; /* bytes, end exclusive */
    nk_tokclass cls;   /* NK_TOK_ARABIC, NK_TOK_LATIN, NK_TOK_NUMBER or NK_TOK_PUNCT */
    int nl;            /* a line break (or the start of the text) comes before it */
} nk_word;

/* State of a scan over s[0..len) (the core's one scanner, nk_tokens.h). Initialise with
** nk_words_init. */
typedef nk_scanner nk_wscan;

void nk_words_init(nk_wscan *sc, const char *s, size_t len);

/* The next token into *w: 1, or 0 at the end of the text. */
int nk_words_next(nk_wscan *sc, nk_word *w);

/* The key of w[0..n) into out (room for n bytes); returns its length. */
size_t nk_words_key(const char *w, size_t n, char *out);

/* w[0..n) without combining marks, tatweel and joiners into out (room for n
** bytes); returns its length. */
size_t nk_words_raw(const char *w, size_t n, char *out);

/* The matching key of the extraction stages (naskh.text.artext.fold): no
** harakat, dagger alef or tatweel, أ إ آ ٱ -> ا, ى -> ي, ة -> ه, Arabic-Indic
** and Persian digits -> ASCII. A byte-level fold of UTF-8; out has room for n
** bytes; returns the length. */
size_t nk_words_fold(const char *w, size_t n, char *out);

/* Masks s[0..n) in place for the word scan of the extraction stages
** (naskh.text.artext.mask): punctuation outside ASCII becomes ASCII spaces of the
** same byte length: ، ؛ ؟ ٪ ٫ ٬ ٭ ۔, U+00A0-U+00BF (no-break space, « » ...),
** U+2000-U+207F (general punctuation: quotes, dashes, zero-width and bidi
** marks) and the BOM. */
void nk_words_mask(char *s, size_t n);

/* The same mask of src[0..n) written to out (n bytes; out may be src). */
void nk_words_mask_to(const char *src, size_t n, char *out);

/* The next word of a masked text (punctuation outside ASCII already turned
** into spaces, as naskh.text.artext.mask does) from *pos: a run of ASCII letters,
** digits, '_' and bytes >= 0x80, less a proclitic و ف ب ل glued to digits
** ("و2020"). Sets *start, *end (end exclusive) and returns 1, or 0 at the end. */
int nk_words_next_masked(const char *m, size_t len, size_t *pos, size_t *start, size_t *end);

#endif
