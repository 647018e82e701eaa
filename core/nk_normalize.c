/*
** nk_normalize.c
** The normalizer: a table-driven loop over UTF-8 that folds each code point
** by the profile's switches, falls back to ICU only for the code points that
** need composition, decomposition, reordering or full case folding, and
** records an offset map of the edits. Streaming via feed/finish.
*/
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nk_norm_tab.h"
#include "nk_normalize.h"
#include "nk_utf8.h"

/* The identity scan: 16 bytes at a time with SSSE3 where the CPU has it
** (chosen at run time; the scalar loop does the same work without it). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(NK_NO_SIMD)
#define NK_RUN16 1
#include <immintrin.h>
#endif

#if defined(__GNUC__)
#define NK_LIKELY(x) __builtin_expect(!!(x), 1)
#define NK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NK_INLINE static inline __attribute__((always_inline))
#else
#define NK_LIKELY(x) (x)
#define NK_UNLIKELY(x) (x)
#define NK_INLINE static inline
#endif

/* What a class does under the profile. */
enum { ACT_KEEP = 0, ACT_DEL, ACT_MAP, ACT_EXPAND, ACT_ICUFOLD };

/* How Unicode normalization treats a code point under the profile. */
enum { NF_INERT = 0, NF_MARK, NF_SIMPLE, NF_SLOW };

/* Entries of the per-normalizer table for U+0080..U+07FF (two-byte UTF-8). */
/* Entries of the per-normalizer table for U+0000..U+07FF (one- and two-byte UTF-8):
** bits 0-1 kind, bits 2-3 and 6 flags, bits 4-5 output length (0-2), bits 8-15 ccc
** (T_MARK), bits 16-31 the output bytes. */
enum { T_SLOW = 0, T_W = 1, T_MARK = 2 };
#define T_SETMARK 4u /* a boundary before this character */
#define T_AFTER 8u   /* and after it (whitespace): the mark goes after it */
#define T_MAPX 64u   /* not a 1:1 copy of one character: the map needs a unit */
/* the low byte of a plain two-byte character: written, a boundary, 2 bytes out */
#define T_PLAIN2 (T_W | T_SETMARK | (2u << 4))
/* the low byte of a space copied as it is */
#define T_SPACE1 (T_W | T_SETMARK | T_AFTER | (1u << 4))

#define TAB2_N 0x800
#define TAB2_MIN_INPUT 4096      /* shorter inputs use the generic path only ... */
#define TAB2_MIN_SEEN (1u << 16) /* ... until the normalizer has seen this much text */
#define SEG_MAX 4096             /* longest run (bytes) normalized by ICU as one segment */
#define CARRY_MAX (64u * 1024u)  /* longest tail kept between feeds */
#define FOLD_MAX 64              /* output bytes one code point can fold to */

struct nk_normalizer {
    nk_norm_profile p;
    const nk_alloc *alloc;
    const UNormalizer2 *nfc, *nfkc, *inst; /* inst: the profile's form (NULL for none) */
    unsigned char act[NK_CLS_COUNT];
    unsigned char ascii[128];
    uint32_t *tab2; /* lazily built */
#ifdef NK_RUN16
    /* which characters are copied as they are, as nibble tables for the scan
       (built with tab2): ASCII by high nibble 0-7, U+0600..U+067F by the
       continuation byte's nibbles after D8 (bits 0-3) or D9 (bits 4-7) */
    unsigned char id_alo[16], id_ahi[16], id_rlo[16], id_rh8[16], id_rh9[16];
    unsigned char id_flo[16]; /* U+0600..U+067F folded to another two-byte character */
    int run16;                /* the scan is usable */
#endif
    UChar *u1, *u2;
    int32_t u1cap, u2cap;
    /* streaming state */
    char *carry;
    size_t ncarry, capcarry;
    uint64_t in_total, out_total; /* bytes consumed and produced since the last reset */
    unsigned tail_len;            /* byte length of the last output character */
    uint64_t seen;                /* bytes normalized since creation (builds the table) */
};

/* The words expanded by the `words` switch (as CAMeL Tools' normalize_unicode). */
static const uint32_t WORD_FDFC[] = {0x0631, 0x064A, 0x0627, 0x0644, 0};
static const uint32_t WORD_FDFD[] = {0x0628, 0x0633, 0x0645, 0x0020, 0x0627, 0x0644, 0x0644, 0x0647,
                                     0x0020, 0x0627, 0x0644, 0x0631, 0x062D, 0x0645, 0x0646, 0x0020,
                                     0x0627, 0x0644, 0x0631, 0x062D, 0x064A, 0x0645, 0};

/* ------------------------------------------------------------------ */
/* Classification                                                      */
/* ------------------------------------------------------------------ */

typedef struct {
    int nf;          /* NF_* */
    unsigned ccc;    /* for NF_MARK */
    uint32_t target; /* for NF_SIMPLE */
    int bb;          /* boundary before under the profile's form */
} nf_info;

static void classify(const nk_normalizer *n, uint32_t cp, nf_info *r)
{
    r->ccc = 0;
    r->target = 0;
    r->bb = 1;
    r->nf = NF_INERT;
    if (cp < 0x80)
        return;
    if (cp <= 0xFFFF) {
        uint64_t e = nk_norm_tab(cp);
        unsigned fl = NK_TE_FLAGS(e), qc;
        int pres = (fl & NK_TF_PRES) != 0 && n->p.forms;
        int use_k = n->p.unicode == NK_UNI_NFKC || pres;
        if (n->p.unicode == NK_UNI_NONE && !pres)
            return;
        if (n->p.unicode == NK_UNI_NONE && NK_TE_CCC(e) != 0)
            return; /* presentation forms alone: no reordering */
        if (n->p.words && NK_TE_CLS(e) == NK_CLS_WORDLIG)
            return; /* expanded by the fold step, before any NFKC */
        qc = use_k ? NK_TF_NFKC_QC(fl) : NK_TF_NFC_QC(fl);
        r->bb = (fl & (use_k ? NK_TF_BB_NFKC : NK_TF_BB_NFC)) != 0;
        r->ccc = NK_TE_CCC(e);
        if (qc == 0) {
            if (r->ccc == 0)
                r->nf = r->bb ? NF_INERT : NF_SLOW;
            else
                r->nf = NF_MARK;
            return;
        }
        if (qc == 2 && use_k && NK_TE_NFK(e) != 0 && r->bb) {
            r->nf = NF_SIMPLE;
            r->target = NK_TE_NFK(e);
            return;
        }
        r->nf = NF_SLOW;
        return;
    }
    if (n->p.unicode == NK_UNI_NONE)
        return;
    {
        UProperty prop =
            n->p.unicode == NK_UNI_NFKC ? UCHAR_NFKC_QUICK_CHECK : UCHAR_NFC_QUICK_CHECK;
        int32_t qc = u_getIntPropertyValue((UChar32)cp, prop);
        r->ccc = u_getCombiningClass((UChar32)cp);
        r->bb = unorm2_hasBoundaryBefore(n->inst, (UChar32)cp) != 0;
        if (qc == UNORM_YES)
            r->nf = r->ccc == 0 ? (r->bb ? NF_INERT : NF_SLOW) : NF_MARK;
        else
            r->nf = NF_SLOW;
    }
}

