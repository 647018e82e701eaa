/*
** nk_scan.h
** Internal: the one word scanner of the core. Every word cut of the C side
** goes through it: nk_tokens (naskh tokens, the similarity terms), the
** entity rules' and the tagger's word scan (nk_words_next), and the
** gazetteer's word tokens (nk_gz_next: the compiler and the matcher).
**
** Two pieces of data and one loop:
**   - the character category of a code point (nk_cc): one classification,
**     fine enough for every scanner (NK_CC_*; ASCII and the Arabic block are
**     listed here, the other ranges are in nk_scan.c);
**   - a scanner's options (nk_scan_opts): what it makes of each category (the
**     token class it starts, whether skipping it flags a line break, which
**     word classes it continues), which characters join two digits or two
**     letters, and a few switches (runs of one punctuation mark, URLs, the
**     lenient decoder, the hash of the matcher, the SSE2 path);
**   - nk_scan_next, the "next token" loop, inlined into each scanner with its
**     constant options so that what a scanner does not use costs nothing.
** The three option sets are below, side by side (NK_SCAN_TABLE): a change of
** word boundary is made here, for the scanner that should see it, and
** nowhere else. Each scanner's output is byte for byte what it was when the
** three were separate code; tests/c/test_scan.c checks the table's rules.
*/
#ifndef NK_SCAN_H
#define NK_SCAN_H

#include <stdint.h>
#include <string.h>

#include "nk_chars.h"
#include "nk_tokens.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NK_NO_SIMD)
#include <emmintrin.h>
#define NK_SCAN_SSE2 1
#endif

#if defined(__GNUC__)
#define NK_SCAN_HOT __attribute__((always_inline)) inline
#else
#define NK_SCAN_HOT inline
#endif

/*
** Character categories, and what each scanner makes of them. Where the
** scanners agree a category is simply what it says; where they were built to
** differ, the category names the difference:
**   CONTROL C0 controls (not white space), DEL   SPACE tab, space, NBSP,
**   U+2000..U+200A, U+202F   NEWLINE LF, U+2028, U+2029   VT_FF vertical tab,
**   form feed   CR   PUNCT ASCII and general punctuation, ، ؛ ؟ ...
**   SYMBOL everything not listed (symbols, C1 controls, U+FFFD, emoji)
**   DIGIT 0-9, Arabic-Indic, Persian   LATIN A-Z a-z, Latin-1, Latin Extended
**   A/B   NEL U+0085   LETTER letters of other scripts   SOFT_HYPHEN
**   COMBINING U+0300..U+036F   AR_MARK harakat, Quranic marks, dagger alef,
**   tatweel   FORMAT ALM, LRM, RLM, bidi controls, U+2060..   AR_LETTER_EXT
**   Arabic letters outside the entity rules' list (ؠ ػ..ؿ ٮ ٯ, supplements)
**   AR_LETTER Arabic letters and presentation forms   AR_SIGN_MARK ۝ ۞ ۩
**   AR_SIGN ۽ ۾   AR_EXT_LETTER U+08CA..U+08D2   SPACE_OTHER ogham space,
**   U+205F, U+3000, BOM   ZWSP   JOINER ZWNJ, ZWJ   ORNATE_PAREN ﴾ ﴿
**   AR_LIGATURE U+FDFC..U+FDFF   VARSEL variation selectors   LETTER_SUPP
**   what the tokenizer takes for letters and the matcher for marks
**   (supplementary planes, fullwidth signs).
**
** One row per category, the three scanners side by side: the role (the token
** class it starts, NONE: skipped between tokens; | NL: skipping it flags a
** line break; | MK: a mark, which starts a word but is not what a joiner must
** precede) and the word classes it continues (A arabic, L latin, N number).
** A category that starts a word continues it (tests/c/test_scan.c).
**   tokens     nk_tokens (naskh tokens, the similarity terms)
**   words      nk_words_next (the entity rules, the tagger, naskh.words)
**   gazetteer  nk_gz_next (the gazetteer compiler and the matcher)
*/
/* clang-format off */
#define NK_SCAN_TABLE(X, P)                                                                        \
    /*   category       tokens          words               gazetteer     */                       \
    X(P, CONTROL,       SYM, 0,         PUN, 0,             NONE, 0      )                         \
    X(P, SPACE,         NONE, 0,        NONE, 0,            NONE, 0      )                         \
    X(P, NEWLINE,       NONE, 0,        NONE | NL, 0,       NONE | NL, 0 )                         \
    X(P, VT_FF,         NONE, 0,        PUN, 0,             NONE | NL, 0 )                         \
    X(P, CR,            NONE, 0,        NONE, 0,            NONE | NL, 0 )                         \
    X(P, PUNCT,         PUN, 0,         PUN, 0,             PUN, 0       )                         \
    X(P, SYMBOL,        SYM, 0,         PUN, 0,             PUN, 0       )                         \
    X(P, DIGIT,         NUM, N,         NUM, N,             LAT, L       )                         \
    X(P, LATIN,         LAT, L,         LAT, L,             LAT, L       )                         \
    X(P, NEL,           NONE, 0,        NONE | NL, 0,       PUN, 0       )                         \
    X(P, LETTER,        LAT, L,         PUN, 0,             LAT, L       )                         \
    X(P, SOFT_HYPHEN,   NONE, 0,        PUN, 0,             PUN, 0       )                         \
    X(P, COMBINING,     LAT | MK, L,    PUN, 0,             LAT, L       )                         \
    X(P, AR_MARK,       AR, A,          AR | MK, A | L | N, AR, A        )                         \
    X(P, FORMAT,        NONE, 0,        PUN, 0,             NONE, 0      )                         \
    X(P, AR_LETTER_EXT, AR, A,          PUN, 0,             AR, A        )                         \
    X(P, AR_LETTER,     AR, A,          AR, A,              AR, A        )                         \
    X(P, AR_SIGN_MARK,  SYM, 0,         AR | MK, A | L | N, PUN, 0       )                         \
    X(P, AR_SIGN,       SYM, 0,         AR, A,              AR, A        )                         \
    X(P, AR_EXT_LETTER, LAT, L,         PUN, 0,             AR, A        )                         \
    X(P, SPACE_OTHER,   NONE, 0,        PUN, 0,             NONE, 0      )                         \
    X(P, ZWSP,          NONE, 0,        NONE, 0,            NONE, 0      )                         \
    X(P, JOINER,        NONE, A,        AR | MK, A | L | N, NONE, 0      )                         \
    X(P, ORNATE_PAREN,  AR, A,          PUN, 0,             PUN, 0       )                         \
    X(P, AR_LIGATURE,   LAT, L,         AR, A,              AR, A        )                         \
    X(P, VARSEL,        NONE, 0,        PUN, 0,             LAT, L       )                         \
    X(P, LETTER_SUPP,   LAT, L,         PUN, 0,             PUN, 0       )
