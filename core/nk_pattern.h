/*
** nk_pattern.h
** A small token-pattern engine: named word lists and patterns (sequences of
** token tests with optional, repeated and alternative items, gaps and
** look-arounds, named captures) compiled together from one text, then run
** in one pass over the word tokens of a document.
**
** The tokens are those of the extraction stages (nk_words_next_masked over
** nk_words_mask_to of the text: runs of letters and digits; punctuation is
** what lies between them) and a token's key is nk_words_fold of its bytes.
** The language is described in docs/extraction.md ("The pattern language").
** In short, one definition per line (a line that starts with white space
** continues the previous one; '#' starts a comment):
**
**   list NAME = word word:VALUE "two words":VALUE ...
**   pattern NAME = ITEMS
**
** ITEMS are juxtaposed items or alternatives (a | b); an item is a token test,
** a group ( ... ), a gap rule or a look-around, with a quantifier ? * + {m,n}
** and an optional capture name (name=ITEM). Token tests: @list (the key is
** an entry; @list~ also after a proclitic و ف then ب ل ك; @list~~ also
** without the article ال), WORD / "WORD" (the key equals WORD's fold; WORD~ as
** above), #A..B (digits, value in [A, B]; #A..B~ lets letters follow the
** digits), :arabic :latin :number (the class), . (any token). Gap rules, which
** apply to the gap before the next token: juxtaposition alone allows white
** space only; _"CHARS" also those characters; _="TEXT" exactly TEXT around
** white space; _* anything. Look-arounds (zero-width): &( ... ) and !( ... )
** at the current token, <( ... ) and <!( ... ) starting one token back.
**
** Nothing here is global; a compiled set is read-only and may be shared.
*/
#ifndef NK_PATTERN_H
#define NK_PATTERN_H

#include "nk_base.h"

typedef struct nk_pattern_set nk_pattern_set;

/* Compile src[0..len). On error returns NK_EFORMAT (or NK_ENOMEM/NK_ERANGE)
** and fills err with the 1-based line and column and a message. */
nk_status nk_pattern_compile(const char *src, size_t len, const nk_alloc *a, nk_pattern_set **out,
                             nk_error *err);
void nk_pattern_free(nk_pattern_set *set);

size_t nk_pattern_count(const nk_pattern_set *set);
const char *nk_pattern_name(const nk_pattern_set *set, size_t i);
size_t nk_pattern_list_count(const nk_pattern_set *set);
const char *nk_pattern_list_name(const nk_pattern_set *set, size_t i);
/* Entry k of list i (in file order): its key (folded; words joined by one
** space) and value ("" when none). Returns 0 when k is past the end. */
int nk_pattern_list_entry(const nk_pattern_set *set, size_t i, size_t k, const char **key,
                          const char **value);

/* A capture of a match: its name's index (nk_pattern_capture_name), the tokens
** [first, end) it covers, and the value of the last list entry tested inside
** it (NULL when none). A capture inside a repetition keeps its last pass; one
** that took no token is not reported. */
typedef struct {
    uint32_t name;
    uint32_t first, end;
    const char *value;
} nk_pattern_cap;

typedef struct {
    uint32_t pattern;    /* index in file order */
    uint32_t first, end; /* tokens [first, end) */
    uint32_t cap0, ncap; /* its captures: caps[cap0 .. cap0+ncap) */
} nk_pattern_match;

const char *nk_pattern_capture_name(const nk_pattern_set *set, size_t i);

/* The result of a scan, owned by the caller (nk_pattern_result_init/free). */
typedef struct {
    nk_span *tok; /* the tokens of the text (byte spans) */
    size_t ntok;
    nk_pattern_match *m; /* by first token, then by pattern order */
    size_t nm;
    nk_pattern_cap *cap;
    size_t ncap;
    size_t cap_tok, cap_m, cap_cap;
    const nk_alloc *alloc;
} nk_pattern_result;

void nk_pattern_result_init(nk_pattern_result *r, const nk_alloc *a);
void nk_pattern_result_free(nk_pattern_result *r);

/* Tokenize s[0..len) and run every pattern at every token: each pattern that
** matches at a token gives one match (the first its greedy search finds).
** The matcher's work per start is bounded (NK_PATTERN_STEPS); past it the
** pattern does not match there. */
#define NK_PATTERN_STEPS 4096
nk_status nk_pattern_scan(const nk_pattern_set *set, const char *s, size_t len,
                          nk_pattern_result *r);

#endif
