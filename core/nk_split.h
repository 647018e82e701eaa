/*
** nk_split.h
** Sentence and paragraph splitting for Arabic (and mixed Latin) news text.
**
** A hand-written byte scanner: it looks only at the bytes that can start a
** terminator or a line end and decodes code points around them, so it runs
** at memory speed and never allocates beyond the caller's growing span array.
** Rules (docs/splitting.md has the full list with examples):
**   - a sentence ends after . ! ? ؟ ۔ … (and runs of them) followed by white
**     space or the end of the text, with any closing quotes and brackets that
**     follow the terminator kept in the sentence;
**   - never on ، or ؛ (NK_SPLIT_SEMICOLON allows ؛ and ;);
**   - a period glued to what follows (3.5, 10.30, 21.11.2017, www.x.com,
**     a@b.org) never ends a sentence, except between two Arabic words
**     (a missing space: "الأسد.وقال");
**   - abbreviations (a built-in Arabic and English list, extensible),
**     initials (a single letter before the period) and list numbers ("1.")
**     do not end a sentence; an abbreviation after a number (2017 م.) may;
**   - an ellipsis that marks an omission ("(...)", " ... ") or is followed by
**     a connective (فيما، بينما، الذي …) or a lower-case Latin word does not
**     end a sentence; other ellipses do;
**   - a line end ends a sentence (headlines, captions and datelines have no
**     final punctuation), except a soft line end in a hard-wrapped
**     paragraph (the layout pass: lines of similar width, at most
**     NK_WRAP_MAX_WIDTH code points, the line long and not before a list
**     item), which is a space; NK_SPLIT_JOIN_LINES makes every single line
**     end a space, NK_SPLIT_KEEP_LINES every one a sentence end;
**   - a blank line ends a paragraph.
** Spans are trimmed of white space; empty sentences are never returned.
*/
#ifndef NK_SPLIT_H
#define NK_SPLIT_H

#include "nk_base.h"

/* ---- Span arrays ------------------------------------------------------- */

/* A growable array of spans; allocation through alloc (NULL = default). */
typedef struct {
    nk_span *v;
    size_t n, cap;
    const nk_alloc *alloc;
} nk_spanvec;

void nk_spanvec_init(nk_spanvec *sv, const nk_alloc *a);
void nk_spanvec_free(nk_spanvec *sv);
nk_status nk_spanvec_push(nk_spanvec *sv, nk_span sp);

/* ---- Abbreviations ----------------------------------------------------- */

/* How an abbreviation behaves before a period followed by white space. */
enum {
    NK_ABBR_NONE = 0,  /* not an abbreviation */
    NK_ABBR_TITLE = 1, /* never ends a sentence: د. أ.د. ص.ب. Dr. */
    NK_ABBR_FINAL = 2  /* may end a sentence: إلخ. هـ. ق.م. etc. */
};

/*
** A set of extra abbreviations (on top of the built-in list). Words are
** given without their final period ("د", "ص.ب", "Prof"); an entry here
** overrides the built-in kind of the same word.
*/
typedef struct nk_abbrevs nk_abbrevs;

nk_abbrevs *nk_abbrevs_new(const nk_alloc *a);
void nk_abbrevs_free(nk_abbrevs *ab);
/* Add word (a trailing "." is ignored) with kind NK_ABBR_TITLE or
 * NK_ABBR_FINAL. */
nk_status nk_abbrevs_add(nk_abbrevs *ab, const char *word, size_t len, int kind);
/* The kind of word in ab (may be NULL) or else the built-in list; NK_ABBR_NONE
 * if absent. */
int nk_abbrevs_find(const nk_abbrevs *ab, const char *word, size_t len);
/* The built-in list: entry i (i < nk_abbrevs_builtin_count()); returns the
 * word, *kind set. */
size_t nk_abbrevs_builtin_count(void);
/* The kind of word in the built-in list alone. */
int nk_abbrevs_builtin_find(const char *word, size_t len);
/* No abbreviation (built-in or added) is longer than this many bytes. */
#define NK_ABBR_MAXLEN 64
const char *nk_abbrevs_builtin(size_t i, int *kind);

/* ---- Sentences and paragraphs ----------------------------------------- */

#define NK_SPLIT_SEMICOLON 0x1u /* ؛ and ; followed by white space end a sentence */
#define NK_SPLIT_JOIN_LINES                                                                        \
    0x2u                              /* a single line end does not end a sentence                 \
                                       */