/* clang-format on */

#define NK_CC_NAME(P, name, tr, tc, wr, wc, gr, gc) NK_CC_##name,
typedef enum { NK_SCAN_TABLE(NK_CC_NAME, _) NK_CC_COUNT } nk_charcat;
#undef NK_CC_NAME

/* The categories of U+0000..U+007F and of U+0600..U+06FF, in order. */
/* clang-format off */
#define NK_CC_ASCII_LIST(X, P)                                                                     \
    /* 0000 */ X(P, CONTROL) X(P, CONTROL) X(P, CONTROL) X(P, CONTROL)                             \
    /* 0004 */ X(P, CONTROL) X(P, CONTROL) X(P, CONTROL) X(P, CONTROL)                             \
    /* 0008 */ X(P, CONTROL) X(P, SPACE) X(P, NEWLINE) X(P, VT_FF)                                 \
    /* 000C */ X(P, VT_FF) X(P, CR) X(P, CONTROL) X(P, CONTROL)                                    \
    /* 0010 */ X(P, CONTROL) X(P, CONTROL) X(P, CONTROL) X(P, CONTROL)                             \
    /* 0014 */ X(P, CONTROL) X(P, CONTROL) X(P, CONTROL) X(P, CONTROL)                             \
    /* 0018 */ X(P, CONTROL) X(P, CONTROL) X(P, CONTROL) X(P, CONTROL)                             \
    /* 001C */ X(P, CONTROL) X(P, CONTROL) X(P, CONTROL) X(P, CONTROL)                             \
    /* 0020 */ X(P, SPACE) X(P, PUNCT) X(P, PUNCT) X(P, PUNCT)                                     \
    /* 0024 */ X(P, SYMBOL) X(P, PUNCT) X(P, PUNCT) X(P, PUNCT)                                    \
    /* 0028 */ X(P, PUNCT) X(P, PUNCT) X(P, PUNCT) X(P, SYMBOL)                                    \
    /* 002C */ X(P, PUNCT) X(P, PUNCT) X(P, PUNCT) X(P, PUNCT)                                     \
    /* 0030 */ X(P, DIGIT) X(P, DIGIT) X(P, DIGIT) X(P, DIGIT)                                     \
    /* 0034 */ X(P, DIGIT) X(P, DIGIT) X(P, DIGIT) X(P, DIGIT)                                     \
    /* 0038 */ X(P, DIGIT) X(P, DIGIT) X(P, PUNCT) X(P, PUNCT)                                     \
    /* 003C */ X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL) X(P, PUNCT)                                  \
    /* 0040 */ X(P, PUNCT) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0044 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0048 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 004C */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0050 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0054 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0058 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, PUNCT)                                     \
    /* 005C */ X(P, PUNCT) X(P, PUNCT) X(P, SYMBOL) X(P, PUNCT)                                    \
    /* 0060 */ X(P, SYMBOL) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                    \
    /* 0064 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0068 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 006C */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0070 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0074 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, LATIN)                                     \
    /* 0078 */ X(P, LATIN) X(P, LATIN) X(P, LATIN) X(P, PUNCT)                                     \
    /* 007C */ X(P, SYMBOL) X(P, PUNCT) X(P, SYMBOL) X(P, CONTROL)

