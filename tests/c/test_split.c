/*
** test_split.c
** One case per splitting rule, with real-looking news sentences. Expected
** sentences are joined with " | " (no input contains '|').
*/
#include "nk_split.h"
#include "nk_test.h"

typedef struct {
    const char *title;
    const char *text;
    const char *want; /* sentences joined by " | " */
    unsigned flags;
} split_case;

static const split_case cases[] = {
    /* terminators */
    {"period ends a sentence", "وصل الرئيس إلى موسكو. وعقد اجتماعا مع بوتين.",
     "وصل الرئيس إلى موسكو. | وعقد اجتماعا مع بوتين.", 0},
    {"Arabic question mark", "هل تنجح المفاوضات؟ يقول المراقبون إن الأمر صعب.",
     "هل تنجح المفاوضات؟ | يقول المراقبون إن الأمر صعب.", 0},
    {"exclamation and ?! runs", "يا له من يوم!! ماذا حدث؟! لا أحد يعرف.",
     "يا له من يوم!! | ماذا حدث؟! | لا أحد يعرف.", 0},
    {"Urdu full stop", "یہ پہلا جملہ ہے۔ یہ دوسرا ہے۔", "یہ پہلا جملہ ہے۔ | یہ دوسرا ہے۔", 0},
    {"Latin text", "The talks ended. Both sides left? Yes!",
     "The talks ended. | Both sides left? | Yes!", 0},
    {"end of text without terminator", "قال المتحدث إن الاجتماع انتهى",
     "قال المتحدث إن الاجتماع انتهى", 0},
    /* never on the Arabic comma or semicolon */
    {"never on the Arabic comma", "التقى بوتين، مساء الاثنين، نظيره السوري.",
     "التقى بوتين، مساء الاثنين، نظيره السوري.", 0},
    {"never on the Arabic semicolon by default", "ارتفعت الأسعار؛ وتراجع الطلب.",
     "ارتفعت الأسعار؛ وتراجع الطلب.", 0},
    {"semicolon switch", "ارتفعت الأسعار؛ وتراجع الطلب; ثم استقر.",
     "ارتفعت الأسعار؛ | وتراجع الطلب; | ثم استقر.", NK_SPLIT_SEMICOLON},
    {"colon never ends a sentence", "وقال بيسكوف: المسائل تخص محاربة الإرهاب.",
     "وقال بيسكوف: المسائل تخص محاربة الإرهاب.", 0},
    /* numbers, addresses */
    {"Arabic decimal separator", "بلغ النمو ٣٫٥ في المئة. وتراجع التضخم.",
     "بلغ النمو ٣٫٥ في المئة. | وتراجع التضخم.", 0},
    {"decimal with a period", "بلغت تكلفة المحطة 103.7 مليون دولار. وافتتحت عام 2004.",
     "بلغت تكلفة المحطة 103.7 مليون دولار. | وافتتحت عام 2004.", 0},
    {"time 10.30", "يبدأ الاجتماع الساعة 10.30 صباحا. وينتهي ظهرا.",
     "يبدأ الاجتماع الساعة 10.30 صباحا. | وينتهي ظهرا.", 0},
    {"date 21.11.2017", "وقعت الحادثة يوم 21.11.2017 في سوتشي.",
     "وقعت الحادثة يوم 21.11.2017 في سوتشي.", 0},
    {"number at the end of a sentence", "الحد الأقصى هو 5000. في أوائل الشهر تغير ذلك.",
     "الحد الأقصى هو 5000. | في أوائل الشهر تغير ذلك.", 0},
    {"URL inside and at the end", "راجع الموقع www.alwasat.ly/news للتفاصيل. أو زر http://x.org.",
     "راجع الموقع www.alwasat.ly/news للتفاصيل. | أو زر http://x.org.", 0},
    {"e-mail address", "راسلوا info@naskh.example.org لمزيد من المعلومات. شكرا.",
     "راسلوا info@naskh.example.org لمزيد من المعلومات. | شكرا.", 0},
    /* abbreviations and initials */
    {"title د.", "قال د. محمد العريان إن الاقتصاد يتعافى.",
     "قال د. محمد العريان إن الاقتصاد يتعافى.", 0},
    {"title أ.د.", "حاضر أ.د. أحمد زويل في الجامعة. وحضر الطلاب.",
     "حاضر أ.د. أحمد زويل في الجامعة. | وحضر الطلاب.", 0},
    {"spaced أ. د.", "ترأس الجلسة أ. د. سعاد الصباح.", "ترأس الجلسة أ. د. سعاد الصباح.", 0},
    {"title م. (engineer)", "أشرف م. خالد على المشروع.", "أشرف م. خالد على المشروع.", 0},
    {"ص.ب. before a number", "العنوان ص.ب. 1234 الرياض.", "العنوان ص.ب. 1234 الرياض.", 0},
    {"era ق.م inside a sentence", "وبين عامي 512 و511 ق.م, أقر الملك القانون.",
     "وبين عامي 512 و511 ق.م, أقر الملك القانون.", 0},
    {"era after a year ends a sentence", "ولد الشاعر عام 1950 م. وتوفي بعد ذلك.",
     "ولد الشاعر عام 1950 م. | وتوفي بعد ذلك.", 0},
    {"هـ after a year ends a sentence", "توفي سنة 456 هـ. ودفن في قرطبة.",
     "توفي سنة 456 هـ. | ودفن في قرطبة.", 0},
    {"إلخ. ends a sentence", "اشترى الخبز والحليب إلخ. ثم عاد إلى البيت.",
     "اشترى الخبز والحليب إلخ. | ثم عاد إلى البيت.", 0},
    {"Arabic initial", "وصل ج. دبليو بوش إلى بغداد.", "وصل ج. دبليو بوش إلى بغداد.", 0},
    {"Latin initials and Mr.", "Mr. J. K. Rowling met Dr. Smith. They talked.",
     "Mr. J. K. Rowling met Dr. Smith. | They talked.", 0},
    {"Latin letter before an Arabic sentence", "يحتوي البرتقال على فيتامين C. وينصح به الأطباء.",
     "يحتوي البرتقال على فيتامين C. | وينصح به الأطباء.", 0},
    {"lower-case word after a period", "It costs approx. five dollars.",
     "It costs approx. five dollars.", 0},
    {"comma after a period", "في عام 49 ق.م.، قرأ مارك أنطونيو البيان.",
     "في عام 49 ق.م.، قرأ مارك أنطونيو البيان.", 0},
    {"list number at the start of a line", "1. تعزيز التهدئة\n2. الحل السياسي",
     "1. تعزيز التهدئة | 2. الحل السياسي", 0},
    /* quotes and brackets */
    {"closing » stays", "وقال إن «الاحتفاظ بدور لها مسألة مهمة». وأضاف أن اللقاء مفيد.",
     "وقال إن «الاحتفاظ بدور لها مسألة مهمة». | وأضاف أن اللقاء مفيد.", 0},
    {"period then closing quote", "وقال: \"نحن مستعدون للمساهمة.\" ثم غادر.",
     "وقال: \"نحن مستعدون للمساهمة.\" | ثم غادر.", 0},
    {"period then » then ) all stay", "(قال: «انتهى الأمر.») وغادر القاعة. ثم عاد.",
     "(قال: «انتهى الأمر.») | وغادر القاعة. | ثم عاد.", 0},
    {"question inside guillemets", "سأل الصحفي: «هل ستترشح؟» فأجاب بالنفي.",
     "سأل الصحفي: «هل ستترشح؟» | فأجاب بالنفي.", 0},
    {"typographic quotes ”.", "وتابع بالقول: “أعتقد أن هذا مهم”. وانتهى اللقاء.",
     "وتابع بالقول: “أعتقد أن هذا مهم”. | وانتهى اللقاء.", 0},
    /* ellipses */
    {"omission (...) does not split",
     "نحن مهتمون بدفع العملية السياسية قدمًا (...) لا نريد أن ننظر إلى الوراء.",
     "نحن مهتمون بدفع العملية السياسية قدمًا (...) لا نريد أن ننظر إلى الوراء.", 0},
    {"spaced ellipsis as a stop", "وجهت البشرية منذ مطلع الحضارة ... لقد كان الهرم لغزا.",
     "وجهت البشرية منذ مطلع الحضارة ... | لقد كان الهرم لغزا.", 0},
    {"spaced ellipsis before a connective", "ارتفعت الأسعار .. بينما تراجع الطلب.",
     "ارتفعت الأسعار .. بينما تراجع الطلب.", 0},
    {"ellipsis after an opening quote", "قال: «... سنرى» ثم غادر.", "قال: «... سنرى» ثم غادر.", 0},
    {"ellipsis ends a sentence", "لا أدري لم اخترتها... بعد سنتين عاد إلى المحكمة.",
     "لا أدري لم اخترتها... | بعد سنتين عاد إلى المحكمة.", 0},
    {"ellipsis character", "وانتظر طويلا… ثم رحل.", "وانتظر طويلا… | ثم رحل.", 0},
    {"ellipsis before a connective",
     "يتوجه الناس إلى الائتمان... فيما قد يكون من الممكن السيطرة عليه.",
     "يتوجه الناس إلى الائتمان... فيما قد يكون من الممكن السيطرة عليه.", 0},
    {"two dots before وغيرها", "تخص محاربة الإرهاب.. وغيرها من العلاقات.",
     "تخص محاربة الإرهاب.. وغيرها من العلاقات.", 0},
    /* lines and paragraphs */
    {"headline without punctuation", "لقاء بوتين والأسد\nوقال الكرملين إن اللقاء مفيد.",
     "لقاء بوتين والأسد | وقال الكرملين إن اللقاء مفيد.", 0},
    {"caption and credit lines",
     "اجتماع بوتين والأسد حضره قادة عسكريون كبار\nAFP/Getty Images\n\nوتحاول روسيا تحقيق توافق.",
     "اجتماع بوتين والأسد حضره قادة عسكريون كبار | AFP/Getty Images | وتحاول روسيا تحقيق توافق.",
     0},
    {"dateline", "القاهرة - بوابة الوسط الثلاثاء 21 نوفمبر 2017, 10:43 صباحا\nالتقى الرئيسان.",
     "القاهرة - بوابة الوسط الثلاثاء 21 نوفمبر 2017, 10:43 صباحا | التقى الرئيسان.", 0},
    {"CRLF line ends", "عنوان الخبر\r\nنص الخبر.\r\n", "عنوان الخبر | نص الخبر.", 0},
    {"joined lines", "قال الرئيس إن\nالمحادثات مفيدة.\n\nعنوان آخر",
     "قال الرئيس إن\nالمحادثات مفيدة. | عنوان آخر", NK_SPLIT_JOIN_LINES},
    {"line separator U+2028", "سطر أول\xe2\x80\xa8سطر ثان", "سطر أول | سطر ثان", 0},
    /* missing spaces, white space */
    {"missing space between Arabic words", "وصل الرئيس إلى موسكو.وعقد اجتماعا.",
     "وصل الرئيس إلى موسكو. | وعقد اجتماعا.", 0},
    {"period on the wrong side of the space", "سلم الكأس للكابتن الفائز .الأوروجواي فاز بها.",
     "سلم الكأس للكابتن الفائز . | الأوروجواي فاز بها.", 0},
    {"no split in د.محمد", "قال د.محمد إن النتائج جيدة.", "قال د.محمد إن النتائج جيدة.", 0},
    {"trimmed, NBSP too", "  \xc2\xa0 جملة أولى.   جملة ثانية. \xc2\xa0\n",
     "جملة أولى. | جملة ثانية.", 0},
    {"blank input", " \n\t\n ", "", 0},
    {"empty input", "", "", 0},
};

