/*
** test_tokens.c
** Token spans and classes, digits glued to letters, numbers, URLs, and the
** light clitic segmentation. Expected tokens are written "class:text" and
** joined with spaces; pieces as "p:و p:ال s:رئيس e:هم".
*/
#include "nk_test.h"
#include "nk_tokens.h"

typedef struct {
    const char *title, *text, *want;
} tok_case;

static const tok_case tok_cases[] = {
    {"Arabic words and punctuation", "قال الرئيس، إن الوضع جيد.",
     "a:قال a:الرئيس p:، a:إن a:الوضع a:جيد p:."},
    {"digits glued to letters split", "في 2017م وفي ٢٠١٨هـ", "a:في n:2017 a:م a:وفي n:٢٠١٨ a:هـ"},
    {"numbers with separators", "٣٫٥ و3.5 و10:30 و21.11.2017 و1,000 و21/11/2017",
     "n:٣٫٥ a:و n:3.5 a:و n:10:30 a:و n:21.11.2017 a:و n:1,000 a:و n:21/11/2017"},
    {"number then period", "بلغ 5000.", "a:بلغ n:5000 p:."},
    {"Latin words with apostrophes", "l’Orient don't", "l:l’Orient l:don't"},
    {"URL and e-mail are one token", "زوروا https://example.org/a?b=1. أو info@x.org",
     "a:زوروا l:https://example.org/a?b=1 p:. a:أو l:info@x.org"},
    {"punctuation runs", "انتظر... ماذا؟! «نعم»", "a:انتظر p:... a:ماذا p:؟ p:! p:« a:نعم p:»"},
    {"symbols", "100$ + 5% ©", "n:100 s:$ s:+ n:5 p:% s:©"},
    {"harakat and tatweel stay in the word", "مُحَمَّد أطْـلع", "a:مُحَمَّد a:أطْـلع"},
    {"bidi marks are skipped", "\xe2\x80\x8fسوريا\xe2\x80\x8e", "a:سوريا"},
    {"other scripts are latin-class letters", "Москва Αθήνα", "l:Москва l:Αθήνα"},
    {"empty", "", ""},
};

static char class_letter(nk_tokclass c)
{
    switch (c) {
    case NK_TOK_ARABIC:
        return 'a';
    case NK_TOK_LATIN:
        return 'l';
    case NK_TOK_NUMBER:
        return 'n';
    case NK_TOK_PUNCT:
        return 'p';
    case NK_TOK_SYMBOL:
        return 's';
    }
    return '?';
}

static void test_tokens(void)
{
    size_t i, k;
    char got[2048];
    for (i = 0; i < sizeof tok_cases / sizeof tok_cases[0]; i++) {
        size_t len = strlen(tok_cases[i].text), n = 0;
        char *t = nk_test_dup(tok_cases[i].text, len);
        nk_tokvec tv;
        nk_tokvec_init(&tv, NULL);
        got[0] = 0;
        CHECK(nk_tokens(t, len, &tv) == NK_OK, tok_cases[i].title, "status");
        for (k = 0; k < tv.n && n + 64 + (tv.v[k].span.end - tv.v[k].span.start) < sizeof got;
             k++) {
            n += (size_t)snprintf(
                got + n, sizeof got - n, "%s%c:%.*s", k ? " " : "", class_letter(tv.v[k].cls),
                (int)(tv.v[k].span.end - tv.v[k].span.start), t + tv.v[k].span.start);
        }
        CHECK(strcmp(got, tok_cases[i].want) == 0, tok_cases[i].title, "got [%s] want [%s]", got,
              tok_cases[i].want);
        nk_tokvec_free(&tv);
        free(t);
    }
    CHECK(strcmp(nk_token_class_name(NK_TOK_ARABIC), "arabic") == 0 &&
              strcmp(nk_token_class_name(NK_TOK_SYMBOL), "symbol") == 0,
          "class names", "wrong");
}