#define NK_CC_ARABIC_LIST(X, P)                                                                    \
    /* 0600 */ X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL)                                 \
    /* 0604 */ X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL)                                 \
    /* 0608 */ X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL) X(P, SYMBOL)                                 \
    /* 060C */ X(P, PUNCT) X(P, PUNCT) X(P, SYMBOL) X(P, SYMBOL)                                   \
    /* 0610 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 0614 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 0618 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, PUNCT)                               \
    /* 061C */ X(P, FORMAT) X(P, SYMBOL) X(P, PUNCT) X(P, PUNCT)                                   \
    /* 0620 */ X(P, AR_LETTER_EXT) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                 \
    /* 0624 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0628 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 062C */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0630 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0634 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0638 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER_EXT)                 \
    /* 063C */ X(P, AR_LETTER_EXT) X(P, AR_LETTER_EXT) X(P, AR_LETTER_EXT) X(P, AR_LETTER_EXT)     \
    /* 0640 */ X(P, AR_MARK) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                       \
    /* 0644 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0648 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_MARK)                       \
    /* 064C */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 0650 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 0654 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 0658 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 065C */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 0660 */ X(P, DIGIT) X(P, DIGIT) X(P, DIGIT) X(P, DIGIT)                                     \
    /* 0664 */ X(P, DIGIT) X(P, DIGIT) X(P, DIGIT) X(P, DIGIT)                                     \
    /* 0668 */ X(P, DIGIT) X(P, DIGIT) X(P, PUNCT) X(P, PUNCT)                                     \
    /* 066C */ X(P, PUNCT) X(P, PUNCT) X(P, AR_LETTER_EXT) X(P, AR_LETTER_EXT)                     \
    /* 0670 */ X(P, AR_MARK) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                       \
    /* 0674 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0678 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 067C */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0680 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0684 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0688 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 068C */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0690 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0694 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 0698 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 069C */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06A0 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06A4 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06A8 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06AC */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06B0 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06B4 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06B8 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06BC */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06C0 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06C4 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06C8 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06CC */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06D0 */ X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER) X(P, AR_LETTER)                     \
    /* 06D4 */ X(P, PUNCT) X(P, AR_LETTER) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 06D8 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 06DC */ X(P, AR_MARK) X(P, AR_SIGN_MARK) X(P, AR_SIGN_MARK) X(P, AR_MARK)                   \
    /* 06E0 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 06E4 */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK) X(P, AR_MARK)                             \
    /* 06E8 */ X(P, AR_MARK) X(P, AR_SIGN_MARK) X(P, AR_MARK) X(P, AR_MARK)                        \
    /* 06EC */ X(P, AR_MARK) X(P, AR_MARK) X(P, AR_LETTER_EXT) X(P, AR_LETTER_EXT)                 \
    /* 06F0 */ X(P, DIGIT) X(P, DIGIT) X(P, DIGIT) X(P, DIGIT)                                     \
    /* 06F4 */ X(P, DIGIT) X(P, DIGIT) X(P, DIGIT) X(P, DIGIT)                                     \
    /* 06F8 */ X(P, DIGIT) X(P, DIGIT) X(P, AR_LETTER) X(P, AR_LETTER)                             \
    /* 06FC */ X(P, AR_LETTER) X(P, AR_SIGN) X(P, AR_SIGN) X(P, AR_LETTER)
/* clang-format on */

extern const unsigned char nk_cc_ascii[128];  /* U+0000..U+007F */
extern const unsigned char nk_cc_arabic[256]; /* U+0600..U+06FF */

/* The category of code points outside the two tables (any value: beyond U+10FFFF is SYMBOL). */
nk_charcat nk_cc_other(uint32_t cp);

static inline unsigned nk_cc(uint32_t cp)
{
    if (cp < 0x80)
        return nk_cc_ascii[cp];
    if (cp - 0x600u < 0x100u)
        return nk_cc_arabic[cp - 0x600u];
    return nk_cc_other(cp);
}

/* ---- options ------------------------------------------------------------ */

/* A role: the token class a category starts (NK_TOK_*; NK_TOK_NONE: skipped between tokens, and
** it ends a token it does not continue), plus flags. */
#define NK_SC_CLS 0x07u
#define NK_SC_NL 0x08u   /* skipping it flags a line break */
#define NK_SC_MARK 0x10u /* a mark: starts a word, but is not what a joiner must precede */
#define NK_SC_BIT(k) (1u << (k))
#define NK_SC_AR NK_SC_BIT(NK_TOK_ARABIC)

/* Switches. */
#define NK_SCAN_PUNCT_RUNS 0x01u   /* a punct or symbol token is a run of one code point ("...") */
#define NK_SCAN_URLS 0x02u         /* a URL or e-mail address is one latin token */
#define NK_SCAN_TRIM_JOINERS 0x04u /* an Arabic word does not end in ZWNJ/ZWJ */
#define NK_SCAN_LENIENT                                                                            \
    0x08u                  /* lenient decoding: a lead byte and its continuation bytes make a      \
                              code point whatever its value; anything else is one byte */
#define NK_SCAN_HASH 0x10u /* the token's polynomial hash (nk_gzint.h) into h */
#define NK_SCAN_SIMD 0x20u /* the SSE2 path for white space and Arabic words (nk_scan_fast) */
#define NK_SCAN_AR8                                                                                \
    0x40u /* with NK_SCAN_HASH: an Arabic word's letters taken and hashed eight bytes at a time    \
             (nk_scan_ar8; for options whose Arabic-block characters outside the filter of         \
             nk_scan_maybe_nonword all continue an Arabic word, test_scan) */

