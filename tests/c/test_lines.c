/*
** test_lines.c
** Logical lines (nk_linesplitter, nk_logical_lines): the runs of lines joined
** through soft line ends, the one hard-wrap decision that the sentence
** splitter and the line readers (the quotes stage) share. A wrapped
** paragraph is one logical line, a headline and a caption are their own;
** NK_SPLIT_JOIN_LINES joins every single line end, NK_SPLIT_KEEP_LINES none.
*/
#include <string.h>

#include "nk_split.h"
#include "nk_test.h"

/* The logical lines of text as "a | b", line ends inside one shown as '/'. */
static void lines_of(const char *text, unsigned flags, char *out, size_t cap)
{
    nk_spanvec sv;
    size_t i, n = 0, k;
    nk_spanvec_init(&sv, NULL);
    out[0] = 0;
    if (nk_logical_lines(text, strlen(text), flags, &sv) != NK_OK)
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

/* A headline, a wrapped paragraph whose lines end with periods too, a caption. */
static const char *const TEXT =
    "اجتماع وزراء الخارجية\n"
    "\n"
    "قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم\n"
    "الحل السلمي. وأضاف: \"سنواصل العمل مع الشركاء حتى نهاية العام.\n"
    "ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة\".\n"
    "صورة من الأرشيف\n";

static void test_modes(void)
{
    char got[4096];
    lines_of(TEXT, 0, got, sizeof got);
    CHECK(strcmp(got, "اجتماع وزراء الخارجية | "
                      "قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم/"
                      "الحل السلمي. وأضاف: \"سنواصل العمل مع الشركاء حتى نهاية العام./"
                      "ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة\". | "
                      "صورة من الأرشيف") == 0,
          "auto: the wrapped paragraph is one logical line (across a line that ends with a "
          "period), the headline and the caption their own",
          "got [%s]", got);
    lines_of(TEXT, NK_SPLIT_KEEP_LINES, got, sizeof got);
    CHECK(strcmp(got, "اجتماع وزراء الخارجية | "
                      "قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم | "
                      "الحل السلمي. وأضاف: \"سنواصل العمل مع الشركاء حتى نهاية العام. | "
                      "ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة\". | "
                      "صورة من الأرشيف") == 0,
          "KEEP_LINES: every line its own", "got [%s]", got);
    lines_of(TEXT, NK_SPLIT_JOIN_LINES, got, sizeof got);
    CHECK(strcmp(got, "اجتماع وزراء الخارجية | "
                      "قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم/"
                      "الحل السلمي. وأضاف: \"سنواصل العمل مع الشركاء حتى نهاية العام./"
                      "ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة\"./"
                      "صورة من الأرشيف") == 0,
          "JOIN_LINES: every single line end joins, a blank line still separates", "got [%s]", got);
}

/* The splitter and the logical lines agree: with the same flags, no sentence
 * crosses a logical line's end, and every line end inside a sentence is inside
 * a logical line. */
static void test_agrees_with_splitter(void)
{
    static const unsigned flags[] = {0, NK_SPLIT_KEEP_LINES, NK_SPLIT_JOIN_LINES};
    size_t f, i, j, len = strlen(TEXT);
    for (f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        nk_spanvec ss, ll;
        nk_split_opts o = {flags[f], NULL};
        int ok = 1;
        nk_spanvec_init(&ss, NULL);
        nk_spanvec_init(&ll, NULL);
        CHECK(nk_sentences(TEXT, len, &o, &ss) == NK_OK, "sentences", "flags %u", flags[f]);
        CHECK(nk_logical_lines(TEXT, len, flags[f], &ll) == NK_OK, "logical lines", "flags %u",
              flags[f]);
        for (i = 0; i < ss.n; i++) {
            int inside = 0;
            for (j = 0; j < ll.n; j++)
                if (ss.v[i].start >= ll.v[j].start && ss.v[i].end <= ll.v[j].end)
                    inside = 1;
            if (!inside)
                ok = 0;
        }
        CHECK(ok, "every sentence lies inside one logical line", "flags %u", flags[f]);
        nk_spanvec_free(&ss);
        nk_spanvec_free(&ll);
    }
}

static void test_edges(void)
{
    char got[256];
    nk_linesplitter ls;
    nk_span sp;
    lines_of("", 0, got, sizeof got);
    CHECK(strcmp(got, "") == 0, "empty text: no line", "got [%s]", got);
    lines_of(" \n\n\t\n", 0, got, sizeof got);
    CHECK(strcmp(got, "") == 0, "blank lines: no line", "got [%s]", got);
    lines_of("  one  \r\n two\rthree", NK_SPLIT_KEEP_LINES, got, sizeof got);
    CHECK(strcmp(got, "one | two | three") == 0, "CR LF and lone CR end lines; spans trimmed",
          "got [%s]", got);
    nk_linesplitter_init(&ls, NULL, 0, 0);
    CHECK(nk_linesplitter_next(&ls, &sp) == 0, "NULL text: no line", "%s", "");
}

int main(void)
{
    test_modes();
    test_agrees_with_splitter();
    test_edges();
    return NK_TEST_DONE();
}