/* Boundary before cp under the profile's form (used to delimit ICU segments). */
static int boundary_before(const nk_normalizer *n, uint32_t cp)
{
    nf_info r;
    classify(n, cp, &r);
    return r.bb && r.ccc == 0;
}

/* ------------------------------------------------------------------ */
/* Folding: step 2, applied to each code point after step 1           */
/* ------------------------------------------------------------------ */

static unsigned cls_of(const nk_normalizer *n, uint32_t cp, uint32_t *fold)
{
    if (cp <= 0xFFFF) {
        uint64_t e = nk_norm_tab(cp);
        *fold = NK_TE_FOLD(e);
        return NK_TE_CLS(e);
    }
    *fold = 0;
    if (n->p.casefold && u_hasBinaryProperty((UChar32)cp, UCHAR_CHANGES_WHEN_CASEFOLDED))
        return NK_CLS_CASEX;
    return NK_CLS_NONE;
}

/* Write the folded form of cp to o (room for FOLD_MAX bytes); returns the byte count. */
static size_t emit_fold(const nk_normalizer *n, uint32_t cp, char *o, int depth)
{
    int steps;
    for (steps = 0; steps < 8; steps++) {
        uint32_t fold;
        unsigned cls;
        if (cp < 0x80) {
            *o = (char)n->ascii[cp];
            return 1;
        }
        cls = cls_of(n, cp, &fold);
        switch (n->act[cls]) {
        case ACT_DEL:
            return 0;
        case ACT_MAP:
            cp = fold;
            continue;
        case ACT_EXPAND: {
            const uint32_t *w = cp == 0xFDFC ? WORD_FDFC : WORD_FDFD;
            size_t k = 0;
            if (depth > 0)
                break;
            for (; *w; w++)
                k += emit_fold(n, *w, o + k, depth + 1);
            return k;
        }
        case ACT_ICUFOLD: {
            UChar in[2], out[8];
            UErrorCode e = U_ZERO_ERROR;
            int32_t m = 0, len, j = 0;
            size_t k = 0;
            U16_APPEND_UNSAFE(in, m, cp);
            len = u_strFoldCase(out, 8, in, m, U_FOLD_CASE_DEFAULT, &e);
            if (U_FAILURE(e))
                break;
            while (j < len) {
                UChar32 c;
                U16_NEXT(out, j, len, c);
                k += nk_utf8_encode((uint32_t)c, o + k);
            }
            return k;
        }
        default:
            break;
        }
        break;
    }
    return nk_utf8_encode(cp, o);
}

