/*
** nk_tagger.h
** The entity tagger: a structured averaged perceptron over BIO tags (O, B-/I- PERS, LOC, ORG,
** MISC) with first-order Viterbi decoding, on the words of nk_words.h (the tokens the entity
** rules see). Features are hashed into a fixed table of rows (one weight per tag in a row):
** the word's key (nk_words_key), its raw form, its proclitic readings (و ف, ب ك ل س, ال/لل)
** and the stem without them, the stem without a suffix pronoun, prefixes and suffixes of key
** and stem, shape and script, the words and stems of a window of two on each side, word
** bigrams, and hints: spans a caller found by other means (gazetteer matches of the bundled
** lists, of the user's lists, context rules), each with a source and a type, as membership
** features of the token and of its neighbours; the word's key, and its proclitics with its
** shape, are also crossed with the previous tag (rows Viterbi adds on each transition). Also:
** the stem's consonant / long-vowel skeleton, its vowel share, foreign letters, stem prefixes and
** four-letter affixes; and document features: within 400 words, the other mentions of the
** word's stem lend it the keys of their neighbours, their proclitics and their count. Decoding
** is two passes: the second pass (its own rows of the same features, salted hashes, and its own
** transitions) also reads the first pass's tags of the word and of its other mentions. After
** decoding, two adjacent entries of the bundled lists (source 0) of the tagged type are split
** into two entities. See docs/entities.md.
**
** A model file: "NKTAG1\n", then little-endian u32 format version (2), u32 row bits, u64 feature
** fingerprint (nk_tagger_fingerprint: a hash of the rows the extractor produces on a fixed probe,
** so any change of the feature code changes it), u32 tags, f32 scale, u32 row count, u32 passes
** (1 or 2), u64 checksum (FNV-1a of everything after the 48-byte header), then a bitmap of the
** non-zero rows, their int16 weights (tags per row; both passes share the table) and, per pass,
** the f32 transition matrix ((tags + 1) x tags, row tags = the start). Loading checks all of it:
** a model from another extractor, a truncated or corrupted file is refused with a message,
** never read.
*/
#ifndef NK_TAGGER_H
#define NK_TAGGER_H

#include "nk_base.h"

#define NK_TAG_FORMAT 2
#define NK_TAG_NTAGS 9   /* O, B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC, I-MISC */
#define NK_TAG_NTYPES 4  /* PERS LOC ORG MISC */
#define NK_TAG_NHTYPES 5 /* hint types: the four and NORP */
#define NK_TAG_NSOURCES 3

/* "O", "B-PERS", ... for a tag 0..8; NULL out of range. */
const char *nk_tag_name(int tag);
/* "PERS", "LOC", "ORG", "MISC", "NORP" for 0..4; -1 from nk_tag_type for an unknown name. */
const char *nk_tag_type_name(int type);
int nk_tag_type(const char *name, size_t len);

/* A hint: a span [start, end) of the text (bytes) that a source (0..2, e.g. bundled list,
** user list, context rule) reads as an entity of a type (0..4, NORP = 4). */
typedef struct {
    size_t start, end;
    int source, type;
} nk_tag_hint;

/* A tagged token: its bytes [start, end) and its tag (0..8). */
typedef struct {
    size_t start, end;
    int tag;
} nk_tagged;

typedef struct {
    nk_tagged *v;
    size_t n, cap;
    const nk_alloc *alloc;
} nk_tagvec;

void nk_tagvec_init(nk_tagvec *tv, const nk_alloc *a);
void nk_tagvec_free(nk_tagvec *tv);

/* The fingerprint of this build's feature extractor. */
uint64_t nk_tagger_fingerprint(void);

typedef struct nk_tagger nk_tagger;

/* Load a model from a file's bytes (copied; data may be freed after). NULL with err set on a
** bad magic, format version, fingerprint, size or checksum, or no memory. */
nk_tagger *nk_tagger_load(const void *data, size_t len, const nk_alloc *a, nk_error *err);
void nk_tagger_free(nk_tagger *t);
/* Decoding switches (default: NK_TAG_PROPAGATE | NK_TAG_SKIP; docs/entities.md has the
** measurements).
** NK_TAG_PROPAGATE: after decoding, the untagged mentions of a name tagged within 400 words
** of them in the same text (its first word's stem without proclitics and the next words' keys,
** up to four words; a name tagged with two types is left alone) get its type. */
#define NK_TAG_PROPAGATE 1u
/* NK_TAG_SKIP: the second pass skips the sentences where it has nothing to read (no hint, no
** first-pass tag, no other mention the first pass tagged): they keep the first pass's O. Off:
** the second pass decodes every sentence. */
#define NK_TAG_SKIP 2u
void nk_tagger_set_flags(nk_tagger *t, unsigned flags);
unsigned nk_tagger_flags(const nk_tagger *t);
/* Number of non-zero rows and the row bits of a loaded model. */
void nk_tagger_info(const nk_tagger *t, size_t *rows, unsigned *bits);

/*
** Tag text[0..len): its words (nk_words.h) are cut into sentences (after . ! ? ؟ and before a
** line break, at most 256 words each) and decoded; every word is appended to out with its
** tag (punctuation too). hints (nh of them, any order) are read as membership features.
*/
nk_status nk_tagger_tag(const nk_tagger *t, const char *text, size_t len, const nk_tag_hint *hints,
                        size_t nh, nk_tagvec *out, nk_error *err);

/* Training. */
typedef struct nk_trainer nk_trainer;

/* A trainer with 2^bits rows (12..24). NULL on no memory or bad bits. */
nk_trainer *nk_trainer_new(unsigned bits, const nk_alloc *a);
void nk_trainer_free(nk_trainer *tr);
/*
** One annotated text: gold entities as hints (source ignored, type 0..3; a word belongs to the
** entity whose span holds its first byte), plus the feature hints. Words are cut into
** sentences as nk_tagger_tag does.
*/
nk_status nk_trainer_add(nk_trainer *tr, const char *text, size_t len, const nk_tag_hint *gold,
                         size_t ng, const nk_tag_hint *hints, size_t nh, nk_error *err);
/* Train runs models (seeds seed, seed + 1, ...; default 1) and average their weights: less
** dependence on the sentence order (docs/entities.md). Progress counts epochs over all runs. */
void nk_trainer_set_runs(nk_trainer *tr, int runs);
/* Sentences and words added so far. */
void nk_trainer_counts(const nk_trainer *tr, size_t *sentences, size_t *words);
/*
** Run epochs over the sentences (shuffled with seed, the same order for the same seed), then
** average. Two passes: the second is taught on the first pass's tags of the training text as it
** would see them on new text (the sentences cut into 4 parts, each tagged by a first pass
** trained on the other three), then the first pass is trained on everything: 6 trainings of
** `runs` runs. progress (may be NULL) is called after each epoch (numbered across all of them)
** with the number of words misread in it. Writes the model file's bytes to out.
*/
nk_status nk_trainer_run(nk_trainer *tr, int epochs, uint64_t seed,
                         void (*progress)(void *ud, int epoch, size_t errors, size_t words),
                         void *ud, nk_buf *out, nk_error *err);

#endif
