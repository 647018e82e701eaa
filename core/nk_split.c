/*
** nk_split.c
** Sentence and paragraph splitting: a byte scanner that stops only at bytes
** which can belong to a terminator or a line end, then decides with a few
** rules looking at the code points around it. See nk_split.h and
** docs/splitting.md for the rules.
*/
#include "nk_split.h"

#include <string.h>

#include "nk_chars.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NK_NO_SIMD)
#include <emmintrin.h>
#endif

/* ---- Span arrays ------------------------------------------------------- */

void nk_spanvec_init(nk_spanvec *sv, const nk_alloc *a)
{
    sv->v = NULL;
    sv->n = sv->cap = 0;
    sv->alloc = a;
}

void nk_spanvec_free(nk_spanvec *sv)
{
    if (sv == NULL)
        return;
    nk_free(sv->alloc, sv->v, sv->cap * sizeof(nk_span));
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

nk_status nk_spanvec_push(nk_spanvec *sv, nk_span sp)
{
    if (sv->n == sv->cap) {
        size_t ncap = sv->cap ? sv->cap * 2 : 64;
        nk_span *nv;
        if (ncap > SIZE_MAX / sizeof(nk_span))
            return NK_ERANGE;
        nv = nk_realloc(sv->alloc, sv->v, sv->cap * sizeof(nk_span), ncap * sizeof(nk_span));
        if (nv == NULL)
            return NK_ENOMEM;
        sv->v = nv;
        sv->cap = ncap;
    }
    sv->v[sv->n++] = sp;
    return NK_OK;
}

/* ---- Abbreviations ----------------------------------------------------- */

typedef struct {
    size_t off, len;
    int kind;
} abbr_entry;

struct nk_abbrevs {
    const nk_alloc *alloc;
    nk_buf words;  /* the bytes of every word */
    abbr_entry *e; /* sorted by bytes */
    size_t n, cap;
};

static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen;
}

nk_abbrevs *nk_abbrevs_new(const nk_alloc *a)
{
    nk_abbrevs *ab = nk_malloc(a, sizeof *ab);
    if (ab == NULL)
        return NULL;
    ab->alloc = a;
    nk_buf_init(&ab->words, a);
    ab->e = NULL;
    ab->n = ab->cap = 0;
    return ab;
}

void nk_abbrevs_free(nk_abbrevs *ab)
{
    if (ab == NULL)
        return;
    nk_buf_free(&ab->words);
    nk_free(ab->alloc, ab->e, ab->cap * sizeof(abbr_entry));
    nk_free(ab->alloc, ab, sizeof *ab);
}

/* Binary search in ab: index of word, or -(insertion point) - 1. */
static long abbr_search(const nk_abbrevs *ab, const char *w, size_t n)
{
    size_t lo = 0, hi = ab->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = bytes_cmp(ab->words.data + ab->e[mid].off, ab->e[mid].len, w, n);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -(long)lo - 1;
}

nk_status nk_abbrevs_add(nk_abbrevs *ab, const char *word, size_t len, int kind)
{
    long at;
    size_t pos;
    if (ab == NULL || word == NULL || (kind != NK_ABBR_TITLE && kind != NK_ABBR_FINAL))
        return NK_EINVAL;
    while (len > 0 && word[len - 1] == '.')
        len--;
    if (len == 0 || len > NK_ABBR_MAXLEN || memchr(word, ' ', len) != NULL)
        return NK_EINVAL;
    at = abbr_search(ab, word, len);
    if (at >= 0) {
        ab->e[at].kind = kind;
        return NK_OK;
    }
    pos = (size_t)(-(at + 1));
    if (ab->n == ab->cap) {
        size_t ncap = ab->cap ? ab->cap * 2 : 16;
        abbr_entry *ne =
            nk_realloc(ab->alloc, ab->e, ab->cap * sizeof(abbr_entry), ncap * sizeof(abbr_entry));
        if (ne == NULL)
            return NK_ENOMEM;
        ab->e = ne;
        ab->cap = ncap;
    }
    {
        size_t off = ab->words.len;
        nk_status st = nk_buf_append(&ab->words, word, len);
        if (st != NK_OK)
            return st;
        memmove(ab->e + pos + 1, ab->e + pos, (ab->n - pos) * sizeof(abbr_entry));
        ab->e[pos].off = off;
        ab->e[pos].len = len;
        ab->e[pos].kind = kind;
        ab->n++;
    }
    return NK_OK;
}