/* Length of the UTF-8 sequence a lead byte starts (1 for anything odd). */
static size_t seqlen(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* ------------------------------------------------------------------ */
/* One pass over a buffer (the map's lookups are in nk_norm_map.c)     */
/* ------------------------------------------------------------------ */

typedef struct {
    nk_normalizer *n;
    const unsigned char *s;
    size_t len;
    uint64_t ibase; /* global input offset of s[0] */
    nk_buf *out;
    uint64_t obase; /* global output offset of out->data[0] */
    size_t ostart;  /* out->len when the pass started */
    nk_offmap *map;
    /* the last safe boundary: where a retraction restarts */
    size_t mark_in, mark_out, mark_nruns;
    int mark_saved;
    nk_offmap_run saved;
    unsigned prevccc;
    size_t bad; /* first invalid byte (local) */
    nk_status st;
} pass;

static int map_grow(pass *P)
{
    nk_offmap *m = P->map;
    size_t ncap = m->cap ? m->cap * 2 : 64;
    nk_offmap_run *v;
    if (ncap > (size_t)-1 / sizeof *v)
        return 0;
    v = nk_realloc(m->alloc, m->v, m->cap * sizeof *v, ncap * sizeof *v);
    if (v == NULL)
        return 0;
    m->v = v;
    m->cap = ncap;
    return 1;
}

/* Before changing the last run, keep a copy if it predates the mark. */
static void touch_last(pass *P)
{
    if (P->map->n == P->mark_nruns && !P->mark_saved && P->map->n > 0) {
        P->saved = P->map->v[P->map->n - 1];
        P->mark_saved = 1;
    }
}

static void push_run(pass *P, uint64_t o, uint64_t i, uint64_t olen, uint64_t ilen)
{
    nk_offmap *m = P->map;
    if (olen > UINT32_MAX || ilen > UINT32_MAX) {
        P->st = NK_ERANGE;
        return;
    }
    if (m->n > 0) {
        nk_offmap_run *r = &m->v[m->n - 1];
        if (r->olen == olen && r->ilen == ilen && r->olen > 0 && r->n < UINT32_MAX &&
            r->o + (uint64_t)r->n * r->olen == o && r->i + (uint64_t)r->n * r->ilen == i) {
            touch_last(P);
            r->n++;
            return;
        }
    }
    if (m->n == m->cap && !map_grow(P)) {
        P->st = NK_ENOMEM;
        return;
    }
    m->v[m->n].o = o;
    m->v[m->n].i = i;
    m->v[m->n].n = 1;
    m->v[m->n].olen = (uint32_t)olen;
    m->v[m->n].ilen = (uint32_t)ilen;
    m->n++;
}

/* Output [o0, o1) came from input [i0, i1) as one unit (local offsets). */
static void map_unit(pass *P, size_t o0, size_t o1, size_t i0, size_t i1)
{
    push_run(P, P->obase + o0, P->ibase + i0, o1 - o0, i1 - i0);
}

/* Input [i0, i1) (local) was deleted; the output is ol bytes long now. */
static void map_del(pass *P, size_t ol, size_t i0, size_t i1)
{
    nk_offmap *m = P->map;
    uint64_t o = P->obase + ol, d = i1 - i0;
    nk_offmap_run *r = m->n ? &m->v[m->n - 1] : NULL;
    if (o == 0) {
        /* leading deletions: one run of zero output at 0 */
        if (r != NULL && r->o == 0 && r->olen == 0 && r->ilen + d <= UINT32_MAX) {
            touch_last(P);
            r->ilen += (uint32_t)d;
        } else {
            push_run(P, 0, P->ibase + i0, 0, d);
        }
        return;
    }
    if (r != NULL && r->olen > 0 && r->o + (uint64_t)r->n * r->olen == o) {
        /* the previous character is the last unit of run r: extend it */
        if (r->ilen + d > UINT32_MAX) {
            push_run(P, o, P->ibase + i0, 0, d);
            return;
        }
        touch_last(P);
        if (r->n > 1) {
            nk_offmap_run last = *r;
            r->n--;
            push_run(P, last.o + (uint64_t)r->n * last.olen, last.i + (uint64_t)r->n * last.ilen,
                     last.olen, last.ilen + d);
        } else {
            r->ilen += (uint32_t)d;
        }
        return;
    }
    {
        /* the previous character was copied 1:1: make it a unit with the deletion */
        uint64_t delta = 0, oc;
        size_t clen;
        if (r != NULL)
            delta = (r->i + (uint64_t)r->n * r->ilen) - (r->o + (uint64_t)r->n * r->olen);
        if (ol > P->ostart) {
            size_t k = ol - 1;
            while (k > P->ostart && ((unsigned char)P->out->data[k] & 0xC0) == 0x80)
                k--;
            clen = ol - k;
        } else {
            clen = P->n->tail_len ? P->n->tail_len : 1;
        }
        oc = o - clen;
        push_run(P, oc, oc + delta, clen, P->ibase + i1 - (oc + delta));
    }
}

#define SET_MARK(i_, ol_)                                                                          \
    do {                                                                                           \
        P->mark_in = (i_);                                                                         \
        P->mark_out = (ol_);                                                                       \
        P->prevccc = 0;                                                                            \
        if (with_map) {                                                                            \
            P->mark_nruns = P->map->n;                                                             \
            P->mark_saved = 0;                                                                     \
        }                                                                                          \
    } while (0)

static int ensure(pass *P, size_t ol, size_t extra)
{
    P->out->len = ol;
    if (nk_buf_reserve(P->out, extra) != NK_OK) {
        P->st = NK_ENOMEM;
        return 0;
    }
    return 1;
}

static int u1_reserve(nk_normalizer *n, UChar **buf, int32_t *cap, int32_t need)
{
    UChar *p;
    int32_t ncap;
    if (need <= *cap)
        return 1;
    ncap = need + need / 2 + 64;
    p = nk_realloc(n->alloc, *buf, (size_t)*cap * sizeof(UChar), (size_t)ncap * sizeof(UChar));
    if (p == NULL)
        return 0;
    *buf = p;
    *cap = ncap;
    return 1;
}

/* Append cp's UTF-16 to u1 at *k, with the pre-NFKC substitutions. */
static int seg_append(nk_normalizer *n, int32_t *k, uint32_t cp)
{
    if (!u1_reserve(n, &n->u1, &n->u1cap, *k + 40))
        return 0;
    if (cp <= 0xFFFF) {
        uint64_t e = nk_norm_tab(cp);
        if (n->p.words && NK_TE_CLS(e) == NK_CLS_WORDLIG) {
            const uint32_t *w = cp == 0xFDFC ? WORD_FDFC : WORD_FDFD;
            for (; *w; w++)
                n->u1[(*k)++] = (UChar)*w;
            return 1;
        }
        if (n->p.forms && n->p.unicode != NK_UNI_NFKC && (NK_TE_FLAGS(e) & NK_TF_PRES) &&
            NK_TF_NFKC_QC(NK_TE_FLAGS(e)) != 0) {
            UChar in[1];
            UErrorCode err = U_ZERO_ERROR;
            int32_t m;
            in[0] = (UChar)cp;
            m = unorm2_normalize(n->nfkc, in, 1, n->u1 + *k, 32, &err);
            if (U_SUCCESS(err)) {
                *k += m;
                return 1;
            }
        }
    }
    U16_APPEND_UNSAFE(n->u1, *k, (UChar32)cp);
    return 1;
}

/*
** The slow path: normalize s[i0..j) with ICU (and the pre-NFKC substitutions),
** where j extends past `from` to the next boundary, then fold and emit it as
** one unit. single: only the code point at i0 (presentation forms under
** unicode=none). Returns the input position after the segment.
*/
static size_t slow_segment(pass *P, size_t from, size_t *olp, int single, int with_map)
{
    nk_normalizer *n = P->n;
    const UNormalizer2 *inst = single ? n->nfkc : n->inst;
    size_t i0 = from, j, ol = *olp, o0;
    int32_t k1 = 0, k2, t;
    UErrorCode e = U_ZERO_ERROR;
    int first = 1;

    if (!single) {
        /* retract to the last boundary: output, and the map as it was there */
        i0 = P->mark_in;
        ol = P->mark_out;
        if (with_map) {
            P->map->n = P->mark_nruns;
            if (P->mark_saved)
                P->map->v[P->map->n - 1] = P->saved;
            P->mark_saved = 0;
        }
    }
    j = i0;
    o0 = ol;

    /* delimit the segment and convert it to UTF-16 */
    while (j < P->len) {
        uint32_t cp;
        int ok;
        size_t l = nk_utf8_decode((const char *)P->s, P->len, j, &cp, &ok);
        if (!ok)
            break;
        if (!first && j >= from && (single || j - i0 >= SEG_MAX || boundary_before(n, cp)))
            break;
        if (!seg_append(n, &k1, cp)) {
            P->st = NK_ENOMEM;
            return P->len;
        }
        first = 0;
        j += l;
    }
    for (;;) {
        e = U_ZERO_ERROR;
        k2 = unorm2_normalize(inst, n->u1, k1, n->u2, n->u2cap, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR) {
            if (!u1_reserve(n, &n->u2, &n->u2cap, k2 + 16)) {
                P->st = NK_ENOMEM;
                return P->len;
            }
            continue;
        }
        break;
    }
    if (U_FAILURE(e)) {
        P->st = e == U_MEMORY_ALLOCATION_ERROR ? NK_ENOMEM : NK_EINVAL;
        return P->len;
    }
    /* fold and emit: each UTF-16 unit folds to at most FOLD_MAX bytes */
    if (!ensure(P, ol, (size_t)k2 * FOLD_MAX + FOLD_MAX))
        return P->len;
    t = 0;
    while (t < k2) {
        UChar32 c;
        U16_NEXT(n->u2, t, k2, c);
        ol += emit_fold(n, (uint32_t)c, P->out->data + ol, 0);
    }
    if (with_map) {
        if (ol == o0)
            map_del(P, ol, i0, j);
        else if (ol - o0 != j - i0 || memcmp(P->out->data + o0, P->s + i0, j - i0) != 0)
            map_unit(P, o0, ol, i0, j);
    }
    *olp = ol;
    SET_MARK(j, ol);
    return j;
}

#ifdef NK_RUN16
/* cp (< U+0800) is written as it is, a boundary before it, in the fast loop. */
static int is_identity(const nk_normalizer *n, uint32_t cp)
{
    uint32_t a = n->tab2[cp];
    if (cp < 0x80)
        return (a & 0xFFu & ~T_AFTER) == (T_W | T_SETMARK | (1u << 4)) && ((a >> 16) & 0xFFu) == cp;
    return (a & 0xFFu) == T_PLAIN2 && ((a >> 16) & 0xFFu) == (0xC0u | (cp >> 6)) &&
           (a >> 24) == (0x80u | (cp & 0x3Fu));
}

/* The scan's nibble tables from tab2; the scan is used only where the CPU has SSSE3. */
static void build_run16(nk_normalizer *n)
{
    uint32_t cp;
    memset(n->id_alo, 0, sizeof n->id_alo);
    memset(n->id_ahi, 0, sizeof n->id_ahi);
    memset(n->id_rlo, 0, sizeof n->id_rlo);
    memset(n->id_flo, 0, sizeof n->id_flo);
    memset(n->id_rh8, 0, sizeof n->id_rh8);
    memset(n->id_rh9, 0, sizeof n->id_rh9);
    for (cp = 0; cp < 0x80; cp++)
        if (is_identity(n, cp))
            n->id_alo[cp & 15] |= (unsigned char)(1u << (cp >> 4));
    for (cp = 0; cp < 8; cp++)
        n->id_ahi[cp] = (unsigned char)(1u << cp);
    for (cp = 0x600; cp < 0x680; cp++)
        if (is_identity(n, cp))
            n->id_rlo[cp & 15] |= (unsigned char)(1u << ((cp - 0x600) >> 4));
        else if ((n->tab2[cp] & 0xFFu) == T_PLAIN2)
            n->id_flo[cp & 15] |= (unsigned char)(1u << ((cp - 0x600) >> 4));
    for (cp = 0; cp < 4; cp++) {
        n->id_rh8[8 + cp] = (unsigned char)(1u << cp);
        n->id_rh9[8 + cp] = (unsigned char)(1u << (cp + 4));
    }
    n->run16 = __builtin_cpu_supports("avx2") ? 2 : __builtin_cpu_supports("ssse3") ? 1 : 0;
}

/* Copy from s[i] (up to len) the run of characters that are copied as they are
** (ASCII, or U+0600..U+067F as D8/D9 and a continuation byte) or folded to
** another two-byte character (أ -> ا, ة -> ه under search), 16 bytes at a time,
** to ob at *olp (room for 16 more bytes than the input left); returns where
** the run ends, always between two characters: a lead byte is taken only with
** its continuation. The folded ones get their two bytes from the table. */
__attribute__((target("ssse3"))) static size_t run16_copy(const nk_normalizer *n,
                                                          const unsigned char *s, size_t i,
                                                          size_t len, char *ob, size_t *olp)
{
#define LOADT(t) _mm_loadu_si128((const __m128i *)(const void *)(t))
    const __m128i nib = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
    const __m128i d8 = _mm_set1_epi8((char)0xD8), d9 = _mm_set1_epi8((char)0xD9);
    const __m128i alo = LOADT(n->id_alo), ahi = LOADT(n->id_ahi), rlo = LOADT(n->id_rlo);
    const __m128i rh8 = LOADT(n->id_rh8), rh9 = LOADT(n->id_rh9), flo = LOADT(n->id_flo);
    const uint32_t *tab = n->tab2;
    size_t ol = *olp;
    while (i + 16 <= len) {
        const __m128i v = LOADT(s + i);
        const __m128i lo = _mm_and_si128(v, nib);
        const __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), nib);
        const __m128i prev = _mm_slli_si128(v, 1);
        __m128i asc, hb;
        unsigned ma, mc, mf, m, r;
        asc = _mm_and_si128(_mm_shuffle_epi8(alo, lo), _mm_shuffle_epi8(ahi, hi));
        hb = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(prev, d8), _mm_shuffle_epi8(rh8, hi)),
                          _mm_and_si128(_mm_cmpeq_epi8(prev, d9), _mm_shuffle_epi8(rh9, hi)));
        ma = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(asc, zero)) & 0xFFFFu;
        mc = ~(unsigned)_mm_movemask_epi8(
                 _mm_cmpeq_epi8(_mm_and_si128(_mm_shuffle_epi8(rlo, lo), hb), zero)) &
             0xFFFFu;
        mf = ~(unsigned)_mm_movemask_epi8(
                 _mm_cmpeq_epi8(_mm_and_si128(_mm_shuffle_epi8(flo, lo), hb), zero)) &
             0xFFFFu;
        mc |= mf;
        m = ma | mc | (mc >> 1); /* a lead byte is taken with its continuation */
        r = (unsigned)__builtin_ctz(~m);
        if (r == 0)
            break;
        _mm_storeu_si128((__m128i *)(void *)(ob + ol), v);
        for (mf &= (1u << r) - 1u; mf != 0; mf &= mf - 1u) {
            unsigned b = (unsigned)__builtin_ctz(mf); /* a folded letter's continuation */
            uint32_t e = tab[((s[i + b - 1] & 0x1Fu) << 6) | (s[i + b] & 0x3Fu)];
            ob[ol + b - 1] = (char)(e >> 16);
            ob[ol + b] = (char)(e >> 24);
        }
        ol += r; /* r < 16: a character the scan does not take, or one cut by the block */
        i += r;
    }