/* Join the sentences of text as "a | b | c" into out. */
static void joined(const char *text, size_t len, const nk_split_opts *o, char *out, size_t cap,
                   int *well_formed)
{
    nk_spanvec sv;
    size_t i, n = 0;
    nk_spanvec_init(&sv, NULL);
    out[0] = 0;
    *well_formed = nk_sentences(text, len, o, &sv) == NK_OK;
    for (i = 0; i < sv.n; i++) {
        nk_span sp = sv.v[i];
        size_t w = sp.end - sp.start;
        if (sp.start >= sp.end || sp.end > len || (i > 0 && sp.start < sv.v[i - 1].end))
            *well_formed = 0;
        if (n + w + 4 >= cap)
            break;
        if (i > 0) {
            memcpy(out + n, " | ", 3);
            n += 3;
        }
        memcpy(out + n, text + sp.start, w);
        n += w;
        out[n] = 0;
    }
    nk_spanvec_free(&sv);
}

static void test_cases(void)
{
    size_t i;
    char got[4096];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].text);
        char *t = nk_test_dup(cases[i].text, len);
        nk_split_opts o = {cases[i].flags, NULL};
        int ok;
        joined(t, len, &o, got, sizeof got, &ok);
        CHECK(ok && strcmp(got, cases[i].want) == 0, cases[i].title, "got [%s] want [%s]", got,
              cases[i].want);
        free(t);
    }
}