/* A scanner's options. The tables are columns of NK_SCAN_TABLE; the ASCII and Arabic-block ones
** are the same column looked up through NK_CC_ASCII_LIST / NK_CC_ARABIC_LIST at compile time, so
** that the hot paths take one load. */
typedef struct {
    unsigned char role[NK_CC_COUNT]; /* token class | NK_SC_NL | NK_SC_MARK */
    unsigned char cont[NK_CC_COUNT]; /* NK_SC_BIT(class) of the word classes it continues */
    unsigned char ascii_role[128], ascii_cont[128];
    unsigned char ar_role[256], ar_cont[256];
    uint32_t num_join[7]; /* between two digits, joins a number (0-terminated) */
    uint32_t lat_join[4]; /* between two letters, joins a latin word (0-terminated) */
    unsigned flags;       /* NK_SCAN_* */
} nk_scan_opts;

/* The columns of NK_SCAN_TABLE as constants NK_TR_<category> (tokens' role), NK_TC_ (tokens'
** continuation), NK_WR_, NK_WC_ (words), NK_GR_, NK_GC_ (gazetteer). */
#define NONE NK_TOK_NONE
#define AR NK_TOK_ARABIC
#define LAT NK_TOK_LATIN
#define NUM NK_TOK_NUMBER
#define PUN NK_TOK_PUNCT
#define SYM NK_TOK_SYMBOL
#define NL NK_SC_NL
#define MK NK_SC_MARK
#define A NK_SC_BIT(NK_TOK_ARABIC)
#define L NK_SC_BIT(NK_TOK_LATIN)
#define N NK_SC_BIT(NK_TOK_NUMBER)
#define NK_SCAN_DEF(P, name, tr, tc, wr, wc, gr, gc)                                               \
    NK_TR_##name = (tr), NK_TC_##name = (tc), NK_WR_##name = (wr), NK_WC_##name = (wc),            \
    NK_GR_##name = (gr), NK_GC_##name = (gc),
enum { NK_SCAN_TABLE(NK_SCAN_DEF, _) NK_SCAN_DEF_END };
#undef NK_SCAN_DEF
#undef NONE
#undef AR
#undef LAT
#undef NUM
#undef PUN
#undef SYM
#undef NL
#undef MK
#undef A
#undef L
#undef N

#define NK_SCAN_ITEM(P, name) (unsigned char)NK_##P##_##name,
#define NK_SCAN_TITEM(P, name, tr, tc, wr, wc, gr, gc) NK_SCAN_ITEM(P, name)
#define NK_SCAN_COLUMNS(R, C)                                                                      \
    .role = {NK_SCAN_TABLE(NK_SCAN_TITEM, R)}, .cont = {NK_SCAN_TABLE(NK_SCAN_TITEM, C)},          \
    .ascii_role = {NK_CC_ASCII_LIST(NK_SCAN_ITEM, R)},                                             \
    .ascii_cont = {NK_CC_ASCII_LIST(NK_SCAN_ITEM, C)},                                             \
    .ar_role = {NK_CC_ARABIC_LIST(NK_SCAN_ITEM, R)},                                               \
    .ar_cont = {NK_CC_ARABIC_LIST(NK_SCAN_ITEM, C)}

/* nk_tokens: a number keeps . , : / ٫ ٬ between digits, a latin word ' and ’ between letters;
** runs of one mark; URLs; ZWNJ/ZWJ inside Arabic words only. */
static const nk_scan_opts NK_SCAN_TOKENS = {
    NK_SCAN_COLUMNS(TR, TC),
    .num_join = {'.', ',', ':', '/', 0x066B, 0x066C, 0},
    .lat_join = {'\'', 0x2019, 0},
    .flags = NK_SCAN_PUNCT_RUNS | NK_SCAN_URLS | NK_SCAN_TRIM_JOINERS | NK_SCAN_SIMD,
};

/* nk_words_next: digits keep . , between them, Latin words ' - ’ between letters; a line break is
** flagged; every other character is a one-character punct token; lenient decoding. */
static const nk_scan_opts NK_SCAN_WORDS = {
    NK_SCAN_COLUMNS(WR, WC),
    .num_join = {'.', ',', 0},
    .lat_join = {'\'', '-', 0x2019, 0},
    .flags = NK_SCAN_LENIENT,
};

/* nk_gz_next (on search-normalized text): "latin" words of letters and digits of every other
** script (COVID19 is one word), one-character punct tokens, line breaks flagged, the hash. */
static const nk_scan_opts NK_SCAN_GAZETTEER = {
    NK_SCAN_COLUMNS(GR, GC),
    .num_join = {0},
    .lat_join = {0},
    .flags = NK_SCAN_HASH | NK_SCAN_AR8,
};

#undef NK_SCAN_COLUMNS
#undef NK_SCAN_TITEM
#undef NK_SCAN_ITEM

/* ---- the loop ------------------------------------------------------------ */

/* A token: bytes [start, end), class (NK_TOK_*), a line break before it (scanners that flag
** them), and with NK_SCAN_HASH the polynomial hash of its bytes. */
typedef struct {
    size_t start, end;
    int cls, nl;
    uint64_t h;
} nk_scan_tok;