#undef LOADT
    *olp = ol;
    return i;
}

/* run16_copy 32 bytes at a time (AVX2: the nibble tables in both lanes); s[i - 1]
** is readable (i > 0) and gives each byte its predecessor. */
__attribute__((target("avx2"))) static size_t run32_copy(const nk_normalizer *n,
                                                         const unsigned char *s, size_t i,
                                                         size_t len, char *ob, size_t *olp)
{
#define LOADT(t) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(t)))
#define LOADS(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
    const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    const __m256i d8 = _mm256_set1_epi8((char)0xD8), d9 = _mm256_set1_epi8((char)0xD9);
    const __m256i alo = LOADT(n->id_alo), ahi = LOADT(n->id_ahi), rlo = LOADT(n->id_rlo);
    const __m256i rh8 = LOADT(n->id_rh8), rh9 = LOADT(n->id_rh9), flo = LOADT(n->id_flo);
    const uint32_t *tab = n->tab2;
    size_t ol = *olp;
    while (i + 32 <= len) {
        const __m256i v = LOADS(s + i), prev = LOADS(s + i - 1);
        const __m256i lo = _mm256_and_si256(v, nib);
        const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
        __m256i asc, hb;
        uint32_t ma, mc, mf, m;
        unsigned r;
        asc = _mm256_and_si256(_mm256_shuffle_epi8(alo, lo), _mm256_shuffle_epi8(ahi, hi));
        hb = _mm256_or_si256(
            _mm256_and_si256(_mm256_cmpeq_epi8(prev, d8), _mm256_shuffle_epi8(rh8, hi)),
            _mm256_and_si256(_mm256_cmpeq_epi8(prev, d9), _mm256_shuffle_epi8(rh9, hi)));
        ma = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(asc, zero));
        mc = ~(uint32_t)_mm256_movemask_epi8(
            _mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(rlo, lo), hb), zero));
        mf = ~(uint32_t)_mm256_movemask_epi8(
            _mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(flo, lo), hb), zero));
        /* the run starts between two characters: byte 0 is no continuation */
        mc &= ~1u;
        mf &= ~1u;
        mc |= mf;
        m = ma | mc | (mc >> 1); /* a lead byte is taken with its continuation */
        r = (unsigned)__builtin_ctzll(~(uint64_t)m);
        if (r == 0)
            break;
        _mm256_storeu_si256((__m256i *)(void *)(ob + ol), v);
        for (mf &= (uint32_t)((1ull << r) - 1u); mf != 0; mf &= mf - 1u) {
            unsigned b = (unsigned)__builtin_ctz(mf); /* a folded letter's continuation */
            uint32_t e = tab[((s[i + b - 1] & 0x1Fu) << 6) | (s[i + b] & 0x3Fu)];
            ob[ol + b - 1] = (char)(e >> 16);
            ob[ol + b] = (char)(e >> 24);
        }
        ol += r;
        i += r;
    }