static void test_abbrevs(void)
{
    size_t i, n = nk_abbrevs_builtin_count();
    int sorted = 1, kind;
    const char *text = "Brig. Gen. Smith arrived. He spoke.";
    char got[512];
    int ok;
    nk_abbrevs *ab;
    nk_split_opts o = {0, NULL};
    for (i = 1; i < n; i++) {
        const char *a = nk_abbrevs_builtin(i - 1, NULL), *b = nk_abbrevs_builtin(i, NULL);
        size_t la = strlen(a), lb = strlen(b);
        int c = memcmp(a, b, la < lb ? la : lb);
        if (c > 0 || (c == 0 && la >= lb))
            sorted = 0;
    }
    CHECK(n > 40 && sorted, "built-in abbreviations sorted by bytes", "n=%zu", n);
    CHECK(nk_abbrevs_find(NULL, "ص.ب", strlen("ص.ب")) == NK_ABBR_TITLE, "built-in ص.ب is a title",
          "kind");
    CHECK(nk_abbrevs_find(NULL, "إلخ", strlen("إلخ")) == NK_ABBR_FINAL, "built-in إلخ is final",
          "kind");
    CHECK(nk_abbrevs_builtin(n, &kind) == NULL, "builtin out of range is NULL", "not NULL");

    joined(text, strlen(text), &o, got, sizeof got, &ok);
    CHECK(strcmp(got, "Brig. | Gen. Smith arrived. | He spoke.") == 0,
          "unknown abbreviation splits", "got [%s]", got);
    ab = nk_abbrevs_new(NULL);
    CHECK(ab != NULL, "nk_abbrevs_new", "NULL");
    CHECK(nk_abbrevs_add(ab, "Brig.", 5, NK_ABBR_TITLE) == NK_OK, "add Brig.", "status");
    CHECK(nk_abbrevs_add(ab, "", 0, NK_ABBR_TITLE) == NK_EINVAL, "add empty word fails", "status");
    CHECK(nk_abbrevs_add(ab, "a b", 3, NK_ABBR_TITLE) == NK_EINVAL, "add word with space fails",
          "status");
    CHECK(nk_abbrevs_add(ab, "x", 1, 7) == NK_EINVAL, "add with a bad kind fails", "status");
    CHECK(nk_abbrevs_add(ab, "إلخ", strlen("إلخ"), NK_ABBR_TITLE) == NK_OK, "override built-in",
          "status");
    CHECK(nk_abbrevs_find(ab, "إلخ", strlen("إلخ")) == NK_ABBR_TITLE, "override wins", "kind");
    for (i = 0; i < 100; i++) { /* grow the table */
        char w[16];
        int m = snprintf(w, sizeof w, "zz%zu", i);
        nk_abbrevs_add(ab, w, (size_t)m, NK_ABBR_FINAL);
    }
    CHECK(nk_abbrevs_find(ab, "zz57", 4) == NK_ABBR_FINAL && nk_abbrevs_find(ab, "Brig", 4),
          "lookup after growth", "missing");
    o.abbrevs = ab;
    joined(text, strlen(text), &o, got, sizeof got, &ok);
    CHECK(strcmp(got, "Brig. Gen. Smith arrived. | He spoke.") == 0,
          "an added abbreviation keeps the sentence", "got [%s]", got);
    nk_abbrevs_free(ab);
    nk_abbrevs_free(NULL);
}