/* The word hash's base and its byte fold (ASCII letters to lower case); see nk_gzint.h. */
#define NK_HB 0x9e3779b97f4a7c15ULL
static inline unsigned char nk_fold(unsigned char c)
{
    return (unsigned char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
}

/* h = h * B + fold(byte) over s[0..n), two bytes per step (the same value: a shorter chain). */
static inline uint64_t nk_hpoly(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t h = 0;
    size_t i = 0;
    for (; i + 1 < n; i += 2)
        h = h * (NK_HB * NK_HB) + ((uint64_t)nk_fold(u[i]) * NK_HB + nk_fold(u[i + 1]));
    if (i < n)
        h = h * NK_HB + nk_fold(u[i]);
    return h;
}

/* h carried on over one character, the n bytes at u (h = h * B + fold(byte); the bytes of a
** character of two or more bytes are all >= 0x80, which the fold keeps). */
static inline uint64_t nk_hmore(uint64_t h, const unsigned char *u, size_t n)
{
    size_t i;
    if (n == 1)
        return h * NK_HB + nk_fold(u[0]);
    if (n == 2)
        return h * (NK_HB * NK_HB) + ((uint64_t)u[0] * NK_HB + u[1]);
    for (i = 0; i < n; i++)
        h = h * NK_HB + u[i];
    return h;
}

/* The lenient decoder (NK_SCAN_LENIENT): *n bytes; U+FFFD (one byte) when s[i] does not start
** a lead byte followed by its continuation bytes. Over-long forms and values beyond U+10FFFF
** are decoded as they are. */
static inline uint32_t nk_scan_lenient(const char *str, size_t len, size_t i, size_t *n)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[i];
    size_t k, m;
    uint32_t cp;
    *n = 1;
    if (c < 0x80)
        return c;
    m = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (m == 0 || i + m > len)
        return NK_REPLACEMENT;
    cp = c & (0x7Fu >> m);
    for (k = 1; k < m; k++) {
        unsigned b = s[i + k];
        if (b < 0x80 || b > 0xBF)
            return NK_REPLACEMENT;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    *n = m;
    return cp;
}

static NK_SCAN_HOT uint32_t nk_scan_dec(const nk_scan_opts *o, const char *s, size_t len, size_t i,
                                        size_t *n)
{
    return (o->flags & NK_SCAN_LENIENT) ? nk_scan_lenient(s, len, i, n) : nk_cp_at(s, len, i, n);
}

/* Is c in the 0-terminated set? */
static NK_SCAN_HOT int nk_scan_in(const uint32_t *set, uint32_t c)
{
    for (; *set != 0; set++)
        if (*set == c)
            return 1;
    return 0;
}

/* The end of a URL or an e-mail address starting at s[i], or i when there is none. */
size_t nk_scan_url(const char *s, size_t len, size_t i);

/* Does the two-byte sequence at s[p] encode a character of the Arabic block that continues a
** word of class k? */
static NK_SCAN_HOT int nk_scan_ar2(const nk_scan_opts *o, const unsigned char *u, size_t p,
                                   unsigned bit)
{
    return u[p] - 0xD8u <= 3u && (u[p + 1] & 0xC0) == 0x80 &&
           (o->ar_cont[((u[p] & 3u) << 6) | (u[p + 1] & 0x3Fu)] & bit);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define NK_SCAN_LE 1
/*
** Eight bytes (x, loaded little-endian) that are four two-byte characters of
** the Arabic block none of which the filter of nk_scan_maybe_nonword (the
** same ranges: D8 80..9F, D9 A0..AD, DB 94..BF) may take for a non-word
** character: 1 when they surely continue an Arabic word (NK_SCAN_AR8), 0
** when the exact check must look. A 16-bit lane per character: its offset in
** the block (0..255) is tested against the ranges by the carry into bit 8.
*/
static inline int nk_scan_ar8(uint64_t x)
{
    const uint64_t lane = 0x0001000100010001ull, bit8 = 0x0100 * lane;
    uint64_t off, ok;
    if ((x & 0xC0FC * lane) != 0x80D8 * lane) /* lead D8..DB, then a continuation byte */
        return 0;
    off = ((x & 0x0003 * lane) << 6) | (x >> 8 & 0x003F * lane);
    ok = ((off + 0x00E0 * lane) & ~(off + 0x00A0 * lane)) | /* 0x20 <= off < 0x60 */
         ((off + 0x0092 * lane) & ~(off + 0x002C * lane));  /* 0x6E <= off < 0xD4 */
    return (ok & bit8) == bit8;
}

/* The word hash carried over those eight bytes: h * B^8 + b0 * B^7 + ... + b7 (nk_gzint.h), as
** four two-byte steps would; the four pair terms are independent. */
static inline uint64_t nk_scan_h8(uint64_t h, uint64_t x)
{
    const uint64_t b2 = NK_HB * NK_HB, b4 = b2 * b2, b6 = b4 * b2, b8 = b4 * b4;
    uint64_t p0 = (x & 0xFF) * NK_HB + (x >> 8 & 0xFF),
             p1 = (x >> 16 & 0xFF) * NK_HB + (x >> 24 & 0xFF),
             p2 = (x >> 32 & 0xFF) * NK_HB + (x >> 40 & 0xFF),
             p3 = (x >> 48 & 0xFF) * NK_HB + (x >> 56);
    return h * b8 + p0 * b6 + p1 * b4 + p2 * b2 + p3;
}
#endif

#ifdef NK_SCAN_SSE2
/* Bytes v (16 lanes) within [lo, hi] (unsigned). */
static inline __m128i nk_scan_in_range(__m128i v, unsigned lo, unsigned hi)
{
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}

/*
** Lanes whose lead v and next byte w may encode a character of the Arabic
** block that is not an Arabic word character for nk_tokens: D8 00..9F
** (U+0600..061F: ، ؛ ؟ and a few marks), D9 A0..AD (digits, ٪ ٫ ٬ ٭), DB
** 94.. (U+06D4..06FF: ۔, Extended digits, rarer letters). A superset, cheap
** to test (tests/c/test_scan.c checks it against the tables); the exact
** scalar check takes over there. Only for options whose Arabic-block word
** characters are those of NK_SCAN_TOKENS (NK_SCAN_SIMD).
*/
static inline __m128i nk_scan_maybe_nonword(__m128i v, __m128i w)
{
    __m128i d8 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8)),
                               _mm_cmpeq_epi8(_mm_min_epu8(w, _mm_set1_epi8((char)0x9F)), w));
    __m128i d9 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9)),
                               nk_scan_in_range(w, 0xA0, 0xAD));
    __m128i db = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xDB)),
                               _mm_cmpeq_epi8(_mm_max_epu8(w, _mm_set1_epi8((char)0x94)), w));
    return _mm_or_si128(_mm_or_si128(d8, d9), db);
}