static const tok_case seg_cases[] = {
    {"conjunction + verb", "وقال", "p:و s:قال"},
    {"article", "الرئيس", "p:ال s:رئيس"},
    {"preposition + article (lam-lam)", "للصحفيين", "p:ل p:ل s:صحفيين"},
    {"conjunction + preposition + article", "وبالأمس", "p:و p:ب p:ال s:أمس"},
    {"conjunction + article", "والسورية", "p:و p:ال s:سورية"},
    {"fa + lam-lam", "فللمرة", "p:ف p:ل p:ل s:مرة"},
    {"enclitic hum", "كتابهم", "s:كتاب e:هم"},
    {"enclitic na", "بلادنا", "s:بلاد e:نا"},
    {"enclitic huma", "بينهما", "s:بين e:هما"},
    {"conjunction and enclitic", "وحكومتها", "p:و s:حكومت e:ها"},
    {"no enclitic after the article", "الرئيسي", "p:ال s:رئيسي"},
    {"و-initial noun kept", "وزير", "s:وزير"},
    {"و-initial proper noun kept", "واشنطن", "s:واشنطن"},
    {"relative pronoun kept", "الذي", "s:الذي"},
    {"Allah kept", "الله", "s:الله"},
    {"conjunction + short function word", "وقد", "p:و s:قد"},
    {"tanwin alef is not -na", "أحيانا", "s:أحيانا"},
    {"-aah is not a pronoun", "اتجاه", "s:اتجاه"},
    {"short word unsegmented", "من", "s:من"},
    {"harakat stay with their letter", "وَالكِتابُ", "p:وَ p:ال s:كِتابُ"},
    {"Latin word unsegmented", "Putin", "s:Putin"},
};

static void test_clitics(void)
{
    size_t i, k;
    char got[512];
    for (i = 0; i < sizeof seg_cases / sizeof seg_cases[0]; i++) {
        size_t len = strlen(seg_cases[i].text), n = 0, np;
        char *t = nk_test_dup(seg_cases[i].text, len);
        nk_piece pc[NK_MAX_PIECES];
        nk_span w = {0, len};
        int cover = 1;
        np = nk_clitics(t, w, pc);
        got[0] = 0;
        for (k = 0; k < np; k++) {
            static const char kinds[] = "?pse";
            n += (size_t)snprintf(got + n, sizeof got - n, "%s%c:%.*s", k ? " " : "",
                                  kinds[pc[k].kind], (int)(pc[k].span.end - pc[k].span.start),
                                  t + pc[k].span.start);
            if (pc[k].span.start != (k ? pc[k - 1].span.end : 0) ||
                pc[k].span.end <= pc[k].span.start)
                cover = 0;
        }
        if (np == 0 || pc[np - 1].span.end != len)
            cover = 0;
        CHECK(cover && strcmp(got, seg_cases[i].want) == 0, seg_cases[i].title,
              "got [%s] want [%s] cover=%d", got, seg_cases[i].want, cover);
        free(t);
    }
}

/* Tokens of hostile input: ordered, non-empty, in bounds, never on white space. */
static void test_robust(void)
{
    const char *text = "و\xd8\xff 3.\xd9\xa0 @x.y http:// \xe2\x80\x8c\xd8\xa8\xe2\x80\x8c.. ١٫";
    size_t len = strlen(text), cut;
    int ok = 1;
    for (cut = 0; cut <= len; cut++) {
        char *t = nk_test_dup(text, cut);
        nk_tokvec tv;
        size_t k;
        nk_tokvec_init(&tv, NULL);
        if (nk_tokens(t, cut, &tv) != NK_OK)
            ok = 0;
        for (k = 0; k < tv.n; k++) {
            nk_piece pc[NK_MAX_PIECES];
            if (tv.v[k].span.start >= tv.v[k].span.end || tv.v[k].span.end > cut ||
                (k && tv.v[k].span.start < tv.v[k - 1].span.end) || t[tv.v[k].span.start] == ' ')
                ok = 0;
            if (nk_clitics(t, tv.v[k].span, pc) == 0)
                ok = 0;
        }
        nk_tokvec_free(&tv);
        free(t);
    }
    CHECK(ok, "every prefix of hostile input gives sane tokens", "bad token");
}

int main(void)
{
    test_tokens();
    test_clitics();
    test_robust();
    return NK_TEST_DONE();
}