static void test_paragraphs(void)
{
    const char *text = "عنوان\n\nالفقرة الأولى.\nسطرها الثاني.\n  \t\n\n الفقرة الثانية. \n";
    size_t len = strlen(text);
    char *t = nk_test_dup(text, len);
    nk_spanvec sv;
    nk_spanvec_init(&sv, NULL);
    CHECK(nk_paragraphs(t, len, 0, &sv) == NK_OK && sv.n == 3, "three paragraphs", "n=%zu", sv.n);
    if (sv.n == 3) {
        CHECK(sv.v[1].end - sv.v[1].start == strlen("الفقرة الأولى.\nسطرها الثاني.") &&
                  memcmp(t + sv.v[1].start, "الفقرة", strlen("الفقرة")) == 0,
              "paragraph keeps its inner line end", "span %zu-%zu", sv.v[1].start, sv.v[1].end);
        CHECK(t[sv.v[2].end - 1] == '.' && t[sv.v[2].start] != ' ', "paragraph trimmed",
              "span %zu-%zu", sv.v[2].start, sv.v[2].end);
    }
    sv.n = 0;
    CHECK(nk_paragraphs(t, len, NK_SPLIT_LINE_PARAGRAPHS, &sv) == NK_OK && sv.n == 4,
          "line paragraphs", "n=%zu", sv.n);
    sv.n = 0;
    CHECK(nk_paragraphs("a\xe2\x80\xa9"
                        "b",
                        5, 0, &sv) == NK_OK &&
              sv.n == 2,
          "U+2029 separates paragraphs", "n=%zu", sv.n);
    sv.n = 0;
    CHECK(nk_paragraphs("", 0, 0, &sv) == NK_OK && sv.n == 0, "no paragraph in empty text", "n=%zu",
          sv.n);
    nk_spanvec_free(&sv);
    nk_spanvec_free(NULL);
    free(t);
}

