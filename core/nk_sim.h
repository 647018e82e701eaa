/*
** nk_sim.h
** Sentence similarity for extractive summarization: term vectors over
** normalized, lightly stemmed word tokens (nk_tokens + nk_stem), IDF from the
** sentence set itself or from a vocabulary loaded with corpus figures, the
** cosine graph (sparse rows), graph ranking (LexRank continuous or
** thresholded, TextRank), MEAD-style centroid scores, near-duplicate groups
** and budgeted greedy selection with MMR or a cosine cutoff.
**
** Two objects:
**   nk_vocab   term strings <-> ids, stopword flags, optional IDF per term;
**              long-lived (one per run), grows as sentences are added.
**   nk_simset  the sentences of one cluster or one document, each a sparse
**              vector of term ids; refers to (does not own) a vocab, which
**              must outlive it.
** Neither keeps pointers into the caller's text. All memory goes through the
** nk_alloc given at creation (NULL = malloc). Free with the matching _free;
** _free(NULL) is a no-op.
*/
#ifndef NK_SIM_H
#define NK_SIM_H

#include "nk_base.h"

typedef struct nk_vocab nk_vocab;
typedef struct nk_simset nk_simset;

/* A new, empty vocabulary, or NULL when out of memory. */
nk_vocab *nk_vocab_new(const nk_alloc *a);
void nk_vocab_free(nk_vocab *v);

/*
** The term key of one word w[0..len): the light stem (nk_stem, which also
** folds harakat, tatweel, alef forms, ى and ة, and ASCII case: the `stem` key
** profile) with Arabic-Indic and Persian digits folded to ASCII (the `digits`
** key profile of nk_normalize.h). out needs len bytes.
** Returns the key's byte length.
*/
size_t nk_sim_key(const char *w, size_t len, char *out);

/* Intern a key (already a key: no stemming); *id receives its id. */
nk_status nk_vocab_intern(nk_vocab *v, const char *key, size_t len, uint32_t *id);
/* Look a key up without adding it: 1 and *id when present, else 0. */
int nk_vocab_find(const nk_vocab *v, const char *key, size_t len, uint32_t *id);
/* Mark the key of word w as a stopword (w is keyed first). */
nk_status nk_vocab_add_stopword(nk_vocab *v, const char *w, size_t len);
/* 1 when the word w (as written, normalized) is a stopword, also with و/ف glued on. */
int nk_vocab_is_stopword(const nk_vocab *v, const char *w, size_t len);
/* Set the corpus IDF of a key (interning it); used by NK_IDF_VOCAB. */
nk_status nk_vocab_set_idf(nk_vocab *v, const char *key, size_t len, double idf);
/* The IDF given to terms without one under NK_IDF_VOCAB (default 1). */
void nk_vocab_set_default_idf(nk_vocab *v, double idf);
/* The number of interned keys. */
size_t nk_vocab_size(const nk_vocab *v);
/* The key of id (not NUL-terminated), its length in *len; NULL when out of range. */
const char *nk_vocab_key(const nk_vocab *v, uint32_t id, size_t *len);

/*
** Call fn(ud, id) for every content word of text[span] in order: the span is
** normalized with the "search" profile (nk_normalize.h), then tokens of
** class arabic, latin or number whose key has at least two code points and
** is not a stopword are keyed and interned. *nwords (when not NULL) receives the
** number of word tokens (letters or digits, stopwords included).
*/
nk_status nk_vocab_terms(nk_vocab *v, const char *text, nk_span span,
                         void (*fn)(void *ud, uint32_t id), void *ud, size_t *nwords);

/*
** "Shared terms" of n documents (the outliers check): each document's set of
** content terms (as nk_vocab_terms finds them in texts[i][0..lens[i])), each
** term weighted ln(n / df) (df: documents that have it), and out[i] = the mean
** over the other documents j of the cosine of the two weighted sets (0 for a
** pair with an empty norm). Sums run in a fixed term order (key hash, then key bytes),
** so the figures do not depend on the vocabulary's history.
*/
nk_status nk_vocab_shared_terms(nk_vocab *v, const char *const *texts, const size_t *lens, size_t n,
                                double *out);

/* A piece of text that belongs to document doc (nk_simset_shared_terms). */
typedef struct {
    const char *text;
    nk_span span;
    uint32_t doc;
} nk_docpiece;

/* A new, empty sentence set over vocabulary v, or NULL when out of memory. */
nk_simset *nk_simset_new(nk_vocab *v, const nk_alloc *a);
void nk_simset_free(nk_simset *s);

/*
** Add the sentence text[span] belonging to document number doc; its index
** (0-based) is the previous size. Invalidates a previous nk_simset_prepare.
*/
nk_status nk_simset_add(nk_simset *s, const char *text, nk_span span, uint32_t doc);
/*
** Add sentence i of src (a set over the same vocabulary) to s as part of
** document doc, with its terms, word and character counts as src has them:
** no second normalization, tokenization or stemming. NK_EINVAL when the
** vocabularies differ or i is out of range.
*/
nk_status nk_simset_add_from(nk_simset *s, const nk_simset *src, size_t i, uint32_t doc);
size_t nk_simset_size(const nk_simset *s);
/* Remove every sentence, keeping the memory for the next cluster. */
void nk_simset_clear(nk_simset *s);
/* Override the length in code points of sentence i (its budget cost in chars). */
void nk_simset_set_chars(nk_simset *s, size_t i, size_t chars);

