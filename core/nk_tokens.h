/*
** nk_tokens.h
** Word tokens with spans and classes, and a light clitic segmentation.
**
** Classes: arabic (a run of Arabic letters, harakat, tatweel, ZWNJ/ZWJ),
** latin (letters of any other script, with inner apostrophes; URLs and
** e-mail addresses are one latin token), number (digits of any of the three
** sets with inner . , ٫ ٬ : / between digits: 3.5 ٣٫٥ 10:30 21.11.2017
** 1,000), punct (one mark, or a run of the same mark: "..." "!!"), symbol
** (currency, maths, emoji and the rest). A change of class always ends a
** token, so digits glued to letters split: 2017م -> "2017" "م".
*/
#ifndef NK_TOKENS_H
#define NK_TOKENS_H

#include "nk_base.h"

/* The one token-class enum of the core: nk_tokens, the entity rules' word
** scan (nk_words.h) and the gazetteer's word tokens (nk_gzint.h) all use it.
** NK_TOK_NONE (white space, or the end of the text) is what a scanner that
** returns a class reports when there is no token; it is never stored in an
** nk_token (and is outside the enum, so switches over classes stay complete). */
#define NK_TOK_NONE 0
typedef enum {
    NK_TOK_ARABIC = 1,
    NK_TOK_LATIN,
    NK_TOK_NUMBER,
    NK_TOK_PUNCT,
    NK_TOK_SYMBOL
} nk_tokclass;

typedef struct {
    nk_span span;
    nk_tokclass cls;
} nk_token;

/* "arabic", "latin", "number", "punct", "symbol" ("?" for anything else). */
const char *nk_token_class_name(nk_tokclass c);

/*
** The state of a scan over one buffer: the core's one word scanner (nk_scan.h)
** serves nk_tokenizer and the entity rules' nk_wscan (nk_words.h), which are
** this type. Allocates nothing.
*/
typedef struct {
    const char *s;
    size_t len, pos;
    int nl; /* a line break was skipped since the last token (the scanners that flag them) */
    /* private: word-byte and space masks of the 64 bytes at mbase (SIMD path) */
    uint64_t wm, sm;
    size_t mbase;
} nk_scanner;

/* An incremental tokenizer over one buffer. */
typedef nk_scanner nk_tokenizer;

void nk_tokenizer_init(nk_tokenizer *t, const char *s, size_t len);
/* Store the next token in *out and return 1, or return 0 at the end. */
int nk_tokenizer_next(nk_tokenizer *t, nk_token *out);
/* Up to cap next tokens into out; returns how many (0 at the end). Faster than one by one. */
size_t nk_tokenizer_fill(nk_tokenizer *t, nk_token *out, size_t cap);

/* A growable token array (allocation through alloc, NULL = default). */
typedef struct {
    nk_token *v;
    size_t n, cap;
    const nk_alloc *alloc;
} nk_tokvec;

void nk_tokvec_init(nk_tokvec *tv, const nk_alloc *a);
void nk_tokvec_free(nk_tokvec *tv);
/* All tokens of s appended to out. */
nk_status nk_tokens(const char *s, size_t len, nk_tokvec *out);

/*
** Light clitic segmentation of one Arabic word (a span of s, normally an
** NK_TOK_ARABIC token). Pieces, left to right, cover the word exactly:
**   proclitics  و ف (conjunction), ب ك ل (preposition), ال / the ل of لل
**               (article) -- the article forms are stripped when at least
**               two letters remain; a bare و when at least three remain and
**               the word is not a common و-initial noun (وزير، وكالة …);
**   stem;
**   enclitic    هما كما ها هم كم نا ه -- never after the article (a
**               definite noun takes no possessive), only when the stem keeps
**               three letters, not نا or ه after alef (أحيانا، اتجاه).
** Returns the number of pieces (1 = no segmentation) written to out.
*/
#define NK_MAX_PIECES 5
typedef enum { NK_PIECE_PROCLITIC = 1, NK_PIECE_STEM, NK_PIECE_ENCLITIC } nk_piecekind;

typedef struct {
    nk_span span;
    nk_piecekind kind;
} nk_piece;

size_t nk_clitics(const char *s, nk_span word, nk_piece out[NK_MAX_PIECES]);

#endif