/* Every prefix of a mixed text, and bytes that are not UTF-8: spans stay sane. */
static void test_robust(void)
{
    const char *text = "«قال د. أحمد: “نعم…”». 3.5\xd8؟\xe2\x80 ...\n\nهـ. ق.م.\xff.\x80 وقال؟»)";
    size_t len = strlen(text), cut;
    int ok = 1;
    for (cut = 0; cut <= len; cut++) {
        char *t = nk_test_dup(text, cut);
        nk_spanvec sv;
        size_t i;
        nk_spanvec_init(&sv, NULL);
        if (nk_sentences(t, cut, NULL, &sv) != NK_OK)
            ok = 0;
        for (i = 0; i < sv.n; i++)
            if (sv.v[i].start >= sv.v[i].end || sv.v[i].end > cut ||
                (i > 0 && sv.v[i].start < sv.v[i - 1].end))
                ok = 0;
        sv.n = 0;
        if (nk_paragraphs(t, cut, 0, &sv) != NK_OK)
            ok = 0;
        for (i = 0; i < sv.n; i++)
            if (sv.v[i].start >= sv.v[i].end || sv.v[i].end > cut)
                ok = 0;
        nk_spanvec_free(&sv);
        free(t);
    }
    CHECK(ok, "every prefix of a hostile text gives ordered, non-empty spans", "bad span");
}

/* The incremental API gives the same spans as the array API. */
static void test_iterator(void)
{
    const char *text = "أولا. ثانيا؟ ثالثا!\nرابعا";
    nk_splitter sp;
    nk_span s;
    size_t n = 0;
    nk_splitter_init(&sp, text, strlen(text), NULL);
    while (nk_splitter_next(&sp, &s))
        n++;
    CHECK(n == 4 && !nk_splitter_next(&sp, &s), "iterator yields four sentences then stops",
          "n=%zu", n);
}

int main(void)
{
    test_cases();
    test_abbrevs();
    test_paragraphs();
    test_robust();
    test_iterator();
    return NK_TEST_DONE();
}