#define NK_SPLIT_LINE_PARAGRAPHS 0x4u /* every line is a paragraph (not only blank lines) */
#define NK_SPLIT_KEEP_LINES 0x8u      /* every line end ends a sentence (no hard-wrap detection) */

/* ---- Layout: hard-wrapped paragraphs ----------------------------------- */

/*
** A block (lines between blank lines) is hard-wrapped when its longest line
** has between NK_WRAP_MIN_WIDTH and NK_WRAP_MAX_WIDTH code points and at
** least two of its lines are full (NK_WRAP_RATIO percent of it), and a line
** of it ends with a full stop, ! or ? (or its last line with any terminator,
** an ellipsis too: running text does, a list of headlines does not); a line end
** inside it is soft (a space) when its line has at least NK_WRAP_RATIO percent
** of that width, does not end with ':', and the next line is no list item
** (- * • · – — or a number followed by . ) -) and is full too or ends with a
** terminator (a short line without one is a credit, caption or heading). Headlines, captions, the
*last
** line of a paragraph and lists keep their line ends.
*/
#define NK_WRAP_MIN_WIDTH 30
#define NK_WRAP_MAX_WIDTH 120
#define NK_WRAP_RATIO 60

/* A cache of the block last measured (so a text is measured once). */
typedef struct {
    size_t start, end; /* the block's bytes: [start, end) */
    size_t maxw;       /* its longest line, in code points */
    size_t full;       /* its lines of at least NK_WRAP_RATIO % of maxw */
    int ends;          /* one of its lines ends with a terminator */
} nk_wrapblock;

/*
** Is the line end at byte nl (a '\n' or '\r' of s) soft? blk (may be NULL)
** caches the block around nl between calls; zero it before the first call.
*/
int nk_line_end_soft(const char *s, size_t len, size_t nl, nk_wrapblock *blk);

/*
** Logical lines: the runs of non-blank lines joined through soft line ends,
** so a hard-wrapped paragraph is one logical line and a headline, a caption,
** a dateline or a list item is one of its own. This is the one hard-wrap
** decision of the library: the sentence splitter and every line reader (the
** quotes stage) use it. flags: NK_SPLIT_JOIN_LINES joins every single line
** end (a blank line still separates), NK_SPLIT_KEEP_LINES none (every line
** is a logical line); neither: nk_line_end_soft decides. Spans are trimmed of
** white space; blank lines make none. No allocation.
*/
typedef struct {
    const char *s;
    size_t len, pos;
    unsigned flags;
    nk_wrapblock wrap;
} nk_linesplitter;

void nk_linesplitter_init(nk_linesplitter *ls, const char *s, size_t len, unsigned flags);
/* Store the next logical line in *out and return 1, or return 0 at the end. */
int nk_linesplitter_next(nk_linesplitter *ls, nk_span *out);
/* All logical lines of s appended to out. */
nk_status nk_logical_lines(const char *s, size_t len, unsigned flags, nk_spanvec *out);

typedef struct {
    unsigned flags;            /* NK_SPLIT_* */
    const nk_abbrevs *abbrevs; /* extra abbreviations, or NULL */
} nk_split_opts;

/*
** An incremental splitter over one buffer: no allocation at all. The input
** need not be valid UTF-8 (invalid bytes are ordinary characters).
*/
typedef struct {
    const char *s;
    size_t len, pos;
    nk_split_opts opts;
    nk_wrapblock wrap; /* the layout pass's cache */
} nk_splitter;

/* o may be NULL (defaults). */
void nk_splitter_init(nk_splitter *sp, const char *s, size_t len, const nk_split_opts *o);
/* Store the next sentence in *out and return 1, or return 0 at the end. */
int nk_splitter_next(nk_splitter *sp, nk_span *out);

/* All sentences of s appended to out (which the caller initialised). */
nk_status nk_sentences(const char *s, size_t len, const nk_split_opts *o, nk_spanvec *out);

/*
** All paragraphs of s appended to out: text between blank lines (or U+2029),
** trimmed; with NK_SPLIT_LINE_PARAGRAPHS every non-blank line.
*/
nk_status nk_paragraphs(const char *s, size_t len, unsigned flags, nk_spanvec *out);

/* The same, incrementally and without allocation. */
typedef struct {
    const char *s;
    size_t len, pos;
    unsigned flags;
} nk_parasplitter;

void nk_parasplitter_init(nk_parasplitter *pp, const char *s, size_t len, unsigned flags);
int nk_parasplitter_next(nk_parasplitter *pp, nk_span *out);

#endif
