/*
** test_textkey.c
** The one text-key layer: the key profiles of nk_normalize.h (data in
** nk_norm_profile.c) and the modules that take their folds from them — the
** entity rules' keys (nk_words_key/raw), the extraction key (nk_words_fold),
** the light stemmer (nk_stem) — checked code point by code point, so a rule
** added to a profile reaches every user of it.
*/
#include "nk_normalize.h"
#include "nk_sim.h"
#include "nk_stem.h"
#include "nk_test.h"
#include "nk_utf8.h"
#include "nk_words.h"

typedef struct {
    const char *profile, *in, *want;
} kcase;

static const kcase cases[] = {
    {"entity", "إدلب", "ادلب"},
    {"entity", "مُوسَى", "موسي"},
    {"entity", "سوريـــة", "سوريه"},
    {"entity", "Reuters", "reuters"},
    {"entity", "ٱلک\xe2\x80\x8cی", "الكي"}, /* wasla, keheh, ZWNJ, Farsi yeh */
    {"entity", "٢٠١٧", "٢٠١٧"},             /* digits stay */
    {"entity_raw", "مُحَمَّد أطْـلع", "محمد أطلع"},
    {"entity_raw", "ABC", "ABC"},
    {"extract", "أحمدُ ٢٠١٧ ۱۲ آية", "احمد 2017 12 ايه"},
    {"extract", "ABC", "ABC"},
    {"extract", "\xd9\x95", "\xd9\x95"}, /* U+0655 is outside the extract key's harakat */
    {"stem", "Ab ى", "ab ي"},
    {"variant", "\xd8\x90ـإِ\xdb\x96", "ا"},
    /* invalid and overlong bytes are copied as they are */
    {"entity", "\xff\xe0\x81\x8b\xd9", "\xff\xe0\x81\x8b\xd9"},
};

static int rules_sorted(const nk_key_profile *k)
{
    size_t i;
    for (i = 0; i < k->nrules; i++) {
        if (k->rule[i].lo > k->rule[i].hi)
            return 0;
        if (i > 0 && k->rule[i].lo <= k->rule[i - 1].hi)
            return 0;
    }
    return 1;
}

/* The expected fold of one code point under k, encoded. */
static size_t want_cp(const nk_key_profile *k, uint32_t c, char *out)
{
    uint32_t t = nk_key_cp(k, c);
    return t == NK_KEY_DROPPED ? 0 : nk_utf8_encode(t, out);
}

/* fold(one code point) == the profile's rule for it, for the whole BMP. */
static int same_as_profile(const nk_key_profile *k, size_t (*fold)(const char *, size_t, char *),
                           uint32_t *bad)
{
    uint32_t c;
    for (c = 1; c < 0x10000; c++) {
        char in[4], want[4], got[8];
        size_t n, wn, gn;
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        n = nk_utf8_encode(c, in);
        wn = want_cp(k, c, want);
        gn = fold(in, n, got);
        if (gn != wn || memcmp(got, want, wn) != 0) {
            *bad = c;
            return 0;
        }
    }
    return 1;
}

static size_t stem1(const char *w, size_t n, char *out)
{
    return nk_stem(w, n, out);
}

/*
** nk_key over a string of many code points (first..last by step, so one call
** meets each gap between rules and each rule in turn) against nk_key_cp code
** point by code point; returns the first code point that differs, or 0.
*/
static uint32_t run_as_cps(const nk_key_profile *k, uint32_t first, uint32_t last, int step)
{
    static char in[4 * 0x800], want[4 * 0x800], got[4 * 0x800];
    size_t n = 0, wn = 0, gn, i;
    uint32_t c;
    for (c = first; step > 0 ? c <= last : c >= last; c = (uint32_t)((int32_t)c + step)) {
        uint32_t t = nk_key_cp(k, c);
        size_t m = nk_utf8_encode(c, in + n);
        if (t != NK_KEY_DROPPED) {
            char u[4];
            size_t un = nk_utf8_encode(t, u);
            if (un > m) /* would grow: kept */
                memcpy(want + wn, in + n, m), wn += m;
            else
                memcpy(want + wn, u, un), wn += un;
        }
        n += m;
        if (step < 0 && c == 0)
            break;
    }
    gn = nk_key(k, in, n, got);
    for (i = 0; i < gn && i < wn && got[i] == want[i]; i++) {
    }
    if (gn == wn && i == wn)
        return 0;
    return first; /* (which run: the caller names it) */
}