/* Word tokens, code points and distinct content terms of sentence i. */
typedef struct {
    size_t words, chars, terms;
    uint32_t doc;
} nk_sentinfo;
nk_sentinfo nk_simset_info(const nk_simset *s, size_t i);

typedef enum {
    NK_IDF_SET = 0, /* document frequency over the set's sentences */
    NK_IDF_VOCAB    /* the vocabulary's corpus IDF (nk_vocab_set_idf) */
} nk_idf_mode;

/*
** Weigh the vectors (tf x idf, smoothed idf = ln((1+n)/(1+df)) + 1 for
** NK_IDF_SET) and build the similarity graph: every pair of sentences that
** shares a term, with its cosine and its number of shared terms. A set
** prepared with NK_IDF_SET and not changed since is not prepared again.
*/
nk_status nk_simset_prepare(nk_simset *s, nk_idf_mode mode);
/* 1 after a successful prepare (and no add since). */
int nk_simset_prepared(const nk_simset *s);

/* Cosine of sentences i and j (after prepare; 1 when i == j and non-empty). */
double nk_simset_cosine(const nk_simset *s, size_t i, size_t j);

typedef enum {
    NK_RANK_LEXRANK = 0, /* cosine weights (continuous) or 0/1 edges (threshold > 0) */
    NK_RANK_TEXTRANK     /* shared terms / (ln|Si| + ln|Sj|), Mihalcea and Tarau 2004 */
} nk_rank_kind;

typedef struct {
    nk_rank_kind kind;
    double threshold;    /* LexRank: > 0 makes edges binary (cosine >= threshold) */
    double damping;      /* e.g. 0.85 */
    double tol;          /* L1 change that ends the iteration, e.g. 1e-6 */
    int max_iter;        /* e.g. 100 */
    const double *prior; /* teleport distribution (n values, any scale) or NULL = uniform */
} nk_rank_opts;

/* Stationary scores of the sentence graph (sum 1) into scores[n] (uses the set's scratch). */
nk_status nk_simset_rank(nk_simset *s, const nk_rank_opts *o, double *scores);

/*
** MEAD centroid scores: the centroid gives each term the mean over documents
** of tf x idf; only the top terms (top > 0) are kept; a sentence scores the
** sum of the centroid values of its words (per occurrence).
*/
nk_status nk_simset_centroid(const nk_simset *s, size_t top, double *scores);

/*
** Near-duplicate groups: rep[i] receives the smallest index of the group of
** sentences linked by cosine >= threshold (single link).
*/
nk_status nk_simset_duplicates(const nk_simset *s, double threshold, size_t *rep);

/*
** Cross-document coverage: for each document number d in [0, ndocs), the
** mean over its sentences with at least min_terms terms of the best cosine
** with a sentence of another document (0 when it has no such sentence).
*/
nk_status nk_simset_coverage(const nk_simset *s, size_t min_terms, double *out, size_t ndocs);

/*
** Cross-document support (a cluster's event sentence): for each sentence i
** with cand[i] set, out[i] = the sum over the other documents of the best
** cosine of i with a sentence j of that document that has early[j] set (0
** when none shares a term); out[i] = 0 for the others. Uses the graph's
** stored cosines: cost is the length of the candidates' rows.
*/
nk_status nk_simset_support(const nk_simset *s, const unsigned char *cand,
                            const unsigned char *early, double *out);

/*
** The figures of nk_vocab_shared_terms for documents first_doc ..
** first_doc + ndocs - 1 of the set (out[0] for first_doc, ...),
** without reading their text again: a document's terms are those of its
** sentences in the set, plus those of the extra pieces given for it (text of
** the document outside its sentences; nk_vocab_terms reads them). Sentences
** of other documents are ignored. When the sentences and the pieces cover
** the text nk_vocab_shared_terms would read, token for token, the figures
** are the same, bit for bit. NK_EINVAL for a piece of another document.
*/
nk_status nk_simset_shared_terms(nk_simset *s, uint32_t first_doc, size_t ndocs,
                                 const nk_docpiece *extra, size_t nextra, double *out);

/* The word counts of all sentences into words[n]. */
void nk_simset_words(const nk_simset *s, size_t *words);

typedef struct {
    size_t words, sentences, chars; /* budget limits; 0 = no limit on that unit */
    double lambda;                  /* MMR trade-off in [0,1]; 1 = scores only */
    double cutoff;                  /* skip a sentence whose cosine with a chosen one
                                       exceeds cutoff; >= 1 disables */
} nk_select_opts;

/*
** Greedy budgeted selection: repeatedly take the eligible sentence with the
** best lambda * score/max_score - (1 - lambda) * max cosine to the chosen
** ones, among those that still fit every limit and are not redundant.
** eligible may be NULL (all). out (room for n) receives the chosen indices
** in selection order, *nout their number.
*/
nk_status nk_simset_select(const nk_simset *s, const double *scores, const unsigned char *eligible,
                           const nk_select_opts *o, size_t *out, size_t *nout);

#endif
