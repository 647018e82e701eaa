/*
** nk_norm_tab.h  —  private to the normalizer (core/nk_normalize.c).
** The static per-code-point table for the Basic Multilingual Plane, generated
** by core/gen/gen_norm_tables.c from ICU plus naskh's own class lists and
** committed as core/nk_norm_tables.c. Each entry is a uint64_t:
**
**   bits  0..15  fold: the target of this code point's switch (a BMP code point)
**   bits 16..31  nfk:  the NFKC image when it is one starter (else 0)
**   bits 32..39  ccc:  canonical combining class
**   bits 40..47  cls:  NK_CLS_* below (which switch owns the code point)
**   bits 48..55  flags: NK_TF_* below
**
** Code points above U+FFFF are not in the table; the normalizer asks ICU.
*/
#ifndef NK_NORM_TAB_H
#define NK_NORM_TAB_H

#include <stdint.h>

/* Classes: every code point belongs to at most one switch. */
enum {
    NK_CLS_NONE = 0,
    NK_CLS_DIAC,       /* harakat and tanween U+064B..U+0650, U+0652, superscript alef U+0670 */
    NK_CLS_SHADDA,     /* U+0651 */
    NK_CLS_MARKS,      /* Quranic, honorific and extended marks */
    NK_CLS_TATWEEL,    /* U+0640 */
    NK_CLS_ALEF,       /* U+0622 U+0623 U+0625 U+0671 -> U+0627 */
    NK_CLS_ALEF_EXT,   /* U+0672 U+0673 U+0675 -> U+0627 */
    NK_CLS_MAQSURA,    /* U+0649 -> U+064A */
    NK_CLS_MARBUTA,    /* U+0629 -> U+0647 */
    NK_CLS_HAMZA_SEAT, /* U+0624 -> U+0648, U+0626 -> U+064A */
    NK_CLS_HAMZA_MARK, /* combining hamza U+0654, U+0655 (left over after composition) */
    NK_CLS_DIGIT,      /* Arabic-Indic and Persian digits, U+066A U+066B U+066C */
    NK_CLS_PERSIAN,    /* Persian/Urdu letters -> Arabic letters */
    NK_CLS_CONTROL,    /* bidi and zero-width controls */
    NK_CLS_SPACE,      /* space-like characters -> U+0020 (line separators -> U+000A) */
    NK_CLS_QUOTE,      /* quotation marks -> '"' or '\'' */
    NK_CLS_PUNCT,      /* Arabic punctuation -> ASCII */
    NK_CLS_WORDLIG,    /* U+FDFC U+FDFD: word ligatures expanded before NFKC */
    NK_CLS_CASE,       /* case folding to the single code point in fold */
    NK_CLS_CASEX,      /* case folding that needs ICU (several code points) */
    NK_CLS_COUNT
};

/* Flags. QC values: 0 yes, 1 maybe, 2 no. */
#define NK_TF_NFC_QC(f) ((f)&3u)
#define NK_TF_NFKC_QC(f) (((f) >> 2) & 3u)
#define NK_TF_BB_NFC 0x10u  /* ICU NFC instance: boundary before */
#define NK_TF_BB_NFKC 0x20u /* ICU NFKC instance: boundary before */
#define NK_TF_PRES 0x40u    /* in U+FB50..U+FDFF or U+FE70..U+FEFF */

#define NK_TE_FOLD(e) ((uint32_t)((e)&0xFFFFu))
#define NK_TE_NFK(e) ((uint32_t)(((e) >> 16) & 0xFFFFu))
#define NK_TE_CCC(e) ((unsigned)(((e) >> 32) & 0xFFu))
#define NK_TE_CLS(e) ((unsigned)(((e) >> 40) & 0xFFu))
#define NK_TE_FLAGS(e) ((unsigned)(((e) >> 48) & 0xFFu))

#define NK_TAB_SHIFT 5
#define NK_TAB_BLOCK (1u << NK_TAB_SHIFT)

extern const uint16_t nk_norm_stage1[0x10000 >> NK_TAB_SHIFT];
extern const uint64_t nk_norm_stage2[][NK_TAB_BLOCK];
/* The ICU version the table was generated with (checked by the tests). */
extern const char nk_norm_table_icu[];

static inline uint64_t nk_norm_tab(uint32_t cp)
{
    return nk_norm_stage2[nk_norm_stage1[cp >> NK_TAB_SHIFT]][cp & (NK_TAB_BLOCK - 1)];
}

#endif
