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

/*
** Long text goes through the SIMD block path; tokens never cross ASCII white
** space, so tokenizing each space-separated piece alone (short: the scalar
** path) must give the same tokens. Every start offset 0..80 shifts the words
** across the 64-byte blocks.
*/
static void test_long(void)
{
    static const char *const words[] = {
        "\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3",         /* الرئيس */
        "\xd8\xa8\xd9\x88\xd8\xaa\xd9\x8a\xd9\x86\xd8\x8c",         /* بوتين، */
        "\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x91\xd8\xaf", /* مُحَمَّد */
        "2017\xd9\x85",
        "\xd9\xa3\xd9\xab\xd9\xa5",
        "x\xd8\xa7y",
        "\xd8\xa7\x80\xd8\xa7",
        "\xd8",
        "\xda\xa9\xe2\x80\x8c\xd8\xa7\xe2\x80\x8c",
        "\xdb\x94\xd8\xa7\xdb\xb0",
        "\xd8\x9f\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf\xd8\x9f",
        "www.x.org",
        "\xef\xbb\xbf",
        "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf"
        "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf",
        "...", /* 32 and 40 letters then a stray continuation byte (block ends) */
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\x80",
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"
        "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7\x80\xd8\xa7",
        "\xd9\x84\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3.",
    };
    char text[8192];
    size_t shift, nw = sizeof words / sizeof words[0];
    int ok = 1;
    for (shift = 0; shift <= 80; shift++) {
        size_t len = 0, k, i;
        char *t;
        nk_tokvec whole, part;
        memset(text, ' ', shift);
        len = shift;
        for (k = 0; len + 80 < sizeof text && k < 3 * nw; k++) {
            const char *w = words[(k * 7 + shift) % nw];
            memcpy(text + len, w, strlen(w));
            len += strlen(w);
            text[len++] = k % 5 ? ' ' : '\n';
        }
        t = nk_test_dup(text, len);
        nk_tokvec_init(&whole, NULL);
        nk_tokvec_init(&part, NULL);
        nk_tokens(t, len, &whole);
        for (i = 0; i < len;) { /* each space-separated piece alone */
            size_t e = i, m;
            while (e < len && t[e] != ' ' && t[e] != '\n')
                e++;
            m = part.n;
            if (e > i) {
                nk_tokens(t + i, e - i, &part);
                for (; m < part.n; m++) {
                    part.v[m].span.start += i;
                    part.v[m].span.end += i;
                }
            }
            i = e + 1;
        }
        if (whole.n != part.n)
            ok = 0;
        for (k = 0; ok && k < whole.n; k++)
            if (whole.v[k].span.start != part.v[k].span.start ||
                whole.v[k].span.end != part.v[k].span.end || whole.v[k].cls != part.v[k].cls)
                ok = 0;
        nk_tokvec_free(&whole);
        nk_tokvec_free(&part);
        free(t);
    }
    CHECK(ok, "long text (SIMD path) tokenizes like its pieces alone", "differs");
}

int main(void)
{
    test_tokens();
    test_long();
    test_clitics();
    test_robust();
    return NK_TEST_DONE();
}