#undef LOADT
#undef LOADS
    *olp = ol;
    return i;
}
#endif

/* Build the table for U+0000..U+07FF under this profile. */
static int build_tab2(nk_normalizer *n)
{
    uint32_t cp;
    if (n->tab2 != NULL)
        return 1;
    n->tab2 = nk_malloc(n->alloc, TAB2_N * sizeof *n->tab2);
    if (n->tab2 == NULL)
        return 0;
    for (cp = 0; cp < 0x800; cp++) {
        nf_info r;
        char buf[FOLD_MAX], orig[4];
        size_t k;
        uint32_t v = T_SLOW;
        classify(n, cp, &r);
        nk_utf8_encode(cp, orig);
        if (r.nf == NF_MARK) {
            k = emit_fold(n, cp, buf, 0);
            if (k == 0)
                v = T_W | T_MAPX; /* a deleted mark: no output, the mark stays */
            else if (k == 2 && memcmp(buf, orig, 2) == 0)
                v = T_MARK | (r.ccc << 8);
        } else if (r.nf == NF_INERT || r.nf == NF_SIMPLE) {
            size_t inlen = cp < 0x80 ? 1 : 2;
            k = emit_fold(n, r.nf == NF_SIMPLE ? r.target : cp, buf, 0);
            if (k <= 2) {
                v = T_W | T_SETMARK | (uint32_t)(k << 4);
                if (k > 0)
                    v |= (uint32_t)(unsigned char)buf[0] << 16;
                if (k > 1)
                    v |= (uint32_t)(unsigned char)buf[1] << 24;
                if (k != inlen || (k > 0 && seqlen((unsigned char)buf[0]) != k))
                    v |= T_MAPX;
                if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r')
                    v |= T_AFTER;
            }
        }
        n->tab2[cp] = v;
    }
#ifdef NK_RUN16
    build_run16(n);
#endif
    return 1;
}

/*
** One code point (or invalid sequence) at s[i] the table could not handle.
** Returns the next input position; *olp is the output length.
*/
static size_t generic(pass *P, size_t i, size_t *olp, int with_map)
{
    nk_normalizer *n = P->n;
    size_t ol = *olp, l, k;
    uint32_t cp;
    int ok;
    nf_info r;

    l = nk_utf8_decode((const char *)P->s, P->len, i, &cp, &ok);
    if (!ok) {
        if (n->p.invalid == NK_INVALID_ERROR) {
            P->st = NK_EUTF8;
            P->bad = i; /* reported by the caller */
            return P->len;
        }
        if (!ensure(P, ol, 3))
            return P->len;
        memcpy(P->out->data + ol, "\xEF\xBF\xBD", 3);
        ol += 3;
        if (with_map && l != 3)
            map_unit(P, ol - 3, ol, i, i + l);
        /* U+FFFD never combines: the next boundary is right after it */
        SET_MARK(i + l, ol);
        *olp = ol;
        return i + l;
    }
    classify(n, cp, &r);
    switch (r.nf) {
    case NF_MARK:
        if (r.ccc < P->prevccc)
            return slow_segment(P, i, olp, 0, with_map);
        break;
    case NF_SLOW:
        if (n->p.unicode == NK_UNI_NONE) {
            SET_MARK(i, ol);
            return slow_segment(P, i, olp, 1, with_map);
        }
        if (r.bb)
            SET_MARK(i, ol);
        return slow_segment(P, i, olp, 0, with_map);
    default:
        SET_MARK(i, ol);
        if (r.nf == NF_SIMPLE)
            cp = r.target;
        break;
    }
    if (!ensure(P, ol, FOLD_MAX))
        return P->len;
    k = emit_fold(n, cp, P->out->data + ol, 0);
    if (r.nf == NF_MARK && k > 0)
        P->prevccc = r.ccc;
    if (with_map) {
        if (k == 0)
            map_del(P, ol, i, i + l);
        else if (k != l || seqlen((unsigned char)P->out->data[ol]) != k)
            map_unit(P, ol, ol + k, i, i + l);
    }
    *olp = ol + k;
    return i + l;
}

/* The main loop; with_map is a compile-time constant in each instantiation.
** The mark (last boundary) and the previous combining class live in locals
** here and are handed to the slow paths through P. */
#define LMARK(i_, ol_)                                                                             \
    do {                                                                                           \
        mi = (i_);                                                                                 \
        mo = (ol_);                                                                                \
        pcc = 0;                                                                                   \
        if (with_map) {                                                                            \
            P->mark_nruns = P->map->n;                                                             \
            P->mark_saved = 0;                                                                     \
        }                                                                                          \
    } while (0)