/*
** Sixteen bytes at j (j + 17 <= len) tested at once for eight two-byte
** Arabic word characters: the number of leading bytes that surely continue
** the word (even; 16 = all).
*/
static inline unsigned nk_scan_chunk(const char *s, size_t j)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + j + 1));
    __m128i lead =
        _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0xC0));
    __m128i block = nk_scan_in_range(v, 0xD8, 0xDB);
    __m128i bad = _mm_andnot_si128(block, lead);
    __m128i nonword = nk_scan_maybe_nonword(v, w);
    unsigned stop, k;
    stop = ~(unsigned)_mm_movemask_epi8(v) & 0xFFFFu;                /* ASCII */
    stop |= (unsigned)_mm_movemask_epi8(_mm_or_si128(bad, nonword)); /* wrong lead */
    stop |= ((unsigned)_mm_movemask_epi8(lead) ^ 0x5555u) & 0xFFFFu; /* lead, cont, lead, ... */
    if (stop == 0)
        return 16;
    k = (unsigned)__builtin_ctz(stop);
    return k & ~1u;
}
#endif

/*
** The end of a word of class k that goes on at j (its first character, or
** one after it): characters that continue class k, and a joiner of the
** options between two digits (NUMBER) or two letters (LATIN). With
** NK_SCAN_HASH, *hp (the hash of the word's bytes before j) is carried on over
** the bytes taken.
*/
static NK_SCAN_HOT size_t nk_scan_run(const nk_scan_opts *o, const char *s, size_t len, size_t j,
                                      int k, uint64_t *hp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned bit = NK_SC_BIT(k);
    uint64_t h = (o->flags & NK_SCAN_HASH) ? *hp : 0;
#ifdef NK_SCAN_SSE2
    if ((o->flags & NK_SCAN_SIMD) && k == NK_TOK_ARABIC) {
        while (j + 17 <= len && u[j] - 0xD8u <= 3u) {
            unsigned a = nk_scan_chunk(s, j);
            j += a;
            if (a < 16)
                break;
        }
    }
#endif
    for (;;) {
        size_t n;
        uint32_t c;
        /* fast path: two-byte characters of the Arabic block */
        if (o->flags & NK_SCAN_HASH) {
            while (j + 1 < len && nk_scan_ar2(o, u, j, bit)) {
                h = h * (NK_HB * NK_HB) + ((uint64_t)u[j] * NK_HB + u[j + 1]);
                j += 2;
            }
        } else {
            while (j + 1 < len && nk_scan_ar2(o, u, j, bit))
                j += 2;
        }
        if (j >= len)
            break;
        if (u[j] < 0x80) {
            if (k == NK_TOK_ARABIC) /* no ASCII character continues an Arabic word (test_scan) */
                break;
            c = u[j];
            n = 1;
            if (o->ascii_cont[c] & bit) {
                if (o->flags & NK_SCAN_HASH)
                    h = h * NK_HB + nk_fold((unsigned char)c);
                j++;
                continue;
            }
        } else {
            c = nk_scan_dec(o, s, len, j, &n);
            if (o->cont[nk_cc(c)] & bit) {
                if (o->flags & NK_SCAN_HASH)
                    h = nk_hmore(h, u + j, n);
                j += n;
                continue;
            }
        }
        /* a joiner, followed by a character that starts the class (not a mark): 3.5, don't.
           Under the lenient decoder a number's joiner is one byte (an over-long '.' is not one) */
        if (k == NK_TOK_NUMBER
                ? nk_scan_in(o->num_join, c) && (n == 1 || !(o->flags & NK_SCAN_LENIENT))
                : k == NK_TOK_LATIN && nk_scan_in(o->lat_join, c)) {
            if (j + n < len) {
                size_t n2;
                unsigned r = o->role[nk_cc(nk_scan_dec(o, s, len, j + n, &n2))];
                if ((r & (NK_SC_CLS | NK_SC_MARK)) == (unsigned)k) {
                    if (o->flags & NK_SCAN_HASH)
                        h = nk_hmore(h, u + j, n);
                    j += n;
                    continue;
                }
            }
        }
        break;
    }
    if (o->flags & NK_SCAN_HASH)
        *hp = h;
    return j;
}

