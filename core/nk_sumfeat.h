/*
** nk_sumfeat.h: the summarizer's byte-level sentence tests (the per-sentence
** features of scripts/naskh/stages/summarize.lua that read the text): whether
** a sentence ends like one, has a digit, has a quotation mark, and opens with
** a connective that hangs on an earlier sentence (وأضاف، كما، لكنه …).
** Every function reads text[span.start, span.end) only; none allocates.
** The Lua functions they replace (is_complete, the number and quote finds,
** M.hangs) stay the reference: tests/lua/test_summary_features.lua compares.
*/
#ifndef NK_SUMFEAT_H
#define NK_SUMFEAT_H

#include <stddef.h>

#include "nk_base.h"

/* 1 when text[span) ends with . ! ? ؟ or …, possibly followed by spaces,
 * closing quotes (" ' » ” “) or brackets () ]); else 0. */
int nk_sum_complete(const char *text, nk_span span);

/* 1 when text[span) has an ASCII digit or an Arabic-Indic one (U+0660..U+0669). */
int nk_sum_has_digit(const char *text, nk_span span);

/* 1 when text[span) has a quotation mark: " « » “ or ”. */
int nk_sum_has_quote(const char *text, nk_span span);

/* Both of the above in one pass: *digit and *quote get 1 or 0. */
void nk_sum_digit_quote(const char *text, nk_span span, int *digit, int *quote);

/* A connective: its bytes and the length of its first word (up to the first
 * white space; 0 when it starts with white space: it never matches). */
typedef struct {
    const char *s;
    size_t len, first;
} nk_connective;

/* Set c->first for a connective of len bytes at s (the caller keeps s alive). */
void nk_connective_init(nk_connective *c, const char *s, size_t len);

/*
** 1 when the sentence text[span) opens with one of the n connectives, as
** summarize.hangs decides: at most the first 81 bytes are read; leading white
** space, - ( [ " ' are skipped, then one « or » and the white space after it;
** the first word runs to white space , . : and is cut at ، or ؛; a connective
** whose first word is that word and that the text starts with matches when
** the text ends after it or goes on with white space , . : ، or ؛.
*/
int nk_sum_hangs(const char *text, nk_span span, const nk_connective *conn, size_t n);

/* The quotation mark starting at text[i] (len bytes in all): 0 for " “ ”
 * (counted by parity), 1 for «, 2 for », -1 for none. */
int nk_sum_quote_mark(const char *text, size_t i, size_t len);

/* The first i' >= i below end where text[i'] may start a quotation mark
 * (" or the lead byte of « » “ ”), or end. */
size_t nk_sum_next_mark(const char *text, size_t i, size_t end);

/* The years written in text[span): runs of exactly four ASCII digits whose
 * first digit is 1 or 2 and second 0 or 9 (naskh._years). Returns how many;
 * *max gets the largest (0 when none). */
size_t nk_sum_years(const char *text, nk_span span, int *max);

#endif
