/*
** nk_normalize.h
** Arabic normalization driven by a profile of independent switches, with an
** offset map from every normalized byte back to the original bytes.
** The exact code points of every switch are listed in docs/normalization.md.
**
** Conceptually each character goes through two steps:
**   1. Unicode normalization per `unicode` (none, NFC or NFKC; with `forms`
**      the Arabic presentation forms U+FB50..U+FDFF and U+FE70..U+FEFF get
**      NFKC even under none/NFC). `words` expands U+FDFC/U+FDFD first.
**   2. the folding switches, each owning a disjoint set of code points.
** Ordinary Arabic text never reaches ICU: a table-driven loop handles it, and
** only code points that need composition, decomposition, reordering or full
** case folding go through ICU (unorm2, u_strFoldCase).
**
** Ownership: profiles are plain structs (stack-allocate, then override
** fields); an nk_normalizer is created with nk_normalizer_new and released
** with nk_normalizer_free; an nk_offmap is initialised with nk_offmap_init and
** released with nk_offmap_free. Output always goes into a caller-owned nk_buf.
** Other modules (the gazetteer matcher, the Lua binding) rely on these names.
*/
#ifndef NK_NORMALIZE_H
#define NK_NORMALIZE_H

#include "nk_base.h"

/* Values of the enumerated switches. Boolean switches are int 0/1. */
enum { NK_UNI_NONE = 0, NK_UNI_NFC, NK_UNI_NFKC };
enum { NK_DIAC_KEEP = 0, NK_DIAC_STRIP, NK_DIAC_KEEP_SHADDA };
enum { NK_ALEF_KEEP = 0, NK_ALEF_BASIC, NK_ALEF_ALL };
enum { NK_INVALID_REPLACE = 0, NK_INVALID_ERROR };

/* The profile: independent switches (see docs/normalization.md). */
typedef struct nk_norm_profile {
    int unicode; /* NK_UNI_*: Unicode normalization form applied first */
    int forms;   /* NFKC for presentation forms U+FB50..U+FDFF, U+FE70..U+FEFF */
    int words; /* U+FDFC -> ريال, U+FDFD -> بسم الله الرحمن الرحيم (as CAMeL Tools) */
    int diacritics; /* NK_DIAC_*: U+064B..U+0652, U+0670 */
    int marks;      /* strip Quranic/honorific marks U+0610..U+061A, U+0656..U+065E, U+06D6..U+06ED,
                       U+0898..U+089F, U+08CA..U+08FF */
    int tatweel;    /* strip U+0640 */
    int alef;       /* NK_ALEF_*: basic = أ إ آ ٱ -> ا; all = also U+0672 U+0673 U+0675 */
    int maqsura;    /* ى U+0649 -> ي U+064A */
    int marbuta;    /* ة U+0629 -> ه U+0647 */
    int hamza;      /* ؤ -> و, ئ -> ي; combining hamza U+0654 U+0655 U+065F removed */
    int digits;     /* ٠-٩ ۰-۹ -> 0-9, ٫ -> '.', ٬ -> ',', ٪ -> '%' */
    int persian;    /* ک ڪ گ -> ك, ی ے -> ي, ۓ -> ئ, ھ ۀ ہ ۂ -> ه, ۃ -> ة */
    int controls;   /* strip bidi and zero-width controls */
    int whitespace; /* NBSP and other spaces -> U+0020; U+0085 U+2028 U+2029 -> U+000A */
    int quotes;     /* « » “ ” „ ‟ -> '"', ‘ ’ ‚ ‛ ‹ › -> '\'' */
    int punct;      /* ، -> ',', ؛ -> ';', ؟ -> '?', ۔ -> '.' */
    int casefold;   /* Unicode full case folding (ASCII inline, the rest from ICU data) */
    int invalid;    /* NK_INVALID_*: invalid UTF-8 -> U+FFFD, or an error */
} nk_norm_profile;

/*
** Fill *p with a named profile: "search", "display", "camel" or "none".
** Returns NK_OK or NK_EINVAL for an unknown name (then *p is untouched).
*/
nk_status nk_norm_profile_named(nk_norm_profile *p, const char *name);