/* Hand one character at s[i] to the generic path, keeping the locals in sync. */
#define GENERIC()                                                                                  \
    do {                                                                                           \
        size_t j_;                                                                                 \
        P->out->len = ol;                                                                          \
        P->mark_in = mi;                                                                           \
        P->mark_out = mo;                                                                          \
        P->prevccc = pcc;                                                                          \
        j_ = generic(P, i, &ol, with_map);                                                         \
        if (P->st != NK_OK)                                                                        \
            return P->st;                                                                          \
        mi = P->mark_in;                                                                           \
        mo = P->mark_out;                                                                          \
        pcc = P->prevccc;                                                                          \
        P->out->len = ol;                                                                          \
        i = j_ > i ? j_ : i + 1;                                                                   \
        /* the slow path may have moved the buffer; the fast path needs len - i more */            \
        if (nk_buf_reserve(P->out, (len - i) + 16) != NK_OK)                                       \
            return NK_ENOMEM;                                                                      \
        ob = P->out->data;                                                                         \
    } while (0)

NK_INLINE nk_status pass_run(pass *P, int with_map)
{
    nk_normalizer *n = P->n;
    const unsigned char *s = P->s;
    const uint32_t *tab = n->tab2;
    const unsigned char *amap = n->ascii;
#ifdef NK_RUN16
    const int run16 = n->run16;
#endif
    size_t len = P->len, i = 0, ol, mi, mo;
    unsigned pcc;
    char *ob;

    P->ostart = P->out->len;
    if (nk_buf_reserve(P->out, len + 16) != NK_OK)
        return NK_ENOMEM;
    ol = P->out->len;
    ob = P->out->data;
    LMARK(0, ol);
    if (tab == NULL) {
        /* short inputs: no table was built */
        while (i < len) {
            unsigned c = s[i];
            if (c < 0x80) {
                do {
                    ob[ol++] = (char)amap[c];
                    i++;
                } while (i < len && (c = s[i]) < 0x80);
                c = s[i - 1];
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
                    LMARK(i, ol);
                else
                    LMARK(i - 1, ol - 1);
                continue;
            }
            GENERIC();
        }
        P->out->len = ol;
        return P->st;
    }
    while (i < len) {
        /* the fast loop: ASCII and two-byte characters through one table, no
           unpredictable branches (it stops one byte before the end) */
        while (i + 1 < len) {
            unsigned c, c1, is2, cp, cp2;
            uint32_t a;
#ifdef NK_RUN16
            if (run16 && i + 16 <= len) {
                /* a run of characters copied as they are or folded in place */
                size_t i0 = i;
                if (run16 == 2 && i > 0 && i + 32 <= len)
                    i = run32_copy(n, s, i, len, ob, &ol);
                else
                    i = run16_copy(n, s, i, len, ob, &ol);
                if (i > i0) {
                    unsigned cl = s[i - 1];
                    if (cl >= 0x80)
                        LMARK(i - 2, ol - 2);
                    else if (tab[cl] & T_AFTER)
                        LMARK(i, ol);
                    else
                        LMARK(i - 1, ol - 1);
                    if (i + 1 >= len)
                        continue;
                }
            }
#endif
            c = s[i];
            c1 = s[i + 1];
            is2 = c >= 0x80;
            cp2 = ((c & 0x1Fu) << 6) | (c1 & 0x3Fu);
            /* four Arabic letters (U+0600..U+06FF) at once when all are plain copies */
            if (i + 8 <= len) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if ((w & 0xC0FCC0FCC0FCC0FCull) == 0x80D880D880D880D8ull) {
                    uint32_t a0 = tab[((w & 0x1F) << 6) | ((w >> 8) & 0x3F)];
                    uint32_t a1 = tab[((w >> 10) & 0x7C0) | ((w >> 24) & 0x3F)];
                    uint32_t a2 = tab[((w >> 26) & 0x7C0) | ((w >> 40) & 0x3F)];
                    uint32_t a3 = tab[((w >> 42) & 0x7C0) | ((w >> 56) & 0x3F)];
                    if (((a0 & 0xFFu) == T_PLAIN2) & ((a1 & 0xFFu) == T_PLAIN2) &
                        ((a2 & 0xFFu) == T_PLAIN2) & ((a3 & 0xFFu) == T_PLAIN2)) {
                        uint64_t o = (uint64_t)(a0 >> 16) | ((uint64_t)(a1 >> 16) << 16) |
                                     ((uint64_t)(a2 >> 16) << 32) | ((uint64_t)(a3 >> 16) << 48);
                        memcpy(ob + ol, &o, 8);
                        mi = i + 6;
                        mo = ol + 6;
                        pcc = 0;
                        if (with_map) {
                            P->mark_nruns = P->map->n;
                            P->mark_saved = 0;
                        }
                        ol += 8;
                        i += 8;
                        continue;
                    }
                }
                if ((w & 0x00C0FCC0FCC0FCFFull) == 0x0080D880D880D820ull &&
                    (tab[' '] & 0xFFu) == T_SPACE1) {
                    /* a space and three letters */
                    uint32_t a1 = tab[((w >> 2) & 0x7C0) | ((w >> 16) & 0x3F)];
                    uint32_t a2 = tab[((w >> 18) & 0x7C0) | ((w >> 32) & 0x3F)];
                    uint32_t a3 = tab[((w >> 34) & 0x7C0) | ((w >> 48) & 0x3F)];
                    if (((a1 & 0xFFu) == T_PLAIN2) & ((a2 & 0xFFu) == T_PLAIN2) &
                        ((a3 & 0xFFu) == T_PLAIN2)) {
                        uint64_t o = (uint64_t)' ' | ((uint64_t)(a1 >> 16) << 8) |
                                     ((uint64_t)(a2 >> 16) << 24) | ((uint64_t)(a3 >> 16) << 40);
                        memcpy(ob + ol, &o, 8);
                        mi = i + 5;
                        mo = ol + 5;
                        pcc = 0;
                        if (with_map) {
                            P->mark_nruns = P->map->n;
                            P->mark_saved = 0;
                        }
                        ol += 7;
                        i += 7;
                        continue;
                    }
                }
                if ((w & 0xC0FCC0FCull) == 0x80D880D8ull) { /* two letters */
                    uint32_t a0 = tab[((w & 0x1F) << 6) | ((w >> 8) & 0x3F)];
                    uint32_t a1 = tab[((w >> 10) & 0x7C0) | ((w >> 24) & 0x3F)];
                    if (((a0 & 0xFFu) == T_PLAIN2) & ((a1 & 0xFFu) == T_PLAIN2)) {
                        uint32_t o = (a0 >> 16) | ((a1 >> 16) << 16);
                        memcpy(ob + ol, &o, 4);
                        mi = i + 2;
                        mo = ol + 2;
                        pcc = 0;
                        if (with_map) {
                            P->mark_nruns = P->map->n;
                            P->mark_saved = 0;
                        }
                        ol += 4;
                        i += 4;
                        continue;
                    }
                }
            }
            if (NK_UNLIKELY(is2 & ((c - 0xC2u > 0x1Du) | ((c1 & 0xC0u) != 0x80u))))
                break;
            cp = is2 ? cp2 : c;
            a = tab[cp];
            if (NK_UNLIKELY((a & 3u) != T_W))
                break;
            if (with_map && NK_UNLIKELY(a & T_MAPX)) {
                unsigned k = (a >> 4) & 3u;
                if (a & T_SETMARK)
                    LMARK(i, ol);
                if (k == 0) {
                    map_del(P, ol, i, i + 1 + is2);
                } else {
                    ob[ol] = (char)(a >> 16);
                    ob[ol + 1] = (char)(a >> 24);
                    map_unit(P, ol, ol + k, i, i + 1 + is2);
                    ol += k;
                }
                i += 1 + is2;
                continue;
            }
            {
                uint16_t o2 = (uint16_t)(a >> 16);
                memcpy(ob + ol, &o2, 2);
            }
            if (with_map) {
                if (a & T_SETMARK) {
                    unsigned after = (a >> 3) & 1u;
                    mi = i + after;
                    mo = ol + after;
                    pcc = 0;
                    P->mark_nruns = P->map->n;
                    P->mark_saved = 0;
                }
            } else {
                /* branch-free: the mark moves here when the entry says so */
                size_t sm = (a >> 2) & 1u, after = (a >> 3) & 1u;
                mi = sm ? i + after : mi;
                mo = sm ? ol + after : mo;
                pcc = sm ? 0 : pcc;
            }
            ol += (a >> 4) & 3u;
            i += 1 + is2;
        }
        if (i >= len)
            break;
        {
            unsigned c = s[i];
            if (c < 0x80) { /* the last byte */
                ob[ol++] = (char)amap[c];
                i++;
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
                    LMARK(i, ol);
                else
                    LMARK(i - 1, ol - 1);
                continue;
            }
            if (c - 0xC2u <= 0x1Du && i + 1 < len && (s[i + 1] & 0xC0u) == 0x80u) {
                uint32_t a = tab[((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
                if ((a & 3u) == T_MARK && ((a >> 8) & 0xFFu) >= pcc) {
                    pcc = (a >> 8) & 0xFFu;
                    ob[ol] = (char)c;
                    ob[ol + 1] = (char)s[i + 1];
                    ol += 2;
                    i += 2;
                    continue;
                }
            }
        }
        GENERIC();
    }
    P->out->len = ol;
    return P->st;
}

static nk_status pass_nomap(pass *P)
{
    return pass_run(P, 0);
}

static nk_status pass_map(pass *P)
{
    return pass_run(P, 1);
}

/* Normalize s[0..len) (whole characters, a boundary at both ends). */
static nk_status process(nk_normalizer *n, const char *s, size_t len, nk_buf *out, nk_offmap *map,
                         nk_error *err)
{
    pass P;
    nk_status st;
    size_t before = out->len;
    memset(&P, 0, sizeof P);
    P.n = n;
    P.s = (const unsigned char *)s;
    P.len = len;
    P.ibase = n->in_total;
    P.out = out;
    P.obase = n->out_total - before;
    P.map = map;
    P.st = NK_OK;
    n->seen += len;
    if (n->tab2 == NULL && (len >= TAB2_MIN_INPUT || n->seen >= TAB2_MIN_SEEN) && !build_tab2(n))
        return nk_seterror(err, NK_ENOMEM, 0, "normalize: out of memory");
    st = map ? pass_map(&P) : pass_nomap(&P);
    if (st != NK_OK) {
        out->len = before;
        if (st == NK_EUTF8)
            return nk_seterror(err, st, (size_t)(n->in_total + P.bad), "invalid UTF-8 at byte %zu",
                               (size_t)(n->in_total + P.bad));
        return nk_seterror(err, st, 0, "normalize: %s", nk_strerror(st));
    }
    n->in_total += len;
    n->out_total += out->len - before;
    if (out->len > before) {
        size_t k = out->len - 1;
        while (k > before && ((unsigned char)out->data[k] & 0xC0) == 0x80)
            k--;
        n->tail_len = (unsigned)(out->len - k);
    }
    if (map != NULL) {
        map->olen = (size_t)n->out_total;
        map->ilen = (size_t)n->in_total;
    }
    return NK_OK;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

static int check_profile(const nk_norm_profile *p)
{
    return p->unicode >= NK_UNI_NONE && p->unicode <= NK_UNI_NFKC &&
           p->diacritics >= NK_DIAC_KEEP && p->diacritics <= NK_DIAC_KEEP_SHADDA &&
           p->alef >= NK_ALEF_KEEP && p->alef <= NK_ALEF_ALL && p->invalid >= NK_INVALID_REPLACE &&
           p->invalid <= NK_INVALID_ERROR;
}

nk_normalizer *nk_normalizer_new(const nk_norm_profile *p, const nk_alloc *a, nk_error *err)
{
    nk_normalizer *n;
    UErrorCode e = U_ZERO_ERROR;
    unsigned c;
    if (p == NULL || !check_profile(p)) {
        nk_seterror(err, NK_EINVAL, 0, "normalize: invalid profile");
        return NULL;
    }
    n = nk_malloc(a, sizeof *n);
    if (n == NULL) {
        nk_seterror(err, NK_ENOMEM, 0, "normalize: out of memory");
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->p = *p;
    n->alloc = a;
    n->nfc = unorm2_getNFCInstance(&e);
    n->nfkc = unorm2_getNFKCInstance(&e);
    if (U_FAILURE(e)) {
        nk_free(a, n, sizeof *n);
        nk_seterror(err, NK_EINVAL, 0, "normalize: ICU: %s", u_errorName(e));
        return NULL;
    }
    n->inst = p->unicode == NK_UNI_NFKC ? n->nfkc : p->unicode == NK_UNI_NFC ? n->nfc : NULL;
    if (p->forms && p->unicode == NK_UNI_NONE)
        n->inst = n->nfkc;
    n->act[NK_CLS_DIAC] = p->diacritics != NK_DIAC_KEEP ? ACT_DEL : ACT_KEEP;
    n->act[NK_CLS_SHADDA] = p->diacritics == NK_DIAC_STRIP ? ACT_DEL : ACT_KEEP;
    n->act[NK_CLS_MARKS] = p->marks ? ACT_DEL : ACT_KEEP;
    n->act[NK_CLS_TATWEEL] = p->tatweel ? ACT_DEL : ACT_KEEP;
    n->act[NK_CLS_ALEF] = p->alef != NK_ALEF_KEEP ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_ALEF_EXT] = p->alef == NK_ALEF_ALL ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_MAQSURA] = p->maqsura ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_MARBUTA] = p->marbuta ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_HAMZA_SEAT] = p->hamza ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_HAMZA_MARK] = p->hamza ? ACT_DEL : ACT_KEEP;
    n->act[NK_CLS_DIGIT] = p->digits ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_PERSIAN] = p->persian ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_CONTROL] = p->controls ? ACT_DEL : ACT_KEEP;
    n->act[NK_CLS_SPACE] = p->whitespace ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_QUOTE] = p->quotes ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_PUNCT] = p->punct ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_WORDLIG] = p->words ? ACT_EXPAND : ACT_KEEP;
    n->act[NK_CLS_CASE] = p->casefold ? ACT_MAP : ACT_KEEP;
    n->act[NK_CLS_CASEX] = p->casefold ? ACT_ICUFOLD : ACT_KEEP;
    for (c = 0; c < 128; c++)
        n->ascii[c] = (unsigned char)(p->casefold && c >= 'A' && c <= 'Z' ? c + 32 : c);
    return n;
}

