/*
** nk_match.h
** Matching a compiled gazetteer (nk_gazetteer.h) against text: the text is
** normalized with the `search` profile, cut into word tokens, and at every
** word the candidate Arabic proclitics (و ف ب ك ل س, their pairs, and
** ل + ال written لل) are peeled before the word sequence is looked up in the
** gazetteer's trie. Matches end at a word end and never cross a line break.
** Spans are mapped back to the caller's original bytes.
*/
#ifndef NK_MATCH_H
#define NK_MATCH_H

#include "nk_gazetteer.h"

/* One match: byte spans into the caller's text. */
typedef struct {
    nk_span span;   /* the entity, after the clitic */
    nk_span clitic; /* the proclitic part; empty (start == end == span.start) when none */
    uint32_t entry; /* entry index: nk_gazetteer_id(g, entry) ... */
} nk_hit;

typedef struct {
    int all;      /* 0: leftmost-longest, non-overlapping; 1: every match */
    int variants; /* match spelling-variant keys (needs a gazetteer built with NK_GZ_VARIANTS) */
} nk_match_opts;

/* Called for each match in text order; return nonzero to stop the scan. */
typedef int (*nk_hit_fn)(void *ud, const nk_hit *hit);

typedef struct nk_matcher nk_matcher;

/*
** A matcher over g (which must outlive it) with its reusable scratch
** buffers; a may be NULL. One matcher per thread. NULL on NK_ENOMEM.
*/
nk_matcher *nk_matcher_new(const nk_gazetteer *g, const nk_alloc *a);
void nk_matcher_free(nk_matcher *m);

/*
** Match text[0..len): normalize (line by line in blocks of about 1 MB, so
** memory stays flat), scan, map. Calls fn for each hit. Errors: NK_EINVAL
** (variants requested from a gazetteer built without them), NK_EUTF8 from
** normalization (err->offset is the bad byte), NK_ENOMEM.
*/
nk_status nk_matcher_match(nk_matcher *m, const char *text, size_t len, const nk_match_opts *o,
                           nk_hit_fn fn, void *ud, nk_error *err);

/*
** The scan alone over text that is ALREADY search-normalized: spans are
** offsets into norm itself. For callers that normalize once and match many
** gazetteers, and for measuring the matcher apart from normalization.
*/
nk_status nk_matcher_scan(nk_matcher *m, const char *norm, size_t len, const nk_match_opts *o,
                          nk_hit_fn fn, void *ud);

#endif