int nk_abbrevs_find(const nk_abbrevs *ab, const char *word, size_t len)
{
    if (ab != NULL && ab->n > 0) {
        long at = abbr_search(ab, word, len);
        if (at >= 0)
            return ab->e[at].kind;
    }
    return nk_abbrevs_builtin_find(word, len);
}

/* ---- Sentence scanner -------------------------------------------------- */

/*
** Bytes at which the scanner stops: ASCII terminators and line ends, the
** second byte of ؟ (D8 9F), ۔ (DB 94) and ؛ (D8 9B), and E2, the lead byte
** of … U+2026 and the line/paragraph separators U+2028/U+2029.
*/
static const unsigned char stop_byte[256] = {
    ['.'] = 1,  ['!'] = 1,  ['?'] = 1,  [';'] = 1,  ['\n'] = 1,
    ['\r'] = 1, [0x9F] = 1, [0x94] = 1, [0x9B] = 1, [0xE2] = 1,
};

/*
** Words after an ellipsis that continue the sentence: connectives and
** relative pronouns that cannot open an independent sentence.
*/
static const char *const ellipsis_connectives[] = {
    "فيما",   "بينما",  "حيث",     "الذي",   "التي", "الذين", "اللذين", "اللذان",
    "اللتان", "اللتين", "اللواتي", "اللاتي", "أو",   "أم",    "وغيرها", "وغيره",
    "وغيرهم", "وغير",   "إلخ",     "الخ",    "أن",   "بأن",   "لأن",    NULL,
};

/*
** The next stop byte at or after i. With SSE2 (every x86-64) sixteen bytes
** are tested at once against a superset of the stop set (. ! ? ; the
** controls up to CR, E2, and 90..9F), and candidates are confirmed by table.
*/
#if defined(__SSE2__) && defined(__GNUC__) && !defined(NK_NO_SIMD)
static size_t scan_stop(const char *s, size_t i, size_t len)
{
    const __m128i dot = _mm_set1_epi8('.'), exc = _mm_set1_epi8('!'), qm = _mm_set1_epi8('?'),
                  semi = _mm_set1_epi8(';'), cr = _mm_set1_epi8(0x0D),
                  e2 = _mm_set1_epi8((char)0xE2), f0 = _mm_set1_epi8((char)0xF0),
                  x90 = _mm_set1_epi8((char)0x90);
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, exc)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, qm), _mm_cmpeq_epi8(v, semi)));
        unsigned mask;
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, cr), v));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, e2));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_and_si128(v, f0), x90));
        mask = (unsigned)_mm_movemask_epi8(m);
        while (mask != 0) {
            unsigned k = (unsigned)__builtin_ctz(mask);
            if (stop_byte[(unsigned char)s[i + k]])
                return i + k;
            mask &= mask - 1;
        }
        i += 16;
    }
    while (i < len && !stop_byte[(unsigned char)s[i]])
        i++;
    return i;
}
#else
static size_t scan_stop(const char *s, size_t i, size_t len)
{
    while (i < len && !stop_byte[(unsigned char)s[i]])
        i++;
    return i;
}
#endif

typedef enum { T_PERIOD, T_ELLIPSIS, T_STRONG } term_kind;

void nk_splitter_init(nk_splitter *sp, const char *s, size_t len, const nk_split_opts *o)
{
    sp->s = s;
    sp->len = len;
    sp->pos = 0;
    sp->opts.flags = o ? o->flags : 0;
    sp->opts.abbrevs = o ? o->abbrevs : NULL;
    sp->wrap.start = sp->wrap.end = 0;
    sp->wrap.maxw = sp->wrap.full = 0;
    sp->wrap.ends = 0;
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t n;
        uint32_t c = nk_cp_at(s, len, i, &n);
        if (!nk_is_space(c))
            break;
        i += n;
    }
    return i;
}

/* Skip white space other than line ends; stops at a line end. */
static size_t skip_blank(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t n;
        uint32_t c = nk_cp_at(s, len, i, &n);
        if (!nk_is_space(c) || nk_is_newline(c))
            break;
        i += n;
    }
    return i;
}

static size_t trim_back(const char *s, size_t len, size_t lo, size_t end)
{
    while (end > lo) {
        size_t st;
        uint32_t c = nk_cp_before(s, len, lo, end, &st);
        if (!nk_is_space(c))
            break;
        end = st;
    }
    return end;
}

static int is_letter(uint32_t c)
{
    return nk_is_arabic_letter(c) || nk_is_latin_lower(c) || nk_is_latin_upper(c);
}