void nk_normalizer_free(nk_normalizer *n)
{
    const nk_alloc *a;
    if (n == NULL)
        return;
    a = n->alloc;
    nk_free(a, n->tab2, n->tab2 ? TAB2_N * sizeof *n->tab2 : 0);
    nk_free(a, n->u1, (size_t)n->u1cap * sizeof(UChar));
    nk_free(a, n->u2, (size_t)n->u2cap * sizeof(UChar));
    nk_free(a, n->carry, n->capcarry);
    nk_free(a, n, sizeof *n);
}

void nk_normalizer_reset(nk_normalizer *n)
{
    if (n == NULL)
        return;
    n->ncarry = 0;
    n->in_total = n->out_total = 0;
    n->tail_len = 0;
}

nk_status nk_normalizer_run(nk_normalizer *n, const char *src, size_t len, nk_buf *out,
                            nk_offmap *map, nk_error *err)
{
    nk_status st;
    if (n == NULL || out == NULL || (src == NULL && len > 0))
        return nk_seterror(err, NK_EINVAL, 0, "normalize: bad argument");
    nk_normalizer_reset(n);
    if (map != NULL)
        nk_offmap_clear(map);
    st = process(n, src, len, out, map, err);
    nk_normalizer_reset(n);
    return st;
}

static int carry_append(nk_normalizer *n, const char *s, size_t len)
{
    if (len == 0)
        return 1;
    if (n->ncarry + len > n->capcarry) {
        size_t ncap = (n->ncarry + len) * 2 + 64;
        char *p = nk_realloc(n->alloc, n->carry, n->capcarry, ncap);
        if (p == NULL)
            return 0;
        n->carry = p;
        n->capcarry = ncap;
    }
    memcpy(n->carry + n->ncarry, s, len);
    n->ncarry += len;
    return 1;
}

