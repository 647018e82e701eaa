/*
** test_wrap.c
** The layout pass: hard-wrapped paragraphs are running text (their soft line
** ends are spaces), while headlines, captions, lists and paragraph ends keep
** their line breaks; NK_SPLIT_KEEP_LINES and NK_SPLIT_JOIN_LINES override.
** Also: a dotted abbreviation in mid-sentence is no sentence end. Spans stay
** in the original bytes (the line ends are inside the spans).
*/
#include <string.h>

#include "nk_split.h"
#include "nk_test.h"

/* Sentences of text as "a | b | c", every line end inside a sentence shown as '/'. */
static void joined(const char *text, unsigned flags, char *out, size_t cap)
{
    nk_spanvec sv;
    nk_split_opts o = {flags, NULL};
    size_t i, n = 0, k;
    nk_spanvec_init(&sv, NULL);
    out[0] = 0;
    if (nk_sentences(text, strlen(text), &o, &sv) != NK_OK)
        return;
    for (i = 0; i < sv.n && n + 8 < cap; i++) {
        if (i > 0) {
            memcpy(out + n, " | ", 3);
            n += 3;
        }
        for (k = sv.v[i].start; k < sv.v[i].end && n + 4 < cap; k++)
            out[n++] = text[k] == '\n' ? '/' : text[k];
        out[n] = 0;
    }
    nk_spanvec_free(&sv);
}

/* A wrapped news paragraph (lines of 50-60 code points) after a headline. */
static const char *const WRAPPED = "محادثات بوتين والأسد\n"
                                   "قال الرئيس السوري بشار الأسد في مؤتمر صحفي عقده في دمشق إن\n"
                                   "المحادثات مع الجانب الروسي كانت مفيدة جدا وإن الحل السياسي\n"
                                   "هو الطريق الوحيد. وأضاف أن بلاده مستعدة للحوار مع جميع\n"
                                   "الأطراف دون شروط مسبقة من أي جهة كانت في الداخل أو الخارج.\n"
                                   "صورة من الأرشيف\n";

static void test_wrapped(void)
{
    char got[4096];
    joined(WRAPPED, 0, got, sizeof got);
    CHECK(strcmp(got, "محادثات بوتين والأسد | "
                      "قال الرئيس السوري بشار الأسد في مؤتمر صحفي عقده في دمشق إن/"
                      "المحادثات مع الجانب الروسي كانت مفيدة جدا وإن الحل السياسي/"
                      "هو الطريق الوحيد. | وأضاف أن بلاده مستعدة للحوار مع جميع/"
                      "الأطراف دون شروط مسبقة من أي جهة كانت في الداخل أو الخارج. | "
                      "صورة من الأرشيف") == 0,
          "hard-wrapped paragraph: soft line ends, headline and caption kept", "got [%s]", got);
    joined(WRAPPED, NK_SPLIT_KEEP_LINES, got, sizeof got);
    CHECK(strcmp(got, "محادثات بوتين والأسد | "
                      "قال الرئيس السوري بشار الأسد في مؤتمر صحفي عقده في دمشق إن | "
                      "المحادثات مع الجانب الروسي كانت مفيدة جدا وإن الحل السياسي | "
                      "هو الطريق الوحيد. | وأضاف أن بلاده مستعدة للحوار مع جميع | "
                      "الأطراف دون شروط مسبقة من أي جهة كانت في الداخل أو الخارج. | "
                      "صورة من الأرشيف") == 0,
          "NK_SPLIT_KEEP_LINES: every line end ends a sentence", "got [%s]", got);
    joined(WRAPPED, NK_SPLIT_JOIN_LINES, got, sizeof got);
    CHECK(strncmp(got, "محادثات بوتين والأسد/قال", strlen("محادثات بوتين والأسد/قال")) == 0,
          "NK_SPLIT_JOIN_LINES: the headline runs on too", "got [%s]", got);
}