/* Start of the white-space delimited word ending at end (not before lo). */
static size_t word_start(const char *s, size_t len, size_t lo, size_t end)
{
    while (end > lo) {
        size_t st;
        uint32_t c = nk_cp_before(s, len, lo, end, &st);
        if (nk_is_space(c))
            break;
        end = st;
    }
    return end;
}

/* Is [a, b) a word of at least two Arabic letters (marks allowed), preceded by
 * space or lo? */
static int arabic_word_before(const nk_abbrevs *ab, const char *s, size_t len, size_t lo, size_t b)
{
    size_t i = b;
    int letters = 0;
    while (i > lo) {
        size_t st;
        uint32_t c = nk_cp_before(s, len, lo, i, &st);
        if (nk_is_arabic_letter(c))
            letters++;
        else if (!nk_is_arabic_mark(c)) {
            if (!nk_is_space(c))
                return 0;
            break;
        }
        i = st;
    }
    return letters >= 2 && nk_abbrevs_find(ab, s + i, b - i) == NK_ABBR_NONE;
}

/* Is t0 preceded by blanks (not a line end) that follow an Arabic letter? */
static int detached_before(const char *s, size_t len, size_t lo, size_t t0)
{
    size_t i = t0, st;
    uint32_t c;
    int blanks = 0;
    while (i > lo) {
        c = nk_cp_before(s, len, lo, i, &st);
        if (nk_is_space(c) && !nk_is_newline(c)) {
            blanks++;
            i = st;
            continue;
        }
        return blanks > 0 && nk_is_arabic_letter(c);
    }
    return 0;
}

/* Does the Arabic word starting at m belong to the ellipsis connectives? */
static int is_connective(const char *s, size_t len, size_t m)
{
    size_t e = m, k;
    while (e < len) {
        size_t n;
        uint32_t c = nk_cp_at(s, len, e, &n);
        if (!nk_is_arabic_letter(c) && !nk_is_arabic_mark(c))
            break;
        e += n;
    }
    for (k = 0; ellipsis_connectives[k] != NULL; k++) {
        const char *w = ellipsis_connectives[k];
        if (strlen(w) == e - m && memcmp(w, s + m, e - m) == 0)
            return 1;
    }
    return 0;
}

/*
** The kind of the word [ws, we) before a single period: a listed
** abbreviation, an initial (one letter), a list number at the start of the
** sentence, or a dotted short form (U.S, ص.ب); NK_ABBR_NONE otherwise.
** Returns K_DOTTED for "dotted", K_LATIN_INITIAL for one Latin letter.
*/
#define K_DOTTED 3
#define K_LATIN_INITIAL 4
static int word_kind(const nk_splitter *sp, size_t start, size_t ws, size_t we)
{
    const char *s = sp->s;
    size_t len = sp->len, i, n;
    int kind, cps = 0, letters = 0, digits = 0, dots = 0, seg = 0, maxseg = 0, other = 0;
    if (we - ws > NK_ABBR_MAXLEN)
        return NK_ABBR_NONE;
    kind = nk_abbrevs_find(sp->opts.abbrevs, s + ws, we - ws);
    if (kind != NK_ABBR_NONE)
        return kind;
    for (i = ws; i < we; i += n) {
        uint32_t c = nk_cp_at(s, len, i, &n);
        cps++;
        if (is_letter(c)) {
            letters++;
            if (++seg > maxseg)
                maxseg = seg;
        } else if (nk_is_digit(c)) {
            digits++;
        } else if (c == '.') {
            dots++;
            seg = 0;
        } else if (c == 0x0640 || nk_is_arabic_mark(c)) {
            /* tatweel and harakat do not count */
        } else {
            other++;
        }
    }
    if (other == 0 && digits == 0 && letters == 1 &&
        dots == 0) /* an initial: "ج. بوش", "J. Smith" */
        return (unsigned char)s[ws] < 0x80 ? K_LATIN_INITIAL : NK_ABBR_TITLE;
    if (other == 0 && letters == 0 && dots == 0 && digits > 0 && digits <= 3 && ws == start)
        return NK_ABBR_TITLE; /* a list number opening the line: "1." */
    if (other == 0 && digits == 0 && dots > 0 && maxseg <= 2 && letters > 0)
        return K_DOTTED;
    (void)cps;
    return NK_ABBR_NONE;
}

