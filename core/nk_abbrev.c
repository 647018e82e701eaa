/*
** nk_abbrev.c
** The built-in abbreviation list of the sentence splitter, as data: each word
** without its final period, and whether it may end a sentence. Sorted by
** UTF-8 bytes (binary search; tests/c/test_split.c checks the order).
** Add words here or, at run time, through nk_abbrevs_add / opts.abbreviations.
*/
#include "nk_split.h"

#include <string.h>

#define A(w, k)                                                                                    \
    {                                                                                              \
        w, sizeof(w) - 1, k                                                                        \
    }

static const struct {
    const char *word;
    size_t len;
    int kind;
} builtin[] = {
    A("Capt", NK_ABBR_TITLE),
    A("Co", NK_ABBR_FINAL),
    A("Col", NK_ABBR_TITLE),
    A("Corp", NK_ABBR_FINAL),
    A("Dr", NK_ABBR_TITLE),
    A("Fig", NK_ABBR_TITLE),
    A("Gen", NK_ABBR_TITLE),
    A("Gov", NK_ABBR_TITLE),
    A("Hon", NK_ABBR_TITLE),
    A("Inc", NK_ABBR_FINAL),
    A("Jr", NK_ABBR_FINAL),
    A("Lt", NK_ABBR_TITLE),
    A("Ltd", NK_ABBR_FINAL),
    A("Mr", NK_ABBR_TITLE),
    A("Mrs", NK_ABBR_TITLE),
    A("Ms", NK_ABBR_TITLE),
    A("Mt", NK_ABBR_TITLE),
    A("No", NK_ABBR_TITLE),
    A("Nos", NK_ABBR_TITLE),
    A("Prof", NK_ABBR_TITLE),
    A("Ref", NK_ABBR_TITLE),
    A("Rep", NK_ABBR_TITLE),
    A("Rev", NK_ABBR_TITLE),
    A("Sen", NK_ABBR_TITLE),
    A("Sgt", NK_ABBR_TITLE),
    A("Sr", NK_ABBR_FINAL),
    A("St", NK_ABBR_TITLE),
    A("U.K", NK_ABBR_FINAL),
    A("U.N", NK_ABBR_FINAL),
    A("U.S", NK_ABBR_FINAL),
    A("Vol", NK_ABBR_TITLE),
    A("a.m", NK_ABBR_FINAL),
    A("approx", NK_ABBR_TITLE),
    A("cf", NK_ABBR_TITLE),
    A("e.g", NK_ABBR_TITLE),
    A("etc", NK_ABBR_FINAL),
    A("fig", NK_ABBR_TITLE),
    A("i.e", NK_ABBR_TITLE),
    A("p", NK_ABBR_TITLE),
    A("p.m", NK_ABBR_FINAL),
    A("pp", NK_ABBR_TITLE),
    A("v", NK_ABBR_TITLE),
    A("vol", NK_ABBR_TITLE),
    A("vs", NK_ABBR_TITLE),
    A("\xd8\xa3", NK_ABBR_TITLE),                   /* أ أستاذ */
    A("\xd8\xa3.\xd8\xaf", NK_ABBR_TITLE),          /* أ.د أستاذ دكتور */
    A("\xd8\xa3.\xd9\x85.\xd8\xaf", NK_ABBR_TITLE), /* أ.م.د أستاذ مساعد دكتور */
    A("\xd8\xa5\xd9\x84\xd8\xae", NK_ABBR_FINAL),   /* إلخ إلى آخره */
    A("\xd8\xa7", NK_ABBR_TITLE),                   /* ا أستاذ (بلا همزة) */
    A("\xd8\xa7.\xd8\xaf", NK_ABBR_TITLE),          /* ا.د أستاذ دكتور */
    A("\xd8\xa7\xd9\x84\xd8\xae", NK_ABBR_FINAL),   /* الخ إلى آخره */
    A("\xd8\xa7\xd9\x87\xd9\x80", NK_ABBR_FINAL),   /* اهـ انتهى */
    A("\xd8\xa8.\xd9\x85", NK_ABBR_FINAL),          /* ب.م بعد الميلاد */
    A("\xd8\xaa", NK_ABBR_TITLE),                   /* ت هاتف */
    A("\xd8\xac", NK_ABBR_TITLE),                   /* ج جزء */
    A("\xd8\xac.\xd9\x85", NK_ABBR_FINAL),          /* ج.م جنيه مصري */
    A("\xd8\xac.\xd9\x85.\xd8\xb9", NK_ABBR_TITLE), /* ج.م.ع جمهورية مصر العربية */
    A("\xd8\xaf", NK_ABBR_TITLE),                   /* د دكتور */
    A("\xd8\xaf.\xd8\xa3", NK_ABBR_FINAL),          /* د.أ دينار أردني */
    A("\xd8\xaf.\xd8\xa5", NK_ABBR_FINAL),          /* د.إ درهم إماراتي */
    A("\xd8\xaf.\xd9\x83", NK_ABBR_FINAL),          /* د.ك دينار كويتي */
    A("\xd8\xb1.\xd8\xb3", NK_ABBR_FINAL),          /* ر.س ريال سعودي */
    A("\xd8\xb3", NK_ABBR_TITLE),                   /* س سؤال */
    A("\xd8\xb4", NK_ABBR_TITLE),                   /* ش شارع */
    A("\xd8\xb5", NK_ABBR_TITLE),                   /* ص صفحة */
    A("\xd8\xb5.\xd8\xa8", NK_ABBR_TITLE),          /* ص.ب صندوق بريد */
    A("\xd8\xb7", NK_ABBR_TITLE),                   /* ط طبعة */
    A("\xd8\xb9", NK_ABBR_TITLE),                   /* ع عدد */
    A("\xd9\x81", NK_ABBR_TITLE),                   /* ف فاكس */
    A("\xd9\x82.\xd9\x85", NK_ABBR_FINAL),          /* ق.م قبل الميلاد */
    A("\xd9\x82.\xd9\x87", NK_ABBR_FINAL),          /* ق.ه قبل الهجرة */
    A("\xd9\x82.\xd9\x87\xd9\x80", NK_ABBR_FINAL), /* ق.هـ قبل الهجرة */
    A("\xd9\x84.\xd8\xb3", NK_ABBR_FINAL),         /* ل.س ليرة سورية */
    A("\xd9\x84.\xd9\x84", NK_ABBR_FINAL),         /* ل.ل ليرة لبنانية */
    A("\xd9\x85", NK_ABBR_TITLE),                  /* م مهندس؛ بعد رقم: ميلادي */
    A("\xd9\x85.\xd9\x85", NK_ABBR_TITLE),         /* م.م مدرس مساعد */
    A("\xd9\x85\xd8\xac", NK_ABBR_TITLE),          /* مج مجلد */
    A("\xd9\x87", NK_ABBR_FINAL),                  /* ه هجري */
    A("\xd9\x87\xd9\x80", NK_ABBR_FINAL),          /* هـ هجري */
};

size_t nk_abbrevs_builtin_count(void)
{
    return sizeof builtin / sizeof builtin[0];
}

const char *nk_abbrevs_builtin(size_t i, int *kind)
{
    if (i >= nk_abbrevs_builtin_count())
        return NULL;
    if (kind != NULL)
        *kind = builtin[i].kind;
    return builtin[i].word;
}

int nk_abbrevs_builtin_find(const char *word, size_t len)
{
    size_t lo = 0, hi = sizeof builtin / sizeof builtin[0];
    if (len > NK_ABBR_MAXLEN)
        return NK_ABBR_NONE;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, bl = builtin[mid].len;
        int c = memcmp(builtin[mid].word, word, bl < len ? bl : len);
        if (c == 0)
            c = bl < len ? -1 : bl > len;
        if (c == 0)
            return builtin[mid].kind;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NK_ABBR_NONE;
}