static void test_lists_and_long_lines(void)
{
    char got[4096];
    /* a list keeps its lines, a wrapped item runs on; a line ending in ':' ends */
    joined("وجاءت قواعد المشاركة في المسابقة وموعد تسليم الرسومات كالآتي:\n"
           "- ترسل الرسومات الى سكرتارية المعهد في عمان قبل يوم 23 ايار من\n"
           "العام المقبل على أبعد تقدير.\n"
           "- اختيار الرسومات الفائزة تتولاه لجنة من الأعضاء\n",
           0, got, sizeof got);
    CHECK(strcmp(got, "وجاءت قواعد المشاركة في المسابقة وموعد تسليم الرسومات كالآتي: | "
                      "- ترسل الرسومات الى سكرتارية المعهد في عمان قبل يوم 23 ايار من/"
                      "العام المقبل على أبعد تقدير. | "
                      "- اختيار الرسومات الفائزة تتولاه لجنة من الأعضاء") == 0,
          "list items keep their lines; a wrapped item runs on", "got [%s]", got);
    joined("1. تعزيز التهدئة في جميع المناطق السورية وفق الاتفاق الموقع بين الأطراف\n"
           "2. إطلاق سراح المعتقلين من الجانبين في أقرب وقت ممكن بعد الاتفاق\n",
           0, got, sizeof got);
    CHECK(strstr(got, " | 2. ") != NULL, "a numbered list item starts a sentence", "got [%s]", got);
    /* one paragraph per line, lines longer than any wrap width: every line end ends */
    {
        char text[2048];
        size_t n = 0;
        int k;
        for (k = 0; k < 2; k++) {
            const char *line = "وقالت وزارة الخارجية الروسية في بيان نشرته على موقعها إن الوزير "
                               "سيرغي لافروف بحث مع نظيره التركي الوضع في سوريا والعراق وليبيا "
                               "وملفات أخرى تهم البلدين وتطرق الحديث إلى التعاون الاقتصادي";
            memcpy(text + n, line, strlen(line));
            n += strlen(line);
            text[n++] = '\n';
        }
        text[n] = 0;
        joined(text, 0, got, sizeof got);
        CHECK(strstr(got, " | ") != NULL && strchr(got, '/') == NULL,
              "long unwrapped lines (one paragraph per line) keep their line ends", "got [%s]",
              got);
    }
}

static void test_ellipsis_end(void)
{
    char got[4096];
    /* a wrapped paragraph that ends with an ellipsis (no full stop anywhere) */
    joined("حفلت المقابلة الصحفية المستفيضة التي اجرتها صحيفة الحياة اللندنية مع\n"
           "الملك بكثير من الاشارات والدلالات والمعاني العميقة والتي تؤكد في مجمل\n"
           "ابعادها على ثوابت المواقف الوطنية والقومية..\n",
           0, got, sizeof got);
    CHECK(strchr(got, '|') == NULL, "a wrapped paragraph ending with an ellipsis is one sentence",
          "got [%s]", got);
    /* a list of truncated headlines ending with "..." stays one line each */
    joined("محققون: منفذو هجوم موسكو تلقوا مبالغ مالية كبيرة من أوكرانيا حسب التحقيق\n"
           "لجنة تحقيق روسية: منفذو هجوم موسكو كانت لهم صلات مع القوميين ...\n"
           "البيت الأبيض: الروس ينشرون دعاية سخيفة حول هجوم موسكو الأخير\n",
           0, got, sizeof got);
    CHECK(strchr(got, '/') == NULL, "a list of headlines keeps its lines", "got [%s]", got);
}

static void test_soft_api(void)
{
    nk_wrapblock b = {0, 0, 0, 0, 0};
    const char *nl1 = strchr(WRAPPED, '\n'), *nl2 = strchr(nl1 + 1, '\n');
    size_t len = strlen(WRAPPED);
    CHECK(!nk_line_end_soft(WRAPPED, len, (size_t)(nl1 - WRAPPED), &b), "headline end is hard",
          "soft");
    CHECK(nk_line_end_soft(WRAPPED, len, (size_t)(nl2 - WRAPPED), &b), "wrapped line end is soft",
          "hard");
    CHECK(nk_line_end_soft(WRAPPED, len, (size_t)(nl2 - WRAPPED), NULL), "the same without a cache",
          "hard");
    CHECK(!nk_line_end_soft(WRAPPED, len, 3, &b), "not a line end: 0", "soft");
    CHECK(!nk_line_end_soft(NULL, 0, 0, NULL), "NULL text: 0", "soft");
}

static void test_dotted_abbreviations(void)
{
    char got[1024];
    joined("The U.S. Army said the talks went well. Both sides left.", 0, got, sizeof got);
    CHECK(strcmp(got, "The U.S. Army said the talks went well. | Both sides left.") == 0,
          "U.S. before a capital letter goes on", "got [%s]", got);
    joined("وقالت الشركة ع.م. المصرية إنها ستوسع أعمالها.", 0, got, sizeof got);
    CHECK(strcmp(got, "وقالت الشركة ع.م. المصرية إنها ستوسع أعمالها.") == 0,
          "a dotted Arabic abbreviation in mid-sentence goes on", "got [%s]", got);
    joined("ولد عام 49 ق.م. وتوفي شابا.", 0, got, sizeof got);
    CHECK(strcmp(got, "ولد عام 49 ق.م. | وتوفي شابا.") == 0,
          "an era after a number may still end the sentence", "got [%s]", got);
}

int main(void)
{
    test_wrapped();
    test_lists_and_long_lines();
    test_ellipsis_end();
    test_soft_api();
    test_dotted_abbreviations();
    return NK_TEST_DONE();
}