/* A cut position in s[0..len): everything before it can be processed now. */
static size_t last_cut(const char *s, size_t len)
{
    size_t k = len;
    while (k > 0) {
        unsigned char c = (unsigned char)s[k - 1];
        if (c == '\n' || c == ' ' || c == '\t' || c == '\r')
            return k;
        k--;
    }
    k = len;
    while (k > 0) {
        if ((unsigned char)s[k - 1] < 0x80)
            return k - 1;
        k--;
    }
    return 0;
}

nk_status nk_normalizer_feed(nk_normalizer *n, const char *src, size_t len, nk_buf *out,
                             nk_offmap *map, nk_error *err)
{
    size_t cut;
    nk_status st;
    if (n == NULL || out == NULL || (src == NULL && len > 0))
        return nk_seterror(err, NK_EINVAL, 0, "normalize: bad argument");
    if (n->ncarry > 0) {
        /* complete the carried tail with src up to its first boundary */
        size_t k = 0;
        while (k < len && (unsigned char)src[k] >= 0x80)
            k++;
        if (k == len && n->ncarry + len < CARRY_MAX)
            return carry_append(n, src, len) ? NK_OK
                                             : nk_seterror(err, NK_ENOMEM, 0, "out of memory");
        if (!carry_append(n, src, k))
            return nk_seterror(err, NK_ENOMEM, 0, "normalize: out of memory");
        src += k;
        len -= k;
        cut = n->ncarry;
        if (len == 0) {
            /* the carry is over the limit: cut before its last lead byte */
            while (cut > 0 && ((unsigned char)n->carry[cut - 1] & 0xC0) == 0x80)
                cut--;
            if (cut > 0)
                cut--;
        }
        st = process(n, n->carry, cut, out, map, err);
        if (st != NK_OK)
            return st;
        memmove(n->carry, n->carry + cut, n->ncarry - cut);
        n->ncarry -= cut;
        if (n->ncarry > 0) {
            if (!carry_append(n, src, len))
                return nk_seterror(err, NK_ENOMEM, 0, "normalize: out of memory");
            return NK_OK;
        }
    }
    cut = last_cut(src, len);
    if (cut == 0 && len >= CARRY_MAX) {
        cut = len;
        while (cut > 0 && ((unsigned char)src[cut - 1] & 0xC0) == 0x80)
            cut--;
        if (cut > 0)
            cut--;
    }
    st = process(n, src, cut, out, map, err);
    if (st != NK_OK)
        return st;
    if (!carry_append(n, src + cut, len - cut))
        return nk_seterror(err, NK_ENOMEM, 0, "normalize: out of memory");
    return NK_OK;
}

nk_status nk_normalizer_finish(nk_normalizer *n, nk_buf *out, nk_offmap *map, nk_error *err)
{
    nk_status st;
    if (n == NULL || out == NULL)
        return nk_seterror(err, NK_EINVAL, 0, "normalize: bad argument");
    st = process(n, n->carry, n->ncarry, out, map, err);
    n->ncarry = 0;
    if (st == NK_OK)
        nk_buf_terminate(out);
    nk_normalizer_reset(n);
    return st;
}

nk_status nk_normalize(const nk_norm_profile *p, const char *src, size_t len, nk_buf *out,
                       nk_offmap *map, nk_error *err)
{
    nk_normalizer *n;
    nk_status st;
    size_t before;
    if (p == NULL || out == NULL || (src == NULL && len > 0))
        return nk_seterror(err, NK_EINVAL, 0, "normalize: bad argument");
    {
        nk_error e2;
        n = nk_normalizer_new(p, out->alloc, &e2);
        if (n == NULL) {
            if (err != NULL)
                *err = e2;
            return e2.status;
        }
    }
    before = out->len;
    st = nk_normalizer_run(n, src, len, out, map, err);
    if (st == NK_OK && nk_buf_terminate(out) != NK_OK)
        st = nk_seterror(err, NK_ENOMEM, 0, "normalize: out of memory");
    if (st != NK_OK)
        out->len = before;
    nk_normalizer_free(n);
    return st;
}
