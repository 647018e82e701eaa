/*
** nk_letters.h
** Internal: the Arabic letters the core's rules name (clitics, articles,
** suffixes, folds), one constant per code point, defined once for the whole
** core. Code that needs a letter by name includes this header.
*/
#ifndef NK_LETTERS_H
#define NK_LETTERS_H

#define NK_HAMZA 0x0621u        /* ء */
#define NK_ALEF_MADDA 0x0622u   /* آ */
#define NK_ALEF_HAMZA 0x0623u   /* أ */
#define NK_WAW_HAMZA 0x0624u    /* ؤ */
#define NK_ALEF_HAMZA_B 0x0625u /* إ */
#define NK_YEH_HAMZA 0x0626u    /* ئ */
#define NK_ALEF 0x0627u         /* ا */
#define NK_BEH 0x0628u          /* ب */
#define NK_TEH_MARBUTA 0x0629u  /* ة */
#define NK_TEH 0x062Au          /* ت */
#define NK_SEEN 0x0633u         /* س */
#define NK_TATWEEL 0x0640u      /* ـ */
#define NK_FEH 0x0641u          /* ف */
#define NK_KAF 0x0643u          /* ك */
#define NK_LAM 0x0644u          /* ل */
#define NK_MEEM 0x0645u         /* م */
#define NK_NOON 0x0646u         /* ن */
#define NK_HEH 0x0647u          /* ه */
#define NK_WAW 0x0648u          /* و */
#define NK_ALEF_MAQSURA 0x0649u /* ى */
#define NK_YEH 0x064Au          /* ي */
#define NK_DAGGER_ALEF 0x0670u  /* ٰ superscript alef */
#define NK_ALEF_WASLA 0x0671u   /* ٱ */
#define NK_KEHEH 0x06A9u        /* ک (Persian kaf) */
#define NK_FARSI_YEH 0x06CCu    /* ی (Persian yeh) */
#define NK_ZWNJ 0x200Cu         /* zero-width non-joiner (inside Arabic words) */
#define NK_ZWJ 0x200Du          /* zero-width joiner */

/* p[0..1] is the UTF-8 form of cp, a letter of U+0080..U+07FF (two bytes; every letter above
** but the joiners): for rules that read keys as bytes. */
#define NK_IS_U8_2(p, cp)                                                                          \
    ((unsigned char)(p)[0] == (0xC0u | ((cp) >> 6)) &&                                             \
     (unsigned char)(p)[1] == (0x80u | ((cp)&0x3Fu)))

#endif