/* The profile names, NULL-terminated. */
const char *const *nk_norm_profile_names(void);

/* One switch, for bindings and docs: its name, its allowed values (NULL-terminated;
** NULL for a boolean switch), the field's offset in nk_norm_profile and a one-line doc. */
typedef struct {
    const char *name;
    const char *const *values;
    size_t offset;
    const char *doc;
} nk_norm_switch;

/* The switches, in documentation order; *count receives their number. */
const nk_norm_switch *nk_norm_switches(size_t *count);

/*
** Set switch `name` of *p from a string: "true"/"false" (also "1"/"0") for a
** boolean switch, one of its values for an enumerated one. NK_EINVAL (with a
** message in err) for an unknown switch or value.
*/
nk_status nk_norm_profile_set(nk_norm_profile *p, const char *name, const char *value,
                              nk_error *err);

/* The current value of switch `name` as a static string ("true", "nfkc", ...), or NULL. */
const char *nk_norm_profile_get(const nk_norm_profile *p, const char *name);

/*
** The offset map. Output is cut into units; inside a unit every output byte
** maps to the whole input range of the unit (an expansion such as ﷲ -> الله
** is one unit); between units output and input advance byte for byte. Deleted
** characters belong to the unit of the preceding output character (leading
** ones to the first). Units of the same shape that follow each other are
** stored as one run, so memory grows with the number of edits, not the text.
*/
typedef struct {
    uint64_t o, i;          /* first output and input byte of the run */
    uint32_t n, olen, ilen; /* n units of olen output bytes <- ilen input bytes */
} nk_offmap_run;

typedef struct nk_offmap {
    nk_offmap_run *v;
    size_t n, cap;
    size_t olen, ilen; /* normalized and original lengths covered so far */
    const nk_alloc *alloc;
} nk_offmap;

void nk_offmap_init(nk_offmap *m, const nk_alloc *a);
void nk_offmap_free(nk_offmap *m); /* releases the runs; m can be reused after nk_offmap_init */
void nk_offmap_clear(nk_offmap *m);

/*
** Map a normalized span [nstart, nend) back to the original. Out-of-range
** values are clamped. The result always lies inside [0, m->ilen) and covers
** every original byte that produced the span (plus deletions attached to it).
*/
nk_span nk_offmap_orig(const nk_offmap *m, size_t nstart, size_t nend);

/* The same, for many spans in text order: *hint (start with 0) keeps the run of
** the previous lookup, so each lookup usually checks the next run or two
** instead of searching the whole map. Same results as nk_offmap_orig. */
nk_span nk_offmap_orig_hint(const nk_offmap *m, size_t *hint, size_t nstart, size_t nend);

/* Bytes of memory the map holds (for the bench and the docs). */
size_t nk_offmap_bytes(const nk_offmap *m);

/*
** A compiled normalizer: a profile turned into lookup tables, ICU handles
** and scratch buffers. Create once, use for many texts (not from two threads).
** a may be NULL (malloc). Returns NULL with err filled on a bad profile or no memory.
*/
typedef struct nk_normalizer nk_normalizer;

nk_normalizer *nk_normalizer_new(const nk_norm_profile *p, const nk_alloc *a, nk_error *err);
void nk_normalizer_free(nk_normalizer *n);

/*
** Normalize one whole buffer: appends to out; when map is not NULL it is
** cleared and receives the offset map (offsets relative to the start of this
** call's output). Memory: O(output) for out plus O(edits) for the map.
*/
nk_status nk_normalizer_run(nk_normalizer *n, const char *src, size_t len, nk_buf *out,
                            nk_offmap *map, nk_error *err);

