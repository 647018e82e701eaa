/*
** nk_abbrev.c
** The built-in abbreviation list of the sentence splitter, as data: each word
** without its final period, and whether it may end a sentence. Sorted by
** UTF-8 bytes (binary search; tests/c/test_split.c checks the order).
** Add words here or, at run time, through nk_abbrevs_add / opts.abbreviations.
*/
#include "nk_split.h"

static const struct {
    const char *word;
    int kind;
} builtin[] = {
    {"Capt", NK_ABBR_TITLE},
    {"Co", NK_ABBR_FINAL},
    {"Col", NK_ABBR_TITLE},
    {"Corp", NK_ABBR_FINAL},
    {"Dr", NK_ABBR_TITLE},
    {"Fig", NK_ABBR_TITLE},
    {"Gen", NK_ABBR_TITLE},
    {"Gov", NK_ABBR_TITLE},
    {"Hon", NK_ABBR_TITLE},
    {"Inc", NK_ABBR_FINAL},
    {"Jr", NK_ABBR_FINAL},
    {"Lt", NK_ABBR_TITLE},
    {"Ltd", NK_ABBR_FINAL},
    {"Mr", NK_ABBR_TITLE},
    {"Mrs", NK_ABBR_TITLE},
    {"Ms", NK_ABBR_TITLE},
    {"Mt", NK_ABBR_TITLE},
    {"No", NK_ABBR_TITLE},
    {"Nos", NK_ABBR_TITLE},
    {"Prof", NK_ABBR_TITLE},
    {"Ref", NK_ABBR_TITLE},
    {"Rep", NK_ABBR_TITLE},
    {"Rev", NK_ABBR_TITLE},
    {"Sen", NK_ABBR_TITLE},
    {"Sgt", NK_ABBR_TITLE},
    {"Sr", NK_ABBR_FINAL},
    {"St", NK_ABBR_TITLE},
    {"U.K", NK_ABBR_FINAL},
    {"U.N", NK_ABBR_FINAL},
    {"U.S", NK_ABBR_FINAL},
    {"Vol", NK_ABBR_TITLE},
    {"a.m", NK_ABBR_FINAL},
    {"approx", NK_ABBR_TITLE},
    {"cf", NK_ABBR_TITLE},
    {"e.g", NK_ABBR_TITLE},
    {"etc", NK_ABBR_FINAL},
    {"fig", NK_ABBR_TITLE},
    {"i.e", NK_ABBR_TITLE},
    {"p", NK_ABBR_TITLE},
    {"p.m", NK_ABBR_FINAL},
    {"pp", NK_ABBR_TITLE},
    {"v", NK_ABBR_TITLE},
    {"vol", NK_ABBR_TITLE},
    {"vs", NK_ABBR_TITLE},
    {"\xd8\xa3", NK_ABBR_TITLE},                   /* أ أستاذ */
    {"\xd8\xa3.\xd8\xaf", NK_ABBR_TITLE},          /* أ.د أستاذ دكتور */
    {"\xd8\xa3.\xd9\x85.\xd8\xaf", NK_ABBR_TITLE}, /* أ.م.د أستاذ مساعد دكتور */
    {"\xd8\xa5\xd9\x84\xd8\xae", NK_ABBR_FINAL},   /* إلخ إلى آخره */
    {"\xd8\xa7", NK_ABBR_TITLE},                   /* ا أستاذ (بلا همزة) */
    {"\xd8\xa7.\xd8\xaf", NK_ABBR_TITLE},          /* ا.د أستاذ دكتور */
    {"\xd8\xa7\xd9\x84\xd8\xae", NK_ABBR_FINAL},   /* الخ إلى آخره */
    {"\xd8\xa7\xd9\x87\xd9\x80", NK_ABBR_FINAL},   /* اهـ انتهى */
    {"\xd8\xa8.\xd9\x85", NK_ABBR_FINAL},          /* ب.م بعد الميلاد */
    {"\xd8\xaa", NK_ABBR_TITLE},                   /* ت هاتف */
    {"\xd8\xac", NK_ABBR_TITLE},                   /* ج جزء */
    {"\xd8\xac.\xd9\x85", NK_ABBR_FINAL},          /* ج.م جنيه مصري */
    {"\xd8\xac.\xd9\x85.\xd8\xb9", NK_ABBR_TITLE}, /* ج.م.ع جمهورية مصر العربية */
    {"\xd8\xaf", NK_ABBR_TITLE},                   /* د دكتور */
    {"\xd8\xaf.\xd8\xa3", NK_ABBR_FINAL},          /* د.أ دينار أردني */
    {"\xd8\xaf.\xd8\xa5", NK_ABBR_FINAL},          /* د.إ درهم إماراتي */
    {"\xd8\xaf.\xd9\x83", NK_ABBR_FINAL},          /* د.ك دينار كويتي */
    {"\xd8\xb1.\xd8\xb3", NK_ABBR_FINAL},          /* ر.س ريال سعودي */
    {"\xd8\xb3", NK_ABBR_TITLE},                   /* س سؤال */
    {"\xd8\xb4", NK_ABBR_TITLE},                   /* ش شارع */
    {"\xd8\xb5", NK_ABBR_TITLE},                   /* ص صفحة */
    {"\xd8\xb5.\xd8\xa8", NK_ABBR_TITLE},          /* ص.ب صندوق بريد */
    {"\xd8\xb7", NK_ABBR_TITLE},                   /* ط طبعة */
    {"\xd8\xb9", NK_ABBR_TITLE},                   /* ع عدد */
    {"\xd9\x81", NK_ABBR_TITLE},                   /* ف فاكس */
    {"\xd9\x82.\xd9\x85", NK_ABBR_FINAL},          /* ق.م قبل الميلاد */
    {"\xd9\x82.\xd9\x87", NK_ABBR_FINAL},          /* ق.ه قبل الهجرة */
    {"\xd9\x82.\xd9\x87\xd9\x80", NK_ABBR_FINAL}, /* ق.هـ قبل الهجرة */
    {"\xd9\x84.\xd8\xb3", NK_ABBR_FINAL},         /* ل.س ليرة سورية */
    {"\xd9\x84.\xd9\x84", NK_ABBR_FINAL},         /* ل.ل ليرة لبنانية */
    {"\xd9\x85", NK_ABBR_TITLE},                  /* م مهندس؛ بعد رقم: ميلادي */
    {"\xd9\x85.\xd9\x85", NK_ABBR_TITLE},         /* م.م مدرس مساعد */
    {"\xd9\x85\xd8\xac", NK_ABBR_TITLE},          /* مج مجلد */
    {"\xd9\x87", NK_ABBR_FINAL},                  /* ه هجري */
    {"\xd9\x87\xd9\x80", NK_ABBR_FINAL},          /* هـ هجري */
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
