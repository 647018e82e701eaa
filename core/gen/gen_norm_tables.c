/*
** gen_norm_tables.c  —  writes core/nk_norm_tables.c (the normalizer's static
** BMP table, see core/nk_norm_tab.h) from ICU properties plus naskh's class
** lists below. Not part of libnaskh. Regenerate after editing a list:
**
**   make tables
**
** tests/c/test_normalize.c checks the committed table against the ICU it runs with.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include "nk_norm_tab.h"

/* One class assignment: code points lo..hi get class cls and fold target
** fold (or, with step, fold + (cp - lo)). */
typedef struct {
    unsigned lo, hi, cls, fold, step;
} range;

static const range RANGES[] = {
    {0x064B, 0x0650, NK_CLS_DIAC, 0, 0},
    {0x0652, 0x0652, NK_CLS_DIAC, 0, 0},
    {0x0670, 0x0670, NK_CLS_DIAC, 0, 0},
    {0x0651, 0x0651, NK_CLS_SHADDA, 0, 0},
    {0x0610, 0x061A, NK_CLS_MARKS, 0, 0},
    {0x0656, 0x065E, NK_CLS_MARKS, 0, 0},
    {0x06D6, 0x06ED, NK_CLS_MARKS, 0, 0},
    {0x0898, 0x089F, NK_CLS_MARKS, 0, 0},
    {0x08CA, 0x08FF, NK_CLS_MARKS, 0, 0},
    {0x0640, 0x0640, NK_CLS_TATWEEL, 0, 0},
    {0x0622, 0x0623, NK_CLS_ALEF, 0x0627, 0},
    {0x0625, 0x0625, NK_CLS_ALEF, 0x0627, 0},
    {0x0671, 0x0671, NK_CLS_ALEF, 0x0627, 0},
    {0x0672, 0x0673, NK_CLS_ALEF_EXT, 0x0627, 0},
    {0x0675, 0x0675, NK_CLS_ALEF_EXT, 0x0627, 0},
    {0x0649, 0x0649, NK_CLS_MAQSURA, 0x064A, 0},
    {0x0629, 0x0629, NK_CLS_MARBUTA, 0x0647, 0},
    {0x0624, 0x0624, NK_CLS_HAMZA_SEAT, 0x0648, 0},
    {0x0626, 0x0626, NK_CLS_HAMZA_SEAT, 0x064A, 0},
    {0x0654, 0x0655, NK_CLS_HAMZA_MARK, 0, 0},
    {0x065F, 0x065F, NK_CLS_HAMZA_MARK, 0, 0},
    {0x0660, 0x0669, NK_CLS_DIGIT, '0', 1},
    {0x06F0, 0x06F9, NK_CLS_DIGIT, '0', 1},
    {0x066A, 0x066A, NK_CLS_DIGIT, '%', 0},
    {0x066B, 0x066B, NK_CLS_DIGIT, '.', 0},
    {0x066C, 0x066C, NK_CLS_DIGIT, ',', 0},
    {0x06A9, 0x06AA, NK_CLS_PERSIAN, 0x0643, 0},
    {0x06AF, 0x06AF, NK_CLS_PERSIAN, 0x0643, 0},
    {0x06CC, 0x06CC, NK_CLS_PERSIAN, 0x064A, 0},
    {0x06D2, 0x06D2, NK_CLS_PERSIAN, 0x064A, 0},
    {0x06D3, 0x06D3, NK_CLS_PERSIAN, 0x0626, 0},
    {0x06BE, 0x06BE, NK_CLS_PERSIAN, 0x0647, 0},
    {0x06C0, 0x06C2, NK_CLS_PERSIAN, 0x0647, 0},
    {0x06C3, 0x06C3, NK_CLS_PERSIAN, 0x0629, 0},
    {0x00AD, 0x00AD, NK_CLS_CONTROL, 0, 0},
    {0x061C, 0x061C, NK_CLS_CONTROL, 0, 0},
    {0x200B, 0x200F, NK_CLS_CONTROL, 0, 0},
    {0x202A, 0x202E, NK_CLS_CONTROL, 0, 0},
    {0x2060, 0x2060, NK_CLS_CONTROL, 0, 0},
    {0x2066, 0x2069, NK_CLS_CONTROL, 0, 0},
    {0xFEFF, 0xFEFF, NK_CLS_CONTROL, 0, 0},
    {0x00A0, 0x00A0, NK_CLS_SPACE, 0x20, 0},
    {0x1680, 0x1680, NK_CLS_SPACE, 0x20, 0},
    {0x2000, 0x200A, NK_CLS_SPACE, 0x20, 0},
    {0x202F, 0x202F, NK_CLS_SPACE, 0x20, 0},
    {0x205F, 0x205F, NK_CLS_SPACE, 0x20, 0},
    {0x3000, 0x3000, NK_CLS_SPACE, 0x20, 0},
    {0x0085, 0x0085, NK_CLS_SPACE, 0x0A, 0},
    {0x2028, 0x2029, NK_CLS_SPACE, 0x0A, 0},
    {0x00AB, 0x00AB, NK_CLS_QUOTE, '"', 0},
    {0x00BB, 0x00BB, NK_CLS_QUOTE, '"', 0},
    {0x201C, 0x201F, NK_CLS_QUOTE, '"', 0},
    {0x2018, 0x201B, NK_CLS_QUOTE, '\'', 0},
    {0x2039, 0x203A, NK_CLS_QUOTE, '\'', 0},
    {0x060C, 0x060C, NK_CLS_PUNCT, ',', 0},
    {0x061B, 0x061B, NK_CLS_PUNCT, ';', 0},
    {0x061F, 0x061F, NK_CLS_PUNCT, '?', 0},
    {0x06D4, 0x06D4, NK_CLS_PUNCT, '.', 0},
    {0xFDFC, 0xFDFD, NK_CLS_WORDLIG, 0, 0},
};