int main(void)
{
    const char *const *names = nk_key_profile_names();
    size_t i, count = 0;
    uint32_t bad = 0;

    for (i = 0; names[i] != NULL; i++) {
        const nk_key_profile *k = nk_key_profile_named(names[i]);
        char title[80];
        snprintf(title, sizeof title, "key profile %s: found by name and id, rules sorted",
                 names[i]);
        CHECK(k != NULL && k == nk_key_profile_get((int)i) && rules_sorted(k) && k->doc != NULL,
              title, "profile %s", names[i]);
        count++;
    }
    CHECK(count == 6 && nk_key_profile_get(NK_KEY_DIGITS) != NULL &&
              nk_key_profile_get(6) == NULL && nk_key_profile_get(-1) == NULL &&
              nk_key_profile_named("nope") == NULL,
          "six key profiles, in NK_KEY_* order; unknown ones are NULL", "count %zu", count);

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const nk_key_profile *k = nk_key_profile_named(cases[i].profile);
        char out[256], title[300];
        size_t n = strlen(cases[i].in), m = k ? nk_key(k, cases[i].in, n, out) : 0;
        snprintf(title, sizeof title, "%s key of %s", cases[i].profile, cases[i].in);
        CHECK(k != NULL && m <= n && m == strlen(cases[i].want) &&
                  memcmp(out, cases[i].want, m) == 0,
              title, "got %.*s", (int)m, out);
    }

    {
        static const struct {
            int id;
            size_t (*fold)(const char *, size_t, char *);
            const char *title;
        } users[] = {
            {NK_KEY_ENTITY, nk_words_key, "nk_words_key is the entity key profile"},
            {NK_KEY_ENTITY_RAW, nk_words_raw, "nk_words_raw is the entity_raw key profile"},
            {NK_KEY_EXTRACT, nk_words_fold, "nk_words_fold is the extract key profile"},
            {NK_KEY_STEM, stem1, "nk_stem of one letter is the stem key profile"},
        };
        for (i = 0; i < sizeof users / sizeof users[0]; i++)
            CHECK(same_as_profile(nk_key_profile_get(users[i].id), users[i].fold, &bad),
                  users[i].title, "differs at U+%04X", (unsigned)bad);
    }
    {
        const nk_key_profile *st = nk_key_profile_get(NK_KEY_STEM),
                             *dg = nk_key_profile_get(NK_KEY_DIGITS);
        uint32_t c;
        int ok = 1;
        for (c = 1; c < 0x10000 && ok; c++) {
            char in[4], want[4], got[8];
            size_t n, wn = 0, gn;
            uint32_t t;
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            n = nk_utf8_encode(c, in);
            t = nk_key_cp(st, c);
            if (t != NK_KEY_DROPPED)
                wn = nk_utf8_encode(nk_key_cp(dg, t), want);
            gn = nk_sim_key(in, n, got);
            if (gn != wn || memcmp(got, want, wn) != 0)
                ok = 0, bad = c;
        }
        CHECK(ok, "nk_sim_key is the stem then the digits key profile, code point by code point",
              "U+%04X", (unsigned)bad);
    }
    for (i = 0; names[i] != NULL; i++) {
        const nk_key_profile *k = nk_key_profile_named(names[i]);
        char title[120];
        int ok = run_as_cps(k, 0x20, 0x7FF, 1) == 0 && run_as_cps(k, 0x7FF, 0x20, -1) == 0 &&
                 run_as_cps(k, 0x600, 0x6FF, 3) == 0 && run_as_cps(k, 0xFB50, 0xFDFF, 1) == 0 &&
                 run_as_cps(k, 0xFE70, 0xFEFF, 1) == 0;
        snprintf(title, sizeof title, "key profile %s: a long string as its code points one by one",
                 names[i]);
        CHECK(ok, title, "profile %s", names[i]);
    }
    {
        char buf[] = "أحمدُ ٢٠١٧";
        size_t m = nk_key(nk_key_profile_get(NK_KEY_EXTRACT), buf, strlen(buf), buf);
        CHECK(m == strlen("احمد 2017") && memcmp(buf, "احمد 2017", m) == 0,
              "nk_key in place (out = w)", "got %.*s", (int)m, buf);
    }
    {
        char out[64];
        size_t m = nk_stem("والمكتبات", strlen("والمكتبات"), out);
        CHECK(m == strlen("مكتب") && memcmp(out, "مكتب", m) == 0,
              "the stemmer still strips after its key fold", "got %.*s", (int)m, out);
        m = nk_stem("وَالْمَكْتَبَاتُ", strlen("وَالْمَكْتَبَاتُ"), out);
        CHECK(m == strlen("مكتب") && memcmp(out, "مكتب", m) == 0,
              "the stemmer drops the harakat through its key profile", "got %.*s", (int)m, out);
    }
    return NK_TEST_DONE();
}