/* A trailing ZWNJ/ZWJ is not part of an Arabic word (NK_SCAN_TRIM_JOINERS). */
static NK_SCAN_HOT size_t nk_scan_trim(const char *s, size_t i, size_t j)
{
    while (j > i + 2 && (unsigned char)s[j - 3] == 0xE2 && (unsigned char)s[j - 2] == 0x80 &&
           ((unsigned char)s[j - 1] == 0x8C || (unsigned char)s[j - 1] == 0x8D))
        j -= 3;
    return j;
}

#ifdef NK_SCAN_SSE2
/*
** The masks of the 64 bytes at base (base + 65 <= len): wm has a bit for
** every byte of a two-byte Arabic word character (lead and continuation;
** conservative: maybe_nonword lanes are left out and checked exactly later),
** sm for every ASCII white-space byte. Token boundaries are then bit scans.
*/
static inline void nk_scan_masks(const nk_scan_opts *o, nk_scanner *sc, size_t base)
{
    const char *s = sc->s;
    uint64_t lead = 0, sp = 0;
    int q;
    for (q = 0; q < 4; q++) {
        const char *p = s + base + 16 * (size_t)q;
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i ok = _mm_and_si128(
            nk_scan_in_range(v, 0xD8, 0xDB),
            _mm_cmpeq_epi8(_mm_and_si128(w, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
        __m128i ws =
            _mm_or_si128(nk_scan_in_range(v, 0x09, 0x0D), _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        ok = _mm_andnot_si128(nk_scan_maybe_nonword(v, w), ok);
        lead |= (uint64_t)(unsigned)_mm_movemask_epi8(ok) << (16 * q);
        sp |= (uint64_t)(unsigned)_mm_movemask_epi8(ws) << (16 * q);
    }
    sc->wm = lead | (lead << 1) |
             (base > 0 && nk_scan_ar2(o, (const unsigned char *)s, base - 1, NK_SC_AR) ? 1u : 0u);
    sc->sm = sp;
    sc->mbase = base;
}

/* Index of the first zero bit of m, or 64. */
static inline unsigned nk_scan_first_zero(uint64_t m)
{
    return ~m ? (unsigned)__builtin_ctzll(~m) : 64u;
}

/*
** The SIMD path (NK_SCAN_SIMD) for the two commonest cases: skip ASCII white
** space (which must be skipped without a line-break flag) and cut an Arabic
** word by bit scans over the block masks. Returns 1 with *t set, or 0 with
** sc->pos at the first byte the general path must look at.
*/
static NK_SCAN_HOT int nk_scan_fast(const nk_scan_opts *o, nk_scanner *sc, nk_scan_tok *t)
{
    const char *s = sc->s;
    size_t len = sc->len, i = sc->pos;
    while (i + 65 <= len) {
        unsigned off, k;
        if (i < sc->mbase || i - sc->mbase >= 64)
            nk_scan_masks(o, sc, i);
        off = (unsigned)(i - sc->mbase);
        k = nk_scan_first_zero(sc->sm >> off); /* zeros shifted in at the top stop it at the end */
        if (off + k >= 64) {                   /* white space to the end of the block */
            i = sc->mbase + 64;
            continue;
        }
        i += k;
        off += k;
        if (sc->wm >> off & 1u) {
            size_t j;
            k = nk_scan_first_zero(sc->wm >> off);
            if (off + k >= 64) { /* the word reaches the end of the block */
                k = 64 - off;
                /* a lead byte in the last lane: its continuation is the next byte */
                if (((unsigned char)s[i + k - 1] & 0xC0) == 0xC0)
                    k++;
            }
            j = i + k;
            if (j < len && (unsigned char)s[j] >= 0x80)
                j = nk_scan_trim(s, i, nk_scan_run(o, s, len, j, NK_TOK_ARABIC, NULL));
            t->cls = NK_TOK_ARABIC;
            t->start = i;
            t->end = j;
            t->nl = 0;
            sc->pos = j;
            return 1;
        }
        break;
    }
    sc->pos = i;
    return 0;
}
#endif

/*
** The next token of the scan into *t: 1, or 0 at the end of the text. White
** space and what the options skip are skipped (flagging line breaks); the
** first character's role gives the class; a punct or symbol token is that
** character (or a run of it), a word runs on through nk_scan_run.
*/
static NK_SCAN_HOT int nk_scan_next(const nk_scan_opts *o, nk_scanner *sc, nk_scan_tok *t)
{
    const char *s = sc->s;
    const unsigned char *u = (const unsigned char *)s;
    size_t len = sc->len, i, j, n;
    uint32_t c;
    uint64_t h0; /* the hash of the first character (NK_SCAN_HASH) */
    unsigned r;
    int k;

#ifdef NK_SCAN_SSE2
    if ((o->flags & NK_SCAN_SIMD) && nk_scan_fast(o, sc, t))
        return 1;
#endif
    i = sc->pos;
    for (;;) {
        unsigned b;
        if (i >= len) {
            sc->pos = len;
            return 0;
        }
        b = u[i];
        if (b < 0x80) {
            c = b;
            n = 1;
            r = o->ascii_role[b];
            h0 = 0; /* below */
        } else if (b - 0xD8u <= 3u && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            unsigned off = ((b & 3u) << 6) | (u[i + 1] & 0x3Fu);
            c = 0x600 + off;
            n = 2;
            r = o->ar_role[off];
            h0 = (uint64_t)b * NK_HB + u[i + 1];
        } else {
            c = nk_scan_dec(o, s, len, i, &n);
            r = o->role[nk_cc(c)];
            h0 = nk_hmore(0, u + i, n);
        }
        if (r & NK_SC_CLS)
            break;
        if (r & NK_SC_NL)
            sc->nl = 1;
        i += n;
    }
    k = (int)(r & NK_SC_CLS);
    j = i + n;
    if ((o->flags & NK_SCAN_HASH) && !(o->flags & NK_SCAN_TRIM_JOINERS) && k == NK_TOK_ARABIC &&
        n == 2) {
        /* the matcher's common case: two-byte Arabic letters hashed a pair at a time up to an
           ASCII byte (no ASCII character continues an Arabic word); anything else goes on
           through the run */
        uint64_t h = h0;
#ifdef NK_SCAN_LE
        if (o->flags & NK_SCAN_AR8) {
            uint64_t x;
            while (j + 8 <= len) {
                memcpy(&x, u + j, 8);
                if (!nk_scan_ar8(x))
                    break;
                h = nk_scan_h8(h, x);
                j += 8;
            }
        }
#endif
        while (j + 1 < len && nk_scan_ar2(o, u, j, NK_SC_AR)) {
            h = h * (NK_HB * NK_HB) + ((uint64_t)u[j] * NK_HB + u[j + 1]);
            j += 2;
        }
        if (j < len && u[j] >= 0x80)
            j = nk_scan_run(o, s, len, j, NK_TOK_ARABIC, &h);
        t->h = h;
        goto done;
    }
    if (n == 1)
        h0 = nk_fold(u[i]);
    t->h = 0;
    if (k >= NK_TOK_PUNCT) { /* punct or symbol */
        if (o->flags & NK_SCAN_HASH)
            t->h = h0;
        if (o->flags & NK_SCAN_PUNCT_RUNS) {
            size_t m;
            while (j < len && nk_scan_dec(o, s, len, j, &m) == c)
                j += m;
            if (o->flags & NK_SCAN_HASH)
                t->h = nk_hpoly(s + i, j - i);
        }
    } else {
        size_t e;
        if ((o->flags & NK_SCAN_URLS) && k == NK_TOK_LATIN && c < 0x80 &&
            (e = nk_scan_url(s, len, i)) > i) {
            j = e;
            if (o->flags & NK_SCAN_HASH)
                t->h = nk_hpoly(s + i, j - i);
        } else {
            /* an Arabic word has a copy of the loop of its own (no joiners: the common case) */
            if (o->flags & NK_SCAN_HASH)
                t->h = h0;
            j = k == NK_TOK_ARABIC ? nk_scan_run(o, s, len, j, NK_TOK_ARABIC, &t->h)
                                   : nk_scan_run(o, s, len, j, k, &t->h);
            if ((o->flags & NK_SCAN_TRIM_JOINERS) && k == NK_TOK_ARABIC) {
                size_t e2 = nk_scan_trim(s, i, j);
                if ((o->flags & NK_SCAN_HASH) && e2 != j)
                    t->h = nk_hpoly(s + i, e2 - i);
                j = e2;
            }
        }
    }
done:
    t->start = i;
    t->end = j;
    t->cls = k;
    t->nl = sc->nl;
    sc->nl = 0;
    sc->pos = j;
    return 1;
}

/* A scan of s[0..len) from the start; nl: whether the start counts as after a line break. */
static inline void nk_scan_init(nk_scanner *sc, const char *s, size_t len, int nl)
{
    sc->s = s;
    sc->len = len;
    sc->pos = 0;
    sc->nl = nl;
    sc->wm = sc->sm = 0;
    sc->mbase = (size_t)-1;
}

/*
** Masked mode (nk_words_next_masked): the text was masked first (punctuation
** outside ASCII turned into ASCII spaces), so a word is a run of bytes >= 0x80
** and of the ASCII characters of categories LATIN and DIGIT, and '_'.
*/
static inline int nk_scan_masked_byte(unsigned c)
{
    return c >= 0x80 || c == '_' || nk_cc_ascii[c] == NK_CC_LATIN || nk_cc_ascii[c] == NK_CC_DIGIT;
}

#endif
