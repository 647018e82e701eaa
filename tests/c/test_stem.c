/*
** test_stem.c
** The light stemmer, rule by rule (see nk_stem.h), and the text form.
*/
#include "nk_stem.h"
#include "nk_test.h"

static const struct {
    const char *title, *word, *want;
} cases[] = {
    /* normalization */
    {"harakat and tatweel dropped", "مُحَمَّـد", "محمد"},
    {"hamza alefs unified", "أحمد", "احمد"},
    {"alef maqsura to ya (then suffix ي)", "مستشفى", "مستشف"},
    {"alef maqsura in the middle", "مصطفى", "مصطف"},
    {"Latin lower-cased, not stripped", "Putin", "putin"},
    /* rule 2: و */
    {"waw dropped when 3 letters remain", "وقال", "قال"},
    {"waw kept on a short word", "وقت", "وقت"},
    /* rule 3: articles */
    {"article ال", "الرئيس", "رئيس"},
    {"article وال", "والمعلم", "معلم"},
    {"article بال", "بالمدرسة", "مدرس"},
    {"article كال", "كالبحر", "بحر"},
    {"article فال", "فالأمر", "امر"},
    {"article لل", "للصراع", "صراع"},
    {"article kept when < 2 letters remain", "الم", "الم"},
    /* rule 4: suffixes */
    {"suffix ها", "كتابها", "كتاب"},
    {"suffix ان", "رئيسان", "رئيس"},
    {"suffix ات", "محادثات", "محادث"},
    {"suffix ون", "مهتمون", "مهتم"},
    {"suffix ين", "الإرهابيين", "ارهاب"},
    {"suffix ية (as يه)", "السورية", "سور"},
    {"suffix ة (as ه)", "مدينة", "مدين"},
    {"suffix ي", "الروسي", "روس"},
    {"suffixes keep 2 letters", "فيه", "في"},
    {"one-letter word", "و", "و"},
    {"empty word", "", ""},
};

int main(void)
{
    size_t i;
    char out[256];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].word), n;
        char *w = nk_test_dup(cases[i].word, len);
        n = nk_stem(w, len, out);
        CHECK(n <= len && n == strlen(cases[i].want) && memcmp(out, cases[i].want, n) == 0,
              cases[i].title, "got [%.*s] want [%s]", (int)n, out, cases[i].want);
        free(w);
    }
    {
        const char *t = "والمعلمون في المدارس  السورية\n";
        size_t len = strlen(t), n;
        char *w = nk_test_dup(t, len);
        n = nk_stem_text(w, len, out);
        out[n] = 0;
        CHECK(strcmp(out, "معلم في مدارس  سور\n") == 0, "text: every word stemmed, spaces kept",
              "got [%s]", out);
        free(w);
    }
    {
        /* invalid bytes: copied, never grown */
        const char w[] = "\xd8\xff\x80ال";
        size_t n = nk_stem(w, sizeof w - 1, out);
        CHECK(n <= sizeof w - 1, "invalid UTF-8 never grows", "n=%zu", n);
    }
    {
        /* a 100-letter "word": normalized only */
        char big[201], *w;
        size_t k, n;
        for (k = 0; k < 100; k++)
            memcpy(big + 2 * k, k % 2 ? "\xd8\xa3" : "\xd8\xa8", 2); /* أ ب */
        w = nk_test_dup(big, 200);
        n = nk_stem(w, 200, out);
        CHECK(n == 200 && memcmp(out + 2, "\xd8\xa7", 2) == 0, "long word only normalized", "n=%zu",
              n);
        free(w);
    }
    return NK_TEST_DONE();
}