/*
** Fast path for the common case: do the three code points before t0 (and
** after lo) all encode Arabic letters in two bytes? No built-in abbreviation
** that keeps a sentence going ends in three letters (إلخ, الخ, اهـ may end
** one), and an initial is a single letter.
*/
static int ends_in_arabic_word(const char *s, size_t lo, size_t t0)
{
    int k;
    if (t0 < lo + 6)
        return 0;
    for (k = 1; k <= 3; k++) {
        unsigned b0 = (unsigned char)s[t0 - 2 * (size_t)k],
                 b1 = (unsigned char)s[t0 - 2 * (size_t)k + 1];
        uint32_t c;
        if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80)
            return 0;
        c = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
        if (!nk_is_arabic_letter(c) || c == 0x0640)
            return 0;
    }
    return 1;
}

/* Does the word before ws (skipping white space) end with a digit? */
static int number_before(const char *s, size_t len, size_t lo, size_t ws)
{
    size_t st, i = ws;
    uint32_t c;
    while (i > lo) {
        c = nk_cp_before(s, len, lo, i, &st);
        if (!nk_is_space(c))
            return nk_is_digit(c);
        i = st;
    }
    return 0;
}

/* ---- Layout: hard-wrapped paragraphs ----------------------------------- */

static int is_eol_byte(char c)
{
    return c == '\n' || c == '\r';
}

/* Start of the line holding byte i (after the previous LF or CR): eight bytes
 * at a time back to the chunk that holds a line end. */
static size_t line_begin(const char *s, size_t i)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    while (i >= 8) {
        uint64_t x, lf, cr;
        memcpy(&x, s + i - 8, 8);
        lf = x ^ (ones * '\n');
        cr = x ^ (ones * '\r');
        if (((lf - ones) & ~lf & highs) | ((cr - ones) & ~cr & highs))
            break; /* a zero byte in lf or cr: a line end among these eight */
        i -= 8;
    }
    while (i > 0 && !is_eol_byte(s[i - 1]))
        i--;
    return i;
}

/* The LF or CR ending the line that holds byte i, or len. */
static size_t line_stop(const char *s, size_t len, size_t i)
{
    const char *p = memchr(s + i, '\n', len - i), *r;
    size_t e = p ? (size_t)(p - s) : len;
    r = memchr(s + i, '\r', e - i); /* a lone CR ends a line too */
    return r ? (size_t)(r - s) : e;
}

/* Code points (bytes other than UTF-8 continuation bytes) of s[a, b), eight
 * bytes at a time (a continuation byte has its top bits 10), counted up to cap
 * at least: the result is exact when below cap, >= cap otherwise. */