/*
** Streaming: feed chunks cut anywhere (even inside a UTF-8 sequence), then
** finish. Output for everything up to a safe boundary is appended to out at
** each call; the normalizer keeps only a short tail (a partial word) between
** calls, so memory does not grow with the input when map is NULL. A map, when
** given, must be the same for all calls of one stream. Offsets (map, errors)
** count from the first byte fed since the last finish/reset. After an error
** (invalid UTF-8 under NK_INVALID_ERROR, no memory) call nk_normalizer_reset
** before the next stream. Tables are built on first use of a long input (or
** once 64 KB went through), so short calls on a fresh normalizer stay cheap.
*/
nk_status nk_normalizer_feed(nk_normalizer *n, const char *src, size_t len, nk_buf *out,
                             nk_offmap *map, nk_error *err);
nk_status nk_normalizer_finish(nk_normalizer *n, nk_buf *out, nk_offmap *map, nk_error *err);
void nk_normalizer_reset(nk_normalizer *n);

/*
** One-shot: normalize src[0..len) with profile p, appending to out
** (caller-owned; allocations use out->alloc). When map is not NULL it must be
** initialised (nk_offmap_init) and receives the offset map, relative to the
** start of the appended text (free with nk_offmap_free). Invalid UTF-8 is
** replaced by U+FFFD or is an error, per the profile; on error err->offset
** is the first bad byte and out keeps its previous length.
*/
nk_status nk_normalize(const nk_norm_profile *p, const char *src, size_t len, nk_buf *out,
                       nk_offmap *map, nk_error *err);

/*
** Key profiles: the folds that turn one word (or a short string) into the key
** it is compared by. Each is a named row of data in core/nk_norm_profile.c:
** code point ranges that are dropped, mapped to one code point, or shifted
** (A-Z -> a-z, Arabic-Indic digits -> 0-9). Unlike nk_norm_profile they need
** no Unicode composition and no offset map, so they are applied in place,
** code point by code point, with nothing allocated. Who uses which profile is
** in docs/normalization.md ("One text key").
**   entity      the entity rules' word key (nk_words_key, naskh.key, the
**               word lists of naskh.entities)
**   entity_raw  the entity rules' raw letters (nk_words_raw)
**   extract     the extraction stages' matching key (nk_words_fold, nk_clean,
**               naskh.fold, naskh.text.artext)
**   stem        step 1 of the light stemmer (nk_stem, so nk_sim's terms)
**   variant     the letters of the gazetteer's spelling-variant key
**               (nk_gz_variant; part of the compiled image's key fingerprint)
**   digits      Arabic-Indic and Persian digits -> 0-9 (after the stem, the
**               similarity term key: nk_sim_key)
*/
enum {
    NK_KEY_ENTITY = 0,
    NK_KEY_ENTITY_RAW,
    NK_KEY_EXTRACT,
    NK_KEY_STEM,
    NK_KEY_VARIANT,
    NK_KEY_DIGITS
};
enum { NK_KEYOP_DROP = 0, NK_KEYOP_MAP, NK_KEYOP_SHIFT };

/* One rule: the code points lo..hi are dropped, mapped to `to`, or shifted to
** to + (cp - lo). */
typedef struct {
    uint32_t lo, hi, to;
    int op; /* NK_KEYOP_* */
} nk_key_rule;

typedef struct {
    const char *name;
    const char *doc;
    const nk_key_rule *rule; /* sorted by lo, not overlapping */
    size_t nrules;
} nk_key_profile;

#define NK_KEY_DROPPED 0xFFFFFFFFu

/* A built-in key profile by id (NK_KEY_*), or by name; NULL when unknown. */
const nk_key_profile *nk_key_profile_get(int id);
const nk_key_profile *nk_key_profile_named(const char *name);
/* The key profile names, NULL-terminated. */
const char *const *nk_key_profile_names(void);

/* What profile k makes of code point cp: a code point, or NK_KEY_DROPPED. */
uint32_t nk_key_cp(const nk_key_profile *k, uint32_t cp);

/*
** The key of w[0..n) under profile k into out (room for n bytes; out may be
** w itself: a key is never longer than its input; a rule whose target would be longer than the
** source leaves it as it is). Bytes that are not valid UTF-8 are copied as
** they are. Returns the key's length.
*/
size_t nk_key(const nk_key_profile *k, const char *w, size_t n, char *out);

#endif