static uint64_t entry(const UNormalizer2 *nfc, const UNormalizer2 *nfkc, UChar32 c, unsigned cls,
                      unsigned fold)
{
    unsigned flags = 0, nfk = 0, ccc = u_getCombiningClass(c);
    unsigned qc = (unsigned)u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK);
    unsigned kqc = (unsigned)u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK);
    /* UNormalizationCheckResult: UNORM_NO 0, UNORM_YES 1, UNORM_MAYBE 2 */
    unsigned map[3] = {2, 0, 1};
    flags |= map[qc] | (map[kqc] << 2);
    if (unorm2_hasBoundaryBefore(nfc, c))
        flags |= NK_TF_BB_NFC;
    if (unorm2_hasBoundaryBefore(nfkc, c))
        flags |= NK_TF_BB_NFKC;
    if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
        flags |= NK_TF_PRES;
    if (kqc == UNORM_NO && (flags & NK_TF_BB_NFKC)) {
        UChar in[2], out[32];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = 0, m;
        U16_APPEND_UNSAFE(in, n, c);
        m = unorm2_normalize(nfkc, in, n, out, 32, &e);
        if (U_SUCCESS(e) && m == 1 && !U16_IS_SURROGATE(out[0]) &&
            u_getCombiningClass(out[0]) == 0 && out[0] != 0)
            nfk = out[0];
    }
    if (cls == NK_CLS_NONE && u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED)) {
        UChar in[2], out[32];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = 0, m;
        U16_APPEND_UNSAFE(in, n, c);
        m = u_strFoldCase(out, 32, in, n, U_FOLD_CASE_DEFAULT, &e);
        if (U_SUCCESS(e) && m == 1 && !U16_IS_SURROGATE(out[0])) {
            cls = NK_CLS_CASE;
            fold = out[0];
        } else {
            cls = NK_CLS_CASEX;
        }
    }
    return (uint64_t)fold | ((uint64_t)nfk << 16) | ((uint64_t)ccc << 32) | ((uint64_t)cls << 40) |
           ((uint64_t)flags << 48);
}

int main(void)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&e);
    static unsigned cls[0x10000], fold[0x10000];
    static uint64_t tab[0x10000];
    static uint64_t blocks[0x10000 >> NK_TAB_SHIFT][NK_TAB_BLOCK];
    static unsigned stage1[0x10000 >> NK_TAB_SHIFT];
    unsigned nblocks = 0, i, b, k;
    UVersionInfo uv;
    char ver[U_MAX_VERSION_STRING_LENGTH];

    if (U_FAILURE(e)) {
        fprintf(stderr, "gen_norm_tables: ICU: %s\n", u_errorName(e));
        return 1;
    }
    for (i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++) {
        const range *r = &RANGES[i];
        unsigned c;
        for (c = r->lo; c <= r->hi; c++) {
            if (cls[c] != NK_CLS_NONE) {
                fprintf(stderr, "gen_norm_tables: U+%04X in two classes\n", c);
                return 1;
            }
            cls[c] = r->cls;
            fold[c] = r->fold + (r->step ? c - r->lo : 0);
        }
    }
    for (i = 0; i < 0x10000; i++)
        tab[i] = (i >= 0xD800 && i <= 0xDFFF) ? 0 : entry(nfc, nfkc, (UChar32)i, cls[i], fold[i]);
    for (b = 0; b < (0x10000 >> NK_TAB_SHIFT); b++) {
        const uint64_t *blk = tab + (b << NK_TAB_SHIFT);
        for (k = 0; k < nblocks; k++)
            if (memcmp(blocks[k], blk, sizeof blocks[k]) == 0)
                break;
        if (k == nblocks)
            memcpy(blocks[nblocks++], blk, sizeof blocks[k]);
        stage1[b] = k;
    }
    u_getVersion(uv);
    u_versionToString(uv, ver);
    printf("/*\n** nk_norm_tables.c  —  GENERATED by core/gen/gen_norm_tables.c from ICU %s\n"
           "** (Unicode %s). Do not edit; see core/nk_norm_tab.h for the layout.\n*/\n",
           ver, U_UNICODE_VERSION);
    printf("#include \"nk_norm_tab.h\"\n\nconst char nk_norm_table_icu[] = \"%s\";\n\n", ver);
    printf("/* clang-format off */\n");
    printf("const uint16_t nk_norm_stage1[0x10000 >> NK_TAB_SHIFT] = {");
    for (b = 0; b < (0x10000 >> NK_TAB_SHIFT); b++)
        printf("%s%u,", b % 16 ? " " : "\n    ", stage1[b]);
    printf("\n};\n\nconst uint64_t nk_norm_stage2[][NK_TAB_BLOCK] = {\n");
    for (k = 0; k < nblocks; k++) {
        printf("    {");
        for (i = 0; i < NK_TAB_BLOCK; i++)
            printf("%s0x%llx,", i % 6 ? " " : "\n        ", (unsigned long long)blocks[k][i]);
        printf("\n    },\n");
    }
    printf("};\n/* clang-format on */\n");
    fprintf(stderr, "gen_norm_tables: %u blocks\n", nblocks);
    return 0;
}