static size_t count_cps(const char *s, size_t a, size_t b, size_t cap)
{
    size_t w = 0, i = a;
    for (; i + 8 <= b && w < cap; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        x = (x & ~(x << 1) & UINT64_C(0x8080808080808080)) >> 7; /* 1: bits 10xxxxxx */
        w += 8 - (size_t)((x * UINT64_C(0x0101010101010101)) >> 56);
    }
    for (; i < b && w < cap; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

/* Width of the line [a, b) in code points, white space at both ends left out;
 * 0 for a blank line. Widths above NK_WRAP_MAX_WIDTH are not counted to the
 * end (a block with such a line is not wrapped, whatever its width): the
 * result is then some number above NK_WRAP_MAX_WIDTH. */
static size_t line_width(const char *s, size_t a, size_t b)
{
    a = skip_space(s, b, a);
    b = trim_back(s, b, a, b);
    return a < b ? count_cps(s, a, b, NK_WRAP_MAX_WIDTH + 1) : 0;
}

/* line_width(s, a, b) > 0, without counting the whole line. */
static int line_filled(const char *s, size_t a, size_t b)
{
    size_t i;
    a = skip_space(s, b, a);
    b = trim_back(s, b, a, b);
    for (i = a; i < b; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return 0;
}

/* The first byte of the line after the line end at nl. */
static size_t after_eol(const char *s, size_t len, size_t nl)
{
    return nl + 1 + (s[nl] == '\r' && nl + 1 < len && s[nl + 1] == '\n');
}

/* Does the line [a, e) end with a terminator (closing quotes and brackets after it allowed)?
 * 2: a full stop, ! ? ؟ ۔; 1: an ellipsis; 0: no. */
static int ends_like_sentence(const char *s, size_t len, size_t a, size_t e)
{
    e = trim_back(s, e, a, e);
    while (e > a) {
        size_t st;
        uint32_t c = nk_cp_before(s, len, a, e, &st);
        if (nk_is_quote(c) || nk_is_close_bracket(c)) {
            e = st;
            continue;
        }
        if (c == '.') /* 2: a full stop; 1: an ellipsis (.. ...) */
            return (st > a && s[st - 1] == '.') ? 1 : 2;
        if (c == 0x2026)
            return 1;
        return (c == '!' || c == '?' || c == 0x061F || c == 0x06D4) ? 2 : 0;
    }
    return 0;
}

/* Measure the block (non-blank lines) around the line that holds byte i. */
static void measure_block(const char *s, size_t len, size_t i, nk_wrapblock *b)
{
    size_t ls = line_begin(s, i), a = ls, le, maxw = 0;
    int k, last = 0;
    /* back to the first line of the block */
    while (a > 0) {
        size_t pe = a - 1, ps;
        if (s[pe] == '\n' && pe > 0 && s[pe - 1] == '\r')
            pe--;
        ps = line_begin(s, pe);
        if (!line_filled(s, ps, pe))
            break;
        a = ps;
    }
    b->start = a;
    /* forward to its last line */
    for (;;) {
        size_t w;
        le = line_stop(s, len, a);
        w = line_width(s, a, le);
        if (w == 0 && a > b->start)
            break;
        if (w > maxw)
            maxw = w;
        if (le >= len) {
            le = len;
            break;
        }
        a = after_eol(s, len, le);
    }
    b->end = le < len ? le + 1 : len;
    if (b->end <= i)
        b->end = i + 1;
    b->maxw = maxw;
    /* Wrapped text has at least two full lines (two-line blocks such as a caption
     * and its credit, or a dateline and a short sentence, have one). A block too
     * narrow or too wide to be wrapped needs no more (nk_line_end_soft reads no
     * more of it). */
    b->full = 0;
    b->ends = 0;
    if (maxw < NK_WRAP_MIN_WIDTH || maxw > NK_WRAP_MAX_WIDTH)
        return;
    for (a = b->start; a < le;) {
        size_t e = line_stop(s, len, a), w = line_width(s, a, e);
        if (w * 100 >= maxw * NK_WRAP_RATIO)
            b->full++;
        k = ends_like_sentence(s, len, a, e);
        if (k == 2) /* a full stop; an ellipsis only on the last line ("headline ...") */
            b->ends = 1;
        if (w > 0)
            last = k;
        if (e >= len)
            break;
        a = after_eol(s, len, e);
    }
    if (last > 0)
        b->ends = 1;
}

/* Does the line starting at a open a list item (- * • · – — or "12." "3)" "4-")? */
static int list_item_at(const char *s, size_t len, size_t a)
{
    size_t n, i = skip_blank(s, len, a);
    uint32_t c;
    int digits = 0;
    if (i >= len)
        return 0;
    c = nk_cp_at(s, len, i, &n);
    if (c == '-' || c == '*' || c == 0x2022 || c == 0x00B7 || c == 0x2013 || c == 0x2014 ||
        c == 0x25AA || c == 0x25CF)
        return 1;
    while (i < len && nk_is_digit(c)) {
        digits++;
        i += n;
        if (i >= len)
            return 0;
        c = nk_cp_at(s, len, i, &n);
    }
    return digits > 0 && digits <= 3 && (c == '.' || c == ')' || c == '-');
}

int nk_line_end_soft(const char *s, size_t len, size_t nl, nk_wrapblock *blk)
{
    nk_wrapblock local;
    size_t ls, next, ne, w, nw;
    uint32_t last;
    if (s == NULL || nl >= len || !is_eol_byte(s[nl]))
        return 0;
    if (blk == NULL) {
        local.start = local.end = local.maxw = local.full = 0;
        local.ends = 0;
        blk = &local;
    }
    if (!(nl >= blk->start && nl < blk->end))
        measure_block(s, len, nl, blk);
    if (blk->maxw < NK_WRAP_MIN_WIDTH || blk->maxw > NK_WRAP_MAX_WIDTH || blk->full < 2 ||
        !blk->ends)
        return 0; /* not wrapped: one line per paragraph, a list of headlines, a caption */
    ls = line_begin(s, nl);
    w = line_width(s, ls, nl);
    if (w * 100 < blk->maxw * NK_WRAP_RATIO)
        return 0; /* a short line: headline, caption, the end of a paragraph */
    next = after_eol(s, len, nl);
    ne = line_stop(s, len, next);
    nw = line_width(s, next, ne);
    if (nw == 0 || list_item_at(s, len, next))
        return 0;
    /* the next line goes on (full) or closes the paragraph like a sentence; a short
     * line without a terminator is a credit, a caption or a heading */
    if (nw * 100 < blk->maxw * NK_WRAP_RATIO && !ends_like_sentence(s, len, next, ne))
        return 0;
    {
        size_t st, e = trim_back(s, nl, ls, nl);
        last = nk_cp_before(s, len, ls, e, &st);
    }
    return last != ':';
}

/* ---- Logical lines ------------------------------------------------------ */

void nk_linesplitter_init(nk_linesplitter *ls, const char *s, size_t len, unsigned flags)
{
    ls->s = s;
    ls->len = s ? len : 0;
    ls->pos = 0;
    ls->flags = flags;
    ls->wrap.start = ls->wrap.end = 0;
    ls->wrap.maxw = ls->wrap.full = 0;
    ls->wrap.ends = 0;
}

/* Does the line end at nl join its line to the next one? */
static int line_joins(nk_linesplitter *ls, size_t nl)
{
    const char *s = ls->s;
    size_t len = ls->len, next;
    if (ls->flags & NK_SPLIT_KEEP_LINES)
        return 0;
    if (ls->flags & NK_SPLIT_JOIN_LINES) {
        next = after_eol(s, len, nl);
        return next < len && line_width(s, next, line_stop(s, len, next)) > 0;
    }
    return nk_line_end_soft(s, len, nl, &ls->wrap);
}

int nk_linesplitter_next(nk_linesplitter *ls, nk_span *out)
{
    const char *s = ls->s;
    size_t len = ls->len, a, start, e;
    a = skip_space(s, len, ls->pos);
    if (a >= len) {
        ls->pos = len;
        return 0;
    }
    start = a;
    for (;;) {
        e = line_stop(s, len, a);
        if (e >= len) {
            ls->pos = len;
            break;
        }
        ls->pos = after_eol(s, len, e);
        if (!line_joins(ls, e))
            break;
        a = ls->pos;
    }
    out->start = start;
    out->end = trim_back(s, len, start, e);
    return 1;
}

nk_status nk_logical_lines(const char *s, size_t len, unsigned flags, nk_spanvec *out)
{
    nk_linesplitter ls;
    nk_span span;
    if (s == NULL && len > 0)
        return NK_EINVAL;
    nk_linesplitter_init(&ls, s, len, flags);
    while (nk_linesplitter_next(&ls, &span)) {
        nk_status st = nk_spanvec_push(out, span);
        if (st != NK_OK)
            return st;
    }
    return NK_OK;
}

/* Is the line end at nl a space for this splitter? */
static int soft_eol(nk_splitter *sp, size_t nl)
{
    if (sp->opts.flags & NK_SPLIT_JOIN_LINES)
        return 1;
    if (sp->opts.flags & NK_SPLIT_KEEP_LINES)
        return 0;
    return nk_line_end_soft(sp->s, sp->len, nl, &sp->wrap);
}

/*
** Decide at a terminator starting at t0 (inside the sentence that starts at
** start). Returns 1 and sets *end when the sentence ends; else 0 and sets
** *resume (where scanning continues).
*/
static int at_terminator(nk_splitter *sp, size_t start, size_t t0, size_t *end, size_t *resume)
{
    const char *s = sp->s;
    size_t len = sp->len, k = t0, n, m;
    int ndots = 0, nell = 0, nstrong = 0, nclose = 0, nbracket = 0;
    int semi = (sp->opts.flags & NK_SPLIT_SEMICOLON) != 0;
    term_kind kind;
    uint32_t c, d;

    while (k < len) {
        c = nk_cp_at(s, len, k, &n);
        if (c == '.')
            ndots++;
        else if (c == '!' || c == '?' || c == 0x061F || c == 0x06D4)
            nstrong++;
        else if (c == 0x2026)
            nell++;
        else if (semi && (c == ';' || c == 0x061B))
            nstrong++;
        else if (nk_is_quote(c))
            nclose++;
        else if (nk_is_close_bracket(c))
            nclose++, nbracket++;
        else
            break;
        k += n;
    }
    if (k == t0) { /* not a terminator after all (e.g. ';' without the switch) */
        *resume = t0 + 1;
        return 0;
    }
    kind = nstrong ? T_STRONG : (nell || ndots >= 2) ? T_ELLIPSIS : T_PERIOD;
    *end = k;
    *resume = k;
    if (k >= len)
        return 1;
    c = nk_cp_at(s, len, k, &n);
    if (!nk_is_space(c)) {
        /* Glued: 3.5, 10.30, www.x.com, "؟!" … ; only a missing space between two
         * Arabic words ("موسكو.وعقد"), or a period typed on the wrong side of the
         * space ("الفائز .الأوروجواي", a slip of right-to-left editing). */
        if (nclose == 0 && kind != T_ELLIPSIS && nk_is_arabic_letter(c) &&
            (arabic_word_before(sp->opts.abbrevs, s, len, start, t0) ||
             detached_before(s, len, start, t0)))
            return 1;
        return 0;
    }
    m = skip_blank(s, len, k);
    if (m >= len)
        return 1;
    d = nk_cp_at(s, len, m, &n);
    if (d == '\n' || d == '\r') {
        /* A soft line end (hard-wrapped text) is a space: look past it. */
        size_t m2;
        if (!soft_eol(sp, m))
            return 1;
        m2 = skip_blank(s, len, after_eol(s, len, m));
        if (m2 >= len || is_eol_byte(s[m2]))
            return 1;
        m = m2;
        d = nk_cp_at(s, len, m, &n);
    } else if (nk_is_newline(d)) {
        return 1;
    }
    /* What follows continues the sentence: a comma, a colon, a lower-case word.
     */
    if (d == 0x060C || d == ',' || d == 0x061B || d == ';' || d == ':' || nk_is_latin_lower(d) ||
        nk_is_close_bracket(d))
        return 0;
    if (kind == T_STRONG)
        return 1;
    if (kind == T_ELLIPSIS) {
        size_t st;
        uint32_t p;
        if (nbracket || t0 == start)
            return 0; /* "(...)" or an ellipsis inside brackets */
        p = nk_cp_before(s, len, start, t0, &st);
        if (nk_is_opener(p))
            return 0; /* «... marks an omission */
        /* " ... " between words is the web's pause-or-stop: like "word... " */
        return !is_connective(s, len, m);
    }
    /* A single period. */
    if (t0 == start)
        return 1;
    if (sp->opts.abbrevs == NULL && ends_in_arabic_word(s, start, t0))
        return 1; /* the common case: no built-in abbreviation or initial ends so */
    {
        size_t st, ws;
        int wk;
        uint32_t p = nk_cp_before(s, len, start, t0, &st);
        if (nk_is_quote(p) || nk_is_close_bracket(p))
            return 1; /* «الإرهاب». */
        ws = word_start(s, len, start, t0);
        while (ws < t0) { /* skip opening quotes and brackets */
            uint32_t o = nk_cp_at(s, len, ws, &n);
            if (!nk_is_opener(o))
                break;
            ws += n;
        }
        if (ws >= t0)
            return 1;
        wk = word_kind(sp, start, ws, t0);
        if (wk == NK_ABBR_NONE)
            return 1;
        if (number_before(s, len, start, ws))
            return 1;            /* 2017 م. / 5 ق.م. : an era or unit after a number */
        if (wk == NK_ABBR_FINAL) /* U.S. goes on whatever follows; etc. إلخ ق.م. may end */
            return !((unsigned char)s[ws] < 0x80 && memchr(s + ws, '.', t0 - ws) != NULL);
        if (wk == K_DOTTED) /* ع.م. U.N. in mid-sentence: written with periods, never an end */
            return 0;
        if (wk == K_LATIN_INITIAL) /* a Latin initial goes with a Latin name: "فيتامين C. وقال" */
            return nk_is_arabic_letter(d);
        return 0;
    }
}

int nk_splitter_next(nk_splitter *sp, nk_span *out)
{
    const char *s = sp->s;
    size_t len = sp->len;
    size_t i = skip_space(s, len, sp->pos), start, end = len;
    int join = (sp->opts.flags & NK_SPLIT_JOIN_LINES) != 0;

    if (i >= len) {
        sp->pos = len;
        return 0;
    }
    start = i;
    for (;;) {
        unsigned char b;
        size_t t0, resume;
        /* The hot loop: skip bytes that cannot matter. */
        i = scan_stop(s, i, len);
        if (i >= len) {
            end = len;
            sp->pos = len;
            break;
        }
        b = (unsigned char)s[i];
        t0 = (size_t)-1;
        if (b == '\n' || b == '\r') {
            size_t j = i + 1;
            if (!join && !soft_eol(sp, i)) {
                end = i;
                sp->pos = j;
                break;
            }
            /* Joined lines: a blank line still ends the sentence. */
            if (b == '\r' && j < len && s[j] == '\n')
                j++;
            j = skip_blank(s, len, j);
            if (j >= len || s[j] == '\n' || s[j] == '\r') {
                end = i;
                sp->pos = j;
                break;
            }
            i = j;
            continue;
        } else if (b == 0xE2) {
            if (i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
                unsigned char b2 = (unsigned char)s[i + 2];
                if (b2 == 0xA6)
                    t0 = i;
                else if (b2 == 0xA9 || (b2 == 0xA8 && !join)) {
                    end = i;
                    sp->pos = i + 3;
                    break;
                }
            }
        } else if (b >= 0x80) {
            /* Second byte of ؟ (D8 9F), ۔ (DB 94), ؛ (D8 9B). */
            unsigned char b0 = i > start ? (unsigned char)s[i - 1] : 0;
            if ((b == 0x9F && b0 == 0xD8) || (b == 0x94 && b0 == 0xDB) ||
                (b == 0x9B && b0 == 0xD8 && (sp->opts.flags & NK_SPLIT_SEMICOLON)))
                t0 = i - 1;
        } else if (b != ';' || (sp->opts.flags & NK_SPLIT_SEMICOLON)) {
            t0 = i;
        }
        if (t0 == (size_t)-1) {
            i++;
            continue;
        }
        if (at_terminator(sp, start, t0, &end, &resume)) {
            sp->pos = end;
            break;
        }
        i = resume > i ? resume : i + 1;
    }
    out->start = start;
    out->end = trim_back(s, len, start, end);
    return 1;
}

nk_status nk_sentences(const char *s, size_t len, const nk_split_opts *o, nk_spanvec *out)
{
    nk_splitter sp;
    nk_span span;
    if (s == NULL && len > 0)
        return NK_EINVAL;
    nk_splitter_init(&sp, s, len, o);
    while (nk_splitter_next(&sp, &span)) {
        nk_status st = nk_spanvec_push(out, span);
        if (st != NK_OK)
            return st;
    }
    return NK_OK;
}

/* ---- Paragraphs -------------------------------------------------------- */

/* The next LF, CR or E2 byte (a line end may start there) at or after i, or len. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(NK_NO_SIMD)
static size_t scan_line_byte(const char *s, size_t i, size_t len)
{
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  e2 = _mm_set1_epi8((char)0xE2);
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, e2)));
        if (mask != 0)
            return i + (unsigned)__builtin_ctz(mask);
        i += 16;
    }
    while (i < len && s[i] != '\n' && s[i] != '\r' && (unsigned char)s[i] != 0xE2)
        i++;
    return i;
}
#else
static size_t scan_line_byte(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] != '\n' && s[i] != '\r' && (unsigned char)s[i] != 0xE2)
        i++;
    return i;
}
#endif

void nk_parasplitter_init(nk_parasplitter *pp, const char *s, size_t len, unsigned flags)
{
    pp->s = s;
    pp->len = len;
    pp->pos = 0;
    pp->flags = flags;
}

int nk_parasplitter_next(nk_parasplitter *pp, nk_span *out)
{
    const char *s = pp->s;
    size_t len = pp->len, i = pp->pos, pstart = 0, pend = 0;
    int open = 0;
    while (i < len) {
        /* One line: [i, le), then its separator up to next. */
        size_t le = i, next, a, b;
        int parasep = 0;
        while ((le = scan_line_byte(s, le, len)) < len) {
            unsigned char c = (unsigned char)s[le];
            if (c == '\n' || c == '\r')
                break;
            if (c == 0xE2 && le + 2 < len && (unsigned char)s[le + 1] == 0x80 &&
                ((unsigned char)s[le + 2] == 0xA8 || (unsigned char)s[le + 2] == 0xA9))
                break;
            le++;
        }
        if (le >= len)
            next = len;
        else if (s[le] == '\r')
            next = le + 1 + (le + 1 < len && s[le + 1] == '\n');
        else if (s[le] == '\n')
            next = le + 1;
        else {
            parasep = (unsigned char)s[le + 2] == 0xA9;
            next = le + 3;
        }
        a = skip_space(s, le, i);
        b = trim_back(s, le, a, le);
        pp->pos = next;
        if (a >= b) { /* a blank line closes the paragraph */
            if (open)
                break;
        } else {
            if (!open) {
                pstart = a;
                open = 1;
            }
            pend = b;
            if (parasep || (pp->flags & NK_SPLIT_LINE_PARAGRAPHS))
                break;
        }
        i = next;
    }
    if (!open) {
        pp->pos = len;
        return 0;
    }
    out->start = pstart;
    out->end = pend;
    return 1;
}

nk_status nk_paragraphs(const char *s, size_t len, unsigned flags, nk_spanvec *out)
{
    nk_parasplitter pp;
    nk_span span;
    if (s == NULL && len > 0)
        return NK_EINVAL;
    nk_parasplitter_init(&pp, s, len, flags);
    while (nk_parasplitter_next(&pp, &span)) {
        nk_status st = nk_spanvec_push(out, span);
        if (st != NK_OK)
            return st;
    }
    return NK_OK;
}
