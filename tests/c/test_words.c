/*
** test_words.c
** The entity rules' word scanner (classes, line breaks, Latin and number
** joiners, invalid bytes), its key and raw folds, and the extraction stages'
** fold and masked word scan. Tokens are written "class:text" ("^" marks a
** token after a line break) and joined with spaces.
*/
#include "nk_test.h"
#include "nk_words.h"

typedef struct {
    const char *title, *text, *want;
} wcase;

static const wcase scan_cases[] = {
    {"Arabic words and punctuation", "قال الرئيس، إن", "^a:قال a:الرئيس p:، a:إن"},
    {"line breaks flag the next token", "أ\nب\n\nج", "^a:أ ^a:ب ^a:ج"},
    {"a word may start with a mark",
     "\xd9\x8e"
     "ب",
     "^a:\xd9\x8e"
     "ب"},
    {"harakat and tatweel stay in the word", "مُحَمَّد أطْـلع", "^a:مُحَمَّد a:أطْـلع"},
    {"Latin joiners between letters only", "don't l’Orient a- -b",
     "^l:don't l:l’Orient l:a p:- p:- l:b"},
    {"number joiners between digits only", "3.5 1,000 12. ٣٫٥",
     "^n:3.5 n:1,000 n:12 p:. n:٣ p:٫ n:٥"},
    {"digits glued to letters split", "2017م", "^n:2017 a:م"},
    {"Latin-1 letters are Latin", "Ségolène ×", "^l:Ségolène p:×"},
    {"no-break and thin spaces are spaces", "أ\xc2\xa0ب\xe2\x80\x89ج", "^a:أ a:ب a:ج"},
    {"U+2028 is a line break", "أ\xe2\x80\xa8ب", "^a:أ ^a:ب"},
    {"invalid bytes are one-byte punct",
     "\xff"
     "ب\xe2\x80",
     "^p:\xff a:ب p:\xe2 p:\x80"},
    {"empty", "", ""},
};

static const char cls_letter[] = "?alnp"; /* by nk_tokclass */

static void test_scan(void)
{
    size_t i;
    char got[1024];
    for (i = 0; i < sizeof scan_cases / sizeof scan_cases[0]; i++) {
        size_t len = strlen(scan_cases[i].text), n = 0;
        char *t = nk_test_dup(scan_cases[i].text, len);
        nk_wscan sc;
        nk_word w;
        got[0] = 0;
        nk_words_init(&sc, t, len);
        while (nk_words_next(&sc, &w) && n + 64 + (w.end - w.start) < sizeof got) {
            char c = cls_letter[w.cls];
            n += (size_t)snprintf(got + n, sizeof got - n, "%s%s%c:%.*s", n ? " " : "",
                                  w.nl ? "^" : "", c, (int)(w.end - w.start), t + w.start);
        }
        CHECK(strcmp(got, scan_cases[i].want) == 0, scan_cases[i].title, "got [%s] want [%s]", got,
              scan_cases[i].want);
        free(t);
    }
}

typedef struct {
    const char *title, *in, *key, *raw, *fold;
} fcase;

static const fcase fold_cases[] = {
    {"alef forms", "أإآٱا", "ااااا", "أإآٱا", "ااااا"},
    {"ya, ta marbuta, Persian letters", "ىیةک", "ييهك", "ىیةک", "يیهک"},
    {"harakat, dagger alef, tatweel", "مُحَمَّـدٰ", "محمد", "محمد", "محمد"},
    {"joiners and bidi marks",
     "ب\xe2\x80\x8c"
     "ت\xe2\x80\x8f",
     "بت", "بت",
     "ب\xe2\x80\x8c"
     "ت\xe2\x80\x8f"},
    {"Latin lower case in keys only", "PuTin", "putin", "PuTin", "PuTin"},
    {"digits fold in the stage key only", "٢٠١٧ ۱۹", "٢٠١٧ ۱۹", "٢٠١٧ ۱۹", "2017 19"},
    {"invalid bytes are kept",
     "\xff"
     "أ",
     "\xff"
     "ا",
     "\xff"
     "أ",
     "\xff"
     "ا"},
};

static void test_folds(void)
{
    size_t i;
    char out[256];
    for (i = 0; i < sizeof fold_cases / sizeof fold_cases[0]; i++) {
        const fcase *c = &fold_cases[i];
        size_t n = strlen(c->in), m;
        char *t = nk_test_dup(c->in, n);
        m = nk_words_key(t, n, out);
        CHECK(m <= n && m == strlen(c->key) && memcmp(out, c->key, m) == 0, c->title, "key [%.*s]",
              (int)m, out);
        m = nk_words_raw(t, n, out);
        CHECK(m <= n && m == strlen(c->raw) && memcmp(out, c->raw, m) == 0, c->title, "raw [%.*s]",
              (int)m, out);
        m = nk_words_fold(t, n, out);
        CHECK(m <= n && m == strlen(c->fold) && memcmp(out, c->fold, m) == 0, c->title,
              "fold [%.*s]", (int)m, out);
        free(t);
    }
}

static void test_masked(void)
{
    /* "و2020" loses its clitic, "وزير" does not; punctuation was masked to spaces */
    const char *m = "و2020  وزير_x ب٤ ل3 ك5 ab";
    size_t len = strlen(m), pos = 0, s, e, n = 0;
    char got[256];
    char *t = nk_test_dup(m, len);
    got[0] = 0;
    while (nk_words_next_masked(t, len, &pos, &s, &e))
        n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s", n ? "|" : "", (int)(e - s), t + s);
    CHECK(strcmp(got, "2020|وزير_x|٤|3|ك5|ab") == 0, "masked words drop و ف ب ل before digits",
          "got [%s]", got);
    free(t);
}

static void test_mask(void)
{
    const char *in = "قال، «نعم» ٪5 \xe2\x80\x94 \xef\xbb\xbfx\xc2\xa0y";
    /* ، and « are 2 bytes, — and the BOM 3, the no-break space 2 */
    const char *want = "قال"
                       "     "
                       "نعم"
                       "     "
                       "5"
                       "        "
                       "x"
                       "  "
                       "y";
    size_t n = strlen(in);
    char *t = nk_test_dup(in, n);
    nk_words_mask(t, n);
    CHECK(strlen(want) == n && memcmp(t, want, n) == 0,
          "mask: punctuation outside ASCII becomes spaces", "got [%.*s]", (int)n, t);
    free(t);
}

int main(void)
{
    test_scan();
    test_folds();
    test_masked();
    test_mask();
    return NK_TEST_DONE();
}
